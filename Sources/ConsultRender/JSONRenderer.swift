import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The `consult.plan/1` JSON contract of design.md: a plan for other programs. docs/plan.schema.json
/// describes every field; a test validates each plan the tests produce against it, so a field
/// added here without the schema fails. Fields beyond design.md's minimum: `facts`, `provenance`,
/// `kpis`, `assumptions`, `summary`, and per item `priority`, `text`, `condition`, `role`,
/// `rests_on_estimates`, `severity`, `question`, `unit`.
public enum JSONRenderer {
    public static let schema = "consult.plan/1"

    public static func render(_ plan: Plan) -> String { document(plan).serialized() }

    /// `interview` (a preliminary plan) and `since_last_visit` (a follow-up visit) appear only
    /// when they apply, so a first visit's complete plan has the bytes it always had.
    public static func document(_ plan: Plan) -> JSONValue {
        guard plan.interview != nil || plan.sinceLastVisit != nil, case .object(var fields) = complete(plan) else { return complete(plan) }
        if let interview = plan.interview {
            fields["interview"] = .object(["answered": .int(interview.answered), "total": .int(interview.total)])
        }
        if let since = plan.sinceLastVisit {
            fields["since_last_visit"] = .object([
                "date": .string(since.date),
                "days": since.days.map(JSONValue.int) ?? .null,
                "due_day": .int(since.dueDay),
                "resolved": .array(since.resolved.map(JSONValue.string)),
                "persisting": .array(since.persisting.map(JSONValue.string)),
                "new": .array(since.new.map(JSONValue.string)),
                "kpis": .array(since.kpis.map { k in
                    .object(["label": .string(k.label), "before": .string(k.before), "now": .string(k.now),
                             "target": .string(k.target), "met": k.met.map(JSONValue.bool) ?? .null])
                }),
            ])
        }
        return .object(fields)
    }

    private static func complete(_ plan: Plan) -> JSONValue {
        var merchant: [String: JSONValue] = ["name": .string(plan.merchant.name)]
        for line in plan.header where line.value.isKnown { merchant[line.fact] = .from(line.value) }
        if let c = plan.merchant.consultant { merchant["consultant"] = .string(c) }
        if let d = plan.merchant.date { merchant["date"] = .string(d) }
        return .object([
            "schema": .string(schema),
            "merchant": .object(merchant),
            "lang": .string(plan.language.rawValue),
            "playbooks": .array(plan.versions.map { .string($0.playbook) }),
            "derived": .object(Dictionary(plan.derived.map { ($0.fact, JSONValue.from($0.value)) }, uniquingKeysWith: { a, _ in a })),
            "facts": .object(Dictionary(plan.baseline.flatMap(\.facts).map { ($0.fact, JSONValue.from($0.value)) }, uniquingKeysWith: { a, _ in a })),
            "provenance": .object(Dictionary(plan.baseline.flatMap(\.facts).compactMap { line in
                line.provenance.flatMap { $0 == .said ? nil : (line.fact, JSONValue.string($0.rawValue)) }
            }, uniquingKeysWith: { a, _ in a })),
            "edition": .string(plan.edition.rawValue),
            "diagnosis": .string(Labels.diagnosisLine(plan)),
            "findings": .array(plan.findings.map(finding)),
            "problems": .array(plan.problems.map { p in
                .object(["root": .string(p.root), "members": .array(p.members.map(JSONValue.string))])
            }),
            "set_aside": .array(plan.setAside.map { .object(["code": .string($0.code), "by": .string($0.by)]) }),
            "references": .array(plan.references.map { r in
                .object(["fact": .string(r.fact), "value": .from(r.value.value), "median": .string(r.median), "top": .string(r.top),
                         "standing": .string(r.standing.rawValue), "assumed": .bool(r.assumed)])
            }),
            "funnel": plan.funnel.map(funnel) ?? .null,
            "actions": .array(plan.actions.map(action)),
            "kpis": .array(plan.kpis.map(kpi)),
            "unknowns": .array(plan.unknowns.map { u in
                .object(["fact": .string(u.fact), "question": .string(u.question), "would_check": .array(u.wouldCheck.map(JSONValue.string)),
                         "label": .string(u.label), "find": u.find.map(JSONValue.string) ?? .null])
            }),
            "assumptions": .array(plan.assumptions.map { .object(["code": .string($0.code), "note": .string($0.note)]) }),
            "summary": .object([
                "fix_first": .array(plan.fixFirst.map(JSONValue.string)),
                "top_findings": .array(plan.topFindings.map(JSONValue.string)),
                "this_week": .array(plan.thisWeek.map(JSONValue.int)),
                "body_actions": .array(plan.bodyActions.map(JSONValue.int)),
                "headline_kpis": .array(plan.headlineKPIs.map(JSONValue.string)),
                "position": .object(Dictionary(plan.position.map { ($0.fact, JSONValue.from($0.value)) }, uniquingKeysWith: { a, _ in a })),
                "completeness": .object(["known": .int(plan.completeness.known), "total": .int(plan.completeness.total)]),
                "review_date": plan.reviewDate.map(JSONValue.string) ?? .null,
            ]),
            "versions": .object([
                "consult": .string(plan.consultVersion),
                "playbooks": .object(Dictionary(plan.versions.map { ($0.playbook, JSONValue.int($0.version)) }, uniquingKeysWith: { a, _ in a })),
            ]),
        ])
    }

