/// An exact decimal, `significand × 10^exponent`, so that thresholds written in playbooks mean
/// what they say (`4.4 <= 4.4`, `0.1 + 0.2 == 0.3`). It is a fixed-size value with no heap storage,
/// because the engine evaluates millions of conditions per second; Foundation.Decimal is too slow.
///
/// The representation is normalised (no trailing decimal zeros in the significand, zero is `0 × 10^0`,
/// the significand is never `Int64.min`), so equal values are `==` and hash equally.
public struct Number: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Never `Int64.min` and never divisible by 10 (unless zero).
    let significand: Int64
    /// Zero when `significand` is zero.
    let exponent: Int

    /// The number zero.
    public static let zero = Number(uncheckedSignificand: 0, exponent: 0)

    /// Wraps an already-normalised pair.
    init(uncheckedSignificand significand: Int64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// Normalises `significand × 10^exponent`; the caller guarantees `significand != Int64.min`.
    init(normalizing significand: Int64, exponent: Int) {
        guard significand != 0 else {
            self.init(uncheckedSignificand: 0, exponent: 0)
            return
        }
        var s = significand, e = exponent
        while s % 100_000_000 == 0 { s /= 100_000_000; e += 8 }
        while s % 10_000 == 0 { s /= 10_000; e += 4 }
        while s % 10 == 0 { s /= 10; e += 1 }
        self.init(uncheckedSignificand: s, exponent: e)
    }

    public init(_ value: Int) {
        if value == Int.min {
            // -9223372036854775808 = -922337203685477581 × 10 after rounding the last digit.
            self.init(normalizing: -922_337_203_685_477_581, exponent: 1)
        } else {
            self.init(normalizing: Int64(value), exponent: 0)
        }
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public var isZero: Bool { significand == 0 }

    /// True when the value has no fractional part.
    public var isInteger: Bool { exponent >= 0 }

    // MARK: Comparison

    public static func < (a: Number, b: Number) -> Bool {
        compare(a, b) < 0
    }

    /// -1, 0 or 1; exact for every pair of values.
    static func compare(_ a: Number, _ b: Number) -> Int {
        let sa = a.significand.signum(), sb = b.significand.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let magnitude = compareMagnitudes(a, b)
        return sa > 0 ? magnitude : -magnitude
    }

    /// Compares |a| and |b| (both non-zero) without overflowing: first by the position of the
    /// leading digit, then by aligning the exponents, which then differ by at most 18.
    private static func compareMagnitudes(_ a: Number, _ b: Number) -> Int {
        var ma = a.significand.magnitude, mb = b.significand.magnitude
        if a.exponent != b.exponent, let (x, y) = aligned(ma, a.exponent, mb, b.exponent) {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        if a.exponent != b.exponent {
            let topA = DecimalDigits.count(ma) + a.exponent
            let topB = DecimalDigits.count(mb) + b.exponent
            if topA != topB { return topA < topB ? -1 : 1 }
            // Same leading position: scaling the one with the larger exponent gives a value with
            // as many digits as the other one (at most 19), which fits in UInt64.
            if a.exponent > b.exponent {
                ma *= DecimalDigits.power(a.exponent - b.exponent)
            } else {
                mb *= DecimalDigits.power(b.exponent - a.exponent)
            }
        }
        return ma == mb ? 0 : (ma < mb ? -1 : 1)
    }

    /// Both magnitudes at the smaller exponent, when that does not overflow (the common case).
    @inline(__always)
    private static func aligned(_ ma: UInt64, _ ea: Int, _ mb: UInt64, _ eb: Int) -> (UInt64, UInt64)? {
        let shift = ea > eb ? ea - eb : eb - ea
        guard shift <= 19 else { return nil }
        let (scaled, overflow) = (ea > eb ? ma : mb).multipliedReportingOverflow(by: DecimalDigits.power(shift))
        guard !overflow else { return nil }
        return ea > eb ? (scaled, mb) : (ma, scaled)
    }

    // MARK: Text

    /// Canonical text: no trailing zeros, no exponent notation ("2.7", "1000000", "-0.5").
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

/// Powers of ten and digit counts for unsigned 64-bit magnitudes (no lazily initialised tables:
/// these sit on the evaluation hot path).
enum DecimalDigits {
    /// 10^k for 0 <= k <= 19 (10^19 still fits in UInt64).
    @inline(__always)
    static func power(_ k: Int) -> UInt64 {
        var result: UInt64 = 1
        var base: UInt64 = 10
        var k = k
        while k > 0 {  // square-and-multiply: at most five rounds
            if k & 1 == 1 { result &*= base }
            base &*= base
            k >>= 1
        }
        return result
    }

    /// Number of decimal digits of `m` (1 for zero).
    static func count(_ m: UInt64) -> Int {
        // Estimate from the bit length (log10(2) ≈ 1233 / 4096), then correct by one comparison.
        let bits = 64 - m.leadingZeroBitCount
        let estimate = (bits * 1233) >> 12
        return m >= power(estimate) ? estimate + 1 : Swift.max(estimate, 1)
    }
}
