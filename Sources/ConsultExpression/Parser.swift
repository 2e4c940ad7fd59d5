/// Recursive-descent parser producing spanned nodes. It recovers where it can (a missing operand
/// becomes a placeholder, a missing `)` is assumed, a chained comparison is read as the `and` of
/// its parts) so one pass reports every syntax error; placeholders never leave the module,
/// because any error makes compilation fail.
///
/// Precedence, low to high: or, and, not, comparison/in/not in (non-associative), + -, * /, unary -, primary.
struct Parser {
    /// A node and the height of its tree, which bounds recursion in the checker and evaluators.
    typealias Parsed = (node: Node, height: Int)

    /// Name of the placeholder call standing for an unparsable operand (not a valid identifier).
    static let placeholder = "<error>"
    /// Deepest tree accepted; real conditions are a handful of levels deep.
    static let maxHeight = 200
    /// Deepest recursion of the parser itself (parentheses, unary operators, lists, calls).
    static let maxNesting = 64

    let scalars: [Unicode.Scalar]
    var tokens: [Token]
    /// Where the lexer skipped bad characters; an error right after one is not repeated.
    let skipped: [ExpressionSpan]
    var index = 0
    var errors: [ExpressionError] = []
    var nesting = 0
    /// Set when the tree is too deep: parsing stops and the checker must not run.
    var aborted = false

    /// Parses a whole expression.
    static func parse(_ scalars: [Unicode.Scalar], tokens: [Token],
                      skipped: [ExpressionSpan]) -> (node: Node, errors: [ExpressionError], aborted: Bool) {
        var parser = Parser(scalars: scalars, tokens: tokens, skipped: skipped)
        let root = parser.parseOr()
        if !parser.aborted, parser.current.kind != .end {
            parser.report("unexpected \(parser.current.described) after the end of the expression", parser.current.span)
        }
        return (root.node, parser.errors, parser.aborted)
    }

    // MARK: Token access

    var current: Token { tokens[index] }

    func peekKind(_ offset: Int) -> Token.Kind {
        tokens[Swift.min(index + offset, tokens.count - 1)].kind
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Records a syntax error unless one was already reported at the same place, or the lexer
    /// skipped a bad character just before it (no cascades).
    mutating func report(_ message: String, _ span: ExpressionSpan, notes: [String] = []) {
        guard !aborted else { return }
        if let last = errors.last, last.id == "expr.syntax", last.span.start == span.start { return }
        let previousEnd = index > 0 ? tokens[index - 1].span.end : 0
        if skipped.contains(where: { $0.start >= previousEnd && $0.end <= span.start }) { return }
        errors.append(.syntax(message, span, notes: notes))
    }

    // MARK: Building nodes

    mutating func binary(_ op: BinaryOperator, _ left: Parsed, _ right: Parsed) -> Parsed {
        let span = left.node.span.union(right.node.span)
        return checkHeight((.binary(op, left.node, right.node, span), Swift.max(left.height, right.height) + 1))
    }

    mutating func checkHeight(_ parsed: Parsed) -> Parsed {
        if parsed.height > Self.maxHeight { abort(at: parsed.node.span) }
        return parsed
    }

    /// Gives up on a pathologically deep expression: reports it and skips to the end.
    mutating func abort(at span: ExpressionSpan) {
        guard !aborted else { return }
        report("expression is nested too deeply; split it into simpler conditions", span)
        aborted = true
        index = tokens.count - 1
    }

    /// Runs `body` one nesting level deeper, or returns a placeholder when too deep.
    mutating func nested(at span: ExpressionSpan, _ body: (inout Parser) -> Parsed) -> Parsed {
        guard nesting < Self.maxNesting, !aborted else {
            abort(at: span)
            return (.call(Self.placeholder, [], span), 1)
        }
        nesting += 1
        defer { nesting -= 1 }
        return body(&self)
    }

    // MARK: Levels

    mutating func parseOr() -> Parsed {
        var left = parseAnd()
        while current.kind == .or {
            advance()
            left = binary(.or, left, parseAnd())
        }
        return left
    }

    mutating func parseAnd() -> Parsed {
        var left = parseNot()
        while current.kind == .and {
            advance()
            left = binary(.and, left, parseNot())
        }
        return left
    }

    mutating func parseNot() -> Parsed {
        guard current.kind == .not else { return parseComparison() }
        let keyword = advance()
        let operand = nested(at: keyword.span) { $0.parseNot() }
        let span = keyword.span.union(operand.node.span)
        return checkHeight((.unary(.not, operand.node, span), operand.height + 1))
    }

    mutating func parseAdditive() -> Parsed {
        var left = parseMultiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            left = binary(op, left, parseMultiplicative())
        }
        return left
    }

    mutating func parseMultiplicative() -> Parsed {
        var left = parseUnary()
        while current.kind == .star || current.kind == .slash {
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            left = binary(op, left, parseUnary())
        }
        return left
    }

    mutating func parseUnary() -> Parsed {
        guard current.kind == .minus else { return parsePrimary() }
        let minus = advance()
        let operand = nested(at: minus.span) { $0.parseUnary() }
        let span = minus.span.union(operand.node.span)
        if case .number(let value, _) = operand.node {
            return (.number(-value, span), 1)
        }
        return checkHeight((.unary(.negate, operand.node, span), operand.height + 1))
    }
}
