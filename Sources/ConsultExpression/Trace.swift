/// One node of an evaluation trace: the node, its source text and its value, for "why / why not"
/// explanations. Every sub-expression is evaluated (no short-circuit).
public struct TraceNode: Sendable {
    public var node: Node
    /// The source slice of this node.
    public var text: String
    public var value: Value
    public var children: [TraceNode]

    public init(node: Node, text: String, value: Value, children: [TraceNode]) {
        self.node = node
        self.text = text
        self.value = value
        self.children = children
    }
}

extension Expression {
    /// Evaluates every sub-expression (no short-circuit) and returns the tree with each node's value.
    public func trace(_ fact: (String) -> Value) -> TraceNode {
        withoutActuallyEscaping(fact) { fact in
            var tracer = Tracer(source: FactReader(fact: fact, types: factTypes),
                                scalars: Array(source.unicodeScalars))
            return tracer.trace(root)
        }
    }
}

struct Tracer {
    let source: FactReader
    let scalars: [Unicode.Scalar]

    mutating func trace(_ node: Node) -> TraceNode {
        var children: [TraceNode] = []
        for child in node.children { children.append(trace(child)) }
        let values = children.map(\.value)
        let value: Value
        switch node {
        case .number(let number, _): value = .number(number)
        case .string(let text, _): value = .string(text)
        case .bool(let flag, _): value = .bool(flag)
        case .list: value = .list(values)
        case .fact(let name, _): value = source.read(name)
        case .unary(let op, _, _): value = Semantics.unary(op, values[0])
        case .binary(let op, _, _, _): value = Semantics.binary(op, values[0], values[1])
        case .call(let name, _, _): value = Semantics.call(name, values)
        }
        return TraceNode(node: node, text: text(of: node.span), value: value, children: children)
    }

    private func text(of span: ExpressionSpan) -> String {
        let start = Swift.max(0, Swift.min(span.start, scalars.count))
        let end = Swift.max(start, Swift.min(span.end, scalars.count))
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
