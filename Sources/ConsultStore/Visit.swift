import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// One visit as history and diff see it: the plan the merchant was given, and the figures as
/// answered (with derived facts) through the current playbooks.
public struct Visit: Sendable {
    public var session: SessionSummary
    public var plan: PlanSummary
    public var values: [String: Value]
    /// False when the visit has no saved plan and `plan` was made now from its stored answers.
    public var planSaved: Bool

    public init(session: SessionSummary, plan: PlanSummary, values: [String: Value], planSaved: Bool) {
        self.session = session
        self.plan = plan
        self.values = values
        self.planSaved = planSaved
    }

    /// Findings that must be acted on first.
    public var urgentFindings: [PlanSummary.Finding] {
        plan.findings.filter { $0.severity == "critical" || $0.severity == "high" }
    }

    /// A KPI's measured value at this visit: the metric's fact, else the plan's own baseline.
    public func measure(_ metric: String, program: Program) -> Number? {
        let fact = program.metric(metric)?.fact ?? metric
        if let n = values[fact]?.number { return n }
        return plan.kpis.first { $0.metric == metric }?.baseline.value.number
    }
}

/// Day numbers for YYYY-MM-DD dates, to tell how long after a plan a visit came.
enum DayCount {
    /// Days from `a` to `b`; nil unless both are dates.
    static func between(_ a: String, _ b: String) -> Int? {
        guard let x = number(a), let y = number(b) else { return nil }
        return y - x
    }

    static func number(_ text: String) -> Int? {
        CivilDate(String(text.prefix(10)))?.days
    }
}
