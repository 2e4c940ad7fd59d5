import ConsultExpression

// Number comparisons: against a constant as plain integers once a column has one exponent, and
// row by row otherwise.

extension ColumnMachine {
    func compare(_ outcome: TruthOutcome, _ a: ColumnRef, _ b: ColumnRef, _ out: UnsafeMutablePointer<UInt8>) {
        if !a.constant, b.constant, compareToConstant(outcome, a.column, number(b).decimal(0), out) { return }
        if !a.constant, !b.constant, let ea = uniformExponent(a.column), ea == uniformExponent(b.column) {
            let x = number(a), y = number(b)
            for i in 0..<count {
                let p = x.s[i], q = y.s[i]
                let known = x.e[i] != Self.unknown && y.e[i] != Self.unknown
                let t = p < q ? outcome.less : (p == q ? outcome.equal : outcome.greater)
                out[i] = known ? t : 1
            }
            return
        }
        let x = number(a), y = number(b)
        for i in 0..<count {
            let ea = x.exponent(i), eb = y.exponent(i)
            if ea == Self.unknown || eb == Self.unknown {
                out[i] = 1
                continue
            }
            out[i] = outcome.of(ExactDecimal.compare(x.significand(i), ea, y.significand(i), eb, p10))
        }
    }

    /// A column against a constant, as integers: the column is brought to one exponent E, the
    /// constant c to the integer threshold q = floor(c / 10^E) (and whether that is exact), so
    /// `s × 10^E` vs `c` is `s` vs `q`. False when that does not fit (the caller then compares
    /// row by row).
    func compareToConstant(_ outcome: TruthOutcome, _ column: Int, _ c: ExactDecimal, _ out: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let e = uniformExponent(column) else { return false }
        var q: Int64, exact = true
        if c.exponent >= e {
            let d = c.exponent - e
            guard d <= 18 else { return false }
            let (scaled, overflow) = c.significand.multipliedReportingOverflow(by: p10[d])
            guard !overflow else { return false }
            q = scaled
        } else {
            let d = e - c.exponent
            guard d <= 18 else { return false }
            q = c.significand / p10[d]
            let r = c.significand % p10[d]
            if r != 0 {
                exact = false
                if r < 0 { q -= 1 }  // floor
            }
        }
        // s < q: less; s == q: equal if exact, else less (c lies between q and q + 1); s > q: greater.
        let atQ = exact ? outcome.equal : outcome.less
        let x = number(.column(column))
        for i in 0..<count {
            let s = x.s[i]
            let t = s < q ? outcome.less : (s == q ? atQ : outcome.greater)
            out[i] = x.e[i] != Self.unknown ? t : 1
        }
        return true
    }

    /// The exponent every known row of a number column has, rescaling rows to the smallest one
    /// (values do not change); nil when a row would not fit. Remembered until the column is written.
    func uniformExponent(_ column: Int) -> Int? {
        let cached = block.uniform[column]
        if cached == FactBlock.mixed { return nil }
        if cached != FactBlock.unchecked { return cached }
        let x = number(.column(column))
        var low = Int.max
        for i in 0..<count where x.e[i] != Self.unknown && x.e[i] < low { low = x.e[i] }
        if low == Int.max { low = 0 }
        var fits = true
        for i in 0..<count {
            let e = x.e[i]
            if e == Self.unknown || e == low { continue }
            let d = e - low
            if d > 18 { fits = false; continue }
            let (scaled, overflow) = x.s[i].multipliedReportingOverflow(by: p10[d])
            if overflow || scaled == .min { fits = false; continue }
            x.s[i] = scaled
            x.e[i] = low
        }
        block.uniform[column] = fits ? low : FactBlock.mixed
        return fits ? low : nil
    }
}
