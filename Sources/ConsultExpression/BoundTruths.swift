// Truth-valued programs (`Bool?`, nil meaning unknown): logic, comparisons, membership, known/unknown.

extension BoundCompiler {
    func truth(_ node: Node) -> TruthProgram {
        switch node {
        case .bool(let flag, _):
            return { _ in flag }
        case .fact(let name, _):
            let slot = slot(name)
            return { values in Self.readTruth(values, slot) }
        case .unary(.not, let operand, _):
            let program = truth(operand)
            return { values in program(values).map { !$0 } }
        case .binary(.and, let left, let right, _):
            let a = truth(left), b = truth(right)
            return { values in
                let x = a(values)
                if x == false { return false }
                return Semantics.and(x, b(values))
            }
        case .binary(.or, let left, let right, _):
            let a = truth(left), b = truth(right)
            return { values in
                let x = a(values)
                if x == true { return true }
                return Semantics.or(x, b(values))
            }
        case .binary(.in, let left, let right, _):
            return membership(left, right, negated: false)
        case .binary(.notIn, let left, let right, _):
            return membership(left, right, negated: true)
        case .binary(let op, let left, let right, _):
            return comparison(op, left, right)
        case .call("known", let arguments, _) where arguments.count == 1:
            return isKnown(arguments[0])
        case .call("unknown", let arguments, _) where arguments.count == 1:
            let program = isKnown(arguments[0])
            return { values in program(values).map { !$0 } }
        default:
            return { _ in nil }
        }
    }

    /// Always definite: whether the argument has a value.
    private func isKnown(_ argument: Node) -> TruthProgram {
        switch type(of: argument) {
        case .number?:
            let program = number(argument)
            return { values in program(values) != nil }
        case .bool?:
            let program = truth(argument)
            return { values in program(values) != nil }
        case .string?:
            let program = text(argument)
            return { values in program(values) != nil }
        case .list?:
            return { _ in true }
        case nil:
            return { _ in false }
        }
    }

    private func comparison(_ op: BinaryOperator, _ left: Node, _ right: Node) -> TruthProgram {
        let outcome = Outcome(op)
        if let fused = factComparison(outcome, left, right) { return fused }
        switch type(of: left) {
        case .number?:
            let a = number(left)
            if case .number(let constant, _) = right {
                return { values in a(values).map { outcome.holds(Number.compare($0, constant)) } }
            }
            let b = number(right)
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return outcome.holds(Number.compare(x, y))
            }
        case .string?:
            let a = text(left), b = text(right)
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return (x == y) == outcome.equal
            }
        case .bool?:
            let a = truth(left), b = truth(right)
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return (x == y) == outcome.equal
            }
        default:
            return { _ in nil }
        }
    }

    /// `fact op literal`, the most common condition, as a single closure reading the slot directly.
    private func factComparison(_ outcome: Outcome, _ left: Node, _ right: Node) -> TruthProgram? {
        guard case .fact(let name, _) = left else { return nil }
        let slot = slot(name)
        switch right {
        case .number(let constant, _):
            return { values in Self.readNumber(values, slot).map { outcome.holds(Number.compare($0, constant)) } }
        case .string(let constant, _):
            return { values in Self.readText(values, slot).map { ($0 == constant) == outcome.equal } }
        case .bool(let constant, _):
            return { values in Self.readTruth(values, slot).map { ($0 == constant) == outcome.equal } }
        default:
            return nil
        }
    }

    /// `x in [literals]`: the literals are unpacked once, at bind time.
    private func membership(_ left: Node, _ right: Node, negated: Bool) -> TruthProgram {
        guard case .list(let items, _) = right else { return { _ in nil } }
        let constants = items.map(Self.constant)
        switch type(of: left) {
        case .number?:
            let a = number(left)
            let set = constants.compactMap { if case .number(let n) = $0 { n } else { nil } }
            return { values in a(values).map { set.contains($0) != negated } }
        case .string?:
            let set = constants.compactMap { if case .string(let s) = $0 { s } else { nil } }
            if case .fact(let name, _) = left {
                let slot = slot(name)
                return { values in Self.readText(values, slot).map { set.contains($0) != negated } }
            }
            let a = text(left)
            return { values in a(values).map { set.contains($0) != negated } }
        case .bool?:
            let a = truth(left)
            let set = constants.compactMap { if case .bool(let b) = $0 { b } else { nil } }
            return { values in a(values).map { set.contains($0) != negated } }
        default:
            return { _ in nil }
        }
    }
}
