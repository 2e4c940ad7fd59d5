import ConsultExpression

/// A conservative judgement of whether a condition can hold: only the comparisons joined by
/// top-level `and` are reasoned about, each bounding one fact against a literal.
enum Satisfiability {
    case never(String), always, sometimes

    static func of(_ root: Node, _ program: Program) -> Satisfiability {
        let conjuncts = flatten(root)
        var intervals: [String: Interval] = [:]
        var choices: [String: Set<String>] = [:]
        var bools: [String: Bool] = [:]
        var understood = 0
        for c in conjuncts {
            if let (fact, value) = boolBound(c) {
                if let other = bools[fact], other != value { return .never("'\(fact)' cannot be both true and false") }
                bools[fact] = value
                continue
            }
            if let (fact, bound) = numericBound(c), let decl = program.declaration(of: fact), decl.kind.isNumeric {
                var interval = intervals[fact] ?? Interval(range: decl.range)
                interval.apply(bound)
                intervals[fact] = interval
                understood += 1
                if interval.isEmpty { return .never("the bounds on '\(fact)' contradict each other or its range") }
            } else if let (fact, allowed) = choiceBound(c), let decl = program.declaration(of: fact), decl.kind == .choice {
                let current = choices[fact] ?? Set(decl.choices.map(\.id))
                let next = current.intersection(allowed)
                choices[fact] = next
                understood += 1
                if next.isEmpty { return .never("no value of '\(fact)' meets every test on it") }
            }
        }
        if understood == conjuncts.count, understood > 0 {
            let allNumericFull = intervals.allSatisfy { fact, interval in
                interval.coversAll(program.declaration(of: fact)?.range)
            }
            let allChoicesFull = choices.allSatisfy { fact, set in set.count == program.declaration(of: fact)?.choices.count }
            if allNumericFull && allChoicesFull { return .always }
        }
        return .sometimes
    }

    /// `f == true`, `f == false`, `f != true`, a bare `f` or `not f` on a yes/no fact. Not counted
    /// as understood for "always fires", only used to prove two conditions exclusive.
    static func boolBound(_ node: Node) -> (String, Bool)? {
        switch node {
        case .binary(.equal, .fact(let f, _), .bool(let b, _), _): return (f, b)
        case .binary(.notEqual, .fact(let f, _), .bool(let b, _), _): return (f, !b)
        default: return nil
        }
    }

    static func flatten(_ node: Node) -> [Node] {
        if case .binary(.and, let l, let r, _) = node { return flatten(l) + flatten(r) }
        return [node]
    }

    struct Bound { var op: BinaryOperator; var value: Number }

    static func numericBound(_ node: Node) -> (String, Bound)? {
        guard case .binary(let op, let l, let r, _) = node else { return nil }
        let comparisons: [BinaryOperator] = [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal]
        guard comparisons.contains(op) else { return nil }
        if case .fact(let f, _) = l, case .number(let n, _) = r { return (f, Bound(op: op, value: n)) }
        if case .number(let n, _) = l, case .fact(let f, _) = r {
            let flipped: BinaryOperator = [.less: .greater, .lessOrEqual: .greaterOrEqual, .greater: .less,
                                           .greaterOrEqual: .lessOrEqual, .equal: .equal][op]!
            return (f, Bound(op: flipped, value: n))
        }
        return nil
    }

    static func choiceBound(_ node: Node) -> (String, Set<String>)? {
        switch node {
        case .binary(.equal, .fact(let f, _), .string(let s, _), _): return (f, [s])
        case .binary(.in, .fact(let f, _), .list(let items, _), _):
            return (f, Set(items.compactMap { if case .string(let s, _) = $0 { return s } else { return nil } }))
        default: return nil
        }
    }

    /// A numeric interval with open or closed ends; nil ends are unbounded.
    struct Interval {
        var low: Number?, lowClosed = true
        var high: Number?, highClosed = true
        let declared: ClosedRange<Number>?

        init(range: ClosedRange<Number>?) {
            declared = range
            low = range?.lowerBound
            high = range?.upperBound
        }

        mutating func apply(_ b: Bound) {
            switch b.op {
            case .greater, .greaterOrEqual:
                let closed = b.op == .greaterOrEqual
                if low == nil || b.value > low! || (b.value == low! && !closed) { low = b.value; lowClosed = closed }
            case .less, .lessOrEqual:
                let closed = b.op == .lessOrEqual
                if high == nil || b.value < high! || (b.value == high! && !closed) { high = b.value; highClosed = closed }
            case .equal:
                apply(Bound(op: .greaterOrEqual, value: b.value))
                apply(Bound(op: .lessOrEqual, value: b.value))
            default: break
            }
        }

        var isEmpty: Bool {
            guard let low, let high else { return false }
            return low > high || (low == high && !(lowClosed && highClosed))
        }

        func coversAll(_ range: ClosedRange<Number>?) -> Bool {
            guard let range else { return false }
            let lowOK = low == nil || (low! < range.lowerBound || (low! == range.lowerBound && lowClosed))
            let highOK = high == nil || (high! > range.upperBound || (high! == range.upperBound && highClosed))
            return lowOK && highOK
        }
    }
}
