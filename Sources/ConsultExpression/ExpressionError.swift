/// 0-based offset and length in Unicode scalars into the expression's source text.
public struct ExpressionSpan: Hashable, Sendable {
    public var start: Int
    public var length: Int

    public init(start: Int, length: Int) {
        self.start = start
        self.length = length
    }

    /// One past the last scalar.
    public var end: Int { start + length }

    /// The smallest span covering both.
    public func union(_ other: ExpressionSpan) -> ExpressionSpan {
        let start = Swift.min(self.start, other.start)
        return ExpressionSpan(start: start, length: Swift.max(end, other.end) - start)
    }
}

/// A problem with an expression, located inside its source text; the playbook loader maps it to file:line:col.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable ids: "expr.syntax", "expr.unknown-fact", "expr.unknown-function", "expr.arity",
    /// "expr.type-mismatch", "expr.unknown-choice", "expr.chained-comparison".
    public var id: String
    public var message: String
    public var span: ExpressionSpan
    public var notes: [String]

    public init(id: String, message: String, span: ExpressionSpan, notes: [String] = []) {
        self.id = id
        self.message = message
        self.span = span
        self.notes = notes
    }

    /// "message [id] at offset N".
    public var description: String {
        "\(message) [\(id)] at \(span.start)"
    }
}

extension ExpressionError {
    static func syntax(_ message: String, _ span: ExpressionSpan, notes: [String] = []) -> ExpressionError {
        ExpressionError(id: "expr.syntax", message: message, span: span, notes: notes)
    }

    static func typeMismatch(_ message: String, _ span: ExpressionSpan, notes: [String] = []) -> ExpressionError {
        ExpressionError(id: "expr.type-mismatch", message: message, span: span, notes: notes)
    }
}

/// `Expression.compile` fails with every error at once, as `Result<Expression, [ExpressionError]>`,
/// which needs arrays of errors to be errors themselves.
extension Array: @retroactive Error where Element: Error {}
