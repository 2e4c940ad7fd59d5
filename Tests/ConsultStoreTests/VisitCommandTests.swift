import ConsultPlaybook
import ConsultStore
import Foundation
import Testing
import TestSupport

/// The store commands end to end: the real binary on the example visits of 卡丹路.
struct VisitCommandTests {
    static let visits = ["examples/visits/kadanlu_1_2026-11-20.yaml", "examples/visits/kadanlu_2_2026-12-22.yaml"]

    /// A fresh database holding both example visits (consultations 1 and 2).
    func importedVisits(language: String = "en") throws -> String {
        let db = freshDatabase("consult-visits")
        let r = try consultDB(db, ["import", "--lang", language] + Self.visits)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 2 && r.stdout.contains(" 2 (卡丹路, 2026-12-22)"))
        return db
    }

    @Test func diffShowsResolvedAndPersistingFindingsAndKPIMovement() throws {
        let db = try importedVisits()
        let r = try consultDB(db, ["diff", "2", "1", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.contains("before: 2026-11-20 · 李顾问 · consultation 1"))
        #expect(out.contains("32 days apart"))
        let resolved = try #require(section("Resolved", in: out)), persisting = try #require(section("Persisting", in: out))
        let new = try #require(section("New", in: out))
        #expect(resolved.contains("[critical] SV-01 Store score at or below 4.4"))
        #expect(resolved.contains("SV-08") && resolved.contains("SV-05") && !resolved.contains("SV-03"))
        #expect(persisting.contains("[high] SV-03") && persisting.contains("SV-06"))
        #expect(new.contains("SV-02 Store score under the 4.6 line"))
        let rating = try #require(out.split(separator: "\n").first { $0.contains("Store score (points)") && $0.contains("→") == false && $0.contains("4.58") })
        #expect(rating.contains("4.4") && rating.contains("+0.18") && rating.contains(">= 4.5 ✓") && rating.contains(">= 4.6 ✗"))
        let returns = try #require(out.split(separator: "\n").first { $0.contains("Return/refund rate") && $0.contains("46%") })
        #expect(returns.contains("39%") && returns.contains("-7 pp") && returns.contains("<= 41% ✓"))
        #expect(out.contains("Actions whose KPI was met (9 / 12)"))
        #expect(out.contains("Store score (points) >= 4.5: 4.58"))
    }

    @Test func historyListsEachVisit() throws {
        let db = try importedVisits()
        let r = try consultDB(db, ["history", "卡丹", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("卡丹路: 2 visits"))
        #expect(r.stdout.contains("1. 2026-11-20 · 李顾问 · consultation 1"))
        #expect(r.stdout.contains("stage: growth · type: mid-tier merchant"))
        #expect(r.stdout.contains("critical/high findings (11)") && r.stdout.contains("critical/high findings (6)"))
        let rating = try #require(r.stdout.split(separator: "\n").first { $0.contains("Store score (points)") })
        #expect(rating.contains("4.4") && rating.contains("4.58"))
    }

    /// A provider's view: one consultant's consultations, and the listing as JSON for other programs.
    @Test func sessionsByConsultantAndAsJSON() throws {
        let db = try importedVisits()
        let json = try consultDB(db, ["sessions", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? Int } == [1, 2])
        #expect(rows.allSatisfy { $0["merchant"] as? String == "卡丹路" && $0["finished"] as? Bool == true })
        let consultant = try #require(rows.first?["consultant"] as? String)
        let mine = try consultDB(db, ["sessions", "--consultant", String(consultant.prefix(1)), "--lang", "en"])
        #expect(mine.stdout.split(separator: "\n").count == 3, "\(mine.stdout)")
        let nobody = try consultDB(db, ["sessions", "--consultant", "nobody", "--lang", "en"])
        #expect(nobody.stdout.isEmpty && nobody.stderr.contains("no consultations of a consultant matching 'nobody'"))
        let none = try consultDB(db, ["sessions", "--consultant", "nobody", "--format", "json"])
        let empty = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any]
        #expect(empty?.isEmpty == true, "an empty listing is an empty array for a program: \(none.stdout)")
    }

    @Test func sessionsAndShow() throws {
        let db = try importedVisits()
        let list = try consultDB(db, ["sessions", "--merchant", "卡丹", "--lang", "en"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 3)
        #expect(list.stdout.contains("2026-12-22") && list.stdout.contains("finished"))
        let show = try consultDB(db, ["show", "2", "--lang", "en"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Consultation 2 · 卡丹路 · 2026-12-22 · 李顾问"))
        #expect(show.stdout.contains("86万") && show.stdout.contains("estimate"))
        let none = try consultDB(db, ["show", "7"])
        #expect(none.status == 1 && none.stderr.contains("there is no consultation 7"))
    }

    /// An imported visit: `consult answers` → `consult run` gives the saved plan, byte for byte.
    @Test func exportedAnswersReproduceTheStoredPlan() throws {
        let db = try importedVisits(language: "zh")
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        for session in ["1", "2"] {
            let answers = dir.appendingPathComponent("answers-\(session).yaml").path
            let written = try consultDB(db, ["answers", session, "--output", answers])
            #expect(written.status == 0, "\(written.stderr)")
            let text = try String(contentsOfFile: answers, encoding: .utf8)
            #expect(text.contains("--lang zh"))
            let saved = try consultDB(db, ["export", session, "--format", "json", "--saved"])
            let rerun = try consult(["run", "--answers", answers, "--format", "json", "--lang", "zh"])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(!saved.stdout.isEmpty && rerun.stdout == saved.stdout)
            let original = try consult(["run", "--answers", Self.visits[Int(session)! - 1], "--format", "json", "--lang", "zh"])
            #expect(original.stdout == saved.stdout)
        }
    }

    /// A consultation as the shell records it, answer by answer in shorthand with provenance,
    /// plan saved from `consult export`: its answers file gives that plan again, byte for byte.
    @Test func answersTypedInShorthandReproduceThePlan() throws {
        let db = freshDatabase("consult-typed")
        let store = try SessionStore.open(path: db)
        let id = try store.startConsultation(merchant: MerchantInfo(name: "白沟 \"箱包\" 档口", consultant: "示例顾问", date: "2026-11-20"), language: .en)
        let typed: [(String, String, Provenance)] = [
            ("platform", "抖音", .said), ("category", "footwear_bags", .said), ("belt_stage", "stable_growth", .said),
            ("monthly_gmv", "１２万", .data), ("target_monthly_gmv", "40w", .said), ("target_months", "2", .said),
            ("store_rating", "4.50", .data), ("conversion_rate", "1.2%", .estimate), ("avg_stay_seconds", "28", .estimate),
            ("engagement_tools", "只用福袋", .said), ("monthly_ad_spend", "20,000", .data), ("ad_roi", "1.6", .estimate),
            ("gross_margin_pct", "40", .said), ("pre_ship_qc", "没有", .said), ("repurchase_rate", "不清楚", .said),
            ("has_fulltime_anchor", "y", .said),
        ]
        for (fact, raw, provenance) in typed {
            try store.recordAnswer(id, fact: fact, raw: raw, value: nil, provenance: provenance)
        }
        try store.forget(id, fact: "has_fulltime_anchor")
        let plan = try consultDB(db, ["export", "\(id)", "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        try store.savePlan(id, PlanRecord(json: plan.stdout, language: .en, playbookVersions: [:], consultVersion: "0.1.0"))
        let answers = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("typed.yaml").path
        #expect(try consultDB(db, ["answers", "\(id)", "--output", answers]).status == 0)
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        #expect(text.contains("monthly_gmv: \"１２万\"") && text.contains("ad_roi: estimate") && !text.contains("has_fulltime_anchor"))
        let rerun = try consult(["run", "--answers", answers, "--format", "json", "--lang", "en"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout == plan.stdout)
        #expect(plan.stdout.contains("\"name\": \"白沟 \\\"箱包\\\" 档口\""))
    }

    @Test func diffRefusesVisitsOfTwoMerchants() throws {
        let db = try importedVisits()
        #expect(try consultDB(db, ["import", "examples/bag_stall.yaml"]).status == 0)
        let r = try consultDB(db, ["diff", "1", "3"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("different merchants"))
    }

    @Test func anInvalidAnswersFileStoresNothing() throws {
        let db = try importedVisits()
        let bad = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("bad.yaml").path
        try "merchant: X\nanswers:\n  store_rating: lots\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try consultDB(db, ["import", Self.visits[0], bad])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nothing was stored"))
        #expect(try SessionStore.open(path: db, create: false).sessions().count == 2)
    }

    /// The lines under a heading of the diff, up to the next blank line.
    func section(_ title: String, in text: String) -> String? {
        guard let start = text.range(of: "\n\(title) (") else { return nil }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
    }
}
