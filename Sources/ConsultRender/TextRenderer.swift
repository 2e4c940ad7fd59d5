import ConsultBase
import Foundation
import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The plan for a terminal: the one-page summary, then findings, actions and KPIs, aligned for
/// double-width Chinese characters. Colour (ANSI) only when asked for.
public struct TextRenderer {
    public var color: Bool
    /// The terminal's width when shown on one: tables narrow their first column to fit it
    /// (wrapping its labels) rather than be broken mid-row. nil: laid out for no width (a file).
    public var width: Int?

    public init(color: Bool = false, width: Int? = nil) {
        self.color = color
        self.width = width
    }

    public func render(_ plan: Plan) -> String {
        let l = plan.language
        func t(_ k: Labels.Key) -> String { Labels.text(k, l) }
        let colon = l == .zh ? "：" : ": "
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func heading(_ s: String) { line(bold(s)); line(underline(s)) }

        line(bold("\(t(.planTitle))\(colon)\(plan.merchant.name.isEmpty ? "—" : plan.merchant.name)"))
        line((plan.header.map { "\($0.label) \($0.display)" } + ["\(t(.completeness)) \(plan.completeness.known)/\(plan.completeness.total)"])
            .joined(separator: " · "))
        let consultant = plan.edition == .consultant
        func tag(_ c: String) -> String { consultant ? " (\(c))" : "" }
        line()
        line(bold("\(t(.diagnosis))\(colon)") + Labels.diagnosisLine(plan))
        line()
        if let since = plan.sinceLastVisit {
            for l in sinceLastVisit(since, l) { line(l) }
            line()
        }
        if !plan.fixFirst.isEmpty {
            let titles = plan.fixFirst.compactMap { plan.finding($0).map { $0.title + tag($0.code) } }
            line(paint("⚠ \(t(.fixFirst))\(colon)" + titles.joined(separator: l == .zh ? "；" : "; "), "31;1"))
            line()
        }
        heading(t(.whereYouStand))
        let labelWidth = plan.position.map { DisplayWidth.of($0.label) }.max() ?? 0
        for p in plan.position { line("  \(DisplayWidth.pad(p.label, to: labelWidth)) \(p.display)") }
        line()
        heading(t(.topFindings))
        for (i, code) in plan.topFindings.enumerated() {
            guard let f = plan.finding(code) else { continue }
            line("\(i + 1). \(severity(f.severity, l)) \(f.title)\(tag(f.code))")
            let symptoms = f.symptoms.compactMap { plan.finding($0)?.title }
            if !symptoms.isEmpty { line("   \(t(.leadsTo))\(colon)" + symptoms.joined(separator: l == .zh ? "；" : "; ")) }
            line("   \(t(.evidence))\(colon)" + PlanFormatter(language: l).evidence(f))
        }
        if plan.topFindings.isEmpty { line(t(.none)) }
        line()
        heading(t(.thisWeek))
        for rank in plan.thisWeek {
            guard let a = plan.action(rank: rank) else { continue }
            line("□ [\(Labels.owner(a.owner, l))] \(a.text)")
            line("    \(t(.kpi))\(colon)\(a.kpi)")
        }
        if plan.thisWeek.isEmpty { line(t(.none)) }
        line()
        heading(t(.kpiTable))
        let header = [t(.metric), t(.baselineCol), t(.day30), t(.day60), t(.day90)]
        let rows = plan.kpis.map { r in
            [r.label, ValueFormatter.format(r.baseline, as: r.kind.map { FactDeclaration(id: "", kind: $0) }, l),
             Labels.target(r.d30, kind: r.kind, l), Labels.target(r.d60, kind: r.kind, l), Labels.target(r.d90, kind: r.kind, l)]
        }
        table([header] + rows, line)
        line()
        if let funnel = plan.funnel {
            let f = PlanFormatter(language: l)
            heading(t(.funnel))
            line("  \(t(.decomposition))\(colon)\(f.decomposition(funnel))")
            if let r = f.reconciliation(funnel) { line("  \(t(.reportedGMV))\(colon)\(r)") }
            if let s = f.funnelSteps(funnel) { line("  \(t(.funnelSteps))\(colon)\(s)") }
            line()
        }
        if !plan.references.isEmpty {
            heading(t(.references))
            let header = [t(.metric), t(.yours), t(.peerMedian), t(.peerTop), t(.standing)]
            let rows = plan.references.map { [$0.label, $0.value.display, $0.median, $0.top, Labels.standing($0.standing, l)] }
            table([header] + rows, line)
            if plan.references.contains(where: \.assumed) { line(t(.assumedMark).trimmingCharacters(in: .whitespaces)) }
            line()
        }
        heading(t(.findingsByPlaybook) + " · " + t(.problems))
        var shown = 0, more: [String] = []
        // The merchant edition shows the working model once, in its own section of the documents.
        for role in consultant ? [PlaybookRole.problems, .context, .workingModel] : [.problems, .context] {
            let groups = plan.problems.filter { plan.finding($0.root)?.role == role }
            guard !groups.isEmpty else { continue }
            if role != .problems { line(bold(Labels.role(role, l).trimmingCharacters(in: CharacterSet(charactersIn: " （）()")))) }
            for (i, p) in groups.enumerated() {
                guard let f = plan.finding(p.root) else { continue }
                shown += 1
                if !consultant && shown > TemplateModel.merchantProblemCards {
                    more.append("\(severity(f.severity, l)) \(f.title)" + (role == .problems ? "" : Labels.role(role, l)))
                    continue
                }
                line("\(i + 1). \(severity(f.severity, l)) \(f.title)\(tag(f.code))\(consultant ? " · \(t(.score)) \(f.priority)" : "")")
                line("   \(f.text)")
                for s in p.members.dropFirst().compactMap(plan.finding) {
                    line("   ↳ \(severity(s.severity, l)) \(s.title)\(tag(s.code))")
                    line("     \(s.text)")
                }
            }
        }
        if !more.isEmpty {
            line(bold(t(.moreFindings)))
            for m in more { line("  · \(m)") }
        }
        if consultant && !plan.setAside.isEmpty {
            line(t(.setAside) + colon + plan.setAside.map { "\($0.code) ← \($0.by)" }.joined(separator: ", "))
        }
        line()
        heading(t(.actionPlan))
        for bucket in Bucket.allCases {
            let items = plan.actions.filter { $0.bucket == bucket }
            guard !items.isEmpty else { continue }
            line(bold(Labels.bucket(bucket, l)))
            for a in items {
                let note = a.deferred ? " " + t(.deferredNote) : ""
                let rules = consultant ? " (\(a.because.joined(separator: ", ")))" : ""
                line("  □ [\(Labels.owner(a.owner, l))] \(a.text)\(note)\(rules)")
            }
        }
        if !plan.unknowns.isEmpty {
            line()
            heading(t(.unknownFacts))
            for u in plan.unknowns {
                let find = u.find.map { " · \(t(.whereToFind))\(colon)\($0)" } ?? ""
                let what = consultant ? u.wouldCheck.joined(separator: ", ") : Labels.decides(u.wouldCheck.count, l)
                line("  \(u.label) → \(what)\(find)")
            }
            if let more = Labels.moreGaps(plan.moreUnknowns, l) { line("  \(more)") }
            if consultant && !plan.assumptions.isEmpty {
                line()
                heading(t(.assumptions))
                for a in plan.assumptions { line("  \(a.code) \(a.note)") }
            }
        }
        line()
        line("\(t(.nextReview))\(colon)\(plan.reviewDate ?? t(.reviewInDays))")
        return TerminalText.safe(out)  // names and cells cannot steer the terminal
    }

