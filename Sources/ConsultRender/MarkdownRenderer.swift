import ConsultBase
import ConsultDiagnostics
import Foundation
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The plan as GitHub-flavoured Markdown, in the structure of domain-brief §4.2. It reads the
/// same `TemplateModel` as the HTML document, so the two say the same things in the same words.
public enum MarkdownRenderer {
    public static func render(_ plan: Plan) -> String {
        var md = MarkdownWriter(model: TemplateModel(plan))
        md.summary()
        md.details()
        md.appendix()
        return md.out
    }
}

struct MarkdownWriter {
    let model: TemplateModel
    var out = ""

    func t(_ key: Labels.Key) -> String { model.labels[key.rawValue] ?? key.rawValue }
    var colon: String { model.colon }

    mutating func line(_ s: String = "") { out += s + "\n" }

    mutating func heading(_ level: Int, _ s: String) {
        line(String(repeating: "#", count: level) + " " + s)
        line()
    }

    /// A GFM table; cells are escaped, so a `|` in a merchant's answer cannot break a row.
    mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
        line("| " + header.joined(separator: " | ") + " |")
        line("|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined())
        for row in rows { line("| " + row.map { Markdown.escape($0).replacing("|", with: "\\|") }.joined(separator: " | ") + " |") }
        line()
    }

    mutating func paragraph(_ s: String) {
        line(s)
        line()
    }

    /// A rule code in brackets, in the consultant edition only: merchants read titles, not codes.
    func tag(_ code: String) -> String { model.consultantEdition ? " (\(code))" : "" }

    /// A follow-up visit's opening: what moved since the last one.
    mutating func sinceLastVisit(_ since: SinceLastVisitView) {
        heading(3, t(.sinceLastVisit))
        paragraph(Markdown.escape(since.lead))
        let moved = [(t(.resolvedFindings), since.resolved), (t(.persistingFindings), since.persisting), (t(.newFindings), since.new)]
        for (label, titles) in moved { if let titles { line("- **\(label)**\(colon)\(Markdown.escape(titles))") } }
        line()
        if since.hasKPIs {
            table([t(.metric), t(.lastVisitCol), t(.nowCol), t(.dueTarget), t(.standing)],
                  since.kpis.map { [$0.label, $0.before, $0.now, $0.target, $0.state] }, numeric: [1, 2, 3])
        }
    }

    mutating func summary() {
        heading(1, "\(model.title)\(colon)\(Markdown.escape(model.merchant))")
        paragraph(model.meta.map { "\($0.label)\(colon)**\(Markdown.escape($0.value))**" }.joined(separator: " · "))
        heading(2, t(.summary))
        paragraph("**\(t(.diagnosis))**\(colon)\(Markdown.escape(model.diagnosis))")
        if let since = model.sinceLastVisit { sinceLastVisit(since) }
        if model.hasFixFirst {
            line("> **⚠ \(t(.fixFirst))**\(colon)\(t(.fixFirstLead))")
            line(">")
            for f in model.fixFirst { line("> - \(Markdown.escape(f.title))\(tag(f.code))") }
            line()
        }
        heading(3, t(.whereYouStand))
        table([t(.item), t(.value)], model.position.map { [$0.label, $0.value] })
        heading(3, t(.topFindings))
        if !model.hasTopFindings { paragraph(t(.none)) }
        for f in model.topFindings {
            line("\(f.number). **\(Markdown.escape(f.title))** `\(f.severityLabel)`\(tag(f.code))\(estimateNote(f))")
            if let leadsTo = f.leadsTo { line("   \(t(.leadsTo))\(colon)\(Markdown.escape(leadsTo))") }
            if f.hasEvidence { line("   \(t(.evidence))\(colon)\(Markdown.escape(f.evidenceText))") }
        }
        if model.hasTopFindings { line() }
        heading(3, t(.thisWeek))
        if !model.hasThisWeek { paragraph(t(.none)) }
        for a in model.thisWeek {
            line("- [ ] **\(a.owner)** — \(Markdown.escape(a.text))\(deferred(a)) — \(t(.kpi))\(colon)\(Markdown.escape(a.kpi))")
        }
        if model.hasThisWeek { line() }
        heading(3, t(.targets90))
        kpiTable(model.headlineKPIs, full: false)
        heading(3, t(.workingTogether))
        line("**\(t(.providerCommits))**")
        line()
        for f in model.workingModel { line("- \(Markdown.escape(f.title))\(tag(f.code))") }
        if !model.hasWorkingModel { line("- \(t(.none))") }
        line()
        paragraph("**\(t(.merchantCommitsTitle))**\(colon)\(t(.merchantCommits))")
        paragraph("**\(t(.nextReview))**\(colon)\(model.reviewDate)")
    }

