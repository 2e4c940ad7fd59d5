import ConsultPlaybook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encodings exports come in: UTF-8 (with or without a byte-order mark), GB18030 (the
/// superset of GBK, what Excel and WPS write for "CSV" on a Chinese system) and UTF-16 with a
/// byte-order mark (Excel's "Unicode text").
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8", gb18030, utf16le = "utf-16le", utf16be = "utf-16be"

    /// `--encoding` values: gbk and gb2312 read as GB18030, which contains them; utf-16 means
    /// little-endian unless a byte-order mark says otherwise.
    public init?(option: String) {
        switch option.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "gbk", "gb2312", "gb18030", "cp936": self = .gb18030
        case "utf16", "utf16le": self = .utf16le
        case "utf16be": self = .utf16be
        default: return nil
        }
    }

    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030 (GBK)"
        case .utf16le, .utf16be: "UTF-16"
        }
    }

    fileprivate var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .utf16le: "UTF-16LE"
        case .utf16be: "UTF-16BE"
        }
    }

    /// What the first bytes of a file say: a byte-order mark, else UTF-8 when they are valid
    /// UTF-8 (a sequence cut at the end of the sample allowed), else GB18030.
    static func detect(_ sample: UnsafeBufferPointer<UInt8>) -> (TextEncoding, bom: Int) {
        if sample.starts(with: [0xFF, 0xFE]) { return (.utf16le, 2) }
        if sample.starts(with: [0xFE, 0xFF]) { return (.utf16be, 2) }
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        var cut = sample.count
        // Drop an incomplete sequence at the very end of the sample.
        var back = 0
        while back < 3, cut - back - 1 >= 0, sample[cut - back - 1] & 0xC0 == 0x80 { back += 1 }
        if cut - back - 1 >= 0, sample[cut - back - 1] >= 0xC0 { cut -= back + 1 }
        if String(validating: UnsafeBufferPointer(rebasing: sample[..<cut]), as: UTF8.self) != nil { return (.utf8, 0) }
        // A UTF-8 export with a bad row or two is still UTF-8: its bad rows are reported one by
        // one. Read as GB18030, its Chinese header and every other row would be garbage.
        let (valid, invalid) = utf8Sequences(UnsafeBufferPointer(rebasing: sample[..<cut]))
        return valid >= 4 * invalid ? (.utf8, 0) : (.gb18030, 0)
    }

    /// Well-formed multi-byte UTF-8 sequences and bytes that start none, in `bytes`.
    static func utf8Sequences(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if length == 1 { i += 1; continue }
            if length > 0, i + length <= bytes.count, (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                valid += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return (valid, invalid)
    }
}

