import ConsultStore
import Foundation
import TestSupport
import Testing

/// Issue 14, "the visit, not just the interview": a follow-up visit starts from the merchant's
/// last one in the database. Each question offers the last answer (Enter keeps it), and the plan
/// opens with what moved: findings resolved, persisting and new, and the last plan's KPIs
/// against the targets now due. Driven through the real binary, over a pipe and a terminal.
@Suite struct FollowUpTests {
    typealias Key = PtyProcess.Key

    final class Place {
        let directory = Repo.temporaryDirectory("consult-followup")
        var db: String { file("consult.sqlite") }
        func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func shell(_ lines: [String], _ extra: [String] = []) throws -> RunResult {
            try consult(["shell", "--lang", "zh", "--db", db, "--playbooks", Repo.path("playbooks")] + extra,
                        stdin: lines.joined(separator: "\n") + "\n",
                        environment: ["XDG_STATE_HOME": file("state")], directory: directory.path)
        }

        func store() throws -> SessionStore { try SessionStore.open(path: db, create: false) }

        /// The first visit: the whole cold-start interview, ended.
        func firstVisit() throws {
            let result = try shell(["小芽童装档口"] + Fixtures.coldStart + [".quit"])
            #expect(result.status == 0, "\(result.stderr)")
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    /// The day `days` after today, local time (the shell dates a visit in local time).
    static func day(after days: Int) -> String {
        let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: days, to: Date())!
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func aFollowUpKeepsWhatDidNotChangeAndThePlanOpensWithWhatMoved() throws {
        let place = Place()
        try place.firstVisit()
        // 35 days later: the stay went up to 45 s, the store score fell to 4.2; nothing else changed.
        let second = try place.shell([".set date \(Self.day(after: 35))", "avg_stay_seconds=45", "store_rating=4.2"]
            + Array(repeating: "", count: 60) + [".export md plan.md", ".export json plan.json", ".export html plan.html", ".quit"],
            ["--follow-up", "小芽"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("回访 小芽童装档口：上次拜访是 \(Self.day(after: 0))（咨询 #1"), "\(second.stdout.prefix(600))")

        let store = try place.store()
        let before = Dictionary(uniqueKeysWithValues: try store.session(SessionID(1)).answers.map { ($0.fact, $0.raw) })
        let after = Dictionary(uniqueKeysWithValues: try store.session(SessionID(2)).answers.map { ($0.fact, $0.raw) })
        #expect(try store.session(SessionID(2)).merchant.name == "小芽童装档口")
        var expected = before
        expected["avg_stay_seconds"] = "45"
        expected["store_rating"] = "4.2"
        #expect(after == expected, "Enter kept every answer that did not change")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: place.file("plan.json")))) as? [String: Any])
        let since = try #require(json["since_last_visit"] as? [String: Any])
        #expect(since["days"] as? Int == 35 && since["due_day"] as? Int == 30)
        let resolved = since["resolved"] as? [String] ?? [], new = since["new"] as? [String] ?? []
        #expect(resolved.contains { $0.contains("平均停留不到30秒") }, "\(resolved)")
        #expect(new.contains { $0.contains("店铺体验分") }, "\(new)")
        #expect(!(since["persisting"] as? [String] ?? []).isEmpty)
        let kpis = since["kpis"] as? [[String: Any]] ?? []
        let stay = try #require(kpis.first { ($0["label"] as? String)?.contains("停留") == true })
        #expect(stay["before"] as? String == "25" && stay["now"] as? String == "45" && stay["met"] as? Bool == true, "\(stay)")

        let markdown = try String(contentsOfFile: place.file("plan.md"), encoding: .utf8)
        let opening = try #require(markdown.range(of: "### 自上次拜访以来"))
        #expect(opening.lowerBound < markdown.range(of: "### 现状定位")!.lowerBound, "the plan opens with what moved")
        #expect(markdown.contains("上次拜访 \(Self.day(after: 0))（相隔 35 天），按上次方案的30天目标对照：已解决 \(resolved.count) 项"))
        #expect(markdown.contains("| 人均停留时长（秒） | 25 | 45 | ≥ 32.5 | 达成 |"), "\(markdown.prefix(1500))")

        // The HTML draws it: last visit → now → target, a panel per KPI with a text description.
        let html = try String(contentsOfFile: place.file("plan.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("id=\"chart-since-2-desc\">上次 25, 现在 45, 到期目标 32.5</desc>"), "\(html.count)")

        // `consult export` of the stored follow-up opens the same way.
        let exported = try consult(["export", "2", "--format", "md", "--lang", "zh", "--db", place.db, "--playbooks", Repo.path("playbooks")])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("### 自上次拜访以来") && exported.stdout.contains("（相隔 35 天）"), "\(exported.stdout.prefix(800))")

        // Taken up again later, it is still a follow-up: `.followup` says what moved.
        let reopened = try place.shell([".followup", ".quit"], ["--resume", "2"])
        #expect(reopened.stdout.contains("自上次拜访以来") && reopened.stdout.contains("已解决 \(resolved.count) 项"), "\(reopened.stdout)")
    }

    @Test func aFirstVisitHasNothingToCompareAndAnUnknownMerchantIsRefused() throws {
        let place = Place()
        try place.firstVisit()
        let json = try consult(["export", "1", "--format", "json", "--db", place.db, "--playbooks", Repo.path("playbooks")])
        #expect(json.status == 0 && !json.stdout.contains("since_last_visit"), "\(json.stderr)")
        let unknown = try place.shell([".quit"], ["--follow-up", "卡丹路"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("数据库里没有“卡丹路”的拜访记录"), "\(unknown.stderr)")
        let notYet = try place.shell(["卡丹路", ".followup", ".quit"])
        #expect(notYet.stderr.contains("更早的拜访，这是第一次拜访"), "\(notYet.stderr)")
    }

    /// At a terminal the last answer is on screen under each question and Enter keeps it.
    @Test func theLastAnswerIsShownAndEnterKeepsIt() throws {
        let place = Place()
        try place.firstVisit()
        let home = place.directory.appendingPathComponent("home")
        let shell = try PtyProcess(Repo.binary, Fixtures.shellArguments + ["--db", place.db, "--follow-up", "小芽童装档口"],
                                   environment: Fixtures.environment(state: home))
        try shell.expect("回访 小芽童装档口：上次拜访是")
        try shell.expect("上次：抖音（回车沿用）")
        try shell.expect("[1/54 基本情况与团队]> ")
        try shell.send(Key.enter)
        try shell.expect("上次：童装童鞋/母婴（回车沿用）")
        try shell.expect("[2/54 ")
        try shell.send(".followup" + Key.enter)
        try shell.expect("自上次拜访以来")
        try shell.expect("仍存在")
        try shell.send(".quit" + Key.enter)
        #expect(try shell.waitExit() == 0)
        let stored = try place.store().session(SessionID(2))
        #expect(stored.answers.first { $0.fact == "platform" }?.raw == "抖音")
    }
}
