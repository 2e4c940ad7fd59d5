import ConsultExpression

/// `significand × 10^exponent` with an Int64 significand, for the column evaluator: the same
/// values as `Number`, but with the parts in reach, so the hot comparisons, sums and products are a
/// few integer instructions. Not normalised (`1.50` may be `150 × 10^-2`); compare values with
/// `compare`, never the parts. The significand is never `Int64.min`.
///
/// Exactness is the contract: comparison is exact for every pair; `+ - ×` are exact or report
/// overflow (nil), and the caller then computes with `Number`, whose rounding rules decide such
/// results. So every value the evaluator produces is the value `Number` gives.
public struct ExactDecimal: Sendable, CustomStringConvertible {
    public var significand: Int64
    public var exponent: Int

    @inlinable
    public init(significand: Int64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// 10^0 ... 10^18.
    static let powers: [Int64] = (0...18).reduce(into: []) { table, k in
        table.append(k == 0 ? 1 : table[k - 1] * 10)
    }

    // MARK: Exact operations

    /// -1, 0 or 1, exact: the operand with the larger exponent is scaled to the other's; when that
    /// overflows, its magnitude is the larger one.
    @inline(__always)
    static func compare(_ a: Int64, _ ea: Int, _ b: Int64, _ eb: Int, _ p10: UnsafePointer<Int64>) -> Int {
        let sa = a.signum(), sb = b.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        if ea == eb { return a < b ? -1 : (a == b ? 0 : 1) }
        if ea > eb {
            let d = ea - eb
            if d > 18 { return Int(sa) }
            let (scaled, overflow) = a.multipliedReportingOverflow(by: p10[d])
            if overflow { return Int(sa) }
            return scaled < b ? -1 : (scaled == b ? 0 : 1)
        }
        let d = eb - ea
        if d > 18 { return Int(-sb) }
        let (scaled, overflow) = b.multipliedReportingOverflow(by: p10[d])
        if overflow { return Int(-sb) }
        return a < scaled ? -1 : (a == scaled ? 0 : 1)
    }

    /// The exact sum, or nil when it does not fit.
    @inline(__always)
    static func add(_ a: Int64, _ ea: Int, _ b: Int64, _ eb: Int, _ p10: UnsafePointer<Int64>) -> ExactDecimal? {
        if a == 0 { return ExactDecimal(significand: b, exponent: eb) }
        if b == 0 { return ExactDecimal(significand: a, exponent: ea) }
        var x = a, y = b
        let e = Swift.min(ea, eb)
        if ea > eb {
            let d = ea - eb
            if d > 18 { return nil }
            let (s, o) = x.multipliedReportingOverflow(by: p10[d])
            if o { return nil }
            x = s
        } else if eb > ea {
            let d = eb - ea
            if d > 18 { return nil }
            let (s, o) = y.multipliedReportingOverflow(by: p10[d])
            if o { return nil }
            y = s
        }
        let (sum, o) = x.addingReportingOverflow(y)
        if o || sum == .min { return nil }
        return ExactDecimal(significand: sum, exponent: sum == 0 ? 0 : e)
    }

    /// The exact product, or nil when it does not fit.
    @inline(__always)
    static func multiply(_ a: Int64, _ ea: Int, _ b: Int64, _ eb: Int) -> ExactDecimal? {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        if o || p == .min { return nil }
        if p == 0 { return ExactDecimal(significand: 0, exponent: 0) }
        let (e, oe) = ea.addingReportingOverflow(eb)
        if oe { return nil }
        return ExactDecimal(significand: p, exponent: e)
    }

    /// The quotient when it is exact and cheap (divisor ±1 × 10^k, or a whole division of the
    /// significands); nil otherwise, and for a zero divisor, which the caller checks first.
    @inline(__always)
    static func divideExactly(_ a: Int64, _ ea: Int, _ b: Int64, _ eb: Int) -> ExactDecimal? {
        if b == 0 { return nil }
        if a == 0 { return ExactDecimal(significand: 0, exponent: 0) }
        let (e, oe) = ea.subtractingReportingOverflow(eb)
        if oe { return nil }
        if b == 1 { return ExactDecimal(significand: a, exponent: e) }
        if b == -1 { return ExactDecimal(significand: -a, exponent: e) }
        if a % b == 0 { return ExactDecimal(significand: a / b, exponent: e) }
        return nil
    }

    /// -1, 0 or 1: exact comparison of two values (for callers outside the evaluator).
    @inlinable
    public static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let sa = a.significand.signum(), sb = b.significand.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        if a.exponent == b.exponent { return a.significand < b.significand ? -1 : (a.significand == b.significand ? 0 : 1) }
        let aLarger = a.exponent > b.exponent
        let d = aLarger ? a.exponent - b.exponent : b.exponent - a.exponent
        var scaled = aLarger ? a.significand : b.significand
        for _ in 0..<Swift.min(d, 19) {
            let (m, o) = scaled.multipliedReportingOverflow(by: 10)
            if o { return aLarger ? Int(sa) : Int(-sb) }
            scaled = m
        }
        if d > 18 { return aLarger ? Int(sa) : Int(-sb) }
        let other = aLarger ? b.significand : a.significand
        let c = scaled < other ? -1 : (scaled == other ? 0 : 1)
        return aLarger ? c : -c
    }

    /// Whether the value has no fractional part.
    @inlinable
    public var isInteger: Bool {
        if exponent >= 0 || significand == 0 { return true }
        var s = significand
        for _ in 0..<Swift.min(-exponent, 19) {
            if s % 10 != 0 { return false }
            s /= 10
        }
        return -exponent <= 19 || s == 0
    }

    // MARK: Conversions

    /// The same value as a `Number`.
    public var number: Number {
        if significand == 0 { return .zero }
        if exponent == 0 { return Number(Int(significand)) }
        if exponent >= -Self.scaleRange && exponent <= Self.scaleRange {
            return Number(Int(significand)) * Self.scales[exponent + Self.scaleRange]
        }
        return Number(description) ?? .zero
    }

    private static let scaleRange = 24
    /// 10^-24 ... 10^24 as Numbers (multiplying by one of them is exact).
    private static let scales: [Number] = (-scaleRange...scaleRange).map { k in
        Number(k >= 0 ? "1" + String(repeating: "0", count: k) : "0." + String(repeating: "0", count: -k - 1) + "1")!
    }

    /// The nearest Double when it is cheap and accurate to a few ulps (|significand| < 2^53,
    /// |exponent| <= 22), else nil.
    @inline(__always)
    static func double(_ s: Int64, _ e: Int, _ p10: UnsafePointer<Double>) -> Double? {
        guard s.magnitude < (1 << 53), e >= -22, e <= 22 else { return nil }
        return e >= 0 ? Double(s) * p10[e] : Double(s) / p10[-e]
    }

    /// 1e0 ... 1e22, all exact Doubles.
    static let doublePowers: [Double] = (0...22).reduce(into: []) { table, k in
        table.append(k == 0 ? 1 : table[k - 1] * 10)
    }
}