/// Reads a file in fixed chunks with read(2), so a portfolio of any size is streamed through a
/// buffer of constant size; a file in another encoding is converted to UTF-8 with iconv(3) on
/// the way. Not thread-safe.
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
    /// The file's encoding, given or detected from its first bytes.
    private(set) var encoding: TextEncoding = .utf8
    private var converter: Converter?
    /// The text starts with `{` (past a byte-order mark and white space): JSON Lines rather than a
    /// table, for standard input, which has no file name to tell.
    private(set) var looksLikeJSON = false

    /// `encoding` nil: detected (`TextEncoding.detect`).
    init(path: String, chunk: Int = 1 << 20, encoding given: TextEncoding? = nil) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BatchError.unreadable(path, errno: errno) }
        var info = stat()
        size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        capacity = chunk
        buffer = .allocate(capacity: chunk)
        // The first raw bytes decide the encoding; they are kept for the converter or the reader.
        var sample = [UInt8](repeating: 0, count: min(chunk, 1 << 16))
        let n = sample.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw BatchError.unreadable(path, errno: errno) }
        sample.removeLast(sample.count - n)
        let (found, bom) = sample.withUnsafeBufferPointer { TextEncoding.detect($0) }
        encoding = given ?? found
        let skip = encoding == found ? bom : 0
        looksLikeJSON = sample.dropFirst(bom).first { ![0x00, 0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
        if encoding == .utf8 {
            // The UTF-8 byte-order mark (Excel's "CSV UTF-8", Windows editors) is no part of the
            // first record, for CSV and JSON Lines alike.
            (buffer).update(from: sample, count: n)
            start = skip
            end = n
        } else {
            converter = try Converter(from: encoding, path: path)
            converter!.pending = Array(sample[skip...])
        }
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
        let n: Int
        if let converter {
            n = try converter.convert(fd: fd, into: buffer + end, capacity: capacity - end)
        } else {
            n = read(fd, buffer + end, capacity - end)
            if n < 0 { throw BatchError.unreadable(path, errno: errno) }
        }
        if n == 0 {
            atEnd = true
            return false
        }
        end += n
        return true
    }

    /// The next raw chunk of (UTF-8) bytes, valid until the next call; nil at the end. For
    /// readers that are not line-based (the XML of a spreadsheet is one long line).
    func nextChunk() throws -> UnsafeBufferPointer<UInt8>? {
        if start == end, try !fill() { return nil }
        let chunk = UnsafeBufferPointer(start: buffer + start, count: end - start)
        consumed += end - start
        start = end
        return chunk
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

/// Converts raw bytes of `from` to UTF-8 with iconv. A byte sequence that is not text in the
/// encoding becomes one 0xFF byte, which is never UTF-8, so the reader reports exactly that row
/// (with its line) and goes on with the next.
private final class Converter {
    private let descriptor: iconv_t
    let encoding: TextEncoding
    let path: String
    var pending: [UInt8] = []
    private var raw = [UInt8](repeating: 0, count: 1 << 16)
    private var rawAtEnd = false

    init(from encoding: TextEncoding, path: String) throws {
        self.encoding = encoding
        self.path = path
        descriptor = iconv_open("UTF-8", encoding.iconvName)
        guard descriptor != iconv_t(bitPattern: -1) else {
            throw BatchError.unreadable(path, Text(zh: "这台机器上的 iconv 无法转换 \(encoding.displayName)", en: "cannot decode \(encoding.displayName) here (iconv)"))
        }
    }

    deinit { iconv_close(descriptor) }

    /// Up to `capacity` converted bytes into `out`; 0 at the end.
    func convert(fd: Int32, into out: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        var written = 0
        while written == 0 {
            if pending.isEmpty || pending.count < 4 && !rawAtEnd {
                let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 { throw BatchError.unreadable(path, errno: errno) }
                if n == 0 { rawAtEnd = true } else { pending += raw[..<n] }
            }
            if pending.isEmpty { return 0 }
            let (used, made, failure) = pending.withUnsafeMutableBytes { input -> (Int, Int, Int32) in
                var inPointer: UnsafeMutablePointer<CChar>? = input.baseAddress!.assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out + written).assumingMemoryBound(to: CChar.self)
                var outLeft = capacity - written
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return (input.count - inLeft, capacity - written - outLeft, result == -1 ? errno : 0)
            }
            pending.removeFirst(used)
            written += made
            if failure == EILSEQ || failure == EINVAL && (rawAtEnd || pending.count >= 4) {
                // Not text in this encoding (or cut off at the end of the file): mark it, skip a byte.
                guard written < capacity else { return written }
                out[written] = 0xFF
                written += 1
                pending.removeFirst(min(1, pending.count))
            } else if failure == E2BIG {
                return written
            }
            if written == 0, pending.isEmpty, rawAtEnd { return 0 }
        }
        return written
    }
}

/// Errors of a whole input file or of the output directory (row errors are `RowError`).
/// Every reason is in both languages; the run's language picks one (`message`).
public enum BatchError: Error, CustomStringConvertible, Sendable {
    case unreadable(String, Text)
    case notText(String, line: Int, encoding: TextEncoding)
    case unclosedQuote(String, line: Int)
    case noInputs([String])
    case unsupported(String)
    case unwritable(String, Text)
    case columns(Text)

    static func unreadable(_ path: String, errno code: Int32) -> BatchError { .unreadable(path, SystemProblem.text(code)) }

    /// The error as a failed row of an input file, in the run's language.
    func rowError(_ path: String, _ language: Language = .en) -> RowError {
        let zh = language == .zh
        switch self {
        case .notText(_, let line, let encoding):
            return RowError(source: path, row: line, problem: zh ? "不是 \(encoding.displayName) 编码的文字" : "is not \(encoding.displayName) text",
                            accepted: zh ? "UTF-8、GB18030/GBK 或 UTF-16 文字；检测不准时用 --encoding 指定"
                                         : "UTF-8, GB18030/GBK or UTF-16 text; --encoding names the file's encoding when it is not detected")
        case .unclosedQuote(_, let line):
            return RowError(source: path, row: line,
                            problem: zh ? "这一行开了引号（\"）却在 \(CSVReader.quotedLineLimit) 行内没有闭合" : "opens a quote (\") that is not closed within \(CSVReader.quotedLineLimit) lines",
                            accepted: zh ? "加引号的值要以引号结束；值里的引号写两次（\"\"）" : "a field in quotes ends with a quote; a quote inside it is written twice (\"\")")
        default:
            return RowError(source: path, row: 0, problem: String(message(language).drop { $0 != " " }.dropFirst()), accepted: nil)
        }
    }

    /// The whole message, "error: …" / "错误：…", in `language`.
    public func message(_ language: Language) -> String {
        let zh = language == .zh
        let accepted = Text(zh: ".csv、.tsv、.xlsx、.jsonl/.ndjson，.yaml/.yml/.json 答案文件，或放着这些文件的目录",
                            en: ".csv, .tsv, .xlsx, .jsonl/.ndjson, .yaml/.yml/.json answers files, or a directory of them")
        let text: Text
        switch self {
        case .unreadable(let path, let why):
            text = Text(zh: "无法读取“\(path)”：\(why.zh)", en: "cannot read '\(path)': \(why.en)")
        case .notText(let path, let line, let encoding):
            text = Text(zh: "\(path):\(line): 不是 \(encoding.displayName) 编码的文字；用 --encoding 指定文件的编码（utf-8、gbk、utf-16）",
                        en: "\(path):\(line): not \(encoding.displayName) text; --encoding names the file's encoding (utf-8, gbk, utf-16)")
        case .unclosedQuote(let path, let line):
            text = Text(zh: "\(path):\(line): 这里开了引号却没有闭合", en: "\(path):\(line): a quote opened here is not closed")
        case .noInputs(let inputs):
            let list = inputs.joined(separator: ", ")
            text = Text(zh: "在 \(list) 里没有找到可读的文件；可读：\(accepted.zh)", en: "no inputs found in \(list); accepted: \(accepted.en)")
        case .unsupported(let path):
            text = Text(zh: "“\(path)”：不支持的文件类型；可读：\(accepted.zh)", en: "'\(path)': unsupported input; accepted: \(accepted.en)")
        case .unwritable(let path, let why):
            text = Text(zh: "无法写入“\(path)”：\(why.zh)", en: "cannot write '\(path)': \(why.en)")
        case .columns(let message):
            text = message
        }
        return (zh ? "错误：" : "error: ") + text[language]
    }

    public var description: String { message(.en) }
}
