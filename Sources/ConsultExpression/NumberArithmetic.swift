// Exact addition, subtraction and multiplication; when a result needs more than ~18 significant
// digits the operands (or the product) are rounded half away from zero instead of trapping.

extension Number {
    public static prefix func - (a: Number) -> Number {
        // The significand is never Int64.min, so negation cannot overflow.
        Number(uncheckedSignificand: -a.significand, exponent: a.exponent)
    }

    public static func + (a: Number, b: Number) -> Number {
        if a.significand == 0 { return b }
        if b.significand == 0 { return a }
        let (high, low) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let shift = high.exponent - low.exponent
        if shift <= 18 {
            let (scaled, overflow) = high.significand.multipliedReportingOverflow(by: Int64(DecimalDigits.power(shift)))
            if !overflow {
                let (sum, overflow2) = scaled.addingReportingOverflow(low.significand)
                if !overflow2, sum != Int64.min {
                    return Number(normalizing: sum, exponent: low.exponent)
                }
            }
        }
        return roundedSum(a, b)
    }

    public static func - (a: Number, b: Number) -> Number {
        a + (-b)
    }

    /// The sum when the exact one does not fit: both operands are rounded to the exponent that
    /// leaves at most 18 digits each, so the sum is below 2 × 10^18.
    private static func roundedSum(_ a: Number, _ b: Number) -> Number {
        let top = Swift.max(a.leadingPosition, b.leadingPosition)
        let exponent = Swift.max(Swift.min(a.exponent, b.exponent), top - 18)
        let sum = a.significand(atExponent: exponent) + b.significand(atExponent: exponent)
        return Number(normalizing: sum, exponent: exponent)
    }

    public static func * (a: Number, b: Number) -> Number {
        if a.significand == 0 || b.significand == 0 { return .zero }
        let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        if !overflow, product != Int64.min {
            return Number(normalizing: product, exponent: a.exponent + b.exponent)
        }
        // Full 128-bit product of the magnitudes, then drop digits until 18 remain.
        var (high, low) = a.significand.magnitude.multipliedFullWidth(by: b.significand.magnitude)
        var dropped = 0
        var lastDigit: UInt64 = 0
        while high != 0 || low >= 1_000_000_000_000_000_000 {
            (high, low, lastDigit) = Wide.divide(high: high, low: low, by: 10)
            dropped += 1
        }
        // Half away from zero depends only on the first dropped digit.
        if lastDigit >= 5 { low += 1 }
        let magnitude = Int64(low)
        let negative = (a.significand < 0) != (b.significand < 0)
        return Number(normalizing: negative ? -magnitude : magnitude, exponent: a.exponent + b.exponent + dropped)
    }

    /// Rounds to `places` decimal places (negative places round to tens, hundreds, ...), half away from zero.
    public func rounded(places: Int) -> Number {
        let places = Swift.min(Swift.max(places, -1_000_000), 1_000_000)
        if significand == 0 || exponent >= -places { return self }
        return Number(normalizing: significand(atExponent: -places), exponent: -places)
    }

    // MARK: Helpers

    /// Exponent just above the leading digit: |self| < 10^leadingPosition.
    var leadingPosition: Int {
        DecimalDigits.count(significand.magnitude) + exponent
    }

    /// The significand of this value written with exponent `target`, rounded half away from zero.
    /// When `target < exponent` the caller guarantees the scaled value has at most 18 digits.
    func significand(atExponent target: Int) -> Int64 {
        if target <= exponent {
            return significand * Int64(DecimalDigits.power(exponent - target))
        }
        return Number.shiftRight(significand, by: target - exponent)
    }

    /// `value / 10^k` rounded half away from zero, for k > 0.
    static func shiftRight(_ value: Int64, by k: Int) -> Int64 {
        if k > 19 { return 0 }
        let divisor = DecimalDigits.power(k)
        let magnitude = value.magnitude
        var quotient = magnitude / divisor
        let remainder = magnitude % divisor
        if remainder >= divisor / 2 { quotient += 1 }
        let result = Int64(quotient)
        return value < 0 ? -result : result
    }
}

/// Unsigned 128-bit helpers built on the standard full-width operations.
enum Wide {
    /// (high, low) / divisor as a 128-bit quotient and the remainder.
    @inline(__always)
    static func divide(high: UInt64, low: UInt64, by divisor: UInt64) -> (UInt64, UInt64, UInt64) {
        let quotientHigh = high / divisor
        let (quotientLow, remainder) = divisor.dividingFullWidth((high % divisor, low))
        return (quotientHigh, quotientLow, remainder)
    }
}
