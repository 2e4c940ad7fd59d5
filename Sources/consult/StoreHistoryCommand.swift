import ArgumentParser
import ConsultPlaybook
import ConsultStore

/// `consult history MERCHANT`: every visit of a merchant, in order: where it stood, what was
/// urgent, and the KPI figures side by side.
struct StoreHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a merchant's visits: stage, type, critical and high findings, KPI values.")

    @Argument(help: "The merchant's name (or an unambiguous part of it).")
    var merchant: String

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open(create: false)
        let name = try resolveMerchant(merchant, in: database)
        let (program, _) = try Files.program(options.playbooks)
        let loader = VisitLoader(program: program, database: database)
        let visits = try storeCall { try database.visits(merchant: name) }.map { try loader.visit($0.id) }
        print(HistoryText(text: VisitText(program: program, language: options.language)).render(name, visits), terminator: "")
    }
}

struct HistoryText {
    let text: VisitText

    func render(_ name: String, _ visits: [Visit]) -> String {
        var out = name + text.t("：\(visits.count) 次咨询\n", ": \(visits.count) visit\(visits.count == 1 ? "" : "s")\n")
        for (i, visit) in visits.enumerated() {
            out += "\n\(i + 1). " + text.heading(visit) + "\n"
            out += "   " + text.standing(visit) + "\n"
            let urgent = visit.urgentFindings
            out += "   " + text.t("严重/高优先级问题", "critical/high findings") + " (\(urgent.count))" + (urgent.isEmpty ? "\n" : ":\n")
            for finding in urgent { out += "     " + text.finding(finding) + "\n" }
        }
        let metrics = visits.flatMap { $0.plan.kpis.map(\.metric) }.reduce(into: [String]()) { list, m in
            if !list.contains(m) { list.append(m) }
        }
        guard !metrics.isEmpty else { return out }
        out += "\n" + text.t("KPI 数值", "KPI values") + "\n"
        var rows = [["KPI"] + visits.indices.map { "\($0 + 1). " + visits[$0].session.day }]
        for metric in metrics {
            let label = visits.lazy.compactMap { $0.plan.kpis.first { $0.metric == metric }?.label }.first ?? metric
            rows.append([label] + visits.map { text.measure(metric, $0.measure(metric, program: text.program)) })
        }
        out += StoreText.table(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        return out
    }
}
