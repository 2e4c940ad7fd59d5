/// The meaning of each operator and function on values, shared by the interpreter and the tracer
/// so they cannot disagree. Three-valued: any unknown operand makes a comparison or arithmetic
/// unknown; `and`/`or` follow Kleene logic. Total: a mismatched or missing operand gives unknown.
enum Semantics {
    static func value(_ truth: Bool?) -> Value {
        truth.map(Value.bool) ?? .unknown
    }

    static func truth(_ value: Value) -> Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// Kleene `and`: false if either is false, else unknown if either is unknown, else true.
    @inline(__always)
    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    /// Kleene `or`: true if either is true, else unknown if either is unknown, else false.
    @inline(__always)
    static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == nil || b == nil { return nil }
        return false
    }

    static func unary(_ op: UnaryOperator, _ operand: Value) -> Value {
        switch (op, operand) {
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.negate, .number(let number)): return .number(-number)
        default: return .unknown
        }
    }

    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value {
        switch op {
        case .and: return value(and(truth(left), truth(right)))
        case .or: return value(or(truth(left), truth(right)))
        case .add, .subtract, .multiply, .divide:
            guard case .number(let a) = left, case .number(let b) = right,
                  let result = arithmetic(op, a, b) else { return .unknown }
            return .number(result)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return value(compare(op, left, right))
        case .in, .notIn:
            guard case .list(let items) = right, let found = contains(items, left) else { return .unknown }
            return .bool(op == .in ? found : !found)
        }
    }

    /// nil only for division by zero.
    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ a: Number, _ b: Number) -> Number? {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        default: return a.divided(by: b)
        }
    }

    private static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Bool? {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return Outcome(op).holds(Number.compare(a, b))
        case (.string(let a), .string(let b)) where op == .equal || op == .notEqual:
            return (a == b) == (op == .equal)
        case (.bool(let a), .bool(let b)) where op == .equal || op == .notEqual:
            return (a == b) == (op == .equal)
        default:
            return nil
        }
    }

    /// Whether `items` contains a known `value`; unknown when `value` is unknown, or when no item
    /// matches and some item is unknown.
    private static func contains(_ items: [Value], _ value: Value) -> Bool? {
        guard value.isKnown else { return nil }
        var sawUnknown = false
        for item in items {
            if item == value { return true }
            if !item.isKnown { sawUnknown = true }
        }
        return sawUnknown ? nil : false
    }

    static func call(_ name: String, _ arguments: [Value]) -> Value {
        switch (name, arguments.count) {
        case ("known", 1): return .bool(arguments[0].isKnown)
        case ("unknown", 1): return .bool(!arguments[0].isKnown)
        case ("unknown_count", 1):
            guard case .list(let items) = arguments[0] else { return .unknown }
            return .number(Number(items.reduce(0) { $0 + ($1.isKnown ? 0 : 1) }))
        case ("max", 2), ("min", 2):
            guard case .number(let a) = arguments[0], case .number(let b) = arguments[1] else { return .unknown }
            return .number(name == "max" ? Swift.max(a, b) : Swift.min(a, b))
        default:
            return .unknown
        }
    }
}

/// A comparison operator as the outcomes it accepts, so `a op b` is one lookup on `compare(a, b)`.
struct Outcome: Sendable {
    let less: Bool, equal: Bool, greater: Bool

    init(_ op: BinaryOperator) {
        switch op {
        case .equal: (less, equal, greater) = (false, true, false)
        case .notEqual: (less, equal, greater) = (true, false, true)
        case .less: (less, equal, greater) = (true, false, false)
        case .lessOrEqual: (less, equal, greater) = (true, true, false)
        case .greater: (less, equal, greater) = (false, false, true)
        default: (less, equal, greater) = (false, true, true)  // >=
        }
    }

    @inline(__always)
    func holds(_ comparison: Int) -> Bool {
        comparison < 0 ? less : (comparison == 0 ? equal : greater)
    }
}
