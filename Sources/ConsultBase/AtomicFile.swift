#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way consult writes a file a person asked for (a plan, an answers file, a portfolio's
/// plans and summary): whole or not at all. The bytes go to a temporary file beside the target,
/// every write and the close are checked (a full disk is an error, not a success), and a rename
/// puts the file in place, so a reader or a crash never sees half a document. Only regular files
/// are replaced: a device, FIFO, socket or directory at the path is refused, never turned into a
/// file. Temporaries are named `.NAME.tmp-PID-N`, so a later run can clear what a killed one left.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        /// Why, in both languages ("磁盘已满" / "the disk is full"), or why the path is not a file.
        public var reason: Text
        /// Something other than a regular file is at the path.
        public var notRegular: Bool
        public func message(_ language: Language) -> String {
            language == .zh ? "无法写入“\(path)”：\(reason.zh)" : "cannot write '\(path)': \(reason.en)"
        }
        public var description: String { message(.en) }
    }

    static let notRegular = Text(zh: "这不是普通文件；请给出文件的路径", en: "it is not a regular file; give the path of a file")

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let kind = info.st_mode & S_IFMT
            // A terminal, /dev/null or a pipe is written into, never replaced by a file.
            if kind == S_IFCHR || kind == S_IFIFO { return try writeInto(bytes, path) }
            let reason = kind == S_IFDIR
                ? Text(zh: "这是一个目录；请给出文件的路径", en: "it is a directory; give the path of a file")
                : notRegular
            throw Failure(path: path, reason: reason, notRegular: true)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // Unique per write, so parallel writers in one process never share a temporary.
        let temporary = directory + "." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: reason(errno), notRegular: false) }
        if let code = writeAll(bytes, to: fd) {
            unlink(temporary)
            throw Failure(path: path, reason: reason(code), notRegular: false)
        }
        guard rename(temporary, path) == 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw Failure(path: path, reason: why, notRegular: false)
        }
    }

    /// Writes into an existing device or FIFO as it is, every write checked (/dev/full fails).
    private static func writeInto(_ bytes: [UInt8], _ path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: reason(errno), notRegular: true) }
        if let code = writeAll(bytes, to: fd) { throw Failure(path: path, reason: reason(code), notRegular: true) }
    }

    /// Writes every byte and closes `fd`; the errno of the first failure (a short write to a full
    /// disk included), or nil.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        if let code = writeEvery(bytes, to: fd) {
            close(fd)
            return code
        }
        return close(fd) == 0 ? nil : errno
    }

    /// Writes every byte to `fd`, retrying short writes; the errno of the first failure, or nil.
    static func writeEvery(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var rest = bytes[...]
        while !rest.isEmpty {
            #if canImport(Glibc)
            let written = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            #else
            let written = rest.withUnsafeBytes { Darwin.write(fd, $0.baseAddress, $0.count) }
            #endif
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return written == 0 ? EIO : errno }
            rest = rest.dropFirst(written)
        }
        return nil
    }

    /// Removes the temporaries a killed run left in `directory` (`.NAME.tmp-PID-N` of processes
    /// that are gone); returns how many.
    @discardableResult
    public static func removeStale(in directory: String) -> Int {
        guard let dir = opendir(directory) else { return 0 }
        defer { closedir(dir) }
        var removed = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix("."), let pid = stalePID(name) else { continue }
            // A temporary of a live process (another run writing now) stays.
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            if unlink((directory.hasSuffix("/") ? directory : directory + "/") + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// The PID in `.NAME.tmp-PID-N`, or nil for any other name.
    static func stalePID(_ name: String) -> Int32? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 3].hasSuffix(".tmp"), Int(parts[parts.count - 1]) != nil else { return nil }
        return Int32(parts[parts.count - 2])
    }

    static func reason(_ code: Int32) -> Text { SystemProblem.text(code) }
}
