// Number-valued programs: literals, number facts, arithmetic, max/min, unknown_count.

extension BoundCompiler {
    func number(_ node: Node) -> NumberProgram {
        switch node {
        case .number(let number, _):
            return { _ in number }
        case .fact(let name, _):
            let slot = slot(name)
            return { values in Self.readNumber(values, slot) }
        case .unary(.negate, let operand, _):
            let program = number(operand)
            return { values in program(values).map { -$0 } }
        case .binary(let op, let left, let right, _):
            return arithmetic(op, number(left), number(right))
        case .call("max", let arguments, _) where arguments.count == 2:
            let a = number(arguments[0]), b = number(arguments[1])
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return Swift.max(x, y)
            }
        case .call("min", let arguments, _) where arguments.count == 2:
            let a = number(arguments[0]), b = number(arguments[1])
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return Swift.min(x, y)
            }
        case .call("unknown_count", let arguments, _) where arguments.count == 1:
            return unknownCount(arguments[0])
        default:
            return { _ in nil }
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ a: @escaping NumberProgram,
                            _ b: @escaping NumberProgram) -> NumberProgram {
        switch op {
        case .add:
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return x + y
            }
        case .subtract:
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return x - y
            }
        case .multiply:
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return x * y
            }
        case .divide:
            return { values in
                guard let x = a(values), let y = b(values) else { return nil }
                return x.divided(by: y)
            }
        default:
            return { _ in nil }
        }
    }

    /// Counts the listed facts whose slot holds no value of the declared type.
    private func unknownCount(_ argument: Node) -> NumberProgram {
        guard case .list(let items, _) = argument else { return { _ in nil } }
        let reads: [(slot: Int, type: ExpressionType?)] = items.compactMap { item in
            guard case .fact(let name, _) = item else { return nil }
            return (slot(name), types[name])
        }
        return { values in
            var count = 0
            for read in reads {
                let value = read.slot >= 0 && read.slot < values.count ? values[read.slot] : .unknown
                if !value.conforming(to: read.type).isKnown { count += 1 }
            }
            return Number(count)
        }
    }
}