    func deferred(_ a: ActionView) -> String { a.deferredNote.map { " *\($0)*" } ?? "" }

    func estimateNote(_ f: FindingView) -> String { f.restsOnEstimates ? " *△ \(t(.restsOnEstimates))*" : "" }

    /// A fact's value with its provenance tag, as a table cell shows it.
    func value(_ field: Field) -> String {
        field.provenanceLabel.map { "\(field.value) (\($0))" } ?? field.value
    }

    mutating func kpiTable(_ rows: [KPIView], full: Bool) {
        if rows.isEmpty { paragraph(t(.none)); return }
        var header = [t(.metric), t(.baselineCol), t(.day30), t(.day60), t(.day90)]
        if full { header += model.consultantEdition ? [t(.owner), t(.rules)] : [t(.owner)] }
        table(header, rows.map { r in
            var row = [r.label, r.baseline, r.d30, r.d60, r.d90]
            if full { row += model.consultantEdition ? [r.owner, r.because] : [r.owner] }
            return row
        }, numeric: [1, 2, 3, 4])
    }

    mutating func actionTable(_ actions: [ActionView], withBucket: Bool) {
        var header = ["#", t(.owner), t(.action), t(.kpi)] + (model.consultantEdition ? [t(.rules)] : [])
        if withBucket { header.insert(t(.bucket), at: 1) }
        table(header, actions.map { a in
            var row = ["\(a.rank)", a.owner, a.text + (a.deferredNote.map { " " + $0 } ?? ""), a.kpi] + (model.consultantEdition ? [a.because] : [])
            if withBucket { row.insert(a.bucket, at: 1) }
            return row
        })
    }
}

extension MarkdownWriter {
    mutating func details() {
        heading(2, t(.details))
        var section = 0
        func numbered(_ key: Labels.Key) -> String { section += 1; return "\(section). \(t(key))" }
        heading(3, numbered(.baseline))
        if !model.consultantEdition && model.hasSnapshot {
            line("**\(t(.keyFigures))**")
            line()
            table([t(.metric), t(.value)], model.snapshot.map { [$0.label, value($0)] })
        }
        for block in model.baseline where model.consultantEdition {
            line("**\(block.title)**")
            line()
            table([t(.item), t(.value)], block.facts.map { [$0.label, value($0)] })
        }
        if model.hasDerived && model.consultantEdition {
            line("**\(t(.derived))**")
            line()
            table([t(.metric), t(.value)], model.derived.map { [$0.label, value($0)] })
        }
        heading(3, numbered(.findingsByPlaybook))
        paragraph("*\(t(.severityLegend))*")
        paragraph("*\(t(.problems))*")
        if let funnel = model.funnel {
            heading(4, t(.funnel))
            line("- **\(t(.decomposition))**\(colon)\(Markdown.escape(funnel.decomposition))")
            if let r = funnel.reconciliation { line("- **\(t(.reportedGMV))**\(colon)\(Markdown.escape(r))") }
            if let s = funnel.steps { line("- **\(t(.funnelSteps))**\(colon)\(Markdown.escape(s))") }
            line()
        }
        if model.hasReferences {
            heading(4, t(.references) + (model.referencesAssumed ? t(.assumedMark) : ""))
            table([t(.metric), t(.yours), t(.peerMedian), t(.peerTop), t(.standing)],
                  model.references.map { [$0.label, $0.value, $0.median, $0.top, $0.standing] })
        }
        var role = ""
        for p in model.problems {
            if p.roleLabel != role {
                role = p.roleLabel
                if !role.isEmpty { heading(4, role.trimmingCharacters(in: CharacterSet(charactersIn: " （）()"))) }
            }
            let f = p.cause
            line("\(p.number). **\(Markdown.escape(f.title))**\(tag(f.code)) `\(f.severityLabel)`\(estimateNote(f)) — \(Markdown.escape(f.text))")
            if f.hasEvidence { line("   - \(t(.evidence))\(colon)\(Markdown.escape(f.evidenceText))") }
            for s in p.symptoms {
                line("   - \(t(.leadsTo))\(colon)**\(Markdown.escape(s.title))**\(tag(s.code)) `\(s.severityLabel)` — \(Markdown.escape(s.text))")
            }
            if model.consultantEdition {
                line("   - \(t(.sources))\(colon)\(Markdown.escape(f.sourcesText)) · \(t(.score)) \(f.priority)")
            }
        }
        line()
        if model.hasMoreProblems {
            line("**\(t(.moreFindings))**")
            line()
            for p in model.moreProblems { line("- `\(p.cause.severityLabel)` \(Markdown.escape(p.cause.title))\(p.roleLabel)") }
            line()
        }
        heading(3, numbered(.actionPlan))
        if !model.hasActions { paragraph(t(.none)) }
        for bucket in model.buckets {
            heading(4, bucket.label)
            actionTable(bucket.actions, withBucket: false)
        }
        heading(3, numbered(.kpiTable))
        kpiTable(model.kpis, full: true)
        heading(3, numbered(.workingTogether))
        line("**\(t(.providerCommits))**")
        line()
        for f in model.workingModel { line("- **\(Markdown.escape(f.title))**\(tag(f.code)) — \(Markdown.escape(f.text))") }
        if !model.hasWorkingModel { line("- \(t(.none))") }
        line()
        paragraph("**\(t(.merchantCommitsTitle))**\(colon)\(t(.merchantCommits))")
        paragraph("**\(t(.nextReview))**\(colon)\(model.reviewDate)")
        heading(3, numbered(.gaps))
        line("**\(t(.unknownFacts))**")
        line()
        if model.hasUnknowns {
            table([t(.toConfirm), t(.wouldCheck), t(.whereToFind)], model.unknowns.map {
                [model.consultantEdition ? "\($0.question) (\($0.fact))" : $0.label, $0.wouldCheck, $0.find ?? "—"]
            })
            if let more = model.moreGaps { paragraph(more) }
        } else {
            paragraph(t(.none))
        }
        guard model.consultantEdition else { return }
        line("**\(t(.assumptions))**")
        line()
        for a in model.assumptions { line("- \(a.code)\(colon)" + Markdown.escape(a.note)) }
        if !model.hasAssumptions { line(t(.none)) }
        line()
    }

