import ConsultExpression
import ConsultPlaybook
@testable import ConsultStore
import Foundation
import Testing

/// The store's API as the shell will use it, on a fresh temporary database each.
struct SessionStoreTests {
    let store: SessionStore

    init() throws {
        store = try SessionStore.open(path: freshDatabase(), clock: fixedClock)
    }

    @Test func keepsEveryAnswerAsTypedWithItsSourceAndTime() throws {
        let id = try store.startConsultation(merchant: MerchantInfo(name: "卡丹路", consultant: "李顾问", date: "2026-11-20"), language: .zh)
        try store.recordAnswer(id, fact: "monthly_gmv", raw: "80万", value: "800000", provenance: .data)
        try store.recordAnswer(id, fact: "store_rating", raw: "4.5", value: "4.5", provenance: .said)
        try store.recordAnswer(id, fact: "store_rating", raw: "4.4", value: "4.4", provenance: .data)
        try store.recordAnswer(id, fact: "return_rate", raw: "46%", value: "46", provenance: .estimate)
        try store.forget(id, fact: "return_rate")
        let session = try store.session(id)
        #expect(session.answers.map(\.fact) == ["monthly_gmv", "store_rating"])
        #expect(session.answers.map(\.raw) == ["80万", "4.4"])
        #expect(session.answers.map(\.provenance) == [.data, .data])
        #expect(session.answers.first?.recordedAt == "2026-11-18T11:06:40.000Z")
        #expect(session.log.count == 5)
        #expect(session.summary.answerCount == 2)
    }

    @Test func offersUnfinishedConsultationsMostRecentFirst() throws {
        let a = try store.startConsultation(merchant: MerchantInfo(name: "A"), language: .en)
        let b = try store.startConsultation(merchant: MerchantInfo(name: "B"), language: .en)
        let c = try store.startConsultation(merchant: MerchantInfo(name: "C"), language: .en)
        try store.markFinished(b)
        #expect(try store.unfinishedSessions().map(\.id) == [c, a])
        try store.markUnfinished(b)
        #expect(try store.unfinishedSessions().map(\.id).contains(b))
    }

    @Test func renamingTheMerchantMovesTheVisit() throws {
        let id = try store.startConsultation(merchant: MerchantInfo(name: "卡丹"), language: .zh)
        try store.updateMerchant(id, to: MerchantInfo(name: "卡丹路", consultant: "李顾问", date: "2026-11-20"))
        #expect(try store.visits(merchant: "卡丹路").map(\.id) == [id])
        #expect(try store.sessions(merchant: "丹").count == 1)
        #expect(try store.merchantNames() == ["卡丹", "卡丹路"])
    }

    @Test func keepsNotesExportsAndEveryPlan() throws {
        let id = try store.startConsultation(merchant: MerchantInfo(name: "A"), language: .en)
        try store.note(id, "owner wants to double GMV by 818")
        try store.recordExport(id, format: "md", path: "/tmp/plan.md")
        try store.savePlan(id, PlanRecord(json: "{\"a\":1}", language: .en, playbookVersions: ["x": 2, "a": 1], consultVersion: "0.1.0"))
        try store.savePlan(id, PlanRecord(json: "{\"a\":2}", language: .zh, playbookVersions: [:], consultVersion: "0.1.0", only: ["after_sales", "user_ops"]))
        let session = try store.session(id)
        #expect(session.notes.map(\.text) == ["owner wants to double GMV by 818"])
        #expect(session.exports.map(\.path) == ["/tmp/plan.md"])
        #expect(session.plans.map(\.json) == ["{\"a\":1}", "{\"a\":2}"])
        #expect(session.plans.first?.playbookVersions == ["a": 1, "x": 2])
        #expect(session.latestPlan?.only == ["after_sales", "user_ops"])
        #expect(session.latestPlan?.language == .zh)
    }

    /// The error names the operation, the file and the SQL, but nothing the client said.
    @Test func errorsNeverCarryTheClientsAnswers() throws {
        let secret = "秘密营业额-987654321"
        let error = try #require(throws: StoreError.self) {
            try store.recordAnswer(SessionID(999), fact: "monthly_gmv", raw: secret, value: "987654321", provenance: .said)
        }
        let message = error.description
        #expect(message.contains("cannot record an answer"))
        #expect(message.contains(store.path))
        #expect(message.contains("INSERT INTO answer"))
        #expect(message.contains("FOREIGN KEY"))
        #expect(!message.contains(secret) && !message.contains("987654321"))
        let missing = try #require(throws: StoreError.self) { try store.session(SessionID(999)) }
        #expect(missing.problem == .noSuchSession(SessionID(999)))
    }

    /// The file holds clients' figures: only its owner may read it.
    @Test func theDatabaseFileIsPrivate() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func anImportIsStoredWholeOrNotAtAll() throws {
        let answers = [AnswerInput(fact: "store_rating", raw: "4.4", value: "4.4"),
                       AnswerInput(fact: "monthly_gmv", raw: "80万", value: "800000", provenance: .estimate)]
        let plan = PlanRecord(json: "{}", language: .zh, playbookVersions: ["intake": 1], consultVersion: "0.1.0")
        let id = try store.importVisit(merchant: MerchantInfo(name: "卡丹路", date: "2026-11-20"), language: .zh, answers: answers, plan: plan)
        let session = try store.session(id)
        #expect(session.summary.isFinished)
        #expect(session.answers.count == 2)
        #expect(session.plans.count == 1)
    }
}

