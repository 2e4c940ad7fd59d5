import ArgumentParser
import ConsultPlaybook
import ConsultStore

/// `consult diff VISIT_A VISIT_B`: what changed for the merchant between two visits, judged
/// against the earlier plan.
struct StoreDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two visits of one merchant: findings resolved, persisting and new; KPIs against the earlier plan's targets.",
        discussion: "The visits are compared in date order whatever order they are given in.")

    @Argument(help: "A consultation's number.")
    var visitA: SessionID

    @Argument(help: "Another consultation of the same merchant.")
    var visitB: SessionID

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open(create: false)
        let (program, _) = try Files.program(options.playbooks)
        let loader = VisitLoader(program: program, database: database)
        let a = try loader.visit(visitA), b = try loader.visit(visitB)
        guard a.session.merchant.name == b.session.merchant.name else {
            let (nameA, nameB) = (a.session.merchant.name, b.session.merchant.name)
            throw Failure(Text(zh: "咨询 \(visitA)（\(nameA)）和 \(visitB)（\(nameB)）不是同一个商家的到访；consult history 商家名 列出一个商家的历次到访",
                               en: "consultations \(visitA) (\(nameA)) and \(visitB) (\(nameB)) are visits of different merchants; `consult history MERCHANT` lists a merchant's visits"))
        }
        let diff = VisitDiff(a, b, program: program)
        print(DiffText(text: VisitText(program: program, language: options.language)).render(diff), terminator: "")
    }
}

struct DiffText {
    let text: VisitText

    func t(_ zh: String, _ en: String) -> String { text.t(zh, en) }

    func render(_ diff: VisitDiff) -> String {
        let (a, b) = (diff.earlier, diff.later)
        var out = StoreText.merchantName(a.session.merchant.name, text.language) + "\n"
        out += "  " + t("之前：", "before: ") + text.heading(a) + "\n"
        out += "  " + t("之后：", "after:  ") + text.heading(b) + "\n"
        if let days = diff.days { out += "  " + t("相隔 \(days) 天", "\(days) days apart") + "\n" }
        out += "  " + text.standing(a) + "  →  " + text.standing(b) + "\n"
        out += findings(t("已解决", "Resolved"), diff.resolved)
        out += findings(t("仍存在", "Persisting"), diff.persisting)
        out += findings(t("新出现", "New"), diff.new)
        out += kpis(diff)
        out += actions(diff)
        return out
    }

    func findings(_ title: String, _ list: [PlanSummary.Finding]) -> String {
        var out = "\n" + title + " (\(list.count))\n"
        for f in list { out += "  " + text.finding(f) + "\n" }
        return out
    }

    func kpis(_ diff: VisitDiff) -> String {
        guard !diff.kpis.isEmpty else { return "" }
        let due = ["d30": t("30 天", "day-30"), "d60": t("60 天", "day-60"), "d90": t("90 天", "day-90")]
        var out = "\n" + t("KPI 变化（对照 \(diff.earlier.session.day) 方案的目标；本次对照 \(due[diff.kpis[0].due]!) 目标）",
                           "KPIs against the targets of the \(diff.earlier.session.day) plan (\(due[diff.kpis[0].due]!) targets due)") + "\n"
        var rows = [[t("指标", "KPI"), t("之前", "before"), t("现在", "now"), t("变化", "change"),
                     t("30 天", "day 30"), t("60 天", "day 60"), t("90 天", "day 90")]]
        for k in diff.kpis {
            let targets = ["d30", "d60", "d90"].map { h in k.targets.first { $0.horizon == h }.map { text.target($0, metric: k.metric) } ?? "—" }
            rows.append([k.label, text.measure(k.metric, k.before), text.measure(k.metric, k.after), text.change(k.metric, k.change)] + targets)
        }
        out += StoreText.table(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        return out
    }

    func actions(_ diff: VisitDiff) -> String {
        let met = diff.actionsMet
        var out = "\n" + t("KPI 已达成的行动", "Actions whose KPI was met") + " (\(met.count) / \(diff.actions.count))\n"
        for outcome in met {
            let a = outcome.action
            let metric = a.kpi.metric ?? ""
            let label = diff.earlier.plan.kpis.first { $0.metric == metric }?.label
                ?? text.program.metric(metric)?.label[text.language] ?? metric
            out += "  #\(a.rank) \(a.text)\n     \(label) \(outcome.comparison.rawValue) \(text.measure(metric, outcome.target)): "
                + text.measure(metric, outcome.after) + "\n"
        }
        return out
    }
}
