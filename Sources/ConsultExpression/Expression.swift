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

        let root = quotedFactNames(parsed.node)
        var checker = Checker(schema: schema)
        let checked = checker.check(root)
        errors += checker.errors
        if let expecting, let actual = checked.expressionType, actual != expecting {
            errors.append(.typeMismatch(expectationMessage(expecting, actual), root.span))
        }
        guard errors.isEmpty, let type = checked.expressionType else {
            return .failure(ordered(errors))
        }
        let facts = factIDs(in: root)
        var factTypes: [String: ExpressionType] = [:]
        for fact in facts { factTypes[fact] = schema.type(of: fact)?.expressionType }
        return .success(Expression(source: source, root: root, type: type,
                                   factsRead: facts, factTypes: factTypes))
    }

    /// `unknown_count(["a", "b"])` names facts with strings, as the domain brief writes it; they
    /// mean the same as `unknown_count([a, b])` and are checked as fact ids.
    private static func quotedFactNames(_ node: Node) -> Node {
        switch node {
        case .call("unknown_count", let arguments, let span):
            let rewritten = arguments.map { argument -> Node in
                guard case .list(let items, let listSpan) = argument else { return argument }
                return .list(items.map { item in
                    if case .string(let name, let s) = item { return .fact(name, s) }
                    return item
                }, listSpan)
            }
            return .call("unknown_count", rewritten, span)
        case .unary(let op, let operand, let span):
            return .unary(op, quotedFactNames(operand), span)
        case .binary(let op, let l, let r, let span):
            return .binary(op, quotedFactNames(l), quotedFactNames(r), span)
        case .call(let name, let arguments, let span):
            return .call(name, arguments.map(quotedFactNames), span)
        case .list(let items, let span):
            return .list(items.map(quotedFactNames), span)
        default:
            return node
        }
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
