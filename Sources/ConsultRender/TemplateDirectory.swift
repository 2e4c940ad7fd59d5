import Foundation

extension TemplateSet {
    /// Reads a `--template DIR`: every `*.mustache` file directly in it, named by its file name
    /// without the extension. This is the render module's only file access; it lives here so the
    /// scripted run and the shell's `.export` accept the same directories with the same errors.
    public static func load(directory: String) throws -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError.notADirectory(directory)
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        guard !names.isEmpty else { throw TemplateError.empty(directory) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let home = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path + "/"
        var overrides: [String: String] = [:]
        for name in names {
            // A partial that is a link out of the directory (to /etc/passwd) never reaches a plan.
            let real = URL(fileURLWithPath: prefix + name).resolvingSymlinksInPath().path
            guard real.hasPrefix(home) else { throw TemplateError.outside(prefix + name, real) }
            guard let data = FileManager.default.contents(atPath: prefix + name),
                  let text = String(data: data, encoding: .utf8) else {
                throw TemplateError.unreadable(prefix + name)
            }
            overrides[String(name.dropLast(".mustache".count))] = text
        }
        return try TemplateSet(overrides: overrides, directory: directory)
    }
}
