// Tree-walking evaluation with short-circuit `and`/`or`, used for single merchants and for
// evidence; portfolio runs use `bind` instead.

extension Expression {
    public func evaluate(_ fact: (String) -> Value) -> Value {
        withoutActuallyEscaping(fact) { fact in
            var interpreter = Interpreter(source: FactReader(fact: fact, types: factTypes))
            return interpreter.evaluate(root)
        }
    }

    /// Same, and appends to `reads` each fact actually read (once, in order of first read), under
    /// short-circuit (`and` stops at the first false operand, `or` at the first true one): the rule's evidence.
    public func evaluate(_ fact: (String) -> Value, reads: inout [String]) -> Value {
        withoutActuallyEscaping(fact) { fact in
            let reader = FactReader(fact: fact, types: factTypes)
            var interpreter = Interpreter(source: RecordingFactReader(reader: reader))
            let result = interpreter.evaluate(root)
            reads.append(contentsOf: interpreter.source.reads)
            return result
        }
    }
}

/// Where the interpreter gets fact values; generic rather than an existential so calls are static.
protocol FactSource {
    mutating func read(_ name: String) -> Value
}

/// Reads through the caller's closure, turning a value of the wrong kind into unknown.
struct FactReader: FactSource {
    let fact: (String) -> Value
    let types: [String: ExpressionType]

    func read(_ name: String) -> Value {
        fact(name).conforming(to: types[name])
    }
}

/// Also records which facts were read, each once.
struct RecordingFactReader: FactSource {
    let reader: FactReader
    var reads: [String] = []

    mutating func read(_ name: String) -> Value {
        if !reads.contains(name) { reads.append(name) }
        return reader.read(name)
    }
}

struct Interpreter<Source: FactSource> {
    var source: Source

    mutating func evaluate(_ node: Node) -> Value {
        switch node {
        case .number(let number, _): return .number(number)
        case .string(let text, _): return .string(text)
        case .bool(let flag, _): return .bool(flag)
        case .list(let items, _): return .list(evaluateAll(items))
        case .fact(let name, _): return source.read(name)
        case .unary(let op, let operand, _): return Semantics.unary(op, evaluate(operand))
        case .binary(.and, let left, let right, _):
            let a = Semantics.truth(evaluate(left))
            if a == false { return .bool(false) }
            return Semantics.value(Semantics.and(a, Semantics.truth(evaluate(right))))
        case .binary(.or, let left, let right, _):
            let a = Semantics.truth(evaluate(left))
            if a == true { return .bool(true) }
            return Semantics.value(Semantics.or(a, Semantics.truth(evaluate(right))))
        case .binary(let op, let left, let right, _):
            let a = evaluate(left)
            return Semantics.binary(op, a, evaluate(right))
        case .call(let name, let arguments, _):
            return Semantics.call(name, evaluateAll(arguments))
        }
    }

    private mutating func evaluateAll(_ nodes: [Node]) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(nodes.count)
        for node in nodes { values.append(evaluate(node)) }
        return values
    }
}
