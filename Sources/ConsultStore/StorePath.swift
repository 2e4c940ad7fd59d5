/// Where the database lives when no `--db` is given: `$XDG_DATA_HOME/consult/consult.sqlite`,
/// else `~/.local/share/consult/consult.sqlite`. Data, not state or cache: a merchant's history
/// is the consultancy's most valuable record and belongs where backups look.
public enum StorePath {
    public static let fileName = "consult.sqlite"

    /// nil when neither variable gives an absolute directory.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return trimmed(data) + "/consult/" + fileName
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return trimmed(home) + "/.local/share/consult/" + fileName
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path == "/" ? "" : path
    }
}
