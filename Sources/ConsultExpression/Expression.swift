/// A parsed and type-checked expression, ready to evaluate. Compiling once and evaluating many
/// times keeps errors at load time (with spans) and evaluation total and fast.
public struct Expression: Sendable {
    public let source: String
    public let root: Node
    public let type: ExpressionType
    /// Distinct fact ids referenced anywhere, in order of first appearance.
    public let factsRead: [String]
    /// Declared type of each fact read; a value of another kind reads as unknown.
    let factTypes: [String: ExpressionType]

    /// Parses and checks; reports EVERY error found in one pass (the parser recovers where it can;
    /// the checker reports all type errors), sorted by position.
    public static func compile(_ source: String, schema: FactSchema,
                               expecting: ExpressionType? = nil) -> Result<Expression, [ExpressionError]> {
        let scalars = Array(source.unicodeScalars)
        let (tokens, lexErrors, skipped) = Lexer.tokenize(scalars)
        let parsed = Parser.parse(scalars, tokens: tokens, skipped: skipped)
        var errors = lexErrors + parsed.errors
        if parsed.aborted { return .failure(ordered(errors)) }

        var checker = Checker(schema: schema)
        let checked = checker.check(parsed.node)
        errors += checker.errors
        if let expecting, let actual = checked.expressionType, actual != expecting {
            errors.append(.typeMismatch(expectationMessage(expecting, actual), parsed.node.span))
        }
        guard errors.isEmpty, let type = checked.expressionType else {
            return .failure(ordered(errors))
        }
        let facts = factIDs(in: parsed.node)
        var factTypes: [String: ExpressionType] = [:]
        for fact in facts { factTypes[fact] = schema.type(of: fact)?.expressionType }
        return .success(Expression(source: source, root: parsed.node, type: type,
                                   factsRead: facts, factTypes: factTypes))
    }

    /// "condition must be a boolean, got number".
    private static func expectationMessage(_ expected: ExpressionType, _ actual: ExpressionType) -> String {
        switch expected {
        case .bool: return "condition must be a boolean, got \(actual)"
        case .number: return "expression must be a number, got \(actual)"
        case .string: return "expression must be a string, got \(actual)"
        case .list: return "expression must be a list, got \(actual)"
        }
    }

    /// Stable order by position, without exact duplicates.
    private static func ordered(_ errors: [ExpressionError]) -> [ExpressionError] {
        var seen = Set<ExpressionError>()
        let unique = errors.filter { seen.insert($0).inserted }
        return unique.enumerated()
            .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
            .map(\.element)
    }

    /// Distinct fact ids in order of first appearance (pre-order, left to right).
    private static func factIDs(in root: Node) -> [String] {
        var ids: [String] = []
        var pending = [root]
        while let node = pending.popLast() {
            if case .fact(let name, _) = node, !ids.contains(name) { ids.append(name) }
            pending.append(contentsOf: node.children.reversed())
        }
        return ids
    }
}
