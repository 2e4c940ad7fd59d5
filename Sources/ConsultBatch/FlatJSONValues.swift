#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

// The values of a flat JSON line: the plain forms decoded in place, the rest handed to AnswerParser.

extension FlatJSONDecoder {
    /// Reads the value at `p` for key `index` into the row; advances `p` past it.
    @inline(__always)
    func value(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ index: Int,
               _ block: FactBlock, _ row: Int) -> Failure? {
        let key = self.key(index)
        let slot = key?.slot ?? -1
        switch p.pointee {
        case UInt8(ascii: "n"):
            guard Self.literal("null", &p, end) else { return Failure(key: keyName(index), problem: "invalid literal") }
            return nil  // unknown: the row starts unknown
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let flag = p.pointee == UInt8(ascii: "t")
            guard Self.literal(flag ? "true" : "false", &p, end) else { return Failure(key: keyName(index), problem: "invalid literal") }
            guard slot >= 0 else { return nil }
            if key?.kind == .truth {
                block.setBool(slot, row: row, flag)
                return nil
            }
            return viaAnswerParser(flag ? "true" : "false", index, slot, block, row)
        case UInt8(ascii: "\""):
            let start = p + 1
            var q = start
            var escaped = false
            while q < end, q.pointee != UInt8(ascii: "\"") {
                if q.pointee == UInt8(ascii: "\\") { escaped = true; q += 1 }
                q += 1
            }
            guard q < end else { return Failure(key: keyName(index), problem: "unterminated string") }
            p = q + 1
            guard let key, slot >= 0 else { return nil }
            if !escaped, key.kind == .symbol, let code = choiceCode(key, start, q - start) {
                block.setSymbol(slot, row: row, code: code)
                return nil
            }
            var text = String(decoding: UnsafeBufferPointer(start: start, count: q - start), as: UTF8.self)
            if escaped {
                guard let decoded = try? JSONParser.parse(UnsafeBufferPointer(start: start - 1, count: q - start + 2)),
                      case .string(let s) = decoded else {
                    return Failure(key: keyName(index), value: text, problem: "invalid string escape")
                }
                text = s
            }
            return viaAnswerParser(text, index, slot, block, row)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard Self.skipNested(&p, end) else { return Failure(key: keyName(index), problem: "unterminated value") }
            return Failure(key: keyName(index), problem: "is not a single value", accepted: "a number, text, true/false or null")
        default:
            let start = p
            let number = Self.number(&p, end)
            guard p > start else { return Failure(key: keyName(index), problem: "invalid value") }
            guard let key, slot >= 0 else { return nil }
            if let number, key.kind == .number, Self.accepts(key, number) {
                block.setNumber(slot, row: row, number)
                return nil
            }
            let token = String(decoding: UnsafeBufferPointer(start: start, count: p - start), as: UTF8.self)
            return viaAnswerParser(JSONText.number(token).answerText ?? token, index, slot, block, row)
        }
    }

    /// Whether AnswerParser would take this number as it is (range, whole number).
    @inline(__always)
    static func accepts(_ key: Key, _ n: ExactDecimal) -> Bool {
        if let low = key.low, ExactDecimal.compare(n, low) < 0 { return false }
        if let high = key.high, ExactDecimal.compare(n, high) > 0 { return false }
        return !key.integer || n.isInteger
    }

    /// Any other form: exactly what a CSV cell or a prompt would accept.
    private func viaAnswerParser(_ text: String, _ index: Int, _ slot: Int, _ block: FactBlock, _ row: Int) -> Failure? {
        guard let question = question(index) else { return nil }
        switch AnswerParser.parse(text, for: question.fact) {
        case .success(let value):
            block.set(slot, row: row, value)
            return nil
        case .failure(let error):
            return Failure(key: keyName(index), value: text, problem: error.problem.en, accepted: error.accepted.en)
        }
    }

    /// Moves past an array or object (strings inside may hold brackets); false if it never closes.
    static func skipNested(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var depth = 0
        while p < end {
            switch p.pointee {
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { p += 1; return true }
            case UInt8(ascii: "\""):
                p += 1
                while p < end, p.pointee != UInt8(ascii: "\"") {
                    if p.pointee == UInt8(ascii: "\\") { p += 1 }
                    p += 1
                }
            default: break
            }
            p += 1
        }
        return false
    }

    @inline(__always)
    static func literal(_ word: StaticString, _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(p, word.utf8Start, n) == 0 else { return false }
        p += n
        return true
    }

    /// A JSON number at `p` as an exact decimal (advancing past it), or nil when it has more
    /// digits than an Int64 holds (the caller then lets AnswerParser and `Number` round it).
    @inline(__always)
    static func number(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> ExactDecimal? {
        var negative = false
        if p < end, p.pointee == UInt8(ascii: "-") { negative = true; p += 1 }
        var s: Int64 = 0, e = 0, overflow = false, digits = 0
        // Zeros are held back until a non-zero digit follows (trailing ones never overflow).
        var pendingInt = 0, pendingFraction = 0, fraction = false
        while p < end {
            let c = p.pointee
            if c == UInt8(ascii: "0") {
                digits += 1
                if fraction { pendingFraction += 1 } else { pendingInt += 1 }
            } else if c > UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits += 1
                for _ in 0...(pendingInt + pendingFraction) {
                    let (m, o) = s.multipliedReportingOverflow(by: 10)
                    overflow = overflow || o
                    s = m
                }
                let (t, o) = s.addingReportingOverflow(Int64(c &- UInt8(ascii: "0")))
                overflow = overflow || o
                s = t
                if fraction { e -= pendingFraction + 1 }
                pendingInt = 0
                pendingFraction = 0
            } else if c == UInt8(ascii: "."), !fraction, digits > 0 {
                fraction = true
            } else {
                break
            }
            p += 1
        }
        e += pendingInt
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            var sign = 1, x = 0
            if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
                if p.pointee == UInt8(ascii: "-") { sign = -1 }
                p += 1
            }
            while p < end, p.pointee >= 48, p.pointee <= 57 {
                x = Swift.min(x * 10 + Int(p.pointee - 48), 1_000_000)
                p += 1
            }
            e += sign * x
        }
        if overflow || digits == 0 { return nil }
        if s == 0 { return ExactDecimal(significand: 0, exponent: 0) }
        return ExactDecimal(significand: negative ? -s : s, exponent: e)
    }
}
