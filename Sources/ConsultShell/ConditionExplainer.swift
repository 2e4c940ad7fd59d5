import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// Explains a rule's condition from its evaluation trace: every part with the value it read, the
/// threshold it is held against and the margin, so a consultant sees which answer would flip it.
/// `and`/`or` become indented groups; everything else is one leaf with one detail line.
struct ConditionExplainer {
    let program: Program
    let engine: Engine
    let values: [String: Value]
    let language: Language
    let paint: (String, Style) -> String

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The lines for `trace` (the whole condition), before wrapping.
    func lines(_ trace: TraceNode) -> [(indent: Int, text: String)] {
        var out: [(Int, String)] = []
        walk(trace, depth: 1, into: &out)
        return out
    }

    private func walk(_ node: TraceNode, depth: Int, into out: inout [(Int, String)]) {
        if node.node.operation == .and || node.node.operation == .or {
            let group = node.node.operation == .and ? t("以下全部成立", "all of") : t("以下任一成立", "any of")
            out.append((depth, mark(node.value) + " " + group))
            for part in flatten(node, node.node.operation) { walk(part, depth: depth + 1, into: &out) }
            return
        }
        out.append((depth, mark(node.value) + " " + node.text))
        out.append((depth + 2, detail(node)))
        if let note = derivedNote(node) { out.append((depth + 2, note)) }
    }

    /// `a and (b and c)` is one list of three.
    private func flatten(_ node: TraceNode, _ op: TypedNode.Operation) -> [TraceNode] {
        guard node.node.operation == op else { return [node] }
        return node.children.flatMap { flatten($0, op) }
    }

    func mark(_ value: Value) -> String {
        switch value {
        case .bool(true): return paint("✓", .green)
        case .bool(false): return paint("✗", .red)
        default: return paint("?", .yellow)
        }
    }

    /// `= 4.7 · 阈值 < 4.6 · 差 0.1`, or what is missing when the part cannot be decided.
    private func detail(_ node: TraceNode) -> String {
        if case .unknown = node.value {
            let names = unanswered(node).map(name).joined(separator: t("、", ", "))
            return t("未知 — 需回答：", "unknown — answer: ") + (names.isEmpty ? t("（无）", "(none)") : names)
        }
        switch node.node.operation {
        case .compare(let op):
            return comparison(.threshold(op), node.children[0], node.children[1], holds: node.value == .bool(true))
        case .member(let negated):
            return comparison(.membership(negated: negated), node.children[0], node.children[1], holds: node.value == .bool(true))
        case .literal, .fact, .not, .negate, .and, .or, .arithmetic, .builtin:
            break
        }
        return "= " + display(node)
    }

    private enum Test {
        case threshold(Comparison)
        case membership(negated: Bool)
    }

    private func comparison(_ test: Test, _ left: TraceNode, _ right: TraceNode, holds: Bool) -> String {
        let fact = factOf(left) ?? factOf(right)
        var parts = ["= " + display(left, as: fact)]
        switch test {
        case .membership(let negated):
            let items: [String]
            if case .list(let values) = right.value { items = values.map { format($0, fact) } } else { items = [display(right, as: fact)] }
            let need = negated ? t("需不为：", "needs none of: ") : t("需为其一：", "needs one of: ")
            parts.append(need + items.joined(separator: t("、", ", ")))
        case .threshold(.equal):
            parts.append(t("需为 ", "needs ") + display(right, as: fact))
        case .threshold(.notEqual):
            parts.append(t("需不为 ", "needs not ") + display(right, as: fact))
        case .threshold(let op):
            parts.append(t("阈值 ", "threshold ") + op.rawValue + " " + display(right, as: fact))
            if case .number(let l) = left.value, case .number(let r) = right.value {
                parts.append(gap(l < r ? r - l : l - r, strict: op.isStrict, holds: holds, fact))
            }
        }
        if let facts = inputs(left) { parts.append(facts) }
        return parts.joined(separator: " · ")
    }

    /// The fact a side reads when it is a single fact.
    private func factOf(_ node: TraceNode) -> FactDeclaration? {
        if let name = node.node.fact { return program.declaration(of: name) }
        return nil
    }

    private func display(_ node: TraceNode, as fact: FactDeclaration? = nil) -> String {
        format(node.value, factOf(node) ?? fact)
    }

    func format(_ value: Value, _ fact: FactDeclaration?) -> String {
        guard let fact else {
            if case .number(let n) = value { return ValueFormatter.plain(n.rounded(places: 2)) }
            return ValueFormatter.format(value, as: nil, language)
        }
        return fact.shown(value, language)
    }

    /// How far a number is from flipping the comparison: the room left when it holds, what is
    /// missing when it does not (a strict threshold must be passed, not just reached).
    private func gap(_ gap: Number, strict: Bool, holds: Bool, _ fact: FactDeclaration?) -> String {
        if holds { return t("余量 ", "margin ") + margin(gap, fact) }
        if gap.isZero { return t("正好在阈值上，须越过它", "exactly at the threshold, which must be passed") }
        return strict ? t("差 \(margin(gap, fact)) 以上", "short by more than \(margin(gap, fact))")
                      : t("差 ", "short by ") + margin(gap, fact)
    }

    private func margin(_ gap: Number, _ fact: FactDeclaration?) -> String {
        if fact?.kind == .percent { return ValueFormatter.plain(gap.rounded(places: 2)) + t(" 个百分点", " points") }
        return format(.number(gap), fact)
    }

    /// For a computed side (`target_monthly_gmv / monthly_gmv`), the facts it was computed from.
    private func inputs(_ node: TraceNode) -> String? {
        guard factOf(node) == nil, !node.children.isEmpty else { return nil }
        let facts = factNodes(node)
        guard !facts.isEmpty else { return nil }
        return "(" + facts.map { "\($0.name) \(format($0.value, program.declaration(of: $0.name)))" }.joined(separator: t("，", ", ")) + ")"
    }

    private func factNodes(_ node: TraceNode) -> [(name: String, value: Value)] {
        if let name = node.node.fact { return [(name, node.value)] }
        var seen = Set<String>()
        return node.children.flatMap(factNodes).filter { seen.insert($0.name).inserted }
    }

    /// Derived facts are not answered directly: say which answers they come from.
    private func derivedNote(_ node: TraceNode) -> String? {
        let derived = factNodes(node).map(\.name).filter { program.derivedFact($0) != nil }
        guard !derived.isEmpty else { return nil }
        let from = engine.questionsBehind(derived)
        return paint(derived.joined(separator: ", ") + t(" 由这些答案推出：", " comes from: ") + from.joined(separator: ", "), .dim)
    }

    /// Unanswered questions behind a part, in interview order.
    func unanswered(_ node: TraceNode) -> [String] {
        engine.questionsBehind(factNodes(node).map(\.name)).filter { values[$0] == nil }
    }

    /// `ad_roi（投流ROI）`, noting a follow-up that the answers so far do not ask for.
    func name(_ fact: String) -> String {
        guard let question = program.question(fact) else { return fact }
        var notes = question.label.map { [$0[language]] } ?? []
        if let askIf = question.askIf, askIf.evaluate({ values[$0] ?? .unknown }) == .bool(false) {
            notes.append(t("按现有答案不会问到", "not asked with these answers"))
        }
        guard !notes.isEmpty else { return fact }
        return fact + t("（\(notes.joined(separator: "，"))）", " (\(notes.joined(separator: ", ")))")
    }
}
