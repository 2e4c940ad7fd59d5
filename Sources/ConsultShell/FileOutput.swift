import ConsultBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing the files a consultation produces: `~` expanded, written whole through a temporary
/// file and a rename, so a reader (or a crash) never sees half a plan. Failures carry the
/// reason in both languages ("没有这个文件或目录"), which tells the consultant what to fix.
enum FileOutput {
    struct Problem: Error {
        var reason: Text
    }

    static func write(_ text: String, to path: String) -> Result<String, Problem> {
        write(bytes: Array(text.utf8), to: path)
    }

    static func write(bytes: [UInt8], to path: String) -> Result<String, Problem> {
        do {
            try AtomicFile.write(bytes, to: expand(path))
        } catch {
            return .failure(Problem(reason: error.reason))
        }
        return .success(path)
    }

    /// The path as the store records it: `~` expanded, relative paths made absolute from the
    /// current directory, so `consult show` still finds the file from elsewhere.
    static func absolute(_ path: String) -> String {
        let expanded = expand(path)
        guard !expanded.hasPrefix("/") else { return expanded }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return expanded }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let relative = expanded.hasPrefix("./") ? String(expanded.dropFirst(2)) : expanded
        return (directory == "/" ? "" : directory) + "/" + relative
    }

    /// `~/x` → `$HOME/x`.
    static func expand(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }) else { return path }
        return home + path.dropFirst()
    }
}

/// write(2), out of reach of `FileOutput.write`'s name.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, bytes, count)
}
