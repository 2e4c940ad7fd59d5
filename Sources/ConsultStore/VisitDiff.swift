import ConsultExpression
import ConsultPlaybook

/// What changed between two visits of one merchant, judged against the earlier plan: which
/// findings were resolved, persist or are new; how each KPI of the earlier plan moved against
/// its day-30/60/90 targets; which actions reached their KPI. Pure: values in, values out.
public struct VisitDiff: Sendable {
    public struct TargetCheck: Sendable, Hashable {
        /// "d30", "d60" or "d90".
        public var horizon: String
        public var comparison: ComparisonOperator
        public var value: Number
        /// nil when the later value is not known.
        public var met: Bool?
    }

    public struct KPIMovement: Sendable, Hashable {
        public var metric: String
        public var label: String
        public var before: Number?
        public var after: Number?
        public var targets: [TargetCheck]
        /// The horizon the time between the visits has reached (d30 until 60 days have passed …).
        public var due: String

        public var change: Number? { after.flatMap { a in before.map { a - $0 } } }
        public var dueCheck: TargetCheck? { targets.first { $0.horizon == due } ?? targets.first }
    }

    public struct ActionOutcome: Sendable, Hashable {
        public var action: PlanSummary.Action
        public var comparison: ComparisonOperator
        public var target: Number
        public var after: Number?
        public var met: Bool? { after.map { Self.holds($0, comparison, target) } }

        static func holds(_ value: Number, _ op: ComparisonOperator, _ target: Number) -> Bool {
            switch op {
            case .greaterOrEqual: value >= target
            case .lessOrEqual: value <= target
            case .greater: value > target
            case .less: value < target
            case .equal: value == target
            }
        }
    }

    public var earlier: Visit
    public var later: Visit
    /// Days between the visits; nil when a date is missing.
    public var days: Int?
    public var resolved: [PlanSummary.Finding]
    /// As the later plan states them (the title may carry new figures).
    public var persisting: [PlanSummary.Finding]
    public var new: [PlanSummary.Finding]
    public var kpis: [KPIMovement]
    /// Actions of the earlier plan with a measurable KPI target, in rank order.
    public var actions: [ActionOutcome]

    public var actionsMet: [ActionOutcome] { actions.filter { $0.met == true } }

    /// Orders the two visits by date (then number) and compares them.
    public init(_ a: Visit, _ b: Visit, program: Program) {
        let ordered = (a.session.day, a.session.id) <= (b.session.day, b.session.id)
        earlier = ordered ? a : b
        later = ordered ? b : a
        days = DayCount.between(earlier.session.day, later.session.day)
        let before = Set(earlier.plan.findings.map(\.code)), after = Set(later.plan.findings.map(\.code))
        resolved = earlier.plan.findings.filter { !after.contains($0.code) }
        persisting = later.plan.findings.filter { before.contains($0.code) }
        new = later.plan.findings.filter { !before.contains($0.code) }
        let due = Self.horizon(afterDays: days)
        let (earlier, later) = (earlier, later)
        kpis = earlier.plan.kpis.map { row in
            let now = later.measure(row.metric, program: program)
            let targets = [("d30", row.d30), ("d60", row.d60), ("d90", row.d90)].compactMap { horizon, target in
                target.flatMap { t in
                    ComparisonOperator(rawValue: t.op).map { op in
                        TargetCheck(horizon: horizon, comparison: op, value: t.value.number,
                                    met: now.map { ActionOutcome.holds($0, op, t.value.number) })
                    }
                }
            }
            return KPIMovement(metric: row.metric, label: row.label, before: row.baseline.value.number, after: now,
                               targets: targets, due: due)
        }
        actions = earlier.plan.actions.compactMap { action in
            guard let metric = action.kpi.metric, let (op, target) = action.kpi.target.flatMap(Self.target) else { return nil }
            return ActionOutcome(action: action, comparison: op, target: target, after: later.measure(metric, program: program))
        }
    }

    /// The target horizon a visit `days` after the plan is judged by: the latest one reached,
    /// and the day-30 one before that.
    static func horizon(afterDays days: Int?) -> String {
        guard let days else { return "d30" }
        return days >= 90 ? "d90" : days >= 60 ? "d60" : "d30"
    }

    /// ">= 4.6" → (>=, 4.6).
    static func target(_ text: String) -> (ComparisonOperator, Number)? {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let op = ComparisonOperator(rawValue: parts[0]), let value = Number(parts[1]) else { return nil }
        return (op, value)
    }
}
