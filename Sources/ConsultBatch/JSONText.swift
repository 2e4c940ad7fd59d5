import ConsultEngine
import ConsultExpression

/// A parsed JSON value that keeps numbers as written, so `0.1` stays the decimal 0.1.
indirect enum JSONText: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONText])
    case object([(key: String, value: JSONText)])

    /// The value as an answer is typed: numbers in plain decimal notation (JSON's `1e-5` becomes
    /// `0.00001`), booleans as `true`/`false`, null as empty (unknown); nil for arrays and objects.
    var answerText: String? {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let text):
            if !text.contains(where: { $0 == "e" || $0 == "E" }) { return text }
            return Number(json: text)?.description ?? text
        case .string(let s): return s
        case .array, .object: return nil
        }
    }
}

/// A small strict JSON parser (RFC 8259) over UTF-8 bytes; errors name the byte offset.
struct JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "\(message) at column \(offset + 1)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONText {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.i != bytes.count { throw parser.fail("unexpected text after the value") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func fail(_ message: String) -> Failure { Failure(offset: i, message: message) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONText) throws -> JSONText {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count, (0..<n).allSatisfy({ bytes[i + $0] == word.utf8Start[$0] }) else {
            throw fail("invalid literal")
        }
        i += n
        return value
    }

    private mutating func value() throws -> JSONText {
        guard i < bytes.count else { throw fail("missing value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return .number(try number())
        }
    }

    private mutating func nested<T>(_ body: (inout JSONParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > 64 { throw fail("nested too deeply") }
        return try body(&self)
    }

    private mutating func object() throws -> JSONText {
        try nested { p in
            p.i += 1
            var fields: [(key: String, value: JSONText)] = []
            p.skipSpace()
            if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(fields) }
            while true {
                p.skipSpace()
                guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.fail("expected a key in quotes") }
                let key = try p.string()
                p.skipSpace()
                guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ":") else { throw p.fail("expected ':'") }
                p.i += 1
                p.skipSpace()
                fields.append((key, try p.value()))
                p.skipSpace()
                guard p.i < p.bytes.count else { throw p.fail("unterminated object") }
                if p.bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(fields) }
                throw p.fail("expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws -> JSONText {
        try nested { p in
            p.i += 1
            var items: [JSONText] = []
            p.skipSpace()
            if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(items) }
            while true {
                p.skipSpace()
                items.append(try p.value())
                p.skipSpace()
                guard p.i < p.bytes.count else { throw p.fail("unterminated array") }
                if p.bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if p.bytes[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(items) }
                throw p.fail("expected ',' or ']'")
            }
        }
    }

    private mutating func number() throws -> String {
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.bytes.count, p.bytes[p.i] >= 48, p.bytes[p.i] <= 57 { p.i += 1 }
            return p.i - s
        }
        guard digits(&self) > 0 else { throw fail("invalid value") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw fail("digits expected after '.'") }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw fail("digits expected in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    /// A string at `i` (which is a quote); escapes decoded, surrogate pairs joined.
    mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                // A high surrogate must be followed by a low one; anything else (a lone surrogate,
                // "\uD800\u0041") is no character and makes the row bad, never the run.
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone UTF-16 surrogate (\\u\(hexText(scalar))) is not a character")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw fail("a lone UTF-16 surrogate (\\u\(hexText(scalar))) is not a character")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let character = Unicode.Scalar(scalar) else {
                    throw fail("a lone UTF-16 surrogate (\\u\(hexText(scalar))) is not a character")
                }
                out.append(contentsOf: Array(String(character).utf8))
            default: throw fail("invalid escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("not UTF-8 text") }
        return s
    }

    private func hexText(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i] | 0x20
            let d: UInt32
            if b >= 48 && b <= 57 { d = UInt32(b - 48) } else if b >= 97 && b <= 102 { d = UInt32(b - 87) } else {
                throw fail("invalid \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
