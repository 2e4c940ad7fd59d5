import ConsultEngine
import ConsultPlaybook
import ConsultRender

/// What differs between two plans, as a consultant would read it: where the merchant stands,
/// which findings come and go, and what changes in this week's actions.
struct PlanDiff {
    let before: Plan
    let after: Plan
    let language: Language

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func lines() -> [String] {
        standing() + findings() + summary()
    }

    /// Derived facts (stage, type, expectation …) whose value changes.
    private func standing() -> [String] {
        let old = Dictionary(before.derived.map { ($0.fact, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.derived.map { ($0.fact, $0) }, uniquingKeysWith: { a, _ in a })
        let unknown = t("未知", "unknown")
        var out: [String] = []
        for fact in (before.derived + after.derived).map(\.fact).uniqued() {
            let a = old[fact], b = new[fact]
            guard a?.display != b?.display else { continue }
            let label = (b ?? a)?.label ?? fact
            out.append(label + t("：", ": ") + "\(a?.display ?? unknown) → \(b?.display ?? unknown)")
        }
        return out
    }

    private func findings() -> [String] {
        let old = Set(before.findings.map(\.code)), new = Set(after.findings.map(\.code))
        let added = after.findings.filter { !old.contains($0.code) }.map { line($0, "+") }
        let removed = before.findings.filter { !new.contains($0.code) }.map { line($0, "-") }
        return added + removed
    }

    private func line(_ finding: Finding, _ sign: String) -> String {
        "\(sign) [\(Labels.severity(finding.severity, language))] \(finding.code) \(finding.title)"
    }

    private func summary() -> [String] {
        var out: [String] = []
        if before.fixFirst != after.fixFirst {
            out.append(t("先止血：", "fix first: ") + list(before.fixFirst) + " → " + list(after.fixFirst))
        }
        if before.topFindings != after.topFindings {
            out.append(t("首要问题：", "top findings: ") + list(before.topFindings) + " → " + list(after.topFindings))
        }
        let oldWeek = Set(before.thisWeek.compactMap { before.action(rank: $0)?.text })
        let newWeek = after.thisWeek.compactMap { after.action(rank: $0)?.text }
        let added = newWeek.filter { !oldWeek.contains($0) }
        let removed = before.thisWeek.compactMap { before.action(rank: $0)?.text }.filter { !newWeek.contains($0) }
        for text in added { out.append(t("本周新增：", "this week, new: ") + text) }
        for text in removed { out.append(t("本周不再需要：", "this week, dropped: ") + text) }
        if before.actions.count != after.actions.count {
            out.append(t("行动总数：", "actions: ") + "\(before.actions.count) → \(after.actions.count)")
        }
        return out
    }

    private func list(_ codes: [String]) -> String {
        codes.isEmpty ? t("无", "none") : codes.joined(separator: ", ")
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
