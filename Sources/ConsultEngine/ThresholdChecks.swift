import ConsultExpression
import ConsultPlaybook

/// The comparisons that made a rule fire, in words: "店铺体验分 4.4 ≤ 4.4", "投流ROI 1.6 < 保本ROI 2.5".
/// A finding shows the value next to the threshold it crossed (domain-brief §4.5).
struct ThresholdChecks {
    let text: TextFiller

    func of(_ rule: Rule) -> [String] {
        var out: [String] = []
        collect(rule.when.trace(text.lookup), into: &out)
        return merged(out)
    }

    /// "店铺体验分 4.5 > 4.4" and "店铺体验分 4.5 < 4.6" read better as "4.4 < 店铺体验分 4.5 < 4.6".
    private func merged(_ checks: [String]) -> [String] {
        var out = checks
        let lower = [" > ", " ≥ "], upper = [" < ", " ≤ "]
        for (i, a) in checks.enumerated() {
            guard let lo = lower.first(where: { a.contains($0) }) else { continue }
            let parts = a.split(separator: lo, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            for b in checks[(i + 1)...] {
                guard let hi = upper.first(where: { b.hasPrefix(parts[0] + $0) }) else { continue }
                let bound = String(b.dropFirst(parts[0].count + hi.count))
                let flipped = lo == " > " ? " < " : " ≤ "
                if let at = out.firstIndex(of: a) { out[at] = parts[1] + flipped + parts[0] + hi + bound }
                out.removeAll { $0 == b }
            }
        }
        return out
    }

    /// Walks the parts of the condition that hold; a numeric comparison that holds is a check.
    private func collect(_ node: TraceNode, into out: inout [String]) {
        guard node.value == .bool(true) else { return }
        switch node.node {
        case .binary(let op, let l, let r, _) where op.isComparison && op != .in && op != .notIn:
            guard node.children.count == 2, case .number = node.children[0].value, case .number = node.children[1].value else { return }
            let kind = factKind(l) ?? factKind(r)
            let line = "\(side(node.children[0], kind)) \(symbol(op)) \(side(node.children[1], kind))"
            if !out.contains(line) { out.append(line) }
        case .binary(.and, _, _, _), .binary(.or, _, _, _), .call, .unary:
            for child in node.children { collect(child, into: &out) }
        default:
            break
        }
    }

    private func side(_ node: TraceNode, _ kind: FactKind?) -> String {
        switch node.node {
        case .fact(let name, _):
            return text.line(name).map { "\($0.label) \($0.display)" } ?? name
        case .number(let n, _):
            return ValueFormatter.format(.number(n), as: kind.map { FactDeclaration(id: "", kind: $0) }, text.language)
        default:
            let value = ValueFormatter.format(node.value, as: kind.map { FactDeclaration(id: "", kind: $0) }, text.language)
            // "保本ROI × 1.5 = 3.33": the words of the threshold, never its expression syntax.
            return "\(words(node.node)) = \(value)"
        }
    }

    /// An arithmetic threshold in the reader's words: facts by their labels, × ÷ for * /.
    private func words(_ node: Node) -> String {
        switch node {
        case .fact(let name, _): return text.line(name)?.label ?? name
        case .number(let n, _): return n.description
        case .binary(let op, let l, let r, _):
            let symbol = switch op {
            case .multiply: "×"
            case .divide: "÷"
            case .add: "+"
            case .subtract: "−"
            default: op.rawValue
            }
            return "\(words(l)) \(symbol) \(words(r))"
        case .call(let name, let args, _):
            return "\(name)(" + args.map(words).joined(separator: ", ") + ")"
        default: return "…"
        }
    }

    private func factKind(_ node: Node) -> FactKind? {
        if case .fact(let name, _) = node { return text.program.declaration(of: name)?.kind }
        for child in node.children { if let k = factKind(child) { return k } }
        return nil
    }

    private func symbol(_ op: BinaryOperator) -> String {
        switch op {
        case .lessOrEqual: "≤"
        case .greaterOrEqual: "≥"
        case .notEqual: "≠"
        case .equal: "="
        default: op.rawValue
        }
    }
}
