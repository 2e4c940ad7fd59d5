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
        switch node.node.operation {
        case .compare(let op):
            guard case .number = node.children[0].value, case .number = node.children[1].value else { return }
            let kind = factKind(node.node.operands[0]) ?? factKind(node.node.operands[1])
            let line = "\(side(node.children[0], kind)) \(symbol(op)) \(side(node.children[1], kind))"
            if !out.contains(line) { out.append(line) }
        case .and, .or, .not, .builtin:
            for child in node.children { collect(child, into: &out) }
        case .literal, .fact, .negate, .arithmetic, .member:
            break
        }
    }

    private func side(_ node: TraceNode, _ kind: FactKind?) -> String {
        let declaration = kind.map { FactDeclaration(id: "", kind: $0) }
        switch node.node.operation {
        case .fact(let slot):
            return text.line(slot.name).map { "\($0.label) \($0.display)" } ?? slot.name
        case .literal(let value):
            return ValueFormatter.format(value, as: declaration, text.language)
        case .not, .negate, .and, .or, .arithmetic, .compare, .member, .builtin:
            let value = ValueFormatter.format(node.value, as: declaration, text.language)
            // "保本ROI × 1.5 = 3.33": the words of the threshold, never its expression syntax.
            return "\(words(node.node)) = \(value)"
        }
    }

    /// An arithmetic threshold in the reader's words: facts by their labels, × ÷ for * /.
    private func words(_ node: TypedNode) -> String {
        let parts = node.operands.map(words)
        switch node.operation {
        case .fact(let slot): return text.line(slot.name)?.label ?? slot.name
        case .literal(let value): return value.description
        case .arithmetic(let op):
            let symbol = switch op {
            case .multiply: "×"
            case .divide: "÷"
            case .add: "+"
            case .subtract: "−"
            }
            return "\(parts[0]) \(symbol) \(parts[1])"
        case .negate: return "−" + parts[0]
        case .builtin(.max): return text.language == .zh ? "\(parts.joined(separator: "与"))中较大者" : "the larger of \(parts.joined(separator: " and "))"
        case .builtin(.min): return text.language == .zh ? "\(parts.joined(separator: "与"))中较小者" : "the smaller of \(parts.joined(separator: " and "))"
        case .not, .and, .or, .compare, .member, .builtin: return "…"
        }
    }

    private func factKind(_ node: TypedNode) -> FactKind? {
        if let name = node.fact { return text.program.declaration(of: name)?.kind }
        for operand in node.operands { if let k = factKind(operand) { return k } }
        return nil
    }

    private func symbol(_ op: Comparison) -> String {
        switch op {
        case .lessOrEqual: "≤"
        case .greaterOrEqual: "≥"
        case .notEqual: "≠"
        case .equal: "="
        case .less: "<"
        case .greater: ">"
        }
    }
}
