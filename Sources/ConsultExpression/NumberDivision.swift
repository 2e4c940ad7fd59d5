// Division: a correctly rounded (half away from zero) quotient with as many significant digits
// as fit in Int64 (19 when they fit, otherwise 18).

extension Number {
    /// `self / other`, or nil when `other` is zero.
    public func divided(by other: Number) -> Number? {
        if other.significand == 0 { return nil }
        if significand == 0 { return .zero }
        let dividend = significand.magnitude, divisor = other.significand.magnitude
        let negative = (significand < 0) != (other.significand < 0)
        if dividend % divisor == 0 {  // exact, e.g. a percentage divided by 100
            let magnitude = Int64(dividend / divisor)
            return Number(normalizing: negative ? -magnitude : magnitude, exponent: exponent - other.exponent)
        }
        let digitsA = DecimalDigits.count(dividend), digitsB = DecimalDigits.count(divisor)
        // With scale s = k + digitsB - digitsA the quotient dividend × 10^s / divisor lies in
        // [10^(k-1), 10^(k+1)); try 19 significant digits first, then fewer.
        for k in stride(from: 19, through: 17, by: -1) {
            let scale = k + digitsB - digitsA
            guard let quotient = Self.scaledQuotient(dividend, divisor, scale: scale) else { continue }
            let magnitude = Int64(quotient)
            return Number(normalizing: negative ? -magnitude : magnitude,
                          exponent: exponent - other.exponent - scale)
        }
        return nil  // unreachable: k = 17 always fits
    }

    /// round(dividend × 10^scale / divisor) if it is at most Int64.max, else nil.
    /// Needs dividend, divisor < 10^19 and -1 <= scale <= 37 with the product below 10^38.
    private static func scaledQuotient(_ dividend: UInt64, _ divisor: UInt64, scale: Int) -> UInt64? {
        var divisor = divisor
        var scale = scale
        if scale < 0 {
            // Only when the dividend has 19 digits and the divisor one: scale the divisor instead.
            divisor *= DecimalDigits.power(-scale)
            scale = 0
        }
        // dividend × 10^scale in two steps: the first keeps within 19 digits, the second is full width.
        let first = Swift.min(scale, 19 - DecimalDigits.count(dividend))
        let partial = dividend * DecimalDigits.power(first)
        let (high, low) = partial.multipliedFullWidth(by: DecimalDigits.power(scale - first))
        guard high < divisor else { return nil }  // the quotient would not fit in 64 bits
        let (quotient, remainder) = divisor.dividingFullWidth((high, low))
        let roundUp = remainder >= divisor - remainder
        let (rounded, overflow) = quotient.addingReportingOverflow(roundUp ? 1 : 0)
        guard !overflow, rounded <= UInt64(Int64.max) else { return nil }
        return rounded
    }
}