    static func finding(_ f: Finding) -> JSONValue {
        .object([
            "rule": .string(f.rule), "code": .string(f.code), "playbook": .string(f.playbook),
            "severity": .string(f.severity.rawValue), "priority": .int(f.priority),
            "title": .string(f.title), "text": .string(f.text), "condition": .string(f.condition),
            "evidence": .object(Dictionary(f.evidence.map { ($0.fact, JSONValue.from($0.value)) }, uniquingKeysWith: { a, _ in a })),
            "sources": .array(f.sources.map { .string($0.ref) }),
            "stop_the_line": .bool(f.stopTheLine), "role": .string(f.role.rawValue),
            "rests_on_estimates": .bool(f.restsOnEstimates),
            "checks": .array(f.checks.map(JSONValue.string)),
            "causes": .array(f.causes.map(JSONValue.string)), "symptoms": .array(f.symptoms.map(JSONValue.string)),
            "problem": .string(f.problem),
            "score": .object([
                "severity": .int(f.score.severity), "stop_the_line": .int(f.score.stopTheLine), "lift": .int(f.score.lift),
                "symptoms": .int(f.score.symptoms),
                "stakes": .object(Dictionary(f.score.stakes.map { ($0.stake, JSONValue.int($0.points)) }, uniquingKeysWith: { a, _ in a })),
            ]),
        ])
    }

    /// Facts by id with their values; the words are the documents' business.
    static func funnel(_ f: Funnel) -> JSONValue {
        func fact(_ line: FactLine) -> JSONValue { .object(["fact": .string(line.fact), "value": .from(line.value)]) }
        return .object([
            "decomposed": fact(f.decomposed), "reported": fact(f.reported), "ratio": f.ratio.map(fact) ?? .null,
            "adds_up": f.addsUp.map(JSONValue.bool) ?? .null,
            "steps": .array(f.steps.map { s in
                .object(["fact": .string(s.value.fact), "value": .from(s.value.value),
                         "median": s.reference.map { .string($0.median) } ?? .null, "top": s.reference.map { .string($0.top) } ?? .null])
            }),
        ])
    }

    static func action(_ a: PlannedAction) -> JSONValue {
        var kpi: [String: JSONValue] = ["text": .string(a.kpi)]
        if let m = a.metric { kpi["metric"] = .string(m) }
        if let t = a.target { kpi["target"] = .string(t) }
        return .object([
            "rank": .int(a.rank), "text": .string(a.text), "owner": .string(a.owner.rawValue),
            "horizon": .string(a.horizon.rawValue), "bucket": .string(a.bucket.rawValue),
            "kpi": .object(kpi), "because": .array(a.because.map(JSONValue.string)), "deferred": .bool(a.deferred),
            "severity": .string(a.severity.rawValue),
        ])
    }

    static func kpi(_ row: KPIRow) -> JSONValue {
        func target(_ t: KPITarget?) -> JSONValue {
            t.map { .object(["op": .string($0.comparison.rawValue), "value": .number($0.value)]) } ?? .null
        }
        return .object([
            "metric": .string(row.metric), "label": .string(row.label), "baseline": .from(row.baseline),
            "unit": row.unit.map(JSONValue.string) ?? .null,
            "d30": target(row.d30), "d60": target(row.d60), "d90": target(row.d90),
            "owner": .string(row.owner.rawValue), "because": .array(row.because.map(JSONValue.string)),
        ])
    }
}
