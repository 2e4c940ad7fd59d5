import Foundation
import TestSupport
import Testing

/// `consult run` end to end: the real binary, its stdout, stderr and exit status.
struct RunCommandTests {
    @Test func printsAValidJSONPlan() throws {
        let r = try consult(["run", "--answers", "examples/midtier_after_sales.yaml", "--format", "json", "--lang", "zh"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "consult.plan/1")
        #expect(json["lang"] as? String == "zh")
        let merchant = try #require(json["merchant"] as? [String: Any])
        #expect(merchant["name"] as? String == "卡丹路")
        #expect(merchant["platform"] as? String == "douyin")
        let findings = try #require(json["findings"] as? [[String: Any]])
        let sv01 = try #require(findings.first { $0["code"] as? String == "SV-01" })
        #expect(sv01["rule"] as? String == "after_sales.rating_critical")
        #expect(sv01["severity"] as? String == "critical")
        #expect((sv01["evidence"] as? [String: Any])?["store_rating"] as? Double == 4.4)
        #expect((sv01["sources"] as? [String])?.contains("001_b62d3f3984911d46.txt") == true)
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.first?["rank"] as? Int == 1)
        #expect(json["unknowns"] is [Any])
        let versions = try #require(json["versions"] as? [String: Any])
        #expect((versions["playbooks"] as? [String: Any])?["after_sales"] as? Int == 2)
        #expect((json["derived"] as? [String: Any])?["live_stage"] as? String == "growth")
    }

