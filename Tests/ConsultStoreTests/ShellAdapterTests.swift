import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultShell
import ConsultStore
import Foundation
import Testing
import TestSupport

/// The shell's events through `SQLiteConsultationStore`, read back as a resumed shell would.
struct ShellAdapterTests {
    static let program: Program = {
        let dir = Repo.path("playbooks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let sources = names.map { PlaybookSource(name: $0, text: (try? String(contentsOfFile: dir + "/" + $0, encoding: .utf8)) ?? "") }
        return PlaybookLoader.load(sources).program!
    }()

    @Test func everyEventIsStoredAndTheConsultationCanBeResumed() throws {
        let store = try SessionStore.open(path: freshDatabase("consult-adapter"))
        let adapter = SQLiteConsultationStore(store: store, language: .zh)
        try adapter.record(.started(MerchantInfo(name: "卡丹路", consultant: "李顾问", date: "2026-11-20"), .zh))
        try adapter.record(.answered(fact: "monthly_gmv", raw: "80万", value: .number(800_000), source: .said))
        try adapter.record(.answered(fact: "repurchase_rate", raw: "18%", value: .number(18), source: .estimate))
        try adapter.record(.answered(fact: "pre_ship_qc", raw: "没有", value: .bool(false), source: .estimate))
        try adapter.record(.forgotten(fact: "pre_ship_qc"))
        try adapter.record(.noted("老板想冲 818"))
        try adapter.record(.exported(format: "md", path: "/tmp/plan.md"))
        let id = try #require(adapter.session)
        #expect(try store.unfinishedSessions().map(\.id) == [id])

        // A new shell resumes: the answers come back as `consult run` would read them.
        let session = try store.session(id)
        #expect(session.answers.map(\.value) == ["800000", "18"])
        let (answers, dropped) = AnswerLog.answers(session.answers, program: Self.program)
        #expect(dropped.isEmpty)
        #expect(answers.raw == ["monthly_gmv": "80万", "repurchase_rate": "18%"])
        #expect(answers.provenance == ["repurchase_rate": .estimate])
        #expect(session.notes.map(\.text) == ["老板想冲 818"])

        let resumed = SQLiteConsultationStore(store: store, language: .zh, resuming: id)
        try resumed.record(.answered(fact: "store_rating", raw: "4.4", value: .number(Number("4.4")!), source: .data))
        let engine = Engine(program: Self.program)
        let plan = Planner(engine: engine).plan(engine.diagnose(answers), merchant: session.merchant, language: .zh)
        try resumed.record(.planSaved(PlanRecord(plan)))
        try resumed.record(.finished)
        let finished = try store.session(id)
        #expect(finished.answers.count == 3 && finished.plans.count == 1 && finished.summary.isFinished)
        #expect(finished.latestPlan?.playbookVersions["after_sales"] == 2)
        #expect(finished.answers.last?.value == "4.4" && finished.answers.last?.provenance == .data)
    }

    /// `.open`: an ended consultation is reopened (offered for resuming again) and written to;
    /// an unknown number changes nothing.
    @Test func openingReopensAndSwitchesTheConsultationWrittenTo() throws {
        let store = try SessionStore.open(path: freshDatabase("consult-adapter"))
        let first = try store.startConsultation(merchant: MerchantInfo(name: "A"), language: .zh)
        try store.markFinished(first)
        let adapter = SQLiteConsultationStore(store: store, language: .zh)
        try adapter.record(.started(MerchantInfo(name: "B"), .zh))
        #expect(throws: StoreError.self) { try adapter.open(SessionID(99)) }
        #expect(adapter.session != first && adapter.session != nil)
        let opened = try adapter.open(first)
        #expect(opened.merchant.name == "A" && adapter.session == first)
        try adapter.record(.answered(fact: "store_rating", raw: "4.4", value: .number(Number("4.4")!), source: .said))
        #expect(try store.session(first).answers.map(\.raw) == ["4.4"])
        #expect(try adapter.unfinished().map(\.id).contains(first))
    }

    @Test func anAnswerBeforeTheMerchantIsNamedIsNotLost() throws {
        let store = try SessionStore.open(path: freshDatabase("consult-adapter"))
        let adapter = SQLiteConsultationStore(store: store, language: .en)
        try adapter.record(.answered(fact: "store_rating", raw: "4.4", value: .number(Number("4.4")!), source: .said))
        try adapter.record(.merchantChanged(MerchantInfo(name: "卡丹路")))
        let session = try store.session(try #require(adapter.session))
        #expect(session.merchant.name == "卡丹路" && session.answers.count == 1)
    }
}
