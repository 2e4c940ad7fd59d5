import ConsultExpression

// Number- and truth-valued nodes to column operations; the meaning of each is that of
// `Semantics` (ConsultExpression), which the equivalence tests hold it to.

extension ColumnCompiler {
    mutating func number(_ node: Node) -> ColumnRef {
        switch node {
        case .number(let n, _):
            return number(constant: ExactDecimal(n) ?? ExactDecimal(significand: 0, exponent: 0))
        case .fact(let name, _):
            if let (kind, ref) = factRef(name), kind == .number { return ref }
            return unknownNumber()
        case .unary(.negate, let operand, _):
            let a = number(operand)
            release(a, .number)
            let out = temporary(.number)
            ops.append(.negate(a, into: out))
            return .column(out)
        case .binary(let op, let left, let right, _):
            let arithmetic: ArithmeticOperator
            switch op {
            case .add: arithmetic = .add
            case .subtract: arithmetic = .subtract
            case .multiply: arithmetic = .multiply
            case .divide: arithmetic = .divide
            default: return unknownNumber()
            }
            let a = number(left), b = number(right)
            release(a, .number)
            release(b, .number)
            let out = temporary(.number)
            ops.append(.arithmetic(arithmetic, a, b, into: out))
            return .column(out)
        case .call(let name, let arguments, _) where (name == "max" || name == "min") && arguments.count == 2:
            let a = number(arguments[0]), b = number(arguments[1])
            release(a, .number)
            release(b, .number)
            let out = temporary(.number)
            ops.append(.extremum(isMax: name == "max", a, b, into: out))
            return .column(out)
        case .call("unknown_count", let arguments, _) where arguments.count == 1:
            guard case .list(let items, _) = arguments[0] else { return unknownNumber() }
            // Literal items are known values: they never count.
            let facts = items.compactMap { item -> (kind: ColumnLayout.Kind, column: Int)? in
                guard case .fact(let name, _) = item, let (kind, ref) = factRef(name) else { return nil }
                return (kind, ref.column)
            }
            let out = temporary(.number)
            ops.append(.unknownCount(facts, into: out))
            return .column(out)
        default:
            return unknownNumber()
        }
    }

    mutating func truth(_ node: Node) -> ColumnRef {
        switch node {
        case .bool(let flag, _):
            return truth(constant: flag ? 2 : 0)
        case .fact(let name, _):
            if let (kind, ref) = factRef(name), kind == .truth { return ref }
            return truth(constant: 1)
        case .unary(.not, let operand, _):
            let a = truth(operand)
            release(a, .truth)
            let out = temporary(.truth)
            ops.append(.not(a, into: out))
            return .column(out)
        case .binary(.and, let left, let right, _), .binary(.or, let left, let right, _):
            let a = truth(left), b = truth(right)
            release(a, .truth)
            release(b, .truth)
            let out = temporary(.truth)
            if case .binary(.and, _, _, _) = node {
                ops.append(.and(a, b, into: out))
            } else {
                ops.append(.or(a, b, into: out))
            }
            return .column(out)
        case .binary(.in, let left, let right, _):
            return membership(left, right, negated: false)
        case .binary(.notIn, let left, let right, _):
            return membership(left, right, negated: true)
        case .binary(let op, let left, let right, _) where op.isComparison:
            return comparison(op, left, right)
        case .call(let name, let arguments, _) where (name == "known" || name == "unknown") && arguments.count == 1:
            return known(arguments[0], negated: name == "unknown")
        default:
            return truth(constant: 1)
        }
    }

    /// Always definite: whether the argument has a value (a list always has).
    mutating func known(_ argument: Node, negated: Bool) -> ColumnRef {
        guard let (kind, ref) = value(argument) else {
            let isList = type(of: argument) == .list
            return truth(constant: isList != negated ? 2 : 0)
        }
        release(ref, kind)
        let out = temporary(.truth)
        ops.append(.known(kind, ref, negated: negated, into: out))
        return .column(out)
    }

    mutating func comparison(_ op: BinaryOperator, _ left: Node, _ right: Node) -> ColumnRef {
        switch type(of: left) {
        case .number?:
            guard type(of: right) == .number else { return truth(constant: 1) }
            // `x / y op z` (or `z op x / y`): compared without the quotient when that is clear.
            if case .binary(.divide, let x, let y, _) = left {
                return quotientComparison(op, x, y, right)
            }
            if case .binary(.divide, let x, let y, _) = right {
                return quotientComparison(op.flipped, x, y, left)
            }
            let a = number(left), b = number(right)
            release(a, .number)
            release(b, .number)
            let out = temporary(.truth)
            // The kernels like the constant on the right: `4.6 > x` is `x < 4.6`.
            if a.constant && !b.constant {
                ops.append(.compare(TruthOutcome(op.flipped), b, a, into: out))
            } else {
                ops.append(.compare(TruthOutcome(op), a, b, into: out))
            }
            return .column(out)
        case .string?:
            guard type(of: right) == .string, op == .equal || op == .notEqual else { return truth(constant: 1) }
            let a = symbol(left), b = symbol(right)
            let out = temporary(.truth)
            ops.append(.symbolsEqual(op == .equal, a, b, into: out))
            return .column(out)
        case .bool?:
            guard type(of: right) == .bool, op == .equal || op == .notEqual else { return truth(constant: 1) }
            let a = truth(left), b = truth(right)
            release(a, .truth)
            release(b, .truth)
            let out = temporary(.truth)
            ops.append(.truthsEqual(op == .equal, a, b, into: out))
            return .column(out)
        default:
            return truth(constant: 1)
        }
    }

    private mutating func quotientComparison(_ op: BinaryOperator, _ x: Node, _ y: Node, _ z: Node) -> ColumnRef {
        let a = number(x), b = number(y), c = number(z)
        release(a, .number)
        release(b, .number)
        release(c, .number)
        let out = temporary(.truth)
        ops.append(.compareQuotient(TruthOutcome(op), x: a, y: b, z: c, into: out))
        return .column(out)
    }

    /// `x in [literals]`: the literals of x's type, unpacked once.
    mutating func membership(_ left: Node, _ right: Node, negated: Bool) -> ColumnRef {
        guard case .list(let items, _) = right else { return truth(constant: 1) }
        let out: Int
        switch type(of: left) {
        case .number?:
            let set = items.compactMap { item -> ExactDecimal? in
                if case .number(let n, _) = item { return ExactDecimal(n) }
                return nil
            }
            let a = number(left)
            release(a, .number)
            out = temporary(.truth)
            ops.append(.numberIn(set, negated: negated, a, into: out))
        case .string?:
            let set = items.compactMap { item -> Int32? in
                if case .string(let s, _) = item { return symbols.intern(s) }
                return nil
            }
            let a = symbol(left)
            out = temporary(.truth)
            ops.append(.symbolIn(set, negated: negated, a, into: out))
        case .bool?:
            let set = items.compactMap { item -> UInt8? in
                if case .bool(let b, _) = item { return b ? 2 : 0 }
                return nil
            }
            let a = truth(left)
            release(a, .truth)
            out = temporary(.truth)
            ops.append(.truthIn(set, negated: negated, a, into: out))
        default:
            return truth(constant: 1)
        }
        return .column(out)
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var flipped: BinaryOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}
