/// A parsed and type-checked expression, ready to evaluate. Compiling once and evaluating many
/// times keeps errors at load time (with spans) and evaluation total and fast.
public struct Expression: Sendable {
    public let source: String
    /// The syntax tree, for lint and explanations that reason about how the condition is written.
    public let root: Node
    /// The checked program: what every evaluation runs.
    public let typed: TypedNode
    public let type: ExpressionType
    /// Distinct fact ids referenced anywhere, in order of first appearance.
    public let factsRead: [String]

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
        if let expecting, let actual = checked.type.expressionType, actual != expecting {
            errors.append(.typeMismatch(expectationMessage(expecting, actual), root.span))
        }
        guard errors.isEmpty, let type = checked.type.expressionType else {
            return .failure(ordered(errors))
        }
        return .success(Expression(source: source, root: root, typed: checked.node, type: type,
                                   factsRead: checked.node.facts))
    }

    /// The value under `facts`.
    public func evaluate(_ facts: some FactSource) -> Value {
        var evaluator = Evaluator(facts: facts, observer: NoObserver())
        return evaluator.evaluate(typed)
    }

    /// Same, and appends to `reads` each fact actually read (once, in order of first read), under
    /// short-circuit (`and` stops at the first false operand, `or` at the first true one): the rule's evidence.
    public func evaluate(_ facts: some FactSource, reads: inout [String]) -> Value {
        var evaluator = Evaluator(facts: facts, observer: ReadRecorder(reads: reads))
        let value = evaluator.evaluate(typed)
        reads = evaluator.observer.reads
        return value
    }

    /// Evaluates every sub-expression (no short-circuit) and returns the tree with each node's value.
    public func trace(_ facts: some FactSource) -> TraceNode {
        var evaluator = Evaluator(facts: facts, observer: TraceBuilder(source: source))
        _ = evaluator.evaluate(typed)
        return evaluator.observer.stack[0]
    }

    public func evaluate(_ fact: (String) -> Value) -> Value {
        withoutActuallyEscaping(fact) { evaluate(NamedFacts($0)) }
    }

    /// With facts not asked yet (`Answers.pending`).
    public func evaluate(_ fact: (String) -> Value, pending: Set<String>) -> Value {
        withoutActuallyEscaping(fact) { evaluate(NamedFacts($0, pending: pending)) }
    }

    public func evaluate(_ fact: (String) -> Value, reads: inout [String]) -> Value {
        withoutActuallyEscaping(fact) { fact in evaluate(NamedFacts(fact), reads: &reads) }
    }

    public func trace(_ fact: (String) -> Value) -> TraceNode {
        withoutActuallyEscaping(fact) { trace(NamedFacts($0)) }
    }

    /// `unknown_count(["a", "b"])` names facts with strings, as the domain brief writes it; they
    /// mean the same as `unknown_count([a, b])` and are checked as fact ids.
    private static func quotedFactNames(_ node: Node) -> Node {
        switch node {
        case .call(Builtin.unknownCount.rawValue, let arguments, let span):
            let rewritten = arguments.map { argument -> Node in
                guard case .list(let items, let listSpan) = argument else { return argument }
                return .list(items.map { item in
                    if case .string(let name, let s) = item { return .fact(name, s) }
                    return item
                }, listSpan)
            }
            return .call(Builtin.unknownCount.rawValue, rewritten, span)
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
}
