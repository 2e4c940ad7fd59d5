import ConsultPlaybook

/// Checks a plan against what a consultant expects of it (`plan:` in a program example, `expect:`
/// in an answers file): its first problem, the causes it shows, advice it must not hold.
public enum PlanCheck {
    /// The expectation checked against the plan in every language, each problem prefixed by it.
    public static func problems(_ e: PlanExpectation, engine: Engine, diagnosis: Diagnosis, merchant: MerchantInfo) -> [String] {
        Language.allCases.flatMap { language in
            problems(e, Planner(engine: engine).plan(diagnosis, merchant: merchant, language: language)).map { "\(language.rawValue) plan: \($0)" }
        }
    }

    /// Every unmet expectation, in words; empty when the plan is one the consultant would sign.
    public static func problems(_ e: PlanExpectation, _ plan: Plan) -> [String] {
        var out: [String] = []
        let fired = Set(plan.findings.map(\.code))
        if let top = e.top, plan.topFindings.first != top {
            out.append("the first problem should be \(top), not \(plan.topFindings.first ?? "none") (top: \(plan.topFindings.joined(separator: ", ")))")
        }
        if let top3 = e.top3, Set(top3) != Set(plan.topFindings) {
            out.append("the top findings should be \(top3.joined(separator: ", ")), not \(plan.topFindings.joined(separator: ", "))")
        }
        for (symptom, cause) in e.causes {
            guard let f = plan.finding(symptom) else { out.append("\(symptom) should be in the plan, under \(cause)"); continue }
            if !f.causes.contains(cause) { out.append("\(symptom) should be shown as caused by \(cause) (causes: \(f.causes.joined(separator: ", ")))") }
        }
        for code in e.absent where fired.contains(code) { out.append("\(code) must not be in the plan") }
        for (a, b) in e.neverBoth where fired.contains(a) && fired.contains(b) { out.append("\(a) and \(b) must not stand in one plan") }
        let text = plan.findings.flatMap { [$0.title, $0.text] } + plan.actions.flatMap { [$0.text, $0.kpi] }
        for words in e.notContaining {
            if let hit = text.first(where: { $0.contains(words) }) { out.append("the plan must not say '\(words)' (in: \(hit))") }
        }
        return out
    }
}
