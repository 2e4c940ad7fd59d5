import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import ConsultStore
import Foundation

/// Loads visits for history and diff: the saved plan when there is one (the plan the merchant was
/// given), else a plan made now from the stored answers; figures through the current playbooks.
struct VisitLoader {
    let program: Program
    let database: SessionStore

    func visit(_ id: SessionID) throws -> Visit {
        let stored = try storeCall { try database.session(id) }
        let (answers, dropped) = AnswerLog.answers(stored.answers, program: program)
        if let warning = StoredPlanMaker.warning(dropped, session: id) { FileHandle.writeError(warning) }
        let values = Engine(program: program).facts(answers)
        if let saved = stored.latestPlan, let plan = try? PlanSummary.decode(saved.json) {
            return Visit(session: stored.summary, plan: plan, values: values, planSaved: true)
        }
        let json = JSONRenderer.render(StoredPlanMaker(program: program).plan(stored).plan)
        return Visit(session: stored.summary, plan: try PlanSummary.decode(json), values: values, planSaved: false)
    }
}

/// Wording shared by `consult history` and `consult diff`.
struct VisitText {
    let program: Program
    let language: Language

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// "2026-11-20 · 李顾问 · consultation 3"
    func heading(_ visit: Visit) -> String {
        var parts = [visit.session.day]
        if let consultant = visit.session.merchant.consultant { parts.append(consultant) }
        parts.append(t("咨询 ", "consultation ") + visit.session.id.description)
        if !visit.planSaved { parts.append(t("未保存方案，按现行手册生成", "no saved plan: made now with the current playbooks")) }
        return parts.joined(separator: " · ")
    }

    /// A position fact (stage, type) as its label in the playbooks.
    func position(_ fact: String, _ visit: Visit) -> String {
        guard let value = visit.plan.position(fact)?.value, value.isKnown else { return t("未知", "unknown") }
        return StoreText.value(value, fact: fact, program: program, language)
    }

    func standing(_ visit: Visit) -> String {
        t("阶段：", "stage: ") + position("live_stage", visit) + t(" · 类型：", " · type: ") + position("merchant_type", visit)
    }

    func finding(_ f: PlanSummary.Finding) -> String {
        let severity = Severity(rawValue: f.severity).map { Labels.severity($0, language) } ?? f.severity
        return "[\(severity)] \(f.code) \(f.title)"
    }

    /// A KPI's value shown as its fact is shown in a plan.
    func measure(_ metric: String, _ value: Number?) -> String {
        guard let value else { return "—" }
        let fact = program.metric(metric)?.fact ?? metric
        return StoreText.value(.number(value), fact: fact, program: program, language)
    }

    func change(_ metric: String, _ delta: Number?) -> String {
        guard let delta else { return "—" }
        let fact = program.metric(metric)?.fact ?? metric
        switch program.declaration(of: fact)?.kind {
        case .percent?: return StoreText.signed(delta.rounded(places: 2)) + " pp"
        case .money?: return (delta < 0 ? "" : "+") + ValueFormatter.money(delta, language)
        default: return StoreText.signed(delta.rounded(places: 2))
        }
    }

    func target(_ check: VisitDiff.TargetCheck, metric: String) -> String {
        let mark = check.met.map { $0 ? "✓" : "✗" } ?? "?"
        return check.comparison.rawValue + " " + measure(metric, check.value) + " " + mark
    }
}
