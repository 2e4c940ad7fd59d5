// Type rules of the operators: logic needs booleans, arithmetic and ordering need numbers,
// equality needs two operands of the same type, `in` needs a list of the left operand's type.

extension Checker {
    mutating func checkUnary(_ op: UnaryOperator, _ operand: Node, _ span: ExpressionSpan) -> Checked {
        let checked = check(operand)
        switch op {
        case .not:
            require(.bool, checked.type, operand, "'not' needs a boolean")
            return Checked(.bool, .not, span, [checked])
        case .negate:
            require(.number, checked.type, operand, "'-' needs a number")
            return Checked(.number, .negate, span, [checked])
        }
    }

    mutating func checkBinary(_ op: BinaryOperator, _ left: Node, _ right: Node, _ span: ExpressionSpan) -> Checked {
        let l = check(left), r = check(right)
        let leftType = l.type, rightType = r.type
        switch op {
        case .and, .or:
            requireBoth(.bool, (left, leftType), (right, rightType), "'\(op.rawValue)' needs booleans", span)
            return Checked(.bool, op == .and ? .and : .or, span, [l, r])
        case .add, .subtract, .multiply, .divide:
            requireBoth(.number, (left, leftType), (right, rightType), "'\(op.rawValue)' needs numbers", span)
            return Checked(.number, .arithmetic(Self.arithmetic(op)), span, [l, r])
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let notes = [leftType, rightType].contains(.string)
                ? ["strings and choices compare only with '==', '!=', 'in' and 'not in'"] : []
            requireBoth(.number, (left, leftType), (right, rightType), "'\(op.rawValue)' needs numbers", span,
                        notes: notes)
            return Checked(.bool, .compare(Self.comparison(op)), span, [l, r])
        case .equal, .notEqual:
            checkEquality(op, left, leftType, right, rightType, span)
            return Checked(.bool, .compare(Self.comparison(op)), span, [l, r])
        case .in, .notIn:
            checkMembership(op, left, leftType, right, rightType)
            return Checked(.bool, .member(negated: op == .notIn), span, [l, r])
        }
    }

    /// The operator's meaning on checked operands; the enums share the operators' spelling.
    private static func arithmetic(_ op: BinaryOperator) -> Arithmetic {
        guard let arithmetic = Arithmetic(rawValue: op.rawValue) else { preconditionFailure("not arithmetic: \(op)") }
        return arithmetic
    }

    private static func comparison(_ op: BinaryOperator) -> Comparison {
        guard let comparison = Comparison(rawValue: op.rawValue) else { preconditionFailure("not a comparison: \(op)") }
        return comparison
    }

    /// Reports "<context>, got <operand>" unless the operand has the expected type (or already failed).
    mutating func require(_ expected: CheckedType, _ actual: CheckedType, _ node: Node, _ context: String,
                          notes: [String] = []) {
        guard actual != expected, actual != .poisoned else { return }
        errors.append(.typeMismatch("\(context), got \(describe(node, actual))", node.span, notes: notes))
    }

    /// Like `require` for both operands, but one error for the whole operation when both are wrong.
    private mutating func requireBoth(_ expected: CheckedType, _ left: (Node, CheckedType), _ right: (Node, CheckedType),
                                      _ context: String, _ span: ExpressionSpan, notes: [String] = []) {
        let bad = [left, right].filter { $0.1 != expected && $0.1 != .poisoned }
        if bad.count == 2 {
            let got = "\(describe(left.0, left.1)) and \(describe(right.0, right.1))"
            errors.append(.typeMismatch("\(context), got \(got)", span, notes: notes))
        } else if let (node, type) = bad.first {
            require(expected, type, node, context, notes: notes)
        }
    }

    private mutating func checkEquality(_ op: BinaryOperator, _ left: Node, _ leftType: CheckedType,
                                        _ right: Node, _ rightType: CheckedType, _ span: ExpressionSpan) {
        guard leftType != .poisoned, rightType != .poisoned else { return }
        if case .list = leftType {
            errors.append(.typeMismatch("cannot compare lists with '\(op.rawValue)'; use 'in' to test membership", span))
        } else if case .list = rightType {
            errors.append(.typeMismatch("cannot compare lists with '\(op.rawValue)'; use 'in' to test membership", span))
        } else if leftType != rightType {
            errors.append(.typeMismatch(
                "cannot compare \(describe(left, leftType)) with \(describe(right, rightType))", span))
        } else if leftType == .string {
            if let choice = choiceIDs(left) { checkChoiceValue(right, of: choice) }
            if let choice = choiceIDs(right) { checkChoiceValue(left, of: choice) }
        }
    }

    private mutating func checkMembership(_ op: BinaryOperator, _ left: Node, _ leftType: CheckedType,
                                          _ right: Node, _ rightType: CheckedType) {
        let keyword = op.rawValue
        if case .list = leftType {
            errors.append(.typeMismatch("'\(keyword)' needs a single value on the left, got a list", left.span))
        }
        guard case .list(let elementType) = rightType else {
            if rightType != .poisoned {
                errors.append(.typeMismatch(
                    "'\(keyword)' needs a list on the right, got \(describe(right, rightType))", right.span,
                    notes: ["write the accepted values as a list, e.g. x in [\"a\", \"b\"]"]))
            }
            return
        }
        guard let elementType, leftType != .poisoned else { return }
        if case .list = leftType { return }
        if elementType != leftType {
            errors.append(.typeMismatch(
                "cannot look for \(describe(left, leftType)) in a list of \(elementType.plural)", right.span))
        } else if let choice = choiceIDs(left), case .list(let items, _) = right {
            for item in items { checkChoiceValue(item, of: choice) }
        }
    }
}
