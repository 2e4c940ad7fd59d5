/// An expression whose fact ids are bound to slots and compiled into typed closures, for fast
/// repeated evaluation over an array of values (portfolio runs of ~1M merchants). Numbers, truth
/// values and strings flow between closures unboxed; a slot missing from the array reads as unknown.
public struct BoundExpression: Sendable {
    let run: @Sendable ([Value]) -> Value

    /// The expression's value, reading each fact from `values[slot]`.
    public func evaluate(_ values: [Value]) -> Value {
        run(values)
    }
}

extension Expression {
    /// Binds fact ids to slot numbers once, returning a closure-compiled form for fast repeated
    /// evaluation over an array of values. A negative slot means the fact is never available.
    public func bind(_ slot: (String) -> Int) -> BoundExpression {
        var slots: [String: Int] = [:]
        for fact in factsRead { slots[fact] = slot(fact) }
        let compiler = BoundCompiler(slots: slots, types: factTypes)
        return BoundExpression(run: compiler.value(root))
    }
}

typealias NumberProgram = @Sendable ([Value]) -> Number?
typealias TruthProgram = @Sendable ([Value]) -> Bool?
typealias TextProgram = @Sendable ([Value]) -> String?

/// Compiles checked nodes into closures specialised by static type.
struct BoundCompiler {
    let slots: [String: Int]
    let types: [String: ExpressionType]

    func slot(_ fact: String) -> Int {
        slots[fact] ?? -1
    }

    /// The static type of a checked node.
    func type(of node: Node) -> ExpressionType? {
        switch node {
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .list: return .list
        case .fact(let name, _): return types[name]
        case .unary(.not, _, _): return .bool
        case .unary(.negate, _, _): return .number
        case .binary(let op, _, _, _):
            switch op {
            case .add, .subtract, .multiply, .divide: return .number
            default: return .bool
            }
        case .call(let name, _, _):
            return name == "known" || name == "unknown" ? .bool : .number
        }
    }

    func value(_ node: Node) -> @Sendable ([Value]) -> Value {
        switch type(of: node) {
        case .number?:
            let program = number(node)
            return { values in program(values).map(Value.number) ?? .unknown }
        case .bool?:
            let program = truth(node)
            return { values in program(values).map(Value.bool) ?? .unknown }
        case .string?:
            let program = text(node)
            return { values in program(values).map(Value.string) ?? .unknown }
        case .list?:
            let constant = Self.constant(node)
            return { _ in constant }
        case nil:
            return { _ in .unknown }
        }
    }

    /// The value of a literal or list of literals.
    static func constant(_ node: Node) -> Value {
        switch node {
        case .number(let number, _): return .number(number)
        case .string(let text, _): return .string(text)
        case .bool(let flag, _): return .bool(flag)
        case .list(let items, _): return .list(items.map(constant))
        default: return .unknown
        }
    }

    func text(_ node: Node) -> TextProgram {
        switch node {
        case .string(let text, _):
            return { _ in text }
        case .fact(let name, _):
            let slot = slot(name)
            return { values in Self.readText(values, slot) }
        default:
            return { _ in nil }
        }
    }

    // Typed reads of a slot: a missing slot or a value of another kind is unknown (nil).

    @inline(__always)
    static func readNumber(_ values: [Value], _ slot: Int) -> Number? {
        guard slot >= 0, slot < values.count, case .number(let number) = values[slot] else { return nil }
        return number
    }

    @inline(__always)
    static func readTruth(_ values: [Value], _ slot: Int) -> Bool? {
        guard slot >= 0, slot < values.count, case .bool(let flag) = values[slot] else { return nil }
        return flag
    }

    @inline(__always)
    static func readText(_ values: [Value], _ slot: Int) -> String? {
        guard slot >= 0, slot < values.count, case .string(let text) = values[slot] else { return nil }
        return text
    }
}
