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

    func field(_ line: FactLine) -> Field {
        let tag = Labels.provenance(line.provenance, language)
        return Field(fact: line.fact, label: line.label, value: line.display,
                     provenance: tag == nil ? nil : line.provenance?.rawValue, provenanceLabel: tag)
    }

    /// A fact's value with its provenance tag, for one-line text: "4.5（估算）".
    func tagged(_ line: FactLine) -> String {
        Labels.provenance(line.provenance, language).map { language == .zh ? "\(line.display)（\($0)）" : "\(line.display) (\($0))" }
            ?? line.display
    }

    func value(_ value: Value, kind: FactKind?) -> String {
        ValueFormatter.format(value, as: kind.map { FactDeclaration(id: "", kind: $0) }, language)
    }

    /// Each numeric check with its threshold, then the other facts the condition read.
    func evidence(_ f: Finding) -> String {
        let others = f.evidence.filter { line in !f.checks.contains { $0.contains(line.label) } }
        // A check keeps the provenance tag of the number it tests: "店铺体验分 4.4 ≤ 4.4（估算）".
        let checks = f.checks.map { check -> String in
            guard let line = f.evidence.first(where: { check.contains($0.label) }),
                  let tag = Labels.provenance(line.provenance, language) else { return check }
            return language == .zh ? "\(check)（\(tag)）" : "\(check) (\(tag))"
        }
        return (checks + others.map { "\($0.label) \(tagged($0))" }).joined(separator: listSeparator)
    }

    /// "每周场次 15 × 4.3周 × 场均场观 1000 × 转化率 2% × 客单价 100元 ≈ 12.9万元/月"; with a
    /// factor unknown, the product is not guessed: "… ≈ 未知（还缺 场均场观）".
    func decomposition(_ f: Funnel) -> String {
        let terms = f.factors.map { $0.label.isEmpty ? $0.display : "\($0.label) \($0.display)" }.joined(separator: " × ")
        let missing = f.factors.filter { !$0.known }.map(\.label)
        let result = missing.isEmpty ? f.decomposed.display
            : "\(f.decomposed.display)" + (language == .zh ? "（\(t(.missingFactors)) \(missing.joined(separator: "、"))）"
                                                        : " (\(t(.missingFactors)): \(missing.joined(separator: ", ")))")
        return "\(terms) ≈ \(result)"
    }

    /// "实报月成交额 21.5万元，拆解与实报之比 0.6：对不上…"; nil until both sides are known.
    func reconciliation(_ f: Funnel) -> String? {
        guard let addsUp = f.addsUp else { return nil }
        var text = "\(f.reported.label) \(tagged(f.reported))"
        if let ratio = f.ratio { text += listSeparator + "\(ratio.label) \(ratio.display)" }
        return text + colon + t(addsUp ? .addsUp : .doesNotAddUp)
    }

    /// "曝光进入率 10%（同行中位 12%）→ 商品点击率 12%（同行中位 15%）→ …"; nil without a known step.
    /// "（同行中位 8%）" / " (peer median 8%)", after a funnel step's value.
    func peerMedian(_ median: String) -> String {
        language == .zh ? "（\(t(.peerMedianShort)) \(median)）" : " (\(t(.peerMedianShort)) \(median))"
    }

    func funnelSteps(_ f: Funnel) -> String? {
        guard !f.steps.isEmpty else { return nil }
        return f.steps.map { step in
            let peer = step.reference.map { peerMedian($0.median) } ?? ""
            return "\(step.value.label) \(tagged(step.value))\(peer)"
        }.joined(separator: " → ")
    }

    func sourceTags(_ f: Finding) -> [SourceTag] {
        var seen = Set<String>()
        return f.sources.filter { seen.insert($0.ref).inserted }
            .map { tag in
                let title = Labels.source(tag.ref, language)
                return SourceTag(ref: tag.ref, title: title ?? "", hasTitle: title != nil, note: tag.note[language])
            }
    }

    /// The source tags as a reader sees them: a known article by its short title (the appendix
    /// maps titles to files), anything else by its reference.
    func sourcesText(_ f: Finding) -> String {
        sourceTags(f).map { $0.hasTitle ? $0.title : $0.ref }.joined(separator: language == .zh ? "；" : "; ")
    }

    func finding(_ f: Finding, number: Int) -> FindingView {
        FindingView(number: number, code: f.code, rule: f.rule, playbook: f.playbook, severity: f.severity.rawValue,
                    severityLabel: Labels.severity(f.severity, language), priority: f.priority, title: f.title,
                    text: f.text, hasEvidence: !f.evidence.isEmpty, evidence: f.evidence.map(field),
                    evidenceText: evidence(f), sources: sourceTags(f), sourcesText: sourcesText(f),
                    stopTheLine: f.stopTheLine, restsOnEstimates: f.restsOnEstimates, leadsTo: nil)
    }

    func action(_ a: PlannedAction) -> ActionView {
        ActionView(rank: a.rank, owner: Labels.owner(a.owner, language), ownerId: a.owner.rawValue, text: a.text,
                   kpi: a.kpi, target: a.target, because: a.because.joined(separator: ", "), rules: a.because,
                   bucket: Labels.bucket(a.bucket, language), bucketId: a.bucket.rawValue,
                   horizon: Labels.horizon(a.horizon, language), severity: a.severity.rawValue,
                   severityLabel: Labels.severity(a.severity, language), deferred: a.deferred,
                   deferredNote: a.deferred ? t(.deferredNote) : nil)
    }

    func kpi(_ r: KPIRow) -> KPIView {
        KPIView(metric: r.metric, label: r.label, unit: r.unit,
                baseline: value(r.baseline, kind: r.kind),
                d30: Labels.target(r.d30, kind: r.kind, language), d60: Labels.target(r.d60, kind: r.kind, language),
                d90: Labels.target(r.d90, kind: r.kind, language), owner: Labels.owner(r.owner, language),
                because: r.because.joined(separator: ", "), rules: r.because)
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
            for ref in f.sources.map(\.ref) where codes[ref]?.last != f.code {
                if codes[ref] == nil { order.append(ref) }
                codes[ref, default: []].append(f.code)
            }
        }
        return order.map { ref in
            let title = Labels.source(ref, language)
            return SourceView(ref: ref, title: title ?? "", hasTitle: title != nil, showRef: title == nil || ref.contains(".") || ref.contains("/"),
                              isLink: ref.hasPrefix("https://") || ref.hasPrefix("http://"),
                              codes: codes[ref, default: []].joined(separator: ", "), rules: codes[ref, default: []])
        }
    }
}
