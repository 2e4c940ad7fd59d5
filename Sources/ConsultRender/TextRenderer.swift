import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The plan for a terminal: the one-page summary, then findings, actions and KPIs, aligned for
/// double-width Chinese characters. Colour (ANSI) only when asked for.
public struct TextRenderer {
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func render(_ plan: Plan) -> String {
        let l = plan.language
        func t(_ k: Labels.Key) -> String { Labels.text(k, l) }
        let colon = l == .zh ? "：" : ": "
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func heading(_ s: String) { line(bold(s)); line(String(repeating: "─", count: min(78, max(8, DisplayWidth.of(s))))) }

        line(bold("\(t(.planTitle))\(colon)\(plan.merchant.name.isEmpty ? "—" : plan.merchant.name)"))
        line((plan.header.map { "\($0.label) \($0.display)" } + ["\(t(.completeness)) \(plan.completeness.known)/\(plan.completeness.total)"])
            .joined(separator: " · "))
        line()
        if !plan.fixFirst.isEmpty {
            line(paint("⚠ \(t(.fixFirst))\(colon)" + plan.fixFirst.joined(separator: ", "), "31;1"))
            line()
        }
        heading(t(.whereYouStand))
        let labelWidth = plan.position.map { DisplayWidth.of($0.label) }.max() ?? 0
        for p in plan.position { line("  \(DisplayWidth.pad(p.label, to: labelWidth)) \(p.display)") }
        line()
        heading(t(.topFindings))
        for (i, code) in plan.topFindings.enumerated() {
            guard let f = plan.finding(code) else { continue }
            line("\(i + 1). \(severity(f.severity, l)) \(f.title) (\(f.code))")
            line("   " + f.evidence.map { "\($0.label) \($0.display)" }.joined(separator: l == .zh ? "，" : ", "))
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
        let widths = (0..<header.count).map { c in ([header] + rows).map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        for row in [header] + rows {
            line(row.enumerated().map { DisplayWidth.pad($1, to: widths[$0]) }.joined(separator: "  ").trimmingTrailingSpaces)
        }
        line()
        heading(t(.findingsByPlaybook))
        for section in plan.playbooks where !section.findings.isEmpty {
            line(bold(section.title + Labels.role(section.role, l)))
            for code in section.findings {
                guard let f = plan.finding(code) else { continue }
                line("  \(severity(f.severity, l)) \(f.code) \(f.title)")
                line("     \(f.text)")
            }
        }
        line()
        heading(t(.actionPlan))
        for bucket in Bucket.allCases {
            let items = plan.actions.filter { $0.bucket == bucket }
            guard !items.isEmpty else { continue }
            line(bold(Labels.bucket(bucket, l)))
            for a in items {
                let note = a.deferred ? " " + t(.deferredNote) : ""
                line("  \(a.rank). [\(Labels.owner(a.owner, l))] \(a.text)\(note) (\(a.because.joined(separator: ", ")))")
            }
        }
        if !plan.unknowns.isEmpty {
            line()
            heading(t(.unknownFacts))
            for u in plan.unknowns { line("  \(u.fact) → \(u.wouldCheck.joined(separator: ", "))") }
        }
        line()
        line("\(t(.nextReview))\(colon)\(plan.reviewDate ?? t(.reviewInDays))")
        return out
    }

    func bold(_ s: String) -> String { paint(s, "1") }

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
