import ConsultDiagnostics

// The five built-in functions and their arity and argument rules.

extension Checker {
    static let functions = ["known", "unknown", "unknown_count", "max", "min"]

    mutating func checkCall(_ name: String, _ arguments: [Node], _ span: ExpressionSpan) -> CheckedType {
        switch name {
        case Parser.placeholder:
            // A syntax error was reported here; still check what was parsed inside it.
            checkLeniently(arguments)
            return .poisoned
        case "known", "unknown":
            checkArity(name, arguments, expected: 1, span)
            for argument in arguments { _ = check(argument) }
            return .bool
        case "unknown_count":
            checkArity(name, arguments, expected: 1, span)
            for argument in arguments { checkFactList(argument) }
            return .number
        case "max", "min":
            checkArity(name, arguments, expected: 2, span)
            for argument in arguments {
                require(.number, check(argument), argument, "\(name) needs numbers")
            }
            return .number
        default:
            errors.append(ExpressionError(
                id: "expr.unknown-function",
                message: "unknown function '\(name)'\(Suggestion.didYouMean(name, in: Self.functions))",
                span: span,
                notes: ["available functions: " + Self.functions.joined(separator: ", ")]))
            checkLeniently(arguments)
            return .poisoned
        }
    }

    /// Checks sub-expressions whose context is unknown, looking inside list literals item by item
    /// (so `[a, b]` is not blamed for holding facts), to still report unknown facts and the like.
    private mutating func checkLeniently(_ nodes: [Node]) {
        for node in nodes {
            if case .list(let items, _) = node {
                checkLeniently(items)
            } else {
                _ = check(node)
            }
        }
    }

    private mutating func checkArity(_ name: String, _ arguments: [Node], expected: Int, _ span: ExpressionSpan) {
        guard arguments.count != expected else { return }
        let noun = expected == 1 ? "argument" : "arguments"
        errors.append(ExpressionError(
            id: "expr.arity",
            message: "\(name) takes \(expected) \(noun), got \(arguments.count)",
            span: span))
    }

    /// unknown_count's argument: a list literal of fact ids.
    private mutating func checkFactList(_ argument: Node) {
        guard case .list(let items, _) = argument else {
            let type = check(argument)
            if type != .poisoned {
                errors.append(.typeMismatch(
                    "unknown_count takes a list of fact ids, got \(describe(argument, type))", argument.span,
                    notes: ["e.g. unknown_count([store_rating, monthly_gmv])"]))
            }
            return
        }
        for item in items {
            if case .fact(let name, let span) = item {
                _ = checkFact(name, span)
                continue
            }
            let type = check(item)
            if type != .poisoned {
                errors.append(.typeMismatch("unknown_count takes fact ids, got \(describe(item, type))", item.span))
            }
        }
    }
}
