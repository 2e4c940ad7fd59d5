import Foundation

/// File-name completion for `.export` and `.answers`: entries of the directory typed so far,
/// directories with a trailing `/` so Tab can go on into them.
struct PathCompleter {
    /// The entries of a directory (directories ending in "/"), nil when it cannot be read.
    var list: (String) -> [String]?

    func complete(_ typed: String) -> Completion {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        guard let entries = list(directory.isEmpty ? "." : FileOutput.expand(directory)) else { return .none }
        let visible = entries.filter { prefix.hasPrefix(".") || !$0.hasPrefix(".") }
        let matches = visible.filter { $0.hasPrefix(prefix) }.sorted().map { directory + $0 }
        return Completion(replacing: typed, candidates: matches)
    }

    static func list(_ directory: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.map { name in
            var isDirectory: ObjCBool = false
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? name + "/" : name
        }
    }
}
