import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultShell
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
        let (visit, _, dropped) = try StoredPlanMaker(program: program).visit(stored)
        if let warning = StoredPlanMaker.warning(dropped, session: id) { FileHandle.writeError(warning) }
        return visit
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

    var wording: VisitWording { VisitWording(program: program, language: language) }
    func measure(_ metric: String, _ value: Number?) -> String { wording.measure(metric, value) }
    func change(_ metric: String, _ delta: Number?) -> String { wording.change(metric, delta) }
    func target(_ check: VisitDiff.TargetCheck, metric: String) -> String { wording.target(check, metric: metric) }
}
