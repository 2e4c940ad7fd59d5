@testable import ConsultBatch
import Foundation
import TestSupport
import Testing

/// Platform exports as they are downloaded (made by scripts/make-export-fixtures.py): each .xlsx
/// gives the same plans as the same table saved as a UTF-8 CSV, a GBK and a UTF-16 CSV the same
/// as UTF-8, and `--from` starts an interview with the same numbers. Run through the built binary.
@Suite struct ExportTests {
    static let exports = ["compass_live", "compass_service", "compass_product", "qianchuan_account", "kuaishou_sytong", "taobao_live"]
    static func fixture(_ name: String) -> String { Repo.path("Tests/ConsultBatchTests/Fixtures/exports/" + name) }

    /// Runs a portfolio with JSON plans; returns the plans by file name, and stderr.
    static func plans(_ input: String, _ extra: [String] = []) throws -> (plans: [String: String], stderr: String) {
        let out = Repo.temporaryDirectory("consult-export")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try consult(["batch", input, "--out", out.path, "--format", "json", "--lang", "zh"] + extra)
        #expect(result.status == 0, "\(input): \(result.stderr)")
        let directory = out.appendingPathComponent("plans").path
        var plans: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            plans[name] = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        }
        return (plans, result.stderr)
    }

    static func json(_ text: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test(arguments: exports)
    func anXLSXExportPlansLikeTheSameTableAsCSV(_ name: String) throws {
        let xlsx = try Self.plans(Self.fixture(name + ".xlsx"))
        let csv = try Self.plans(Self.fixture(name + ".csv"))
        #expect(xlsx.plans.count == 4, "\(name): \(xlsx.plans.keys.sorted())")
        #expect(xlsx.plans.keys.sorted() == csv.plans.keys.sorted())
        for (file, plan) in xlsx.plans { #expect(plan == csv.plans[file], "\(name): \(file) differs from the CSV's") }
        // Every export names its merchants (never by an ID column) and leaves no column unexplained.
        for plan in xlsx.plans.values {
            let merchant = (Self.json(plan)["merchant"] as! [String: Any])["name"] as! String
            #expect(merchant.contains(where: { !$0.isNumber }), "\(name): named \(merchant)")
        }
        #expect(!xlsx.stderr.contains("没有读取"), "\(name): \(xlsx.stderr)")
    }

    @Test(arguments: ["compass_service.gbk.csv", "compass_service.utf16.csv"])
    func aGBKOrUTF16CSVPlansLikeUTF8(_ file: String) throws {
        let other = try Self.plans(Self.fixture(file))
        let utf8 = try Self.plans(Self.fixture("compass_service.csv"))
        #expect(other.plans == utf8.plans)
        #expect(other.stderr.contains(file.contains("gbk") ? "按 GB18030 (GBK) 编码读取" : "按 UTF-16 编码读取"), "\(other.stderr)")
    }

    /// What the tables map: 千川's two-row header, percent cells stored as fractions, time cells,
    /// a shop ID before the shop name.
    @Test func exportHeadersMapToTheirFacts() throws {
        let qianchuan = try Self.plans(Self.fixture("qianchuan_account.xlsx")).plans
        let kadan = Self.json(qianchuan.first { $0.key.contains("卡丹路") }!.value)
        let facts = kadan["facts"] as! [String: Any]
        #expect((facts["monthly_ad_spend"] as? NSNumber)?.doubleValue == 152000.33)
        #expect((facts["ad_roi"] as? NSNumber)?.doubleValue == 2.35)
        #expect((facts["net_roi"] as? NSNumber)?.doubleValue == 1.62)
        let live = Self.json(try Self.plans(Self.fixture("compass_live.xlsx")).plans.first { $0.key.contains("卡丹路") }!.value)
        let liveFacts = live["facts"] as! [String: Any]
        #expect((liveFacts["conversion_rate"] as? NSNumber)?.doubleValue == 1.6)
        #expect((liveFacts["avg_stay_seconds"] as? NSNumber)?.doubleValue == 48)
        #expect((live["merchant"] as! [String: Any])["date"] as? String == "2026-10-31")
        let service = try Self.plans(Self.fixture("compass_service.xlsx")).plans
        #expect(service.keys.contains { $0.contains("卡丹路童装旗舰店") }, "\(service.keys.sorted())")
    }

    @Test func consultColumnsSaysHowEachHeaderIsRead() throws {
        let result = try consult(["columns", Self.fixture("qianchuan_account.xlsx"), "--lang", "zh"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func reading(_ header: String) -> String { lines.first { $0.hasPrefix(header + " ") } ?? "" }
        #expect(reading("整体消耗").contains("monthly_ad_spend"))
        #expect(reading("净成交ROI").contains("net_roi"))
        #expect(reading("账户ID").contains("商家 ID"))
        #expect(reading("账户名称").contains("商家名称"))
        let csv = try consult(["columns", Self.fixture("compass_service.gbk.csv"), "--lang", "en"])
        #expect(csv.stdout.hasPrefix("encoding: GB18030 (GBK)"), "\(csv.stdout)")
    }

    /// An export without a name column still plans, says so, and names plans by the ID column.
    @Test func noNameColumnIsSaidAndTheIDNamesThePlan() throws {
        let dir = Repo.temporaryDirectory("consult-export-noname")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("rows.csv")
        try "店铺ID,成交金额,客单价\n100234,80万,159\n".write(to: input, atomically: true, encoding: .utf8)
        let result = try Self.plans(input.path)
        #expect(result.stderr.contains("没有一列是商家名称") && result.stderr.contains("按 店铺ID 命名"), "\(result.stderr)")
        #expect(result.plans.keys.contains { $0.contains("100234") })
    }

    /// `consult --from FILE --row NAME` fills the interview with the row's numbers, as platform data.
    @Test(arguments: exports)
    func fromAnExportRowStartsTheInterviewWithItsNumbers(_ name: String) throws {
        let batch = try Self.plans(Self.fixture(name + ".xlsx")).plans
        let (file, planText) = batch.min { $0.key < $1.key }!
        let plan = Self.json(planText)
        let merchant = (plan["merchant"] as! [String: Any])["name"] as! String
        let home = Repo.temporaryDirectory("consult-from")
        defer { try? FileManager.default.removeItem(at: home) }
        let exported = home.appendingPathComponent("plan.json").path
        let shell = try consult(["shell", "--from", Self.fixture(name + ".xlsx"), "--row", merchant, "--lang", "zh", "--no-store"],
                                stdin: ".export json \(exported)\n.quit\n", environment: ["HOME": home.path])
        #expect(shell.stdout.contains("已从 \(name).xlsx 第"), "\(shell.stdout)\(shell.stderr)")
        let fromShell = Self.json(try String(contentsOfFile: exported, encoding: .utf8))
        #expect(NSDictionary(dictionary: fromShell["facts"] as! [String: Any]).isEqual(to: plan["facts"] as! [String: Any]), "\(file)")
        // The rest of the interview is still to come, so the shell's plan says it is preliminary.
        let interview = try #require(fromShell["interview"] as? [String: Int])
        #expect(interview["answered"]! < interview["total"]!, "\(interview)")
        let provenance = fromShell["provenance"] as! [String: String]
        #expect(!provenance.isEmpty && provenance.values.allSatisfy { $0 == "data" }, "\(provenance)")
    }

    /// `.load FILE ROW` in a running interview fills what the row has and `.review` says where from;
    /// a file of several merchants without a row lists them.
    @Test func loadInTheShellFillsFromARowAndReviewShowsTheOrigin() throws {
        let home = Repo.temporaryDirectory("consult-load")
        defer { try? FileManager.default.removeItem(at: home) }
        let file = Self.fixture("kuaishou_sytong.xlsx")
        let shell = try consult(["shell", "--lang", "zh", "--no-store"],
                                stdin: "海宁皮草\n.load \(file)\n.load \(file) 海宁皮草\n.review\n.quit\n", environment: ["HOME": home.path])
        #expect(shell.stderr.contains("有 4 个商家，用 --row 行号或名称选一个"), "\(shell.stderr)")
        #expect(shell.stdout.contains("已从 kuaishou_sytong.xlsx 第3行 填入 6 个答案"), "\(shell.stdout)")
        let review = shell.stdout.split(separator: "\n").first { $0.contains("return_rate") } ?? ""
        #expect(review.contains("28.6% · 后台数据 · kuaishou_sy"), "\(review)")  // the origin, cut to 80 columns on a pipe
    }

    /// A 千川 plan report has a row per ad plan: refused whole with the report to export instead,
    /// never read as one merchant per plan.
    @Test func aPlanReportIsRefusedWithTheAccountReportToUse() throws {
        let out = Repo.temporaryDirectory("consult-export-plan")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try consult(["batch", Self.fixture("qianchuan_plan.xlsx"), "--out", out.path, "--lang", "zh"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("千川计划报表") && result.stderr.contains("账户报表"), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("1 个商家：0 个已出方案"), "\(result.stdout)")
    }

    /// A GBK or UTF-16 CSV pre-fills an interview with the same numbers as the UTF-8 one plans with.
    @Test(arguments: ["compass_service.gbk.csv", "compass_service.utf16.csv"])
    func fromAnEncodedCSVReadsTheSameNumbers(_ file: String) throws {
        let plan = Self.json(try Self.plans(Self.fixture("compass_service.csv")).plans.first { $0.key.contains("卡丹路") }!.value)
        let home = Repo.temporaryDirectory("consult-from-csv")
        defer { try? FileManager.default.removeItem(at: home) }
        let exported = home.appendingPathComponent("plan.json").path
        let shell = try consult(["shell", "--from", Self.fixture(file), "--row", "卡丹路", "--lang", "zh", "--no-store"],
                                stdin: ".export json \(exported)\n.quit\n", environment: ["HOME": home.path])
        #expect(shell.stdout.contains("已从 \(file) 第2行"), "\(shell.stdout)\(shell.stderr)")
        let fromShell = Self.json(try String(contentsOfFile: exported, encoding: .utf8))
        #expect(NSDictionary(dictionary: fromShell["facts"] as! [String: Any]).isEqual(to: plan["facts"] as! [String: Any]))
    }

    @Test func docsListEveryExportHeader() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/exports.md"), encoding: .utf8)
        for export in DashboardHeaders.exports {
            #expect(doc.contains("## " + export.title), "docs/exports.md lacks \(export.title)")
            for column in export.columns {
                let meaning: String
                switch column.meaning {
                case .fact(let fact): meaning = "`\(fact)`"
                case .merchantName: meaning = "商家名称"
                case .merchantID: meaning = "商家 ID"
                case .date: meaning = "日期"
                case .ignore: meaning = "不读"
                case .perPlan: meaning = "每行一个计划"
                }
                #expect(doc.contains("| \(column.header) | \(meaning)"), "docs/exports.md: \(column.header) should read \(meaning)")
            }
        }
    }
}
