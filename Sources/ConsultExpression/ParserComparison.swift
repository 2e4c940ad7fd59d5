// Comparisons are non-associative: `a < b < c` is reported with the `a < b and b < c` rewrite.

extension Parser {
    mutating func parseComparison() -> Parsed {
        let first = parseAdditive()
        guard var op = takeComparisonOperator() else { return first }
        var operands = [first, parseAdditive()]
        var operators = [op]
        while let next = takeComparisonOperator() {
            op = next
            operators.append(op)
            operands.append(parseAdditive())
        }
        if operators.count == 1 {
            return binary(operators[0], operands[0], operands[1])
        }
        // Recover with a placeholder holding the operands: they are still checked (unknown facts
        // are reported) without type errors from a guessed reading of the chain.
        let nodes = operands.map(\.node)
        reportChain(nodes, operators)
        let span = nodes[0].span.union(nodes[nodes.count - 1].span)
        return checkHeight((.call(Self.placeholder, nodes, span), (operands.map(\.height).max() ?? 0) + 1))
    }

    /// Consumes `== != < <= > >= in` or `not in`.
    mutating func takeComparisonOperator() -> BinaryOperator? {
        if current.kind == .not, peekKind(1) == .in {
            advance()
            advance()
            return .notIn
        }
        guard let op = current.kind.comparison else { return nil }
        advance()
        return op
    }

    /// "comparisons cannot be chained; write '0 < days and days <= 30' instead (style 'a > 0 and a <= 30')".
    private mutating func reportChain(_ operands: [Node], _ operators: [BinaryOperator]) {
        let span = operands[0].span.union(operands[operands.count - 1].span)
        let texts = operands.map { node in
            String(String.UnicodeScalarView(scalars[node.span.start..<node.span.end]))
        }
        let rewritten = operators.indices
            .map { "\(texts[$0]) \(operators[$0].rawValue) \(texts[$0 + 1])" }
            .joined(separator: " and ")
        guard !aborted else { return }
        errors.append(ExpressionError(
            id: "expr.chained-comparison",
            message: "comparisons cannot be chained; write '\(rewritten)' instead",
            span: span,
            notes: ["each comparison takes two operands; join several with 'and', as in 'a > 0 and a <= 30'"]))
    }
}
