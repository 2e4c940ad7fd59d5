// Literals, fact ids, calls, lists and parentheses.

extension Parser {
    mutating func parsePrimary() -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return (.number(value, token.span), 1)
        case .string(let text):
            advance()
            return (.string(text, token.span), 1)
        case .true, .false:
            advance()
            return (.bool(token.kind == .true, token.span), 1)
        case .identifier(let name):
            advance()
            guard current.kind == .leftParen else { return (.fact(name, token.span), 1) }
            return nested(at: token.span) { $0.parseCall(name, start: token.span) }
        case .leftParen:
            advance()
            return nested(at: token.span) { $0.parseParenthesized(open: token.span) }
        case .leftBracket:
            advance()
            return nested(at: token.span) { $0.parseList(open: token.span) }
        default:
            return missingOperand()
        }
    }

    /// Reports "expected a value" and stands in a placeholder without consuming anything: the
    /// offending token is an operator or closer that the enclosing construct deals with.
    private mutating func missingOperand() -> Parsed {
        let token = current
        var notes: [String] = []
        if token.kind == .not || token.kind == .in {
            notes.append("'not' binds looser than comparisons; use parentheses, e.g. 'a == (not b)' or 'not (a == b)'")
        }
        report("expected a value, found \(token.described)", token.span, notes: notes)
        return (.call(Self.placeholder, [], token.span), 1)
    }

    private mutating func parseParenthesized(open: ExpressionSpan) -> Parsed {
        let inner = parseOr()
        let close = expect(.rightParen, closing: "(")
        return (inner.node.with(span: open.union(close ?? inner.node.span)), inner.height)
    }

    private mutating func parseCall(_ name: String, start: ExpressionSpan) -> Parsed {
        advance()  // (
        let (arguments, height, close, broken) = parseSequence(until: .rightParen, opening: "(")
        let span = start.union(close ?? arguments.last?.span ?? start)
        return checkHeight((.call(broken ? Self.placeholder : name, arguments, span), height + 1))
    }

    private mutating func parseList(open: ExpressionSpan) -> Parsed {
        let (items, height, close, broken) = parseSequence(until: .rightBracket, opening: "[")
        let span = open.union(close ?? items.last?.span ?? open)
        return checkHeight((broken ? .call(Self.placeholder, items, span) : .list(items, span), height + 1))
    }

    /// Comma-separated expressions up to the closing token (a trailing comma is allowed).
    /// Returns the items, their greatest height, the span of the closing token if present, and
    /// whether a separator was missing (the caller then yields a placeholder holding the items,
    /// so they are still checked but no arity or list errors pile on).
    private mutating func parseSequence(until closing: Token.Kind, opening: String)
        -> ([Node], Int, ExpressionSpan?, Bool) {
        var items: [Node] = []
        var height = 0
        var broken = false
        while current.kind != closing, current.kind != .end, !aborted {
            let item = parseOr()
            items.append(item.node)
            height = Swift.max(height, item.height)
            if current.kind == .comma {
                advance()
            } else if current.kind != closing, current.kind != .end {
                report("expected ',' or '\(closing.symbol)', found \(current.described)", current.span)
                broken = true
                break
            }
        }
        let close = expect(closing, closing: opening)
        return (items, height, close, broken)
    }

    /// Consumes `kind` and returns its span, or reports it missing (without consuming anything).
    private mutating func expect(_ kind: Token.Kind, closing opening: String) -> ExpressionSpan? {
        if current.kind == kind { return advance().span }
        report("expected '\(kind.symbol)' to close '\(opening)', found \(current.described)", current.span)
        return nil
    }
}
