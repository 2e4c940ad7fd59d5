import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// Turns plan values into display text in one language: the one place that decides how a
/// finding, an action or a KPI row reads, shared by the HTML template model and Markdown so
/// the two formats say the same thing in the same words.
struct PlanFormatter {
    let language: Language

    func t(_ key: Labels.Key) -> String { Labels.text(key, language) }
    var colon: String { language == .zh ? "：" : ": " }
    var listSeparator: String { language == .zh ? "，" : ", " }

    func field(_ line: FactLine) -> Field { Field(fact: line.fact, label: line.label, value: line.display) }

    func value(_ value: Value, kind: FactKind?) -> String {
        ValueFormatter.format(value, as: kind.map { FactDeclaration(id: "", kind: $0) }, language)
    }

    func evidence(_ f: Finding) -> String {
        f.evidence.map { "\($0.label) \($0.display)" }.joined(separator: listSeparator)
    }

    func sourceTags(_ f: Finding) -> [SourceTag] {
        var seen = Set<String>()
        return f.sources.filter { seen.insert($0.ref).inserted }
            .map { SourceTag(ref: $0.ref, title: Labels.source($0.ref, language), note: $0.note) }
    }

    /// "001_b62d….txt, assumed" as a reader sees it: known sources by their short title.
    func sourcesText(_ f: Finding) -> String {
        sourceTags(f).map { tag in tag.title.map { "\($0) (\(tag.ref))" } ?? tag.ref }.joined(separator: "; ")
    }

    func finding(_ f: Finding, number: Int) -> FindingView {
        FindingView(number: number, code: f.code, rule: f.rule, playbook: f.playbook, severity: f.severity.rawValue,
                    severityLabel: Labels.severity(f.severity, language), priority: f.priority, title: f.title,
                    text: f.text, hasEvidence: !f.evidence.isEmpty, evidence: f.evidence.map(field),
                    evidenceText: evidence(f), sources: sourceTags(f), sourcesText: sourcesText(f),
                    stopTheLine: f.stopTheLine)
    }

    func action(_ a: PlannedAction) -> ActionView {
        ActionView(rank: a.rank, owner: Labels.owner(a.owner, language), ownerId: a.owner.rawValue, text: a.text,
                   kpi: a.kpi, target: a.target, because: a.because.joined(separator: ", "),
                   bucket: Labels.bucket(a.bucket, language), bucketId: a.bucket.rawValue,
                   horizon: Labels.horizon(a.horizon, language), severity: a.severity.rawValue,
                   severityLabel: Labels.severity(a.severity, language), deferred: a.deferred,
                   deferredNote: a.deferred ? t(.deferredNote) : nil)
    }

    func kpi(_ r: KPIRow) -> KPIView {
        KPIView(metric: r.metric, label: r.label, unit: r.kind == nil ? r.unit : nil,
                baseline: value(r.baseline, kind: r.kind),
                d30: Labels.target(r.d30, kind: r.kind, language), d60: Labels.target(r.d60, kind: r.kind, language),
                d90: Labels.target(r.d90, kind: r.kind, language), owner: Labels.owner(r.owner, language),
                because: r.because.joined(separator: ", "))
    }

    func trace(_ f: Finding) -> TraceView {
        TraceView(code: f.code, rule: f.rule, condition: f.condition,
                  values: f.evidence.map { "\($0.fact) = \(ValueFormatter.format($0.value, as: nil, .en))" }.joined(separator: ", "))
    }

    /// Every source the findings cite, in first-cited order, with the codes that cite it.
    func sources(_ findings: [Finding]) -> [SourceView] {
        var order: [String] = []
        var codes: [String: [String]] = [:]
        for f in findings {
            for ref in Set(f.sources.map(\.ref)).sorted() {
                if codes[ref] == nil { order.append(ref) }
                codes[ref, default: []].append(f.code)
            }
        }
        return order.map { ref in
            SourceView(ref: ref, title: Labels.source(ref, language),
                       isLink: ref.hasPrefix("https://") || ref.hasPrefix("http://"),
                       codes: codes[ref, default: []].joined(separator: ", "))
        }
    }
}
