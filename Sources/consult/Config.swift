import ConsultDiagnostics
import ConsultPlaybook
import Foundation

/// The user's configuration file, read once per process: `CONSULT_CONFIG`, else
/// `$XDG_CONFIG_HOME/consult/config.yaml`, else `~/.config/consult/config.yaml`. No file means no
/// defaults; a file with a mistake stops every command with the mistake located, rather than work
/// silently with other defaults than the consultant set.
enum Config {
    static let current: UserConfig = load()

    static var path: String? {
        let env = ProcessInfo.processInfo.environment
        if let given = env["CONSULT_CONFIG"], !given.isEmpty { return given }
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/consult/config.yaml" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.config/consult/config.yaml" }
        return nil
    }

    private static func load() -> UserConfig {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return UserConfig() }
        let language = Environment.languageWithoutConfig
        guard let text = String(data: data, encoding: .utf8) else { fail(Files.notUTF8(path, data, language)) }
        let source = PlaybookSource(name: path, text: text)
        let (config, diagnostics) = UserConfig.parse(source, home: ProcessInfo.processInfo.environment["HOME"], language: language)
        guard let config else {
            // The language given, not `Environment.language`: that reads this file.
            fail(DiagnosticRenderer.forUser([path: text], language: language).render(diagnostics.errors) + "\n"
                 + Text(zh: "配置文件有错误（docs/config.md 说明各项）", en: "the configuration file has errors (docs/config.md describes it)")[language])
        }
        return config
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.writeError(message)
        exit(1)
    }
}
