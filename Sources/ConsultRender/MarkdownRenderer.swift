import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The plan as GitHub-flavoured Markdown, in the structure of domain-brief §4.2.
public enum MarkdownRenderer {
    public static func render(_ plan: Plan) -> String {
        var md = MarkdownWriter(language: plan.language)
        md.summary(plan)
        md.details(plan)
        return md.out
    }
}

struct MarkdownWriter {
    let language: Language
    var out = ""

    func t(_ key: Labels.Key) -> String { Labels.text(key, language) }
    var colon: String { language == .zh ? "：" : ": " }

    mutating func line(_ s: String = "") { out += s + "\n" }

    mutating func table(_ header: [String], _ rows: [[String]]) {
        line("| " + header.map(cell).joined(separator: " | ") + " |")
        line("|" + header.map { _ in " --- |" }.joined())
        for row in rows { line("| " + row.map(cell).joined(separator: " | ") + " |") }
        line()
    }

    func cell(_ s: String) -> String { s.replacing("|", with: "\\|").replacing("\n", with: " ") }

    func actionLine(_ a: PlannedAction) -> String {
        let deferred = a.deferred ? " " + t(.deferredNote) : ""
        return "**\(Labels.owner(a.owner, language))** — \(a.text)\(deferred) — \(t(.kpi))\(colon)\(a.kpi) (\(a.because.joined(separator: ", ")))"
    }

    mutating func summary(_ plan: Plan) {
        let name = plan.merchant.name.isEmpty ? "—" : plan.merchant.name
        line("# \(t(.planTitle))\(colon)\(name)")
        line()
        var meta = plan.header.map { "\($0.label)\(colon)\($0.display)" }
        if let c = plan.merchant.consultant { meta.append("\(t(.consultant))\(colon)\(c)") }
        if let d = plan.merchant.date { meta.append("\(t(.date))\(colon)\(d)") }
        meta.append("\(t(.completeness))\(colon)\(plan.completeness.known)/\(plan.completeness.total)")
        line(meta.joined(separator: " · "))
        line()
        line("## \(t(.summary))")
        line()
        if !plan.fixFirst.isEmpty {
            let items = plan.fixFirst.compactMap(plan.finding).map { "\($0.code) \($0.title)" }
            line("> **⚠ \(t(.fixFirst))**\(colon)\(items.joined(separator: "; "))")
            line()
        }
        line("### \(t(.whereYouStand))")
        line()
        for p in plan.position { line("- \(p.label)\(colon)\(p.display)") }
        line()
        line("### \(t(.topFindings))")
        line()
        if plan.topFindings.isEmpty { line(t(.none)); line() }
        for (i, code) in plan.topFindings.enumerated() {
            guard let f = plan.finding(code) else { continue }
            line("\(i + 1). **[\(Labels.severity(f.severity, language))] \(f.title)** (\(f.code)) — \(evidenceText(f))")
        }
        if !plan.topFindings.isEmpty { line() }
        line("### \(t(.thisWeek))")
        line()
        if plan.thisWeek.isEmpty { line(t(.none)); line() }
        for rank in plan.thisWeek { if let a = plan.action(rank: rank) { line("- [ ] " + actionLine(a)) } }
        if !plan.thisWeek.isEmpty { line() }
        line("### \(t(.targets90))")
        line()
        kpiTable(plan.kpis.filter { plan.headlineKPIs.contains($0.metric) }, withRules: false)
        line("### \(t(.workingTogether))")
        line()
        for f in plan.findings where f.role == .working_model { line("- **\(f.title)** (\(f.code))\(colon)\(f.text)") }
        line("- \(t(.merchantCommits))")
        line()
        line("**\(t(.nextReview))**\(colon)\(plan.reviewDate ?? t(.reviewInDays))")
        line()
    }

    func evidenceText(_ f: Finding) -> String {
        f.evidence.map { "\($0.label) \($0.display)" }.joined(separator: language == .zh ? "，" : ", ")
    }

