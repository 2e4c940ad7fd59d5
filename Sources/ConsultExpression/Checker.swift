import ConsultDiagnostics

/// Static type of a sub-expression during checking. `poisoned` marks one that already has an
/// error, so the operators around it stay quiet instead of piling on follow-up errors.
indirect enum CheckedType: Equatable {
    case number, bool, string
    /// A list literal and its element type (nil for `[]`).
    case list(CheckedType?)
    case poisoned

    /// The type of the emitted node; a poisoned node is never emitted (compiling fails).
    var nodeType: ExpressionType { expressionType ?? .bool }

    var expressionType: ExpressionType? {
        switch self {
        case .number: return .number
        case .bool: return .bool
        case .string: return .string
        case .list: return .list
        case .poisoned: return nil
        }
    }

    /// "a number", "a boolean", "a string", "a list".
    var described: String {
        switch self {
        case .number: return "a number"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .list: return "a list"
        case .poisoned: return "an invalid expression"
        }
    }

    /// "numbers", "booleans", "strings", "lists".
    var plural: String {
        switch self {
        case .number: return "numbers"
        case .bool: return "booleans"
        case .string: return "strings"
        case .list: return "lists"
        case .poisoned: return "invalid expressions"
        }
    }
}

/// A checked sub-expression: its static type and the typed node the checker emits for it.
struct Checked {
    var type: CheckedType
    var node: TypedNode

    init(_ type: CheckedType, _ operation: TypedNode.Operation, _ span: ExpressionSpan, _ operands: [Checked] = []) {
        self.type = type
        self.node = TypedNode(operation, type.nodeType, span, operands.map(\.node))
    }

    static func poisoned(_ span: ExpressionSpan) -> Checked {
        Checked(.poisoned, .literal(.unknown), span)
    }
}

/// Type-checks a parsed tree against the declared facts, reporting every error it finds, and
/// emits the typed tree the evaluator runs.
struct Checker {
    let schema: FactSchema
    var errors: [ExpressionError] = []

    init(schema: FactSchema) {
        self.schema = schema
    }

    mutating func check(_ node: Node) -> Checked {
        switch node {
        case .number(let number, let span): return Checked(.number, .literal(.number(number)), span)
        case .string(let text, let span): return Checked(.string, .literal(.string(text)), span)
        case .bool(let flag, let span): return Checked(.bool, .literal(.bool(flag)), span)
        case .fact(let name, let span): return checkFact(name, span)
        case .list(let items, let span): return checkList(items, span)
        case .unary(let op, let operand, let span): return checkUnary(op, operand, span)
        case .binary(let op, let left, let right, let span): return checkBinary(op, left, right, span)
        case .call(let name, let arguments, let span): return checkCall(name, arguments, span)
        }
    }

    mutating func checkFact(_ name: String, _ span: ExpressionSpan) -> Checked {
        guard let type = schema.type(of: name), let index = schema.slot(of: name) else {
            reportUnknownFact(name, span)
            return .poisoned(span)
        }
        let checked: CheckedType
        switch type.expressionType {
        case .number: checked = .number
        case .bool: checked = .bool
        case .string, .list: checked = .string
        }
        return Checked(checked, .fact(FactSlot(name: name, index: index)), span)
    }

    mutating func reportUnknownFact(_ name: String, _ span: ExpressionSpan) {
        var notes: [String] = []
        let owners = schema.choiceFacts(accepting: name)
        if !owners.isEmpty {
            notes.append("'\(name)' is a value of \(owners.map { "'\($0)'" }.joined(separator: ", ")); quote it: \"\(name)\"")
        }
        errors.append(ExpressionError(
            id: "expr.unknown-fact",
            message: "unknown fact '\(name)'\(Suggestion.didYouMean(name, in: schema.names))",
            span: span, notes: notes))
    }

    /// A list literal: literal elements of one type, emitted as one constant.
    mutating func checkList(_ items: [Node], _ span: ExpressionSpan) -> Checked {
        var elementType: CheckedType?
        var reportedMix = false
        var values: [Value] = []
        for item in items {
            guard item.isLiteral else {
                let type = check(item).type
                if type != .poisoned {
                    var notes: [String] = []
                    if case .fact = item { notes.append("fact ids in a list are only accepted by unknown_count([...])") }
                    errors.append(.typeMismatch(
                        "list elements must be literal numbers, strings or booleans", item.span, notes: notes))
                }
                continue
            }
            let checked = check(item)
            let type = checked.type
            if case .literal(let value) = checked.node.operation { values.append(value) }
            if let expected = elementType, expected != type, !reportedMix {
                errors.append(.typeMismatch(
                    "list elements must all have the same type; found \(expected.plural) and \(type.plural)", item.span))
                reportedMix = true
            } else if elementType == nil {
                elementType = type
            }
        }
        return Checked(.list(elementType), .literal(.list(values)), span)
    }

    /// How an operand is named in messages: "choice 'platform'", "number 'store_rating'", "a string".
    func describe(_ node: Node, _ type: CheckedType) -> String {
        if case .fact(let name, _) = node, let factType = schema.type(of: name) {
            return "\(factType.kindName) '\(name)'"
        }
        return type.described
    }

    /// The allowed ids when `node` reads a choice fact.
    func choiceIDs(_ node: Node) -> (fact: String, ids: [String])? {
        guard case .fact(let name, _) = node, case .choice(let ids)? = schema.type(of: name) else { return nil }
        return (name, ids)
    }

    /// Reports a string literal that is not one of a choice fact's ids.
    mutating func checkChoiceValue(_ literal: Node, of choice: (fact: String, ids: [String])) {
        guard case .string(let value, let span) = literal, !choice.ids.contains(value) else { return }
        errors.append(ExpressionError(
            id: "expr.unknown-choice",
            message: "'\(value)' is not a value of '\(choice.fact)'\(Suggestion.didYouMean(value, in: choice.ids)); "
                + "accepted: \(choice.ids.joined(separator: ", "))",
            span: span))
    }
}
