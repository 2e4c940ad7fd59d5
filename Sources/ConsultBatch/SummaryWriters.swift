import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender

/// The summary as Markdown (for people) and JSON (`consult.portfolio/1`, for programs).
/// Deterministic: same inputs, same bytes; no timestamps.
enum SummaryWriter {
    static let schema = "consult.portfolio/1"

    /// One part of the summary document; Markdown and HTML draw the same parts in the same order.
    enum Block {
        case title(String)
        case bullets([String])
        case note(String)
        case section(String)
        case paragraph(String)
        /// A cell with `href` is a link the summary makes itself (to a plan file).
        case table(header: [String], rows: [[Cell]])
        /// The triage list drawn (HTML only): GMV across, priority up.
        case scatter
    }

    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var href: String?
        init(_ text: String, href: String? = nil) { self.text = text; self.href = href }
        init(stringLiteral text: String) { self.init(text) }
    }

    /// The summary's content, for both `markdown` and `html`.
    static func blocks(_ s: PortfolioSummary) -> [Block] {
        let l = s.language
        func t(_ k: SummaryWords.Key) -> String { SummaryWords.text(k, l) }
        func cells(_ rows: [[String]]) -> [[Cell]] { rows.map { $0.map { Cell($0) } } }
        let colon = l == .zh ? "：" : ": "
        var out: [Block] = [.title(t(.title)), .bullets(["\(t(.merchants))\(colon)\(s.merchants)", "\(t(.planned))\(colon)\(s.planned)",
                                                       "\(t(.failed))\(colon)\(s.failed)"])]
        if s.stopped { out.append(.note(t(.stopped))) }
        out.append(.scatter)
        out.append(.section(t(.bySeverity)))
        out.append(.table(header: [t(.severity), t(.count), t(.share), t(.gmv)], rows: cells(PortfolioSummary.severityOrder.map { sev in
            let n = s.bySeverity[sev] ?? 0
            return [SummaryWords.severity(sev, l), "\(n)", percent(n, s.planned), money(s.gmvBySeverity[sev] ?? .zero, l)]
        })))
        func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        let breakdownHeader = [t(.count), capitalized(Labels.severity(.critical, l)), capitalized(Labels.severity(.high, l)),
                               t(.gmv), t(.gmvAtRisk), t(.commonTopProblem)]
        func breakdownRow(_ b: PortfolioSummary.Breakdown) -> [String] {
            ["\(b.merchants)", "\(b.critical)", "\(b.high)", money(b.gmv, l), money(b.gmvAtRisk, l),
             b.commonestTopProblem.map { l == .zh ? "\($0.code) \(s.title(of: $0.code))（\($0.count)家）" : "\($0.code) \(s.title(of: $0.code)) (\($0.count))" } ?? ""]
        }
        if !s.consultantTable.isEmpty {
            out.append(.section(t(.byConsultant)))
            out.append(.table(header: [t(.consultant)] + breakdownHeader, rows: cells(s.consultantTable.map { [$0.name] + breakdownRow($0.breakdown) })))
        }
        for table in s.headerTables {
            out.append(.section(table.label))
            out.append(.table(header: [table.label] + breakdownHeader, rows: cells(table.rows.map { [$0.display] + breakdownRow($0.breakdown) })))
        }
        for table in s.positionTables {
            out.append(.section(table.label))
            out.append(.table(header: [table.label, t(.count), t(.share)], rows: cells(table.rows.map { [$0.display, "\($0.count)", percent($0.count, s.planned)] })))
        }
        out.append(.section(t(.topFindings)))
        let top = s.problemCounts.filter { $0.count > 0 }.prefix(10)
        if top.isEmpty { out.append(.paragraph(t(.noFindings))) } else {
            out.append(.table(header: [t(.code), t(.findingTitle), t(.severity), t(.fires), t(.share)], rows: cells(top.map { r in
                [r.rule.code, s.program.generalText(r.rule.title, l), Labels.severity(r.rule.severity, l), "\(r.count)", percent(r.count, s.planned)]
            })))
        }
        out.append(.section(t(.triage)))
        out.append(.paragraph(t(.triageNote)))
        out.append(.table(header: [t(.rank), t(.merchant), t(.consultant), t(.gmv), t(.severity), t(.findings), t(.topProblem), t(.firstAction), t(.plan)],
                          rows: s.triage.enumerated().map { i, m in
                              [Cell(String(i + 1)), Cell(displayName(m)), Cell(m.consultant), Cell(m.gmvDisplay), Cell(SummaryWords.severity(m.severity, l)),
                               Cell("\(m.problems.count)"), Cell(m.topProblem.map { "\($0.code) \($0.title)" } ?? ""),
                               Cell(m.firstAction.map { "\(Labels.owner($0.owner, l))\(colon)\($0.text)" } ?? ""),
                               m.planFile.map { Cell(t(.plan), href: $0) } ?? Cell("")]
                          }))
        out.append(.section(t(.ruleCounts)))
        out.append(.table(header: [t(.code), t(.findingTitle), t(.fires)], rows: cells(s.ruleCounts.map { r in
            [r.rule.code, s.program.generalText(r.rule.title, l), "\(r.count)"]
        })))
        if s.errorCount > 0 {
            out.append(.section(t(.errors)))
            out.append(.bullets(s.errors.map { e in MarkdownTable.cell(e.message(l)) }
                + (s.errorCount > s.errors.count ? ["… \(s.errorCount - s.errors.count) \(t(.moreErrors))"] : [])))
        }
        return out
    }

    static func markdown(_ s: PortfolioSummary) -> String {
        var md = MarkdownTable()
        for block in blocks(s) {
            switch block {
            case .title(let text): md.line("# \(text)"); md.line()
            case .bullets(let items): for item in items { md.line("- " + item) }; md.line()
            case .note(let text): md.line("> \(text)"); md.line()
            case .section(let text): md.line("## \(text)"); md.line()
            case .paragraph(let text): md.line(text); md.line()
            case .table(let header, let rows):
                let links = Set(rows.flatMap { $0.enumerated().filter { $0.element.href != nil }.map(\.offset) })
                md.table(header, rows.map { $0.map { cell in cell.href.map { "[\(cell.text)](\($0))" } ?? cell.text } }, links: links)
            case .scatter: break
            }
        }
        return md.out
    }

    static func displayName(_ m: MerchantOutcome) -> String {
        m.name.isEmpty ? "\(lastPathComponent(m.source)):\(m.row)" : m.name
    }

    /// "1500万元" in Chinese, "15,000,000 CNY" in English; an empty sum reads 0.
    static func money(_ n: Number, _ l: Language) -> String { ValueFormatter.money(n, l) }

    static func percent(_ n: Int, _ total: Int) -> String {
        guard total > 0 else { return "—" }
        let tenths = (n * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func json(_ s: PortfolioSummary) -> String {
        let l = s.language
        var severity: [String: JSONValue] = [:], gmvBySeverity: [String: JSONValue] = [:]
        for sev in PortfolioSummary.severityOrder {
            severity[sev?.rawValue ?? "none"] = .int(s.bySeverity[sev] ?? 0)
            gmvBySeverity[sev?.rawValue ?? "none"] = .number(s.gmvBySeverity[sev] ?? .zero)
        }
        func breakdown(_ b: PortfolioSummary.Breakdown) -> JSONValue {
            .object(["merchants": .int(b.merchants), "critical": .int(b.critical), "high": .int(b.high),
                     "gmv": .number(b.gmv), "gmv_at_risk": .number(b.gmvAtRisk),
                     "top_problem": b.commonestTopProblem.map { .object(["code": .string($0.code), "merchants": .int($0.count)]) } ?? .null])
        }
        let byConsultant = JSONValue.object(Dictionary(s.consultantTable.map { ($0.name, breakdown($0.breakdown)) }, uniquingKeysWith: { a, _ in a }))
        let byHeader = JSONValue.object(Dictionary(s.headerTables.map { table in
            (table.fact, JSONValue.object(Dictionary(table.rows.map { ($0.value, breakdown($0.breakdown)) }, uniquingKeysWith: { a, _ in a })))
        }, uniquingKeysWith: { a, _ in a }))
        var position: [String: JSONValue] = [:]
        for table in s.positionTables {
            position[table.fact] = .object(Dictionary(table.rows.map { ($0.value, JSONValue.int($0.count)) }, uniquingKeysWith: { a, _ in a }))
        }
        let rules: [JSONValue] = s.ruleCounts.map { r in
            .object(["code": .string(r.rule.code), "rule": .string(r.rule.qualifiedId), "title": .string(s.program.generalText(r.rule.title, l)),
                     "role": .string(s.program.playbook(r.rule.playbook)?.role.rawValue ?? PlaybookRole.problems.rawValue),
                     "severity": .string(r.rule.severity.rawValue), "merchants": .int(r.count)])
        }
        let triage: [JSONValue] = s.triage.enumerated().map { i, m in
            var o: [String: JSONValue] = [
                "rank": .int(i + 1), "seq": .int(m.seq), "merchant": .string(m.name), "source": .string(m.source),
                "row": .int(m.row), "severity": m.severity.map { .string($0.rawValue) } ?? .null,
                "priority": .int(m.topPriority), "findings": .int(m.problems.count),
                "consultant": m.consultant.isEmpty ? .null : .string(m.consultant), "gmv": m.gmv.map(JSONValue.number) ?? .null,
                "critical": .int(m.count(.critical)), "high": .int(m.count(.high)),
                "plan": m.planFile.map(JSONValue.string) ?? .null,
            ]
            o["top_problem"] = m.topProblem.map { .object(["code": .string($0.code), "title": .string($0.title)]) } ?? .null
            o["first_action"] = m.firstAction.map { .object(["owner": .string($0.owner.rawValue), "text": .string($0.text)]) } ?? .null
            return .object(o)
        }
        let errors: [JSONValue] = s.errors.map { e in
            .object(["source": .string(e.source), "row": .int(e.row), "column": e.column.map(JSONValue.string) ?? .null,
                     "fact": e.fact.map(JSONValue.string) ?? .null, "value": e.value.map(JSONValue.string) ?? .null,
                     "problem": .string(e.problem), "accepted": e.accepted.map(JSONValue.string) ?? .null,
                     "message": .string(e.message(l))])
        }
        let document: JSONValue = .object([
            "schema": .string(schema), "lang": .string(l.rawValue),
            "inputs": .array(s.inputs.map(JSONValue.string)),
            "counts": .object(["merchants": .int(s.merchants), "planned": .int(s.planned), "failed": .int(s.failed),
                               "errors": .int(s.errorCount)]),
            "stopped": .bool(s.stopped),
            "by_severity": .object(severity),
            "gmv_by_severity": .object(gmvBySeverity),
            "by_consultant": byConsultant,
            "by_header": byHeader,
            "by_position": .object(position),
            "rules": .array(rules),
            "triage": .array(triage),
            "errors": .array(errors),
        ])
        return document.serialized()
    }
}

/// A tiny Markdown builder with escaped table cells.
struct MarkdownTable {
    var out = ""

    mutating func line(_ s: String = "") { out += s + "\n" }

    /// `links`: columns of links the summary makes itself (to plan files), written as they are.
    mutating func table(_ header: [String], _ rows: [[String]], links: Set<Int> = []) {
        line("| " + header.map(Self.cell).joined(separator: " | ") + " |")
        line("|" + header.map { _ in " --- |" }.joined())
        for row in rows {
            line("| " + row.enumerated().map { links.contains($0) ? $1 : Self.cell($1) }.joined(separator: " | ") + " |")
        }
        line()
    }

    /// Merchant names and cells are the data's words: escaped like the plans' Markdown, so a
    /// `<script>` or `[link](…)` in an export shows as text.
    static func cell(_ s: String) -> String { Markdown.cell(s) }
}

/// The last component of a path ("in/data.csv" -> "data.csv").
func lastPathComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