/// Pure parts: the answer log, values as JSON, the default path, timestamps.
struct StorePureTests {
    func event(_ fact: String, _ raw: String?, _ p: Provenance = .said) -> AnswerEvent {
        AnswerEvent(fact: fact, raw: raw, value: nil, provenance: p, recordedAt: "t")
    }

    @Test func theLatestEventOfAFactIsItsAnswer() {
        let log = [event("a", "1"), event("b", "2"), event("a", "3", .data), event("c", "4"), event("b", nil), event("b", "5")]
        let current = AnswerLog.current(log)
        #expect(current.map(\.fact) == ["a", "c", "b"])
        #expect(current.map(\.raw) == ["3", "4", "5"])
        #expect(current.first?.provenance == .data)
    }

    @Test(arguments: [
        (Value.number(Number("4.4")!), "4.4"), (.bool(true), "true"), (.string("douyin"), "\"douyin\""),
        (.string("说\"好\"\n"), "\"说\\\"好\\\"\\n\""), (.list([.number(1), .unknown]), "[1,null]"),
    ])
    func valuesAreStoredAsJSON(value: Value, json: String) {
        #expect(ValueJSON.text(value) == json)
        #expect(ValueJSON.text(.unknown) == nil)
    }

    @Test(arguments: [
        (["XDG_DATA_HOME": "/data/", "HOME": "/home/li"], "/data/consult/consult.sqlite"),
        (["XDG_DATA_HOME": "relative", "HOME": "/home/li"], "/home/li/.local/share/consult/consult.sqlite"),
        (["HOME": "/home/li"], "/home/li/.local/share/consult/consult.sqlite"),
    ])
    func theDefaultDatabaseFollowsXDG(environment: [String: String], path: String) {
        #expect(StorePath.defaultPath(environment: environment) == path)
    }

    @Test func noHomeNoDefault() {
        #expect(StorePath.defaultPath(environment: [:]) == nil)
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(Timestamp.text(Date(timeIntervalSince1970: 1_795_000_000.1234)) == "2026-11-18T11:06:40.123Z")
    }

    @Test func sessionNumbersParse() {
        #expect(SessionID("12") == SessionID(12))
        #expect(SessionID("#12") == SessionID(12))
        #expect(SessionID("0") == nil && SessionID("x") == nil)
    }
}

/// Reading stored plans back for history and diff.
struct PlanSummaryTests {
    @Test func scalarsKeepTheirTypeAndExactDigits() throws {
        let plan = try PlanSummary.decode("""
            {"lang": "en", "derived": {"a": true, "b": 1, "c": 4.58, "d": "growth", "e": null, "f": [1]},
             "findings": [], "actions": [], "kpis": [{"metric": "store_rating", "label": "Store score", "baseline": 4.4,
             "d30": {"op": ">=", "value": 4.5}, "d60": null, "d90": {"op": ">=", "value": 4.6}}]}
            """)
        #expect(plan.derived["a"] == .bool(true))
        #expect(plan.derived["b"] == .number(1))
        #expect(plan.derived["c"] == .number(Number("4.58")!))
        #expect(plan.derived["d"] == .string("growth") && plan.derived["e"] == .null && plan.derived["f"] == .other)
        #expect(plan.kpis.first?.d30?.value.number == Number("4.5")!)
        #expect(plan.kpis.first?.d60 == nil)
    }

    @Test(arguments: [(nil, "d30"), (10, "d30"), (32, "d30"), (60, "d60"), (89, "d60"), (90, "d90"), (400, "d90")] as [(Int?, String)])
    func targetsFallDueByTheTimeBetweenVisits(days: Int?, horizon: String) {
        #expect(VisitDiff.horizon(afterDays: days) == horizon)
    }

    @Test func actionTargetsParse() {
        #expect(VisitDiff.target(">= 4.6").map { "\($0.0.rawValue) \($0.1)" } == ">= 4.6")
        #expect(VisitDiff.target("< 1").map { "\($0.0.rawValue) \($0.1)" } == "< 1")
        #expect(VisitDiff.target("about 4") == nil)
    }

    @Test func daysBetweenVisits() {
        #expect(DayCount.between("2026-11-20", "2026-12-22") == 32)
        #expect(DayCount.between("2024-02-28", "2024-03-01") == 2)
        #expect(DayCount.between("2026-11-20", "soon") == nil)
    }
}
