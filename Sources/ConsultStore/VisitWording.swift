import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// How visit comparisons read: a KPI's value as its fact reads in a plan, a change with its
/// sign, a target with its mark. Shared by `consult history`, `consult diff` and the plan of a
/// follow-up visit, so the three say the same thing in the same words.
public struct VisitWording: Sendable {
    public let program: Program
    public let language: Language

    public init(program: Program, language: Language) {
        self.program = program
        self.language = language
    }

    /// A KPI's value shown as its fact is shown in a plan; "—" when not known.
    public func measure(_ metric: String, _ value: Number?) -> String {
        guard let value else { return "—" }
        let fact = program.metric(metric)?.fact ?? metric
        return ValueFormatter.format(.number(value), as: program.declaration(of: fact), language)
    }

    public func change(_ metric: String, _ delta: Number?) -> String {
        guard let delta else { return "—" }
        let fact = program.metric(metric)?.fact ?? metric
        let signed = { (n: Number) in n < 0 ? n.description : "+" + n.description }
        switch program.declaration(of: fact)?.kind {
        case .percent?: return signed(delta.rounded(places: 2)) + " pp"
        case .money?: return (delta < 0 ? "" : "+") + ValueFormatter.money(delta, language)
        default: return signed(delta.rounded(places: 2))
        }
    }

    /// "≥ 4.6 ✓": the comparison, the value, and whether it was met (? while unknown).
    public func target(_ check: VisitDiff.TargetCheck, metric: String) -> String {
        let mark = check.met.map { $0 ? "✓" : "✗" } ?? "?"
        return check.comparison.rawValue + " " + measure(metric, check.value) + " " + mark
    }

    /// What the plan of the later visit opens with: the earlier plan's findings resolved,
    /// persisting and new, and its KPIs against the targets due by now.
    public func sinceLastVisit(_ diff: VisitDiff) -> SinceLastVisit {
        let due = diff.kpis.first?.due ?? VisitDiff.horizon(afterDays: diff.days)
        let kpis = diff.kpis.map { k in
            let check = k.dueCheck
            var row = SinceLastVisit.KPI(label: k.label, before: measure(k.metric, k.before), now: measure(k.metric, k.after),
                                         target: check.map { $0.comparison.symbol + " " + measure(k.metric, $0.value) } ?? "—",
                                         met: check?.met)
            row.values = (k.before, k.after, check?.value)
            return row
        }
        return SinceLastVisit(date: diff.earlier.session.day, days: diff.days, dueDay: Int(due.dropFirst()) ?? 30,
                              resolved: diff.resolved.map(\.title), persisting: diff.persisting.map(\.title),
                              new: diff.new.map(\.title), kpis: kpis)
    }
}
