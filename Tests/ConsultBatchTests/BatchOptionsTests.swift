import ConsultPlaybook
import Foundation
import Testing
import TestSupport

/// Stopping, other input kinds, column mapping and determinism, on small portfolios.
@Suite struct BatchOptionsTests {
    /// A 120-row portfolio with bad rows at data rows 40 and 100 (file lines 42 and 102).
    static func portfolio(_ directory: URL) throws -> (csv: URL, rows: [PortfolioGenerator.Row]) {
        let generator = PortfolioGenerator(program: try loadProgram("playbooks"))
        let rows = generator.rows(120, seed: 5, bad: [40: ("store_rating", "4.4星"), 100: ("aov", "12元/件")])
        let csv = directory.appendingPathComponent("p.csv")
        try generator.csv(rows).write(to: csv, atomically: true, encoding: .utf8)
        return (csv, rows)
    }

    @Test func stopsAtTheFirstBadRowAndKeepsWhatWasWritten() throws {
        let dir = Repo.temporaryDirectory("consult-batch-stop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (csv, _) = try Self.portfolio(dir)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", csv.path, "--out", out.path, "--on-error", "stop", "--jobs", "2", "--lang", "en"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors == ["error: \(csv.path):42: column 店铺体验分 (store_rating): '4.4星' is not a number; accepted: a number from 0 to 5 points; ? if unknown"])
        let plans = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("plans").path).sorted()
        #expect(plans.count == 40, "the 40 rows before the bad one are planned")
        #expect(plans.last?.hasPrefix("000040-") == true)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["stopped"] as? Bool == true)
        #expect((summary["counts"] as! [String: Int]) == ["merchants": 41, "planned": 40, "failed": 1, "errors": 1])
        #expect(result.stdout.hasPrefix("41 merchants: 40 planned, 1 failed (stopped at the first bad row)"))
    }

    @Test func skipsBadRowsAndCompletesTheRest() throws {
        let dir = Repo.temporaryDirectory("consult-batch-skip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (csv, _) = try Self.portfolio(dir)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", csv.path, "--out", out.path, "--summary-only", "--lang", "en"])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plans").path))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect((summary["counts"] as! [String: Int]) == ["merchants": 120, "planned": 118, "failed": 2, "errors": 2])
        let listed = (summary["errors"] as! [[String: Any]]).map { $0["row"] as! Int }
        #expect(listed == [42, 102])
    }

    /// One JSON Lines row with a lone surrogate is one bad row: the rows after it are planned.
    @Test func aLoneSurrogateIsOneBadRow() throws {
        let dir = Repo.temporaryDirectory("consult-batch-surrogate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("rows.jsonl")
        try (#"{"店铺名称":"a","成交金额":"\uD800\u0041"}"# + "\n" + #"{"店铺名称":"b","成交金额":"80万"}"# + "\n"
             + #"{"店铺名称":"c\uD83D\uDE00","成交金额":"5万"}"# + "\n").write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", input.path, "--out", out.path, "--summary-only", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("rows.jsonl:1:") && result.stderr.contains("lone UTF-16 surrogate"), "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect((summary["counts"] as! [String: Int]) == ["merchants": 3, "planned": 2, "failed": 1, "errors": 1])
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.contains("c😀"))
    }

    /// Rates exported as fractions (Excel's percent cells) are read as fractions with a note
    /// naming the column, never as 0.46%; a column with a % value stays percents; an
    /// approximation in a cell is kept as an estimate.
    @Test func fractionColumnsAreReadAsFractionsWithANoteAndApproximationsAreEstimates() throws {
        let dir = Repo.temporaryDirectory("consult-batch-fractions")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("rows.csv")
        try "店铺名称,退款率,差评率,成交金额\n甲店,0.46,0.5%,约80万\n乙店,0.05,0.3,50万\n丙店,,0.2,30万\n"
            .write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", input.path, "--out", out.path, "--format", "json", "--lang", "zh"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("列 退款率 的值都在 0–1 之间，按小数读"), "\(result.stderr)")
        #expect(!result.stderr.contains("列 差评率"), "\(result.stderr)")
        let plans = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("plans").path).sorted()
        let first = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plans/" + plans[0]))) as! [String: Any]
        let facts = first["facts"] as! [String: Any]
        #expect((facts["return_rate"] as? NSNumber)?.doubleValue == 46, "\(facts)")
        #expect((facts["bad_review_rate"] as? NSNumber)?.doubleValue == 0.5, "\(facts)")
        #expect((first["provenance"] as! [String: String])["monthly_gmv"] == "estimate")
    }

    /// Hostile text in an export stays text: no HTML in summary.md, no live formula in
    /// summary.csv, no terminal escape on the console.
    @Test func hostileNamesAreNeutralisedInEverySummary() throws {
        let dir = Repo.temporaryDirectory("consult-batch-hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("rows.csv")
        try ("店铺名称,成交金额,客单价\n<script>alert(1)</script>店,80万,159\n\"=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",50万,88\n"
             + "\u{1B}]0;pwned\u{07}店,30万,99\n@SUM(A1),20万,66\n").write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", input.path, "--out", out.path, "--summary-only", "--lang", "zh"])
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(!md.replacing("\\<script>", with: "").contains("<script>") && md.contains("\\<script>"), "\(md)")
        #expect(!md.unicodeScalars.contains("\u{1B}") && md.contains("^\\[\\]0;pwned^G店"), "\(md)")
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(") && csv.contains(",'@SUM(A1),"), "\(csv)")
        #expect(!(result.stdout + result.stderr).contains("\u{1B}]"), "an escape reached the terminal: \(result.stderr)")
    }

    /// Issue 16: one bad row of each kind among 10,000 good ones — a quote never closed, bytes that
    /// are not text, a row longer than the header, a value out of range, a lone surrogate in JSON
    /// Lines — costs exactly that row: the other 10,000 are planned and each bad row is named.
    @Test func oneBadRowOfEachKindCostsOnlyThatRow() throws {
        let dir = Repo.temporaryDirectory("consult-batch-bad-kinds")
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = Data("店铺名称,成交金额,客单价,店铺体验分,备注\n".utf8)
        var line = 1
        var bad: [Int: String] = [:]
        for i in 1...9_999 {
            line += 1
            switch i {
            case 2_000: csv += Data("引号店,80万,159,4.6,\"没闭合\n".utf8); bad[line] = "引号"
            case 4_000: csv += Data("乱码".utf8) + Data([0xFF, 0xFE]) + Data("店,80万,159,4.6,ok\n".utf8); bad[line] = "UTF-8"
            case 6_000: csv += Data("多列店,80万,159,4.6,ok,多出来,的值\n".utf8); bad[line] = "个字段"
            case 8_000: csv += Data("超界店,80万,159,7.5,ok\n".utf8); bad[line] = "超出范围"
            default: csv += Data("店\(i),\(i % 90 + 1)万,\(50 + i % 200),4.\(i % 10),\(i % 500 == 0 ? "\"两行\n备注\"" : "ok")\n".utf8)
                if i % 500 == 0 { line += 1 }
            }
        }
        try csv.write(to: dir.appendingPathComponent("a.csv"))
        let jsonl = (1...6).map { i in i == 3 ? #"{"店铺名称":"坏","成交金额":"\uD800\u0041"}"# : #"{"店铺名称":"J\#(i)","成交金额":"\#(i)0万"}"# }
        try (jsonl.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", dir.path, "--out", out.path, "--summary-only", "--jobs", "2", "--lang", "zh"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("10005 个商家：10000 个已出方案，5 个数据有误"), "\(result.stdout)")
        for (row, word) in bad {
            #expect(result.stderr.contains("a.csv:\(row):") && result.stderr.contains(word), "row \(row) (\(word)) not named: \(result.stderr)")
        }
        #expect(result.stderr.contains("b.jsonl:3:") && result.stderr.contains("surrogate"), "\(result.stderr)")
    }

    /// `kill -9` in the middle of a portfolio: `summary.csv` has a line for every plan written
    /// before the kill except the few in flight, and the next run clears what the killed one left.
    @Test func aKilledRunKeepsASummaryLineForEveryPlan() throws {
        let dir = Repo.temporaryDirectory("consult-batch-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = PortfolioGenerator(program: try loadProgram("playbooks"))
        let csv = dir.appendingPathComponent("p.csv")
        try generator.csv(generator.rows(3_000, seed: 9, bad: [:])).write(to: csv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let plans = out.appendingPathComponent("plans")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["batch", csv.path, "--out", out.path, "--format", "json", "--jobs", "2", "--lang", "zh"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning, ((try? FileManager.default.contentsOfDirectory(atPath: plans.path))?.filter { !$0.hasPrefix(".") }.count ?? 0) < 400 {
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it could be killed")
        let written = try FileManager.default.contentsOfDirectory(atPath: plans.path).filter { !$0.hasPrefix(".") }
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = summary.split(separator: "\r\n").count - 1
        #expect(written.count >= 400)
        // In flight at the kill: what the two workers and the reorder window hold.
        #expect(lines <= written.count && written.count - lines <= 48, "\(written.count) plans, \(lines) summary lines")
        // Every line names a plan that is there.
        let named = Set(summary.split(separator: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first { $0.hasSuffix(".json") } }.map { String($0.split(separator: "/").last!) })
        #expect(named.count == lines && named.isSubset(of: Set(written)), "a summary line names a plan that is not there")
        let rerun = try consult(["batch", csv.path, "--out", out.path, "--summary-only", "--jobs", "2", "--lang", "zh"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: plans.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "temporaries of the killed run: \(left)")
    }

    /// A name of 80 Chinese characters still gets its plan (the file name is shortened), and the
    /// temporaries a killed run left in the output are cleared by the next run.
    @Test func longNamesArePlannedAndStaleTemporariesCleared() throws {
        let dir = Repo.temporaryDirectory("consult-batch-long")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("rows.csv")
        let long = String(repeating: "织里童装产业带旗舰店", count: 8)
        try "店铺名称,成交金额\n\(long),80万\n".write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let plans = out.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        let stale = plans.appendingPathComponent(".000001-plan_x.md.tmp-999999-12345").path
        FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        let result = try consult(["batch", input.path, "--out", out.path, "--lang", "zh"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: plans.path)
        #expect(names.count == 1 && names[0].hasPrefix("000001-plan_织里童装") && names[0].utf8.count < 255, "\(names)")
        #expect(!FileManager.default.fileExists(atPath: stale), "the stale temporary is still there")
    }

    @Test func sameOutputWhateverTheNumberOfJobs() throws {
        let dir = Repo.temporaryDirectory("consult-batch-jobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (csv, _) = try Self.portfolio(dir)
        var outputs: [[String]] = []
        for jobs in ["1", "3"] {
            let out = dir.appendingPathComponent("out\(jobs)")
            _ = try consult(["batch", csv.path, "--out", out.path, "--format", "json", "--jobs", jobs, "--lang", "zh"])
            let plans = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("plans").path).sorted()
            outputs.append(try (["summary.md", "summary.json", "summary.csv"] + plans.map { "plans/" + $0 }).map {
                $0 + "\n" + (try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8))
            })
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func readsJSONLinesAnswersFilesAndDirectories() throws {
        let dir = Repo.temporaryDirectory("consult-batch-kinds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let lines = """
        {"店铺名称": "甲", "主平台": "抖音", "成交金额": "80万", "店铺体验分": 4.4, "发货前检查": false}
        {"merchant": {"name": "乙", "platform": "kuaishou"}, "answers": {"store_rating": 4.7, "return_rate": "45%"}}

        {"店铺名称": "丙", "店铺体验分": [4.4]}
        """
        try lines.write(to: inputs.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Repo.path("examples/mature_head.yaml"), toPath: inputs.appendingPathComponent("b.yaml").path)
        try "not: [valid".write(to: inputs.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        try "ignored".write(to: inputs.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", inputs.path, "--out", out.path, "--format", "json", "--lang", "en"])
        #expect(result.status == 1, "the bad line and the bad file count as failed rows")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect((summary["counts"] as! [String: Int])["planned"] == 3)
        #expect((summary["counts"] as! [String: Int])["failed"] == 2)
        #expect(result.stderr.contains("a.jsonl:4: column 店铺体验分: is not a single value"))
        let plans = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("plans").path).sorted()
        #expect(plans.count == 3)
        // The answers file's plan is what consult run prints for it.
        let single = try consult(["run", "--answers", Repo.path("examples/mature_head.yaml"), "--format", "json", "--lang", "en"])
        let batch = try String(contentsOf: out.appendingPathComponent("plans/" + plans[2]), encoding: .utf8)
        #expect(batch == single.stdout)
    }

    @Test func mapsOtherHeadersAndUnits() throws {
        let dir = Repo.temporaryDirectory("consult-batch-columns")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try "店铺,GMV(万元),体验分数,随便\n卡丹路,80,4.4,1\n".write(to: csv, atomically: true, encoding: .utf8)
        try "column,fact\n体验分数,store_rating\n随便,ignore\n".write(to: dir.appendingPathComponent("map.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try consult(["batch", csv.path, "--out", out.path, "--format", "json", "--lang", "en",
                                  "--columns", dir.appendingPathComponent("map.csv").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("columns not read"))
        let plan = try String(contentsOf: out.appendingPathComponent("plans/000001-plan_卡丹路.json"), encoding: .utf8)
        #expect(plan.contains("\"store_rating\": 4.4"))
        #expect(plan.contains("\"monthly_gmv\": 800000"), "80 in a 万元 column is 800,000")

        let bad = try consult(["batch", csv.path, "--out", out.path, "--columns", csv.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--columns line 1: '"))
    }

    @Test func usageErrors() throws {
        let pdf = try consult(["batch", Repo.path("examples"), "--out", "/tmp/x", "--format", "pdf"])
        #expect(pdf.status == 2)
        #expect(pdf.stderr.contains("accepted: md, json, html"))
        let missing = try consult(["batch", "/nonexistent.csv", "--out", "/tmp/x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read '/nonexistent.csv'"))
    }
}
