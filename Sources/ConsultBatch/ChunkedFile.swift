#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed chunks with read(2), so a portfolio of any size is streamed through a
/// buffer of constant size. Not thread-safe.
final class ChunkedFile {
    let path: String
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Unconsumed bytes are buffer[start..<end].
    private var start = 0, end = 0
    private var atEnd = false
    /// Bytes handed out so far (for progress).
    private(set) var consumed = 0
    /// Size of the file when opened (0 when unknown, e.g. a pipe).
    let size: Int

    init(path: String, chunk: Int = 1 << 20) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BatchError.unreadable(path, String(cString: strerror(errno))) }
        var info = stat()
        size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        capacity = chunk
        buffer = .allocate(capacity: chunk)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Refills the buffer after its unconsumed bytes; false at the end of the file.
    private func fill() throws -> Bool {
        if atEnd { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { (buffer).update(from: buffer + start, count: pending) }
            start = 0
            end = pending
        }
        if end == capacity {  // one line longer than the buffer: grow it
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = read(fd, buffer + end, capacity - end)
        if n < 0 { throw BatchError.unreadable(path, String(cString: strerror(errno))) }
        if n == 0 {
            atEnd = true
            return false
        }
        end += n
        return true
    }

    /// The next line without its "\n" (and a "\r" before it), valid until the next call; nil at
    /// the end. The last line may lack its newline.
    func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        var scanFrom = start
        while true {
            if let newline = memchr(buffer + scanFrom, 0x0A, end - scanFrom) {
                let stop = newline.assumingMemoryBound(to: UInt8.self) - buffer
                var lineEnd = stop
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                consumed += stop + 1 - start
                start = stop + 1
                return line
            }
            let scanned = end - start
            if try !fill() {
                guard end > start else { return nil }
                var lineEnd = end
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                consumed += end - start
                start = end
                return line
            }
            scanFrom = start + scanned
        }
    }
}

/// Errors of a whole input file or of the output directory (row errors are `RowError`).
public enum BatchError: Error, CustomStringConvertible, Sendable {
    case unreadable(String, String)
    case notUTF8(String, line: Int)
    case noInputs(String)
    case unsupported(String)
    case unwritable(String, String)
    case columns(String)

    /// The error as a failed row of an input file.
    func rowError(_ path: String) -> RowError {
        switch self {
        case .notUTF8(_, let line):
            return RowError(source: path, row: line, problem: "is not UTF-8 text", accepted: "UTF-8 (Excel: save as CSV UTF-8)")
        default:
            return RowError(source: path, row: 0, problem: String(description.dropFirst("error: ".count)), accepted: nil)
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let why): return "error: cannot read '\(path)': \(why)"
        case .notUTF8(let path, let line):
            return "error: \(path):\(line): not UTF-8 text; save the file as UTF-8 (Excel: CSV UTF-8)"
        case .noInputs(let what): return "error: \(what)"
        case .unsupported(let path):
            return "error: '\(path)': unsupported input; accepted: .csv, .tsv, .jsonl/.ndjson, .yaml/.yml/.json answers files, or a directory of them"
        case .unwritable(let path, let why): return "error: cannot write '\(path)': \(why)"
        case .columns(let message): return "error: \(message)"
        }
    }
}
