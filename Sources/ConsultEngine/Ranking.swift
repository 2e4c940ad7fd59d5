import ConsultExpression
import ConsultPlaybook

/// Why a fired rule ranks where it does: each part of its score (docs/diagnosis-model.md).
public struct ScoreBreakdown: Sendable, Hashable {
    public var severity: Int
    /// Stake id → points, in the rule's order.
    public var stakes: [StakePoints]
    public var stopTheLine: Int
    /// Points a cause takes over from its highest-ranked symptom, so it ranks above it.
    public var lift: Int
    /// Per-symptom bonus for the fired rules it explains.
    public var symptoms: Int

    public var base: Int { severity + stakes.reduce(0) { $0 + $1.points } + stopTheLine }
    public var total: Int { base + lift + symptoms }
}

public struct StakePoints: Sendable, Hashable {
    public var stake: String
    public var points: Int
}

/// Scores fired rules: severity in context, stakes, stop-the-line, and causes above their symptoms.
/// Pure; the same fired rules and facts always give the same order.
struct Ranker {
    let program: Program

    /// The severity that holds in this context: the first `severity_if` case that is true.
    func severity(of rule: Rule, _ lookup: (String) -> Value) -> Severity {
        rule.severityIf.first { $0.when.evaluate(lookup) == .bool(true) }?.severity ?? rule.severity
    }

    func base(of rule: Rule, severity: Severity, _ lookup: (String) -> Value) -> ScoreBreakdown {
        let model = program.ranking
        let stakes = rule.stakes.compactMap { id in model.stake(id).map { StakePoints(stake: id, points: $0.points(lookup)) } }
        return ScoreBreakdown(severity: model.points(severity), stakes: stakes,
                              stopTheLine: rule.stopTheLine ? model.stopTheLine : 0, lift: 0, symptoms: 0)
    }

    /// Lifts every cause above the fired symptoms it explains, in post-order over the (acyclic)
    /// links, with an explicit stack.
    func rank(_ fired: inout [FiredRule]) {
        let index = Dictionary(fired.enumerated().map { ($1.rule.code, $0) }, uniquingKeysWith: { a, _ in a })
        var done = Set<Int>(), onPath = Set<Int>()
        for start in fired.indices where !done.contains(start) {
            var stack: [(i: Int, next: Int)] = [(start, 0)]
            onPath.insert(start)
            while let top = stack.last {
                let symptoms = fired[top.i].symptoms.compactMap { index[$0] }
                if top.next < symptoms.count {
                    stack[stack.count - 1].next += 1
                    let s = symptoms[top.next]
                    if !done.contains(s) && !onPath.contains(s) {
                        onPath.insert(s)
                        stack.append((s, 0))
                    }
                    continue
                }
                let highest = symptoms.filter { done.contains($0) }.map { fired[$0].score.total }.max()
                var score = fired[top.i].score
                if let highest, highest + 1 > score.base { score.lift = highest + 1 - score.base }
                score.symptoms = program.ranking.perSymptom * symptoms.count
                fired[top.i].score = score
                fired[top.i].priority = score.total
                done.insert(top.i)
                onPath.remove(top.i)
                stack.removeLast()
            }
        }
        let order = Dictionary(program.playbooks.enumerated().map { ($1.id, $1.priority) }, uniquingKeysWith: { a, _ in a })
        fired.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            let (pa, pb) = (order[a.rule.playbook] ?? 0, order[b.rule.playbook] ?? 0)
            return pa != pb ? pa > pb : a.rule.code < b.rule.code
        }
    }
}
