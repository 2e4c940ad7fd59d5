import ConsultDiagnostics

// The built-in functions and their arity and argument rules.

extension Checker {
    static let functions = Builtin.allCases.map(\.rawValue)

    mutating func checkCall(_ name: String, _ arguments: [Node], _ span: ExpressionSpan) -> Checked {
        guard let builtin = Builtin(rawValue: name) else {
            if name != Parser.placeholder {
                errors.append(ExpressionError(
                    id: "expr.unknown-function",
                    message: "unknown function '\(name)'\(Suggestion.didYouMean(name, in: Self.functions))",
                    span: span,
                    notes: ["available functions: " + Self.functions.joined(separator: ", ")]))
            }
            // A syntax error or an unknown name: still check what is inside it.
            checkLeniently(arguments)
            return .poisoned(span)
        }
        checkArity(builtin, arguments, span)
        switch builtin {
        case .known, .unknown:
            let checked = arguments.map { check($0) }
            return Checked(.bool, .builtin(builtin), span, checked)
        case .unknownCount:
            // The facts of the list become the operands: the function counts the unknown ones.
            let facts = arguments.flatMap { checkFactList($0) }
            return Checked(.number, .builtin(builtin), span, facts)
        case .max, .min:
            let checked = arguments.map { argument -> Checked in
                let result = check(argument)
                require(.number, result.type, argument, "\(name) needs numbers")
                return result
            }
            return Checked(.number, .builtin(builtin), span, checked)
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

    private mutating func checkArity(_ builtin: Builtin, _ arguments: [Node], _ span: ExpressionSpan) {
        guard arguments.count != builtin.arity else { return }
        let noun = builtin.arity == 1 ? "argument" : "arguments"
        errors.append(ExpressionError(
            id: "expr.arity",
            message: "\(builtin.rawValue) takes \(builtin.arity) \(noun), got \(arguments.count)",
            span: span))
    }

    /// unknown_count's argument: a list literal of fact ids; returns the checked fact reads.
    private mutating func checkFactList(_ argument: Node) -> [Checked] {
        guard case .list(let items, _) = argument else {
            let type = check(argument).type
            if type != .poisoned {
                errors.append(.typeMismatch(
                    "unknown_count takes a list of fact ids, got \(describe(argument, type))", argument.span,
                    notes: ["e.g. unknown_count([store_rating, monthly_gmv])"]))
            }
            return []
        }
        var facts: [Checked] = []
        for item in items {
            if case .fact(let name, let span) = item {
                facts.append(checkFact(name, span))
                continue
            }
            let type = check(item).type
            if type != .poisoned {
                errors.append(.typeMismatch("unknown_count takes fact ids, got \(describe(item, type))", item.span))
            }
        }
        return facts
    }
}