    mutating func kpiTable(_ rows: [KPIRow], withRules: Bool) {
        var header = [t(.metric), t(.baselineCol), t(.day30), t(.day60), t(.day90), t(.owner)]
        if withRules { header.append(t(.rules)) }
        table(header, rows.map { r in
            let unit = r.unit.map { " (\($0))" } ?? ""
            var row = [r.label + (r.kind == nil ? unit : ""), ValueFormatter.format(r.baseline, as: r.kind.map { FactDeclaration(id: "", kind: $0) }, language),
                       Labels.target(r.d30, kind: r.kind, language), Labels.target(r.d60, kind: r.kind, language),
                       Labels.target(r.d90, kind: r.kind, language), Labels.owner(r.owner, language)]
            if withRules { row.append(r.because.joined(separator: ", ")) }
            return row
        })
    }

    mutating func details(_ plan: Plan) {
        line("## \(t(.details))")
        line()
        line("### \(t(.baseline))")
        line()
        for block in plan.baseline {
            line("**\(block.title)**\(colon)" + block.facts.map { "\($0.label) \($0.display)" }.joined(separator: language == .zh ? "；" : "; "))
            line()
        }
        if !plan.snapshot.isEmpty {
            line("**\(t(.derived))**\(colon)" + plan.snapshot.map { "\($0.label) \($0.display)" }.joined(separator: language == .zh ? "；" : "; "))
            line()
        }
        line("### \(t(.findingsByPlaybook))")
        line()
        for section in plan.playbooks {
            line("#### \(section.title)\(Labels.role(section.role, language))")
            line()
            if section.findings.isEmpty { line(t(.noFindings)); line() }
            for code in section.findings {
                guard let f = plan.finding(code) else { continue }
                line("- **[\(Labels.severity(f.severity, language))] \(f.code) \(f.title)** — \(f.text)")
                if !f.evidence.isEmpty { line("  - \(t(.evidence))\(colon)\(evidenceText(f))") }
                line("  - \(t(.sources))\(colon)\(f.sources.map(\.ref).joined(separator: ", "))")
            }
            if !section.findings.isEmpty { line() }
        }
        line("### \(t(.actionPlan))")
        line()
        for bucket in Bucket.allCases {
            let items = plan.bodyActions.compactMap(plan.action).filter { $0.bucket == bucket }
            guard !items.isEmpty else { continue }
            line("#### \(Labels.bucket(bucket, language))")
            line()
            for a in items { line("\(a.rank). " + actionLine(a)) }
            line()
        }
        line("### \(t(.kpiTable))")
        line()
        kpiTable(plan.kpis, withRules: true)
        line("### \(t(.gaps))")
        line()
        line("**\(t(.unknownFacts))**")
        line()
        if plan.unknowns.isEmpty { line(t(.none)) }
        for u in plan.unknowns { line("- `\(u.fact)` \(u.question) — \(t(.wouldCheck))\(colon)\(u.wouldCheck.joined(separator: ", "))") }
        line()
        line("**\(t(.assumptions))**")
        line()
        if plan.assumptions.isEmpty { line(t(.none)) }
        for a in plan.assumptions { line("- \(a.code)\(colon)\(a.note)") }
        line()
        let rest = plan.actions.filter { !plan.bodyActions.contains($0.rank) }
        if !rest.isEmpty {
            line("### \(t(.appendixActions))")
            line()
            for a in rest { line("\(a.rank). [\(Labels.bucket(a.bucket, language))] " + actionLine(a)) }
            line()
        }
        line("### \(t(.appendixTrace))")
        line()
        table([t(.code), t(.condition), t(.evidence)], plan.findings.map { f in
            [f.code, "`\(f.condition)`", f.evidence.map { "\($0.fact) = \(ValueFormatter.format($0.value, as: nil, .en))" }.joined(separator: ", ")]
        })
        line("\(t(.versions))\(colon)" + plan.versions.map { "\($0.playbook) v\($0.version)" }.joined(separator: ", ") + " · consult \(plan.consultVersion)")
    }
}
