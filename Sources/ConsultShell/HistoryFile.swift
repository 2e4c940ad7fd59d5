#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the line history lives: `$XDG_STATE_HOME/consult/history`, else
/// `~/.local/state/consult/history` (the XDG base-directory rule for state that is not worth
/// backing up). The history holds merchants' figures, so the directory is 0700 and the file 0600.
public enum HistoryFile {
    /// At most this many lines are kept, in memory and in the file.
    public static let limit = 1000

    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/consult/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/consult/history"
    }

    /// Creates the missing directories of `path` (mode 0700); false when that is not possible.
    static func prepareDirectory(of path: String) -> Bool {
        var prefix = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        for part in parts {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// libedit creates the file 0600, but an older file may have been created looser.
    static func restrict(_ path: String) {
        _ = chmod(path, 0o600)
    }
}
