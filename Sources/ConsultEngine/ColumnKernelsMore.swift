import ConsultExpression

// Quotient comparisons, symbols, known(), copies, derived-fact cases and rule fires.

extension ColumnMachine {
    /// `x / y` against `z` as `Semantics` would compare them: with the quotient `Number` computes
    /// (19 significant digits, rounded half away from zero). The quotient itself is needed only
    /// when `x / y` is within about 1e-9 (relative) of `z`: outside that band the Double estimate
    /// (off by a few 1e-16 at most) and the rounded quotient (off by under 1e-17) both lie on the
    /// same side of `z` as the exact one.
    func compareQuotient(_ outcome: TruthOutcome, _ x: NumberColumn, _ y: NumberColumn, _ z: NumberColumn,
                         _ out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<count {
            let ex = x.exponent(i), ey = y.exponent(i), ez = z.exponent(i)
            let sy = y.significand(i)
            if ex == Self.unknown || ey == Self.unknown || ez == Self.unknown || sy == 0 {
                out[i] = 1
                continue
            }
            let sx = x.significand(i), sz = z.significand(i)
            if let dx = ExactDecimal.double(sx, ex, d10), let dy = ExactDecimal.double(sy, ey, d10),
               let dz = ExactDecimal.double(sz, ez, d10) {
                let q = dx / dy
                let gap = q - dz
                if gap.magnitude > 1e-9 * Swift.max(q.magnitude, dz.magnitude) {
                    out[i] = outcome.of(gap < 0 ? -1 : 1)
                    continue
                }
            }
            if let q = ExactDecimal.divideExactly(sx, ex, sy, ey) {
                out[i] = outcome.of(ExactDecimal.compare(q.significand, q.exponent, sz, ez, p10))
                continue
            }
            // Too close to call: the exact rule, through Number.
            guard let q = x.decimal(i).number.divided(by: y.decimal(i).number) else {
                out[i] = 1
                continue
            }
            let c = z.decimal(i).number
            out[i] = outcome.of(q < c ? -1 : (q == c ? 0 : 1))
        }
    }

    func symbolsEqual(_ equal: Bool, _ a: ByteColumn<Int32>, _ b: ByteColumn<Int32>, _ out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<count {
            let x = a[i], y = b[i]
            if x == -1 || y == -1 {
                out[i] = 1
                continue
            }
            let same: Bool
            if x >= 0 || y >= 0 {
                same = x == y  // an interned string never equals one outside the table
            } else {
                same = block.texts[Int(-2 - x)] == block.texts[Int(-2 - y)]
            }
            out[i] = same == equal ? 2 : 0
        }
    }

    @inline(__always)
    func isKnown(_ kind: ColumnLayout.Kind, _ r: ColumnRef, _ i: Int) -> Bool {
        switch kind {
        case .number: return number(r).exponent(i) != Self.unknown
        case .truth: return truth(r)[i] != 1
        case .symbol: return symbol(r)[i] != -1
        }
    }

    func known(_ kind: ColumnLayout.Kind, _ a: ColumnRef, _ negated: Bool, _ out: UnsafeMutablePointer<UInt8>) {
        let yes: UInt8 = negated ? 0 : 2, no: UInt8 = negated ? 2 : 0
        switch kind {
        case .number:
            let x = number(a)
            for i in 0..<count { out[i] = x.exponent(i) != Self.unknown ? yes : no }
        case .truth:
            let x = truth(a)
            for i in 0..<count { out[i] = x[i] != 1 ? yes : no }
        case .symbol:
            let x = symbol(a)
            for i in 0..<count { out[i] = x[i] != -1 ? yes : no }
        }
    }

    func copy(_ kind: ColumnLayout.Kind, _ a: ColumnRef, _ into: Int) {
        switch kind {
        case .number:
            let x = number(a), out = numberOut(into)
            for i in 0..<count {
                out.s[i] = x.significand(i)
                out.e[i] = x.exponent(i)
            }
        case .truth:
            let x = truth(a), out = truthOut(into)
            for i in 0..<count { out[i] = x[i] }
        case .symbol:
            let x = symbol(a), out = symbolOut(into)
            for i in 0..<count { out[i] = x[i] }
        }
    }

    /// Derived-fact cases, row by row: the index of the `then` that applies, `whens.count` for
    /// `otherwise`, or nil for unknown.
    func select(_ kind: ColumnLayout.Kind, _ whens: [ByteColumn<UInt8>], _ thens: [ColumnRef],
                _ otherwise: ColumnRef?, _ into: Int) {
        let sources = thens + (otherwise.map { [$0] } ?? [])
        for i in 0..<count {
            var chosen: Int? = otherwise == nil ? nil : whens.count
            for (k, when) in whens.enumerated() {
                let t = when[i]
                if t == 0 { continue }
                chosen = t == 2 ? k : nil
                break
            }
            switch kind {
            case .number:
                let out = numberOut(into)
                if let k = chosen {
                    let source = number(sources[k])
                    out.s[i] = source.significand(i)
                    out.e[i] = source.exponent(i)
                } else {
                    out.e[i] = Self.unknown
                }
            case .truth:
                truthOut(into)[i] = chosen.map { truth(sources[$0])[i] } ?? 1
            case .symbol:
                symbolOut(into)[i] = chosen.map { symbol(sources[$0])[i] } ?? -1
            }
        }
    }

    /// Rows where the condition is true get the rule's bit; the block counts the fires.
    func fire(_ rule: Int, _ a: ByteColumn<UInt8>) {
        let words = block.ruleWords, word = rule >> 6, bit = UInt64(rule & 63)
        let fired = block.firedWords
        var n = 0
        if a.stride == 1 {
            let t = a.p
            for i in 0..<count {
                let f = UInt64(t[i] >> 1)
                fired[i &* words &+ word] |= f << bit
                n &+= Int(f)
            }
        } else {
            for i in 0..<count {
                let f = UInt64(a[i] >> 1)
                fired[i &* words &+ word] |= f << bit
                n &+= Int(f)
            }
        }
        block.counters[1 + rule] += n
    }
}
