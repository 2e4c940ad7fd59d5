import ConsultPlaybook
import Foundation
import Testing
import TestSupport

/// The acceptance run: a 10,000-row portfolio with Chinese headers and three bad rows, once
/// through the built `consult batch` with JSON plans (about a minute in a debug build on two cores:
/// planning dominates), then checked from every side. One test, so the 10,000 plans are written
/// once and removed at the end.
@Suite struct BatchRunTests {
    static let bad: [Int: (fact: String, raw: String)] = [
        136: ("aov", "159x"),
        4241: ("monthly_gmv", "好几十万"),
        9000: ("pre_ship_qc", "maybe"),
    ]

    struct Run {
        let directory: URL
        let csv: URL
        let rows: [PortfolioGenerator.Row]
        let generator: PortfolioGenerator
        let result: RunResult
        var out: URL { directory.appendingPathComponent("out") }

        func summary() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        }
    }

    @Test func tenThousandRowPortfolio() throws {
        let generator = PortfolioGenerator(program: try loadProgram("playbooks"))
        let rows = generator.rows(10_000, seed: 2024, bad: Self.bad)
        let directory = Repo.temporaryDirectory("consult-batch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("portfolio.csv")
        try generator.csv(rows).write(to: csv, atomically: true, encoding: .utf8)
        let result = try consult(["batch", csv.path, "--out", directory.appendingPathComponent("out").path,
                                  "--format", "json", "--jobs", "2", "--lang", "zh"])
        let run = Run(directory: directory, csv: csv, rows: rows, generator: generator, result: result)
        try summaryCountsAddUp(run)
        try badRowsAreReportedPrecisely(run)
        for index in [0, 1, 137, 2500, 7777, 9999] { try planIsWhatConsultRunPrints(run, index) }
        notATerminalMeansNoProgressBar(run)
    }

    func summaryCountsAddUp(_ run: Run) throws {
        #expect(run.result.status == 1, "a bad row makes the exit status non-zero")
        let summary = try run.summary()
        let counts = summary["counts"] as! [String: Int]
        #expect(counts == ["merchants": 10_000, "planned": 9_997, "failed": 3, "errors": 3])
        let planned = 9_997
        #expect((summary["by_severity"] as! [String: Int]).values.reduce(0, +) == planned)
        for (fact, table) in summary["by_position"] as! [String: [String: Int]] {
            #expect(table.values.reduce(0, +) == planned, "\(fact)")
        }
        let plans = try FileManager.default.contentsOfDirectory(atPath: run.out.appendingPathComponent("plans").path)
        #expect(plans.count == planned)
        // Problem-rule fire counts against the per-merchant lines of summary.csv (column 13: problems;
        // context notes are not problems).
        let csv = try String(contentsOf: run.out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 10_000)
        let fires = (summary["rules"] as! [[String: Any]]).filter { $0["role"] as? String == "problems" }
            .reduce(0) { $0 + ($1["merchants"] as! Int) }
        let findings = lines.dropFirst().compactMap { line -> Int? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > 12 ? Int(fields[12]) : nil
        }
        #expect(findings.reduce(0, +) == fires)
        let triage = summary["triage"] as! [[String: Any]]
        #expect(triage.count == 50)
        #expect(triage.allSatisfy { $0["top_problem"] is [String: Any] && $0["first_action"] is [String: Any] })
        // What is at stake first: the top problem's severity, then the GMV behind it.
        let order = ["critical", "high", "medium", "low"]
        let keys = triage.map { t in (order.firstIndex(of: t["severity"] as? String ?? "") ?? 9, (t["gmv"] as? NSNumber)?.doubleValue ?? 0) }
        for (a, b) in zip(keys, keys.dropFirst()) {
            #expect(a.0 < b.0 || (a.0 == b.0 && a.1 >= b.1), "triage order: \(a) before \(b)")
        }
        // Manager's breakdowns: every planned merchant counted once per platform; no context note
        // among the most frequent problems.
        let byHeader = summary["by_header"] as! [String: [String: [String: Any]]]
        let platforms = try #require(byHeader["platform"])
        #expect(platforms.values.reduce(0) { $0 + ($1["merchants"] as! Int) } == planned)
        let markdown = try String(contentsOf: run.out.appendingPathComponent("summary.md"), encoding: .utf8)
        let frequent = markdown.components(separatedBy: "## 最常见的问题")[1].components(separatedBy: "## ")[0]
        let context = (summary["rules"] as! [[String: Any]]).filter { $0["role"] as? String != "problems" }.map { $0["code"] as! String }
        #expect(!context.isEmpty)
        for code in context { #expect(!frequent.contains("| \(code) |"), "\(code) is a context note, not a problem") }
    }

    func planIsWhatConsultRunPrints(_ run: Run, _ index: Int) throws {
        let row = run.rows[index]
        let answers = run.directory.appendingPathComponent("row\(index).yaml")
        try run.generator.answersFile(row).write(to: answers, atomically: true, encoding: .utf8)
        let single = try consult(["run", "--answers", answers.path, "--format", "json", "--lang", "zh"])
        #expect(single.status == 0, "\(single.stderr)")
        let plans = try FileManager.default.contentsOfDirectory(atPath: run.out.appendingPathComponent("plans").path)
        let name = try #require(plans.first { $0.hasPrefix(String(format: "%06d-", index + 1)) }, "row \(index)")
        let batch = try String(contentsOf: run.out.appendingPathComponent("plans/" + name), encoding: .utf8)
        #expect(batch == single.stdout, "row \(index)")
    }

    func badRowsAreReportedPrecisely(_ run: Run) throws {
        let errors = run.result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        let csv = run.csv.path
        #expect(errors == [
            "error: \(csv):138: 列 客单价 (aov)：“159x” 不是数字；可填：金额 0–100000 元，可写 80万、1.2亿、5k；不清楚可填 ?",
            "error: \(csv):4243: 列 成交金额 (monthly_gmv)：“好几十万” 不是数字；可填：金额 0–10000000000 元，可写 80万、1.2亿、5k；不清楚可填 ?",
            "error: \(csv):9002: 列 发货前检查 (pre_ship_qc)：“maybe” 不是“是/否”；可填：是/否（有/没有、y/n）；不清楚可填 ?",
        ])
        let listed = try run.summary()["errors"] as! [[String: Any]]
        #expect(listed.map { $0["row"] as! Int } == [138, 4243, 9002])
        #expect(listed.map { $0["column"] as! String } == ["客单价", "成交金额", "发货前检查"])
        #expect(listed.map { $0["value"] as! String } == ["159x", "好几十万", "maybe"])
    }

    func notATerminalMeansNoProgressBar(_ run: Run) {
        #expect(!run.result.stderr.contains("\u{1B}"))
        #expect(!run.result.stderr.contains("\r"))
        #expect(run.result.stderr.contains("备注"), "the unread column is named once")
        #expect(run.result.stdout.hasPrefix("10000 个商家：9997 个已出方案，3 个数据有误\n"))
    }
}
