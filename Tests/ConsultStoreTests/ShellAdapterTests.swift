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
        #expect(throws: StoreError.self) { try adapter.open(SessionID(99), takeOver: false) }
        #expect(adapter.session != first && adapter.session != nil)
        let opened = try adapter.open(first, takeOver: false)
        #expect(opened.merchant.name == "A" && adapter.session == first)
        try adapter.record(.answered(fact: "store_rating", raw: "4.4", value: .number(Number("4.4")!), source: .said))
        #expect(try store.session(first).answers.map(\.raw) == ["4.4"])
        #expect(try adapter.unfinished().map(\.id).contains(first))
    }

    /// One writer per consultation: a second holder (another window, here a process on another
    /// host) is not offered a held consultation, may not open it without taking it over, and the
    /// holder that lost it can neither write to it nor end it. A lease left by a process that is
    /// gone is free.
    @Test func aLeaseKeepsOneWriterPerConsultation() throws {
        let path = freshDatabase("consult-lease")
        let mine = SQLiteConsultationStore(store: try SessionStore.open(path: path), language: .zh)
        try mine.record(.started(MerchantInfo(name: "卡丹路"), .zh))
        let held = try #require(mine.session)
        let elsewhere = LeaseHolder(pid: getpid(), host: "laptop-of-another-consultant")
        let other = SQLiteConsultationStore(store: try SessionStore.open(path: path, holder: elsewhere), language: .zh)
        #expect(try other.unfinished().isEmpty, "offered a consultation open elsewhere")
        #expect(try mine.unfinished().map(\.id) == [held])
        do {
            _ = try other.open(held, takeOver: false)
            Issue.record("opened a consultation held elsewhere")
        } catch let error as StoreError {
            guard case .heldElsewhere(let id, let lease) = error.problem else { throw error }
            #expect(id == held && lease.holder == .current)
        }
        _ = try other.open(held, takeOver: true)
        try other.record(.answered(fact: "platform", raw: "抖音", value: .string("douyin"), source: .said))
        #expect(throws: StoreError.self) {
            try mine.record(.answered(fact: "platform", raw: "快手", value: .string("kuaishou"), source: .said))
        }
        #expect(throws: StoreError.self) { try mine.record(.finished) }
        let store = try SessionStore.open(path: path)
        #expect(try store.session(held).answers.map(\.raw) == ["抖音"])
        #expect(try store.unfinishedSessions().map(\.id) == [held])
        // A holder that is gone (no such process here) leaves the consultation free.
        let gone = try SessionStore.open(path: path, holder: LeaseHolder(pid: Int32.max - 1, host: LeaseHolder.current.host))
        #expect(try gone.take(held, force: true) == nil)
        #expect(try store.liveLeases()[held] == nil)
        #expect(try mine.unfinished().map(\.id) == [held])
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
