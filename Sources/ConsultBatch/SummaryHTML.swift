import ConsultBase
import ConsultCharts
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender

/// `summary.html`: the portfolio dashboard. The same blocks as `summary.md`, in the plans' look,
/// with the triage list drawn as GMV × priority (each dot a link to its plan) and every merchant
/// of the triage table linking to its plan. One standalone file: no scripts, no network.
extension SummaryWriter {
    static func html(_ s: PortfolioSummary) -> String {
        let l = s.language
        var body: [String] = []
        for block in blocks(s) {
            switch block {
            case .title(let text): body.append("<h1>\(HTMLText.escape(text))</h1>")
            case .bullets(let items):
                body.append("<ul class=\"counts\">" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>")
            case .note(let text): body.append("<p class=\"note\">\(HTMLText.escape(text))</p>")
            case .section(let text): body.append("<h2>\(HTMLText.escape(text))</h2>")
            case .paragraph(let text): body.append("<p class=\"sub\">\(HTMLText.escape(text))</p>")
            case .table(let header, let rows): body.append(table(header, rows))
            case .scatter:
                if let chart = scatter(s) { body.append("<h2>\(HTMLText.escape(SummaryWords.text(.triage, l)))</h2>\n" + chart) }
            }
        }
        let title = HTMLText.escape(SummaryWords.text(.title, l))
        return """
        <!DOCTYPE html>
        <html lang="\(l == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        \(HTMLRenderer.styleSheet)
        .dashboard .table-wrap { overflow-x: auto; }
        .dashboard ul.counts { display: flex; flex-wrap: wrap; gap: 4px 24px; list-style: none; padding: 0; font-weight: 700; }
        .dashboard .note { color: var(--critical); }
        </style>
        </head>
        <body>
        <main class="sheet"><section class="page dashboard">
        \(body.joined(separator: "\n"))
        </section></main>
        </body>
        </html>

        """
    }

    /// A table in a frame that scrolls sideways on a phone (the triage list has nine columns).
    private static func table(_ header: [String], _ rows: [[Cell]]) -> String {
        var out = "<div class=\"table-wrap\"><table>\n<thead><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.map { cell in
                let text = HTMLText.escape(cell.text)
                return "<td>" + (cell.href.map { "<a href=\"\(HTMLText.escape($0))\">\(text)</a>" } ?? text) + "</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>"
    }

    /// The triage list as dots: reported monthly GMV across (log scale), the top problem's
    /// priority score up, shape and colour by the top problem's severity.
    private static func scatter(_ s: PortfolioSummary) -> String? {
        let l = s.language
        let dots = s.triage.enumerated().compactMap { i, m -> ScatterChart.Dot? in
            guard let gmv = m.gmv?.doubleValue, gmv > 0 else { return nil }
            let mark: ScatterChart.Mark = m.severity == .critical ? .critical : m.severity == .high ? .high : .other
            let problem = m.topProblem.map { " · " + $0.title } ?? ""
            return ScatterChart.Dot(x: gmv, y: Double(m.topPriority), label: "\(i + 1). \(displayName(m)) · \(m.gmvDisplay)\(problem)",
                                    href: m.planFile, mark: mark)
        }
        let ticks: [(value: Double, text: String)] = l == .zh
            ? [(1e4, "1万"), (1e5, "10万"), (1e6, "100万"), (1e7, "1000万"), (1e8, "1亿"), (1e9, "10亿")]
            : [(1e4, "10k"), (1e5, "100k"), (1e6, "1m"), (1e7, "10m"), (1e8, "100m"), (1e9, "1bn")]
        let legend: [(mark: ScatterChart.Mark, text: String)] = [
            (.critical, Labels.severity(.critical, l)), (.high, Labels.severity(.high, l)), (.other, l == .zh ? "其他" : "other"),
        ]
        return ScatterChart(id: "chart-triage", title: SummaryWords.text(.triage, l),
                            xLabel: l == .zh ? "月成交额（对数刻度）" : "monthly GMV (log scale)",
                            yLabel: l == .zh ? "首要问题排序分" : "top problem's priority score",
                            xTicks: ticks, legend: legend, dots: dots).svg()
    }
}