    /// A follow-up visit's opening section (also what the shell's `.followup` shows).
    public func sinceLastVisit(_ since: SinceLastVisit, _ l: Language) -> [String] {
        func t(_ k: Labels.Key) -> String { Labels.text(k, l) }
        let colon = l == .zh ? "：" : ": "
        let title = t(.sinceLastVisit)
        var out = [bold(title), underline(title), Labels.sinceLastVisitLead(since, l)]
        for (key, titles) in [(Labels.Key.resolvedFindings, since.resolved), (.persistingFindings, since.persisting), (.newFindings, since.new)]
        where !titles.isEmpty {
            out.append("  \(t(key))\(colon)" + Labels.titleList(titles, l))
        }
        if !since.kpis.isEmpty {
            let rows = since.kpis.prefix(SinceLastVisitView.kpiRows).map { [$0.label, $0.before, $0.now, $0.target, Labels.targetState($0.met, l)] }
            table([[t(.metric), t(.lastVisitCol), t(.nowCol), t(.dueTarget), t(.standing)]] + rows) { out.append("  " + $0) }
        }
        return out
    }

    func table(_ rows: [[String]], _ line: (String) -> Void) {
        var widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        if let width, total > width, !widths.isEmpty {
            widths[0] = max(8, widths[0] - (total - width))
        }
        for row in rows {
            // A label longer than its column goes on over the next lines, the numbers on the first.
            let label = row.first.map { DisplayWidth.of($0) > widths[0] ? Wrap.lines($0, width: widths[0]) : [$0] } ?? [""]
            for (i, part) in label.enumerated() {
                let cells = [part] + (i == 0 ? Array(row.dropFirst()) : row.dropFirst().map { _ in "" })
                line(cells.enumerated().map { DisplayWidth.pad($1, to: widths[$0]) }.joined(separator: "  ").trimmingTrailingSpaces)
            }
        }
    }

    func bold(_ s: String) -> String { paint(s, "1") }

    /// The rule under a section heading: as wide as the heading, within 8–78 columns.
    func underline(_ s: String) -> String { String(repeating: "─", count: min(78, max(8, DisplayWidth.of(s)))) }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func severity(_ s: Severity, _ l: Language) -> String {
        let label = "[\(Labels.severity(s, l))]"
        switch s {
        case .critical: return paint(label, "31;1")
        case .high: return paint(label, "33;1")
        case .medium: return paint(label, "36")
        case .low: return paint(label, "2")
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