    @Test func sameAnswersInAnotherOrderAndFormGiveTheSameBytes() throws {
        let dir = Repo.temporaryDirectory()
        let original = try String(contentsOfFile: Repo.path("examples/midtier_after_sales.yaml"), encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = lines.firstIndex(of: "answers:")! + 1
        let end = lines.firstIndex(of: "expect:") ?? lines.count
        let expectations = Array(lines[end...])
        let answerLines = Array(lines[start..<end]).filter { !$0.isEmpty }.reversed().map { line -> String in
            line.replacingOccurrences(of: "monthly_gmv: \"800,000\"", with: "monthly_gmv: 80万")
                .replacingOccurrences(of: "monthly_ad_spend: 12万", with: "monthly_ad_spend: 120000")
                .replacingOccurrences(of: "return_rate: 46%", with: "return_rate: ４６")
                .replacingOccurrences(of: "store_rating: 4.4", with: "store_rating: 4.40")
                .replacingOccurrences(of: "has_fulltime_anchor: 有", with: "has_fulltime_anchor: yes")
        }
        lines = Array(lines[..<start]) + answerLines + expectations
        let reordered = dir.appendingPathComponent("reordered.yaml").path
        try lines.joined(separator: "\n").write(toFile: reordered, atomically: true, encoding: .utf8)
        let a = try consult(["run", "--answers", "examples/midtier_after_sales.yaml", "--format", "json"])
        let b = try consult(["run", "--answers", reordered, "--format", "json"])
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"store_rating\": 4.4"))
    }

    @Test func jsonAnswersGiveTheSamePlanAsYAML() throws {
        let dir = Repo.temporaryDirectory()
        let path = dir.appendingPathComponent("m.json").path
        try #"{"merchant": {"name": "白沟箱包档口", "consultant": "示例顾问", "date": "2026-11-20"}, "answers": {"platform": "douyin", "category": "footwear_bags", "industrial_belt": "白沟箱包", "belt_stage": "stable_growth", "merchant_origin": "wholesale_stall", "months_live_selling": 5, "live_hours_per_week": 30, "monthly_gmv": "12万", "gmv_trend": "flat", "target_monthly_gmv": 400000, "target_months": 2, "monthly_budget": 40000, "store_rating": 4.5, "avg_stay_seconds": 28, "engagement_tools": "只用福袋", "conversion_rate": "1.2%", "monthly_ad_spend": 20000, "ad_roi": 1.6, "gross_margin_pct": 40}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let a = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", "json"])
        let b = try consult(["run", "--answers", path, "--format", "json"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(a.stdout == b.stdout)
    }

    @Test func badAnswersAreAllReportedAndNothingIsWritten() throws {
        let dir = Repo.temporaryDirectory()
        let answers = dir.appendingPathComponent("bad.yaml").path
        try """
        merchant: { name: 测试商家 }
        answers:
          store_rating: 4.x
          return_rate: 180
          platfrom: douyin
          pre_ship_qc: maybe
          sku_count: 120
        """.write(toFile: answers, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("plan.json").path
        let r = try consult(["run", "--answers", answers, "--format", "json", "--output", output])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bad.yaml:3:17: error: store_rating: '4.x' is not a number; accepted: a number from 0 to 5"), "\(r.stderr)")
        #expect(r.stderr.contains("bad.yaml:4:16: error: return_rate: '180' is out of range; accepted: a percentage from 0 to 100"))
        #expect(r.stderr.contains("bad.yaml:5:3: error: unknown fact 'platfrom' (did you mean 'platform'?)"))
        #expect(r.stderr.contains("bad.yaml:6:16: error: pre_ship_qc: 'maybe' is not yes or no"))
        #expect(r.stderr.contains("4 errors in the answers file; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Unix habits: `-` is standard input or output, and the output's extension picks the format.
    @Test func dashIsStandardInputAndOutputAndTheExtensionPicksTheFormat() throws {
        let file = "examples/midtier_after_sales.yaml"
        let expected = try consult(["run", "--answers", file, "--format", "md", "--lang", "zh"]).stdout
        let piped = try consult(["run", "--answers", "-", "--output", "-", "--format", "md", "--lang", "zh"],
                                stdin: try String(contentsOfFile: Repo.path(file), encoding: .utf8))
        #expect(piped.status == 0 && piped.stdout == expected, "\(piped.stderr)")
        let dir = Repo.temporaryDirectory("consult-run-ext")
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("plan.json").path
        #expect(try consult(["run", "--answers", file, "--output", json]).status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) is [String: Any])
        let md = dir.appendingPathComponent("plan.md").path
        #expect(try consult(["run", "--answers", file, "--output", md, "--lang", "zh"]).status == 0)
        #expect(try String(contentsOfFile: md, encoding: .utf8) == expected)
        // --format still wins over the extension.
        let text = dir.appendingPathComponent("plan.json.txt").path
        #expect(try consult(["run", "--answers", file, "--output", text, "--format", "json"]).status == 0)
        #expect(try String(contentsOfFile: text, encoding: .utf8).hasPrefix("{"))
        // A portfolio on standard input: CSV or JSON Lines, told apart by the first character.
        let out = dir.appendingPathComponent("out").path
        let batch = try consult(["batch", "-", "--out", out, "--summary-only", "--lang", "en"],
                                stdin: "店铺名称,成交金额,客单价\n甲,80万,159\n乙,50万,88\n")
        #expect(batch.status == 0 && batch.stdout.hasPrefix("2 merchants: 2 planned"), "\(batch.stdout)\(batch.stderr)")
        let lines = try consult(["batch", "-", "--out", out, "--summary-only", "--lang", "en"],
                                stdin: "{\"店铺名称\":\"甲\",\"成交金额\":\"80万\"}\n")
        #expect(lines.status == 0 && lines.stdout.hasPrefix("1 merchant: 1 planned"), "\(lines.stdout)\(lines.stderr)")
    }

    /// A merchant name with terminal escapes is shown, not obeyed, in the text plan and in Markdown.
    @Test func terminalEscapesInANameAreShownNotObeyed() throws {
        let dir = Repo.temporaryDirectory("consult-run-hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hostile.yaml").path
        try "merchant: \"\\e]0;pwned\\a店\\r\\e[2J\\u009B31m\"\nanswers:\n  store_rating: 4.2\n".write(toFile: file, atomically: true, encoding: .utf8)
        for format in ["text", "md"] {
            let r = try consult(["run", "--answers", file, "--format", format, "--lang", "zh"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{07}" || $0 == "\u{9B}" }, "\(format)")
            #expect(r.stdout.contains("pwned"), "\(format)")
        }
    }

    /// `--output` never turns a device or directory into a file and reports a failed write: a full
    /// disk (/dev/full) is an error, /dev/null is written into, a directory is refused.
    @Test func outputOnlyReplacesRegularFilesAndChecksEveryWrite() throws {
        let file = "examples/midtier_after_sales.yaml"
        let full = try consult(["run", "--answers", file, "--output", "/dev/full", "--format", "md"])
        #expect(full.status == 1 && full.stderr.contains("the disk is full"), "\(full.stderr)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/full is still a device")
        #expect(try consult(["run", "--answers", file, "--output", "/dev/null"]).status == 0)
        let dir = Repo.temporaryDirectory("consult-run-outdir")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let refused = try consult(["run", "--answers", file, "--output", dir.path])
        #expect(refused.status == 1 && refused.stderr.contains("it is a directory"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "a temporary was left behind")
    }

    /// Thousands of bad answers are reported in one pass and capped; a huge value is not echoed whole.
    @Test func manyErrorsAreCappedAndHugeValuesElided() throws {
        let dir = Repo.temporaryDirectory("consult-run-many")
        defer { try? FileManager.default.removeItem(at: dir) }
        let many = dir.appendingPathComponent("many.yaml").path
        try ("merchant: x\nanswers:\n" + (1...10_000).map { "  no_such_fact_\($0): 1\n" }.joined()).write(toFile: many, atomically: true, encoding: .utf8)
        let r = try consult(["run", "--answers", many])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no_such_fact_1'") && r.stderr.contains("… and 9800 more"), "\(r.stderr.suffix(300))")
        #expect(r.stderr.utf8.count < 200_000, "\(r.stderr.utf8.count) bytes of errors")
        let huge = dir.appendingPathComponent("huge.yaml").path
        try ("merchant: x\nanswers:\n  industrial_belt: \"" + String(repeating: "织", count: 1_000_000) + "\"\n").write(toFile: huge, atomically: true, encoding: .utf8)
        let h = try consult(["run", "--answers", huge])
        #expect(h.status == 1 && h.stderr.contains("characters) …"), "\(h.stderr.prefix(300))")
        #expect(h.stderr.utf8.count < 20_000, "\(h.stderr.utf8.count) bytes of errors")
    }

    /// A file that is not UTF-8 is named with the line and column of its first bad byte, and
    /// every bad file of an import is reported at once.
    @Test func notUTF8IsLocatedAndEveryBadFileIsReported() throws {
        let dir = Repo.temporaryDirectory("consult-run-gbk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gbk = dir.appendingPathComponent("gbk.yaml")
        // 织里 in GBK: D6 AF happens to be valid UTF-8 (U+05AF); C0 at column 21 is not.
        try (Data("merchant: x\nanswers:\n  industrial_belt: ".utf8) + Data([0xD6, 0xAF, 0xC0, 0xEF]) + Data("\n".utf8)).write(to: gbk)
        let r = try consult(["run", "--answers", gbk.path])
        #expect(r.status == 1 && r.stderr.contains("gbk.yaml:3:21: error: not UTF-8 text"), "\(r.stderr)")
        let other = dir.appendingPathComponent("other.yaml").path
        try "merchant: y\nanswers:\n  store_rating: 9\n".write(toFile: other, atomically: true, encoding: .utf8)
        let imported = try consult(["import", gbk.path, other, "--db", dir.appendingPathComponent("c.sqlite").path])
        #expect(imported.status == 1 && imported.stderr.contains("gbk.yaml:3:21") && imported.stderr.contains("other.yaml:3:17"), "\(imported.stderr)")
    }

    @Test func outputFileIsWrittenWhole() throws {
        let dir = Repo.temporaryDirectory()
        let output = dir.appendingPathComponent("plan.md").path
        let r = try consult(["run", "--answers", "examples/cold_start_stall.yaml", "--format", "md", "--lang", "zh", "--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let md = try String(contentsOfFile: output, encoding: .utf8)
        #expect(md.hasPrefix("# 直播电商诊断方案：小芽童装档口"))
        #expect(md.contains("## 诊断摘要"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.md"])
    }

    @Test func languageFollowsTheLocaleUnlessGiven() throws {
        let zh = try consult(["run", "--answers", "examples/cold_start_stall.yaml"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stdout.contains("诊断方案"))
        let en = try consult(["run", "--answers", "examples/cold_start_stall.yaml"], environment: ["LANG": "en_US.UTF-8"])
        #expect(en.stdout.contains("diagnosis plan"))
        let forced = try consult(["run", "--answers", "examples/cold_start_stall.yaml", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(forced.stdout.contains("diagnosis plan"))
    }

    @Test(arguments: [
        (["run"], "Missing expected argument '--answers"),
        (["run", "--answers", "examples/bag_stall.yaml", "--format", "docx"], "--format"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
        (["run", "--answers", "examples/bag_stall.yaml", "--only", "aftersales"], "unknown playbook 'aftersales' (did you mean 'after_sales'?)"),
    ])
    func usageErrorsExitWithTwo(_ args: [String], _ message: String) throws {
        let r = try consult(args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func missingAnswersFileIsAnInputError() throws {
        let r = try consult(["run", "--answers", "no/such.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot read 'no/such.yaml'"))
    }
}
