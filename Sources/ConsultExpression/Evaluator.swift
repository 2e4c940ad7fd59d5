/// Where the evaluator gets fact values. A generic parameter rather than an existential, so
/// each kind of source gets its own specialised evaluator.
public protocol FactSource {
    func value(of fact: FactSlot) -> Value
    /// A fact not asked yet (an interview in progress): whether it is known is itself undecided.
    func isPending(_ fact: FactSlot) -> Bool
}

extension FactSource {
    public func isPending(_ fact: FactSlot) -> Bool { false }
}

/// Facts by id, through a closure (a merchant's answers, a what-if scenario).
public struct NamedFacts: FactSource {
    let lookup: (String) -> Value
    let pending: Set<String>

    public init(_ lookup: @escaping (String) -> Value, pending: Set<String> = []) {
        self.lookup = lookup
        self.pending = pending
    }

    public func value(of fact: FactSlot) -> Value { lookup(fact.name) }
    public func isPending(_ fact: FactSlot) -> Bool { !pending.isEmpty && pending.contains(fact.name) }
}

/// Facts by slot: one value per fact of the schema, in `FactSchema.names` order. The engine's
/// representation of a merchant, so a fact read is an array index.
public struct FactVector: FactSource {
    public var values: [Value]
    /// Slots of facts not asked yet; empty for complete answers.
    public var pending: Set<Int> = []

    public init(count: Int) {
        values = Array(repeating: .unknown, count: count)
    }

    @inline(__always)
    public func value(of fact: FactSlot) -> Value {
        fact.index < values.count ? values[fact.index] : .unknown
    }

    public func isPending(_ fact: FactSlot) -> Bool { !pending.isEmpty && pending.contains(fact.index) }
}

/// What an evaluation reports as it goes; the evaluator is specialised per observer, so the
/// plain one costs nothing.
protocol EvaluationObserver {
    /// Whether `and`/`or` stop at the first deciding operand.
    var shortCircuits: Bool { get }
    mutating func read(_ fact: FactSlot)
    mutating func evaluated(_ node: TypedNode, _ value: Value)
}

extension EvaluationObserver {
    mutating func read(_ fact: FactSlot) {}
    mutating func evaluated(_ node: TypedNode, _ value: Value) {}
}

struct NoObserver: EvaluationObserver {
    var shortCircuits: Bool { true }
}

/// Facts actually read under short-circuit, each once, in order of first read: a rule's evidence.
struct ReadRecorder: EvaluationObserver {
    var reads: [String] = []
    var shortCircuits: Bool { true }

    mutating func read(_ fact: FactSlot) {
        if !reads.contains(fact.name) { reads.append(fact.name) }
    }
}

/// Builds the trace tree: every node is evaluated (no short-circuit) and, in post-order, takes
/// its operands' trace nodes off the stack.
struct TraceBuilder: EvaluationObserver {
    let source: String
    var stack: [TraceNode] = []
    var shortCircuits: Bool { false }

    mutating func evaluated(_ node: TypedNode, _ value: Value) {
        let children = Array(stack.suffix(node.operands.count))
        stack.removeLast(node.operands.count)
        stack.append(TraceNode(node: node, source: source, value: value, children: children))
    }
}

/// The one evaluator of the condition language. Three-valued: an unknown operand makes
/// arithmetic, comparisons and membership unknown; `and`/`or` follow Kleene logic; division by
/// zero is unknown. A fact holding a value of another type than declared reads as unknown.
struct Evaluator<Facts: FactSource, Observer: EvaluationObserver> {
    let facts: Facts
    var observer: Observer

    mutating func evaluate(_ node: TypedNode) -> Value {
        let value = compute(node)
        observer.evaluated(node, value)
        return value
    }

    private mutating func compute(_ node: TypedNode) -> Value {
        let operands = node.operands
        switch node.operation {
        case .literal(let value):
            return value
        case .fact(let slot):
            observer.read(slot)
            return facts.value(of: slot).conforming(to: node.type)
        case .not:
            guard case .bool(let flag) = evaluate(operands[0]) else { return .unknown }
            return .bool(!flag)
        case .negate:
            guard case .number(let number) = evaluate(operands[0]) else { return .unknown }
            return .number(-number)
        case .and:
            return logic(operands, deciding: false)
        case .or:
            return logic(operands, deciding: true)
        case .arithmetic(let op):
            let left = evaluate(operands[0]), right = evaluate(operands[1])
            guard case .number(let a) = left, case .number(let b) = right else { return .unknown }
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return a.divided(by: b).map(Value.number) ?? .unknown
            }
        case .compare(let op):
            let left = evaluate(operands[0]), right = evaluate(operands[1])
            return Self.compare(op, left, right)
        case .member(let negated):
            let left = evaluate(operands[0]), right = evaluate(operands[1])
            guard case .list(let items) = right, let found = Self.contains(items, left) else { return .unknown }
            return .bool(found != negated)
        case .builtin(let builtin):
            return call(builtin, operands)
        }
    }

    /// Kleene `and` (deciding value false) and `or` (deciding value true).
    private mutating func logic(_ operands: [TypedNode], deciding: Bool) -> Value {
        var sawUnknown = false
        var decided = false
        for operand in operands {
            if decided && observer.shortCircuits { break }
            switch evaluate(operand) {
            case .bool(let flag) where flag == deciding: decided = true
            case .bool: break
            case .unknown, .number, .string, .list: sawUnknown = true
            }
        }
        if decided { return .bool(deciding) }
        return sawUnknown ? .unknown : .bool(!deciding)
    }

    private static func compare(_ op: Comparison, _ left: Value, _ right: Value) -> Value {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return .bool(op.holds(Number.compare(a, b)))
        case (.string(let a), .string(let b)):
            return equality(op, a == b)
        case (.bool(let a), .bool(let b)):
            return equality(op, a == b)
        default:
            return .unknown
        }
    }

    /// Strings and booleans only compare for equality (the checker allows nothing else).
    private static func equality(_ op: Comparison, _ same: Bool) -> Value {
        switch op {
        case .equal: return .bool(same)
        case .notEqual: return .bool(!same)
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return .unknown
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

    /// A fact operand not asked yet.
    private func pending(_ node: TypedNode) -> Bool {
        if case .fact(let slot) = node.operation { return facts.isPending(slot) }
        return false
    }

    private mutating func call(_ builtin: Builtin, _ operands: [TypedNode]) -> Value {
        switch builtin {
        case .known:
            let value = evaluate(operands[0])
            return !value.isKnown && pending(operands[0]) ? .unknown : .bool(value.isKnown)
        case .unknown:
            let value = evaluate(operands[0])
            return !value.isKnown && pending(operands[0]) ? .unknown : .bool(!value.isKnown)
        case .unknownCount:
            var count = 0
            var undecided = false
            for operand in operands where !evaluate(operand).isKnown {
                if pending(operand) { undecided = true } else { count += 1 }
            }
            return undecided ? .unknown : .number(Number(count))
        case .max, .min:
            let left = evaluate(operands[0]), right = evaluate(operands[1])
            guard case .number(let a) = left, case .number(let b) = right else { return .unknown }
            return .number(builtin == .max ? Swift.max(a, b) : Swift.min(a, b))
        }
    }
}
