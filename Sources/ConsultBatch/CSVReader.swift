/// One record of a CSV file: its fields and the line it starts on (1-based; the header is line 1,
/// so this is the row number a spreadsheet shows), or why it could not be read.
struct CSVRecord: Sendable {
    var line: Int
    var fields: [String]
    /// The record is not text in the file's encoding, or its quote never closes: a bad row, and
    /// reading goes on with the next one.
    var failure: BatchError?

    init(line: Int, fields: [String], failure: BatchError? = nil) {
        self.line = line
        self.fields = fields
        self.failure = failure
    }
}

/// A streaming RFC 4180 reader: quoted fields with `""` escapes and line breaks, CRLF or LF, a
/// UTF-8 byte-order mark, comma or tab separators (detected on the header line). It holds one
/// record at a time, so memory does not grow with the file. (SwiftCSV, the usual package, loads
/// the whole file into memory first.) Lenient where exports are sloppy: a quote inside an
/// unquoted field is kept as a character, blank lines are skipped. Strict where leniency loses
/// data: a quoted field still open after `quotedLineLimit` lines or at the end of the file is an
/// error at the line where it opened, and the lines after that line are read again as records,
/// so one stray quote costs one row, not the rest of the file.
final class CSVReader {
    private let file: ChunkedFile
    private var delimiter: UInt8?
    private var line = 0
    /// Lines read ahead for a quoted field that never closed, to be read again.
    private var again: [[UInt8]] = []
    static let quotedLineLimit = 200

    init(file: ChunkedFile, delimiter: UInt8? = nil) {
        self.file = file
        self.delimiter = delimiter
    }

    var path: String { file.path }
    var bytesConsumed: Int { file.consumed }

    private func nextLine() throws -> ArraySlice<UInt8>? {
        if let line = again.popLast() { return line[...] }
        return try file.nextLine().map { Array($0)[...] }
    }

    /// The next non-blank record, or nil at the end.
    func next() throws -> CSVRecord? {
        while var text = try nextLine() {
            line += 1
            if line == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
            if text.isEmpty { continue }
            if delimiter == nil { delimiter = Self.detectDelimiter(text) }
            let startLine = line
            var parser = FieldParser(delimiter: delimiter!)
            parser.consume(text)
            var continuation: [[UInt8]] = []
            while parser.inQuotes, continuation.count < Self.quotedLineLimit, let more = try nextLine() {
                continuation.append(Array(more))
                parser.appendLineBreak()
                parser.consume(more)
            }
            if parser.inQuotes {
                // Never closed: this line is a bad row; the lines after it are records again.
                again.append(contentsOf: continuation.reversed())
                return CSVRecord(line: startLine, fields: [], failure: .unclosedQuote(file.path, line: startLine))
            }
            line += continuation.count
            let raw = parser.finish()
            var fields: [String] = []
            fields.reserveCapacity(raw.count)
            for field in raw {
                guard let s = String(validating: field, as: UTF8.self) else {
                    return CSVRecord(line: startLine, fields: [], failure: .notText(file.path, line: startLine, encoding: file.encoding))
                }
                fields.append(s)
            }
            return CSVRecord(line: startLine, fields: fields)
        }
        return nil
    }

    /// Tab when the line has tabs and no commas outside quotes, else comma.
    static func detectDelimiter<Bytes: Sequence<UInt8>>(_ line: Bytes) -> UInt8 {
        var inQuotes = false, commas = 0, tabs = 0
        for b in line {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && b == UInt8(ascii: ",") { commas += 1 }
            if !inQuotes && b == UInt8(ascii: "\t") { tabs += 1 }
        }
        return tabs > 0 && commas == 0 ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }
}

/// The RFC 4180 state machine over the bytes of one record (possibly several lines).
struct FieldParser {
    let delimiter: UInt8
    private(set) var inQuotes = false
    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    /// The current field began with a quote (so a later quote may close it).
    private var quoted = false
    /// A quote was just seen inside a quoted field: `""` is a quote, anything else closes it.
    private var pendingQuote = false

    init(delimiter: UInt8) { self.delimiter = delimiter }

    mutating func consume<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let quote = UInt8(ascii: "\"")
        for b in bytes {
            if pendingQuote {
                pendingQuote = false
                if b == quote {
                    field.append(quote)
                    continue
                }
                inQuotes = false
            }
            if inQuotes {
                if b == quote { pendingQuote = true } else { field.append(b) }
            } else if b == delimiter {
                fields.append(field)
                field.removeAll(keepingCapacity: true)
                quoted = false
            } else if b == quote && field.isEmpty && !quoted {
                quoted = true
                inQuotes = true
            } else {
                field.append(b)
            }
        }
        if pendingQuote {  // a quote at the end of the line closes the field
            pendingQuote = false
            inQuotes = false
        }
    }

    mutating func appendLineBreak() { field.append(0x0A) }

    mutating func finish() -> [[UInt8]] {
        fields.append(field)
        return fields
    }
}
