import ConsultExpression

/// Pointers to one number operand: row i is at `s[i * stride]`, `e[i * stride]` (stride 0 for a constant).
struct NumberColumn {
    let s: UnsafeMutablePointer<Int64>
    let e: UnsafeMutablePointer<Int>
    let stride: Int

    @inline(__always) func significand(_ i: Int) -> Int64 { s[i &* stride] }
    @inline(__always) func exponent(_ i: Int) -> Int { e[i &* stride] }
    @inline(__always) func decimal(_ i: Int) -> ExactDecimal { ExactDecimal(significand: s[i &* stride], exponent: e[i &* stride]) }
}

/// Pointers to one truth or symbol operand.
struct ByteColumn<T> {
    let p: UnsafeMutablePointer<T>
    let stride: Int

    @inline(__always) subscript(_ i: Int) -> T { p[i &* stride] }
}

/// The column kernels: each runs one `ColumnOp` over the block's rows. Tables of powers come in
/// as pointers so the loops touch no globals.
struct ColumnMachine {
    let block: FactBlock
    let p10: UnsafePointer<Int64>
    let d10: UnsafePointer<Double>
    static let unknown = FactBlock.unknownExponent

    var count: Int { block.count }

    func number(_ r: ColumnRef) -> NumberColumn {
        if r.constant {
            return NumberColumn(s: block.constantSignificands + r.column, e: block.constantExponents + r.column, stride: 0)
        }
        let offset = r.column * block.capacity
        return NumberColumn(s: block.significands + offset, e: block.exponents + offset, stride: 1)
    }

    func truth(_ r: ColumnRef) -> ByteColumn<UInt8> {
        r.constant ? ByteColumn(p: block.constantTruths + r.column, stride: 0)
            : ByteColumn(p: block.truths + r.column * block.capacity, stride: 1)
    }

    func symbol(_ r: ColumnRef) -> ByteColumn<Int32> {
        r.constant ? ByteColumn(p: block.constantCodes + r.column, stride: 0)
            : ByteColumn(p: block.codes + r.column * block.capacity, stride: 1)
    }

    func truthOut(_ c: Int) -> UnsafeMutablePointer<UInt8> { block.truths + c * block.capacity }
    func symbolOut(_ c: Int) -> UnsafeMutablePointer<Int32> { block.codes + c * block.capacity }
    /// A number column about to be written (which forgets its uniform exponent).
    func numberOut(_ c: Int) -> NumberColumn {
        block.uniform[c] = FactBlock.unchecked
        return number(.column(c))
    }

    func run(_ op: ColumnOp) {
        switch op {
        case .arithmetic(let op, let a, let b, let into): arithmetic(op, number(a), number(b), numberOut(into))
        case .negate(let a, let into): negate(number(a), numberOut(into))
        case .extremum(let isMax, let a, let b, let into): extremum(isMax, number(a), number(b), numberOut(into))
        case .unknownCount(let facts, let into): unknownCount(facts, numberOut(into))
        case .compare(let outcome, let a, let b, let into): compare(outcome, a, b, truthOut(into))
        case .compareQuotient(let outcome, let x, let y, let z, let into):
            compareQuotient(outcome, number(x), number(y), number(z), truthOut(into))
        case .symbolsEqual(let equal, let a, let b, let into): symbolsEqual(equal, symbol(a), symbol(b), truthOut(into))
        case .truthsEqual(let equal, let a, let b, let into):
            let x = truth(a), y = truth(b), out = truthOut(into)
            for i in 0..<count {
                let p = x[i], q = y[i]
                out[i] = p == 1 || q == 1 ? 1 : ((p == q) == equal ? 2 : 0)
            }
        case .numberIn(let set, let negated, let a, let into): numberIn(set, negated, number(a), truthOut(into))
        case .symbolIn(let set, let negated, let a, let into):
            let x = symbol(a), out = truthOut(into)
            for i in 0..<count {
                let c = x[i]
                out[i] = c == -1 ? 1 : ((set.contains(c) != negated) ? 2 : 0)
            }
        case .truthIn(let set, let negated, let a, let into):
            let x = truth(a), out = truthOut(into)
            for i in 0..<count {
                let t = x[i]
                out[i] = t == 1 ? 1 : ((set.contains(t) != negated) ? 2 : 0)
            }
        case .and(let a, let b, let into):
            bytes(truth(a), truth(b), truthOut(into)) { Swift.min($0, $1) }
        case .or(let a, let b, let into):
            bytes(truth(a), truth(b), truthOut(into)) { Swift.max($0, $1) }
        case .not(let a, let into):
            bytes(truth(a), truth(a), truthOut(into)) { x, _ in 2 &- x }
        case .known(let kind, let a, let negated, let into): known(kind, a, negated, truthOut(into))
        case .fillTruth(let value, let into):
            truthOut(into).update(repeating: value, count: count)
        case .copy(let kind, let a, let into): copy(kind, a, into)
        case .select(let kind, let whens, let thens, let otherwise, let into):
            select(kind, whens.map(truth), thens, otherwise, into)
        case .fire(let rule, let a): fire(rule, truth(a))
        }
    }

