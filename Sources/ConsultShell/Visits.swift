import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import ConsultStore

/// A stored consultation turned back into a plan with the current playbooks, as `consult run`
/// would make it from the answers file `consult answers` writes; and into a `Visit`, as history,
/// diff and a follow-up visit judge it: by the plan the merchant was given when one was saved.
public struct StoredPlanMaker {
    public let program: Program
    public let consultVersion: String

    public init(program: Program, consultVersion: String) {
        self.program = program
        self.consultVersion = consultVersion
    }

    /// The language and playbook subset of the last saved plan unless `language` is given.
    /// `previous`: the merchant's visit before this one; the plan then opens with what moved since.
    public func plan(_ session: StoredSession, language: Language? = nil, previous: StoredSession? = nil) -> (plan: Plan, dropped: [StoredAnswer]) {
        let (answers, dropped) = AnswerLog.answers(session.answers, program: program)
        let only = session.latestPlan?.only.map(Set.init)
        let engine = Engine(program: program, only: only)
        let language = language ?? session.latestPlan?.language ?? session.summary.language
        var plan = Planner(engine: engine, consultVersion: consultVersion)
            .plan(engine.diagnose(answers), merchant: session.merchant, language: language)
        if let previous, let last = try? visit(previous) {
            plan.sinceLastVisit = LastVisit(visit: last.visit, answers: last.answers)
                .since(plan, id: session.id, values: engine.facts(answers), program: program)
        }
        return (plan, dropped)
    }

    /// The visit as the merchant was given it (the saved plan, else one made now from its
    /// answers), its answers, and the stored answers today's playbooks no longer accept.
    public func visit(_ stored: StoredSession) throws -> (visit: Visit, answers: Answers, dropped: [StoredAnswer]) {
        let (answers, dropped) = AnswerLog.answers(stored.answers, program: program)
        let values = Engine(program: program).facts(answers)
        if let saved = stored.latestPlan, let plan = try? PlanSummary.decode(saved.json) {
            return (Visit(session: stored.summary, plan: plan, values: values, planSaved: true), answers, dropped)
        }
        let json = JSONRenderer.render(plan(stored).plan)
        return (Visit(session: stored.summary, plan: try PlanSummary.decode(json), values: values, planSaved: false), answers, dropped)
    }
}

/// The merchant's visit before this one: what a follow-up visit shows beside each question
/// ("上次"), keeps on Enter, and judges the new plan against.
public struct LastVisit {
    public var visit: Visit
    public var answers: Answers

    public var id: SessionID { visit.session.id }
    public var day: String { visit.session.day }

    public init(visit: Visit, answers: Answers) {
        self.visit = visit
        self.answers = answers
    }

    /// What moved between this visit and `plan`, the plan of the visit after it (consultation `id`,
    /// nil while not stored yet; `values` its facts), judged by the plan the merchant was given
    /// last time: the comparison `consult diff` makes between two stored visits. Nil when the
    /// later visit is dated before this one (a date typed wrong is not "since").
    public func since(_ plan: Plan, id: SessionID?, values: [String: Value], program: Program) -> SinceLastVisit? {
        guard let now = try? PlanSummary.decode(JSONRenderer.render(plan)) else { return nil }
        let info = plan.merchant
        let session = SessionSummary(id: id ?? SessionID(self.id.rawValue + 1),
                                     merchant: MerchantInfo(name: info.name, consultant: info.consultant, date: info.date ?? day),
                                     language: plan.language, startedAt: "", lastActivity: "", answerCount: 0, planCount: 0)
        let diff = VisitDiff(visit, Visit(session: session, plan: now, values: values, planSaved: true), program: program)
        guard diff.earlier.session.id == self.id else { return nil }
        return VisitWording(program: program, language: plan.language).sinceLastVisit(diff)
    }
}
