import ConsultBase
import ArgumentParser
import ConsultDiagnostics
import ConsultPlaybook
import Foundation

/// The one executable: parses arguments, wires files to the pure pipeline, maps outcomes to
/// exit codes (0 success, 1 invalid input, 2 usage).
@main
struct Consult: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "consult",
        abstract: "Diagnose a live-stream e-commerce merchant with rule playbooks.",
        discussion: "直播电商商家诊断: an interview in a line-editing shell (consult alone), scripted runs, portfolio runs over platform exports, and the consultations kept in a database.",
        version: version,
        subcommands: allSubcommands,
        defaultSubcommand: defaultCommand)

    static func main() {
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(versionText())
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            FileHandle.writeError(failure.message)
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            FileHandle.writeError(fullMessage(for: error))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

extension Consult {
    /// `consult --version`: the version, and which playbooks this binary reads and from where,
    /// so a consultant (or support) knows what the plans were made with.
    static func versionText() -> String {
        var lines = ["consult \(version)"]
        do {
            let directory = URL(fileURLWithPath: try Files.playbookDirectory(nil)).standardizedFileURL.path
            let (program, _) = try Files.program(directory)
            lines.append("playbooks: \(directory)")
            lines.append("  " + program.playbooks.map { "\($0.id) v\($0.version)" }.joined(separator: ", "))
        } catch let failure as Failure {
            lines.append("playbooks: " + failure.message.replacingOccurrences(of: "error: ", with: ""))
        } catch {
            lines.append("playbooks: \(error)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A failure already explained to the user, with the exit status it stands for.
struct Failure: Error {
    var message: String
    var code: Int32 = 1

    init(message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }

    /// "错误：…" or "error: …" in the user's language (`--lang`, else the locale).
    init(_ text: Text, code: Int32 = 1) {
        let language = Environment.language
        self.init(message: (language == .zh ? "错误：" : "error: ") + text[language], code: code)
    }
}

extension Failure {
    static func unknownPlaybook(_ id: String, known: Set<String>) -> Failure {
        let hint = Text.didYouMean(Suggestion.closest(to: id, in: known)), list = known.sorted().joined(separator: ", ")
        return Failure(Text(zh: "--only：没有叫“\(id)”的手册\(hint.zh)；可填：\(list)", en: "--only: unknown playbook '\(id)'\(hint.en); accepted: \(list)"), code: 2)
    }

    /// Located answer errors, then what happened to the file as a whole.
    static func invalidAnswers(_ rendered: String, count n: Int, stored: Bool) -> Failure {
        let zh = stored ? "答案文件有 \(n) 处错误，什么都没有存" : "答案文件有 \(n) 处错误，没有生成方案"
        let en = "\(n) error\(n == 1 ? "" : "s") in the answers file; nothing was \(stored ? "stored" : "written")"
        return Failure(message: rendered + "\n" + Text(zh: zh, en: en)[Environment.language])
    }
}

/// Options every command that loads playbooks shares.
struct PlaybookOptions: ParsableArguments {
    @Option(name: .long, help: "Directory of playbook YAML files (default: the bundled playbooks).")
    var playbooks: String?

    @Option(name: .long, help: "Language of the output: zh or en (default: from LC_ALL/LANG).")
    var lang: Language?

    var language: Language { lang ?? Environment.language }
}

extension Language: ExpressibleByArgument {}

enum Environment {
    /// The user's language: `--lang` on the command line (so errors raised before or outside a
    /// command's options agree with its output), else LC_ALL / LC_MESSAGES / LANG.
    /// Then the configuration file's `language`.
    static var language: Language {
        if let given = languageArgument { return given }
        return Config.current.language ?? localeLanguage
    }

    /// For the configuration file's own errors: before it is read.
    static var languageWithoutConfig: Language { languageArgument ?? localeLanguage }

    private static var languageArgument: Language? {
        let arguments = CommandLine.arguments
        for (i, argument) in arguments.enumerated() {
            if argument == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
            if argument.hasPrefix("--lang="), let l = Language(rawValue: String(argument.dropFirst(7))) { return l }
        }
        return nil
    }

    private static var localeLanguage: Language {
        let env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[key], !value.isEmpty { return Language.from(locale: value) }
        }
        return .en
    }
}

/// Every `print` of the executable goes through the terminal sanitiser (`TerminalText`): what
/// consult prints for a person (listings, tables, messages) never carries a hostile escape.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: terminator)
}