    mutating func appendix() {
        if model.hasAppendixActions {
            heading(3, t(.appendixActions))
            actionTable(model.appendixActions, withBucket: true)
        }
        if model.consultantEdition {
            heading(3, t(.appendixTrace))
            table([t(.code), t(.condition), t(.evidence)], model.trace.map { [$0.code, $0.condition, $0.values] })
            line("**\(t(.sources))**")
            line()
            table([t(.sources), t(.sourceRules)], model.sources.map { s in [[s.hasTitle ? s.title : nil, s.showRef ? s.ref : nil].compactMap { $0 }.joined(separator: " · "), s.codes] })
        }
        if model.consultantEdition {
            paragraph("\(t(.versions))\(colon)" + model.versions.map { "\($0.playbook) v\($0.version)" }.joined(separator: ", ")
                + " · consult \(model.consultVersion)")
        }
        line("---")
        line()
        line("*\(t(.generatedBy)) · \(t(.confidential))*")
    }
}

/// Escaping for text placed in Markdown: backslash-escapes the characters that would start
/// emphasis, code or links, and a `<` that could open raw HTML or an autolink (`<script`, `</`,
/// `<!`, `<?`), so answers such as `<script>` or `*` stay literal text while `<= 4.6` stays readable.
public enum Markdown {
    static let special: Set<Character> = ["\\", "`", "*", "[", "]"]

    /// Text as Markdown shows it literally: no emphasis, links, code or HTML from a merchant's
    /// name; controls shown visibly.
    public static func escape(_ text: String) -> String {
        var out = ""
        // Control characters (terminal escapes in a merchant name) are shown, never passed on.
        var characters = TerminalText.safe(text, keepColour: false).makeIterator()
        var next = characters.next()
        while let c = next {
            next = characters.next()
            if c == "\n" { out += " "; continue }
            let opensTag = c == "<" && next.map { $0.isLetter || "/!?".contains($0) } ?? false
            if special.contains(c) || opensTag { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A table cell: escaped, and a `|` cannot end the cell.
    public static func cell(_ text: String) -> String {
        escape(text).replacing("|", with: "\\|")
    }
}
