#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written as work completes (a portfolio's `summary.csv`): each piece goes to the kernel
/// at once, so a run that is killed keeps every line already written, and every write and the
/// close are checked. Like `AtomicFile`, it refuses to turn a device or directory into a file.
public final class GrowingFile {
    public let path: String
    private var fd: Int32

    public init(creating path: String) throws(AtomicFile.Failure) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw AtomicFile.Failure(path: path, reason: AtomicFile.notRegular, notRegular: true)
        }
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, reason: SystemProblem.text(errno), notRegular: false) }
        self.path = path
    }

    public func append(_ text: String) throws(AtomicFile.Failure) {
        guard fd >= 0 else { return }
        if let code = AtomicFile.writeEvery(Array(text.utf8), to: fd) {
            throw AtomicFile.Failure(path: path, reason: SystemProblem.text(code), notRegular: false)
        }
    }

    public func close() throws(AtomicFile.Failure) {
        guard fd >= 0 else { return }
        defer { fd = -1 }
        #if canImport(Glibc)
        let closed = Glibc.close(fd)
        #else
        let closed = Darwin.close(fd)
        #endif
        if closed != 0 { throw AtomicFile.Failure(path: path, reason: SystemProblem.text(errno), notRegular: false) }
    }

    deinit {
        if fd >= 0 { _ = try? close() }
    }
}
