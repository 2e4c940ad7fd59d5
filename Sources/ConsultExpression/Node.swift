/// The syntax tree; public so that lint can inspect conditions (e.g. contradictory bounds).
/// Every node carries the span of its source text (parentheses included), and a minus sign
/// directly before a number literal is folded into the literal (`-5` is `.number(-5)`).
public indirect enum Node: Hashable, Sendable {
    case number(Number, ExpressionSpan)
    case string(String, ExpressionSpan)
    case bool(Bool, ExpressionSpan)
    case list([Node], ExpressionSpan)
    case fact(String, ExpressionSpan)
    case unary(UnaryOperator, Node, ExpressionSpan)
    case binary(BinaryOperator, Node, Node, ExpressionSpan)
    case call(String, [Node], ExpressionSpan)

    public var span: ExpressionSpan {
        switch self {
        case .number(_, let span), .string(_, let span), .bool(_, let span), .list(_, let span),
             .fact(_, let span), .unary(_, _, let span), .binary(_, _, _, let span), .call(_, _, let span):
            return span
        }
    }

    /// Direct sub-expressions, left to right.
    public var children: [Node] {
        switch self {
        case .number, .string, .bool, .fact: return []
        case .list(let items, _): return items
        case .unary(_, let operand, _): return [operand]
        case .binary(_, let left, let right, _): return [left, right]
        case .call(_, let arguments, _): return arguments
        }
    }

    /// The same node with another span (used when parentheses widen a sub-expression).
    func with(span: ExpressionSpan) -> Node {
        switch self {
        case .number(let value, _): return .number(value, span)
        case .string(let value, _): return .string(value, span)
        case .bool(let value, _): return .bool(value, span)
        case .list(let items, _): return .list(items, span)
        case .fact(let name, _): return .fact(name, span)
        case .unary(let op, let operand, _): return .unary(op, operand, span)
        case .binary(let op, let left, let right, _): return .binary(op, left, right, span)
        case .call(let name, let arguments, _): return .call(name, arguments, span)
        }
    }

    /// True for number, string and bool literals (the only things a list literal may hold).
    var isLiteral: Bool {
        switch self {
        case .number, .string, .bool: return true
        default: return false
        }
    }
}

public enum UnaryOperator: String, Hashable, Sendable {
    case not, negate = "-"
}

public enum BinaryOperator: String, Hashable, Sendable {
    case and, or, add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in`, notIn = "not in"

    /// Operators whose result is a comparison of their operands (non-associative).
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn: return true
        default: return false
        }
    }
}