    /// A byte-wise loop, with plain pointers when neither operand is a constant (so it vectorises).
    @inline(__always)
    func bytes(_ a: ByteColumn<UInt8>, _ b: ByteColumn<UInt8>, _ out: UnsafeMutablePointer<UInt8>,
               _ f: (UInt8, UInt8) -> UInt8) {
        if a.stride == 1 && b.stride == 1 {
            let x = a.p, y = b.p
            for i in 0..<count { out[i] = f(x[i], y[i]) }
        } else {
            for i in 0..<count { out[i] = f(a[i], b[i]) }
        }
    }

    // MARK: Numbers

    func arithmetic(_ op: ArithmeticOperator, _ a: NumberColumn, _ b: NumberColumn, _ out: NumberColumn) {
        for i in 0..<count {
            let ea = a.exponent(i), eb = b.exponent(i)
            if ea == Self.unknown || eb == Self.unknown {
                out.e[i] = Self.unknown
                continue
            }
            let x = a.significand(i), y = b.significand(i)
            let exact: ExactDecimal?
            switch op {
            case .add: exact = ExactDecimal.add(x, ea, y, eb, p10)
            case .subtract: exact = ExactDecimal.add(x, ea, -y, eb, p10)
            case .multiply: exact = ExactDecimal.multiply(x, ea, y, eb)
            case .divide:
                if y == 0 {
                    out.e[i] = Self.unknown
                    continue
                }
                exact = ExactDecimal.divideExactly(x, ea, y, eb)
            }
            let result = exact ?? Self.viaNumber(op, a.decimal(i), b.decimal(i))
            out.s[i] = result?.significand ?? 0
            out.e[i] = result?.exponent ?? Self.unknown
        }
    }

    /// What `Number` gives when the exact result does not fit (it rounds) or the quotient is not
    /// a simple one; nil for a division by zero.
    static func viaNumber(_ op: ArithmeticOperator, _ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        let x = a.number, y = b.number
        let result: Number?
        switch op {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide: result = x.divided(by: y)
        }
        return result.flatMap(ExactDecimal.init)
    }

    func negate(_ a: NumberColumn, _ out: NumberColumn) {
        for i in 0..<count {
            out.s[i] = -a.significand(i)
            out.e[i] = a.exponent(i)
        }
    }

    func extremum(_ isMax: Bool, _ a: NumberColumn, _ b: NumberColumn, _ out: NumberColumn) {
        for i in 0..<count {
            let ea = a.exponent(i), eb = b.exponent(i)
            if ea == Self.unknown || eb == Self.unknown {
                out.e[i] = Self.unknown
                continue
            }
            let c = ExactDecimal.compare(a.significand(i), ea, b.significand(i), eb, p10)
            let takeA = isMax ? c > 0 : c < 0
            out.s[i] = takeA ? a.significand(i) : b.significand(i)
            out.e[i] = takeA ? ea : eb
        }
    }

    func unknownCount(_ facts: [(kind: ColumnLayout.Kind, column: Int)], _ out: NumberColumn) {
        for i in 0..<count {
            var n: Int64 = 0
            for fact in facts where !isKnown(fact.kind, .column(fact.column), i) { n += 1 }
            out.s[i] = n
            out.e[i] = 0
        }
    }

    func numberIn(_ set: [ExactDecimal], _ negated: Bool, _ a: NumberColumn, _ out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<count {
            let e = a.exponent(i)
            if e == Self.unknown {
                out[i] = 1
                continue
            }
            let s = a.significand(i)
            let found = set.contains { ExactDecimal.compare(s, e, $0.significand, $0.exponent, p10) == 0 }
            out[i] = found != negated ? 2 : 0
        }
    }
}
