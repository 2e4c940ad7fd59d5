import ConsultExpression

// ExactDecimal from and to text: the parser shared by Number conversion and the JSON decoder.

extension ExactDecimal {
    /// The same value as a `Number`'s; nil only if its text were not plain decimal (never).
    public init?(_ number: Number) {
        guard let value = Self.parse(Array(number.description.utf8)) else { return nil }
        self = value
    }

    /// Plain decimal text: "-12.50", "3", "0.0331"; also "1e-5"/"2.5E3" when `exponent` is
    /// allowed (JSON). Trailing zeros go to the exponent, so "1000000000000000000000" fits. Nil for
    /// anything else, and for more significant digits than an Int64 holds (the caller then lets
    /// `Number`, which rounds them, decide).
    public static func parse<Bytes: Collection>(_ bytes: Bytes, allowExponent: Bool = false) -> ExactDecimal?
    where Bytes.Element == UInt8 {
        var i = bytes.startIndex
        let end = bytes.endIndex
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i = bytes.index(after: i)
        }
        // Zeros are held back until a non-zero digit follows, so trailing ones never overflow:
        // integer-part zeros that stay pending end up in the exponent, fraction ones are dropped.
        var s: Int64 = 0, e = 0, digits = 0, pendingInt = 0, pendingFraction = 0, fraction = false
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "0") {
                digits += 1
                if fraction { pendingFraction += 1 } else { pendingInt += 1 }
            } else if c > UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits += 1
                for _ in 0..<(pendingInt + pendingFraction + 1) {
                    let (m, o) = s.multipliedReportingOverflow(by: 10)
                    if o { return nil }
                    s = m
                }
                let (t, o) = s.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
                if o { return nil }
                s = t
                if fraction { e -= pendingFraction + 1 }
                pendingInt = 0
                pendingFraction = 0
            } else if c == UInt8(ascii: "."), !fraction, digits > 0 {
                fraction = true
                digits = 0
            } else {
                break
            }
            i = bytes.index(after: i)
        }
        if digits == 0 { return nil }
        e += pendingInt
        var exponentPart = 0
        if i < end {
            guard allowExponent, bytes[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i = bytes.index(after: i)
            var sign = 1
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                if bytes[i] == UInt8(ascii: "-") { sign = -1 }
                i = bytes.index(after: i)
            }
            var count = 0
            while i < end, bytes[i] >= 48, bytes[i] <= 57 {
                exponentPart = Swift.min(exponentPart * 10 + Int(bytes[i] - 48), 1_000_000)
                count += 1
                i = bytes.index(after: i)
            }
            if count == 0 || i != end { return nil }
            exponentPart *= sign
        }
        if s == 0 { return ExactDecimal(significand: 0, exponent: 0) }
        return ExactDecimal(significand: negative ? -s : s, exponent: e + exponentPart)
    }

    /// Plain decimal text without exponent ("-0.05", "1200").
    public var description: String {
        var digits = String(significand.magnitude)
        if exponent > 0 {
            digits += String(repeating: "0", count: exponent)
        } else if exponent < 0 {
            let fraction = -exponent
            if digits.utf8.count <= fraction {
                digits = "0." + String(repeating: "0", count: fraction - digits.utf8.count) + digits
            } else {
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fraction))
            }
        }
        return significand < 0 ? "-" + digits : digits
    }
}
