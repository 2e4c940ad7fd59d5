/// The checked program of an expression: what the checker emits and the only thing evaluated.
/// Every node carries its static type and source span; facts are resolved to their slot in the
/// schema, operators to what they mean on the checked types, functions to a `Builtin`.
public struct TypedNode: Hashable, Sendable {
    public let operation: Operation
    public let type: ExpressionType
    public let span: ExpressionSpan
    /// Sub-expressions, left to right (none for literals and facts).
    public let operands: [TypedNode]

    public init(_ operation: Operation, _ type: ExpressionType, _ span: ExpressionSpan, _ operands: [TypedNode] = []) {
        self.operation = operation
        self.type = type
        self.span = span
        self.operands = operands
    }

    public enum Operation: Hashable, Sendable {
        /// A literal, or a list literal folded into one value.
        case literal(Value)
        case fact(FactSlot)
        case not
        case negate
        /// Kleene logic; the evaluator stops at the first deciding operand.
        case and
        case or
        case arithmetic(Arithmetic)
        /// Two numbers, two strings or two booleans (strings and booleans: only `==` and `!=`).
        case compare(Comparison)
        /// Left operand in (or, negated, not in) the right-hand list.
        case member(negated: Bool)
        case builtin(Builtin)
    }
}

/// A fact read: its id and its position in the schema, the index of its value in a fact vector.
public struct FactSlot: Hashable, Sendable {
    public let name: String
    public let index: Int
}

public enum Arithmetic: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum Comparison: String, Hashable, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// Whether `a op b` holds given `compare(a, b)` (negative, zero or positive).
    @inline(__always)
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    /// A strict comparison must be passed, not just reached.
    public var isStrict: Bool { self == .less || self == .greater }
}

/// The built-in functions. The raw value is the name a playbook writes.
public enum Builtin: String, Hashable, Sendable, CaseIterable {
    case known, unknown, unknownCount = "unknown_count", max, min

    /// How many arguments it takes.
    var arity: Int {
        switch self {
        case .known, .unknown, .unknownCount: return 1
        case .max, .min: return 2
        }
    }
}

extension TypedNode {
    /// The fact this node reads, when it is a single fact.
    public var fact: String? {
        if case .fact(let slot) = operation { return slot.name }
        return nil
    }

    /// Distinct fact ids read anywhere below, in order of first appearance (pre-order).
    public var facts: [String] {
        var ids: [String] = []
        var pending = [self]
        while let node = pending.popLast() {
            if let name = node.fact, !ids.contains(name) { ids.append(name) }
            pending.append(contentsOf: node.operands.reversed())
        }
        return ids
    }
}
