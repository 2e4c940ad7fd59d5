// Conversions between Number and text or Double.

extension Number {
    /// Parses plain decimal text: an optional "-", digits, and an optional "." followed by digits
    /// ("-12.50", "3", "0.0331"). No exponent, no "+", no separators, no spaces.
    /// Digits beyond what fits in Int64 (about 19) are rounded half away from zero.
    public init?(_ text: String) {
        guard let number = DecimalScanner.parse(text.utf8, allowExponent: false) else { return nil }
        self = number
    }

    /// Parses a JSON number, exponent allowed ("1.5e-5"); nil for anything else.
    public init?(json text: String) {
        guard let number = DecimalScanner.parse(text.utf8, allowExponent: true) else { return nil }
        self = number
    }

    /// The decimal shown by the shortest text that round-trips `double` (so `Number(0.1)` is 0.1).
    /// Infinities and NaN, which no decimal can represent, become zero.
    public init(_ double: Double) {
        guard double.isFinite else {
            self = .zero
            return
        }
        self = DecimalScanner.parse(double.description.utf8, allowExponent: true) ?? .zero
    }

    /// 1e0 ... 1e22, all exactly representable.
    private static let doublePowers: [Double] = (0...22).map { k in
        (0..<k).reduce(1.0) { product, _ in product * 10 }
    }

    /// The nearest Double.
    public var doubleValue: Double {
        let magnitude = significand.magnitude
        // Exact fast path: both the significand and the power of ten are exact Doubles.
        if magnitude < (1 << 53), exponent >= -22, exponent <= 22 {
            let value = Double(significand), power = Self.doublePowers[abs(exponent)]
            return exponent >= 0 ? value * power : value / power
        }
        return Double("\(significand)e\(exponent)") ?? 0
    }
}

/// Reads decimal text into a Number without Foundation.
enum DecimalScanner {
    static func parse(_ bytes: String.UTF8View, allowExponent: Bool) -> Number? {
        var index = bytes.startIndex
        let negative = index < bytes.endIndex && bytes[index] == UInt8(ascii: "-")
        if negative { index = bytes.index(after: index) }
        var mantissa = Mantissa()
        guard mantissa.read(bytes, from: &index, fractional: false) else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            guard mantissa.read(bytes, from: &index, fractional: true) else { return nil }
        }
        var exponent = 0
        if allowExponent, index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index = bytes.index(after: index)
            guard let value = readExponent(bytes, from: &index) else { return nil }
            exponent = value
        }
        guard index == bytes.endIndex else { return nil }
        return mantissa.number(negative: negative, exponent: exponent)
    }

    /// "[+-]digits" clamped far beyond any meaningful range, so it never overflows.
    private static func readExponent(_ bytes: String.UTF8View, from index: inout String.Index) -> Int? {
        var sign = 1
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            if bytes[index] == UInt8(ascii: "-") { sign = -1 }
            index = bytes.index(after: index)
        }
        var value = 0, count = 0
        while index < bytes.endIndex, let digit = digitValue(bytes[index]) {
            value = Swift.min(value * 10 + Int(digit), 100_000)
            count += 1
            index = bytes.index(after: index)
        }
        return count > 0 ? sign * value : nil
    }

    static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    /// As many significant digits as fit in Int64; later digits only shift the exponent and decide rounding.
    struct Mantissa {
        var significand: Int64 = 0
        var exponent = 0
        var firstDropped: UInt8?

        /// Reads one or more digits; false when there are none.
        mutating func read(_ bytes: String.UTF8View, from index: inout String.Index, fractional: Bool) -> Bool {
            var count = 0
            while index < bytes.endIndex, let digit = DecimalScanner.digitValue(bytes[index]) {
                if firstDropped == nil, significand <= (Int64.max - Int64(digit)) / 10 {
                    significand = significand * 10 + Int64(digit)
                    if fractional { exponent -= 1 }
                } else {
                    if firstDropped == nil { firstDropped = digit }
                    if !fractional { exponent += 1 }
                }
                count += 1
                index = bytes.index(after: index)
            }
            return count > 0
        }

        func number(negative: Bool, exponent extra: Int) -> Number {
            var (rounded, overflow) = significand.addingReportingOverflow((firstDropped ?? 0) >= 5 ? 1 : 0)
            var exponent = exponent + extra
            if overflow {  // 19 nines and more: one digit fewer
                rounded = Number.shiftRight(significand, by: 1)
                exponent += 1
            }
            return Number(normalizing: negative ? -rounded : rounded, exponent: exponent)
        }
    }
}
