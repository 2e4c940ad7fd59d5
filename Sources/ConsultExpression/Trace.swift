/// One node of an evaluation trace: the typed node, its source text and its value, for "why /
/// why not" explanations. Every sub-expression is evaluated (no short-circuit).
public struct TraceNode: Sendable {
    public var node: TypedNode
    /// The source slice of this node.
    public var text: String
    public var value: Value
    public var children: [TraceNode]

    public init(node: TypedNode, text: String, value: Value, children: [TraceNode]) {
        self.node = node
        self.text = text
        self.value = value
        self.children = children
    }
}
