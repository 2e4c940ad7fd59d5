/// One node of an evaluation trace: the typed node, its value and its operands' trace nodes, for
/// "why / why not" explanations. Every sub-expression is evaluated (no short-circuit).
public struct TraceNode: Sendable {
    public var node: TypedNode
    public var value: Value
    public var children: [TraceNode]
    /// The whole condition's source; `text` slices it only when an explanation asks.
    let source: String

    public init(node: TypedNode, source: String, value: Value, children: [TraceNode]) {
        self.node = node
        self.source = source
        self.value = value
        self.children = children
    }

    /// The source slice of this node.
    public var text: String {
        let scalars = Array(source.unicodeScalars)
        let start = Swift.max(0, Swift.min(node.span.start, scalars.count))
        let end = Swift.max(start, Swift.min(node.span.end, scalars.count))
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
