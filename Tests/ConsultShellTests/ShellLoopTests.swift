import ConsultEngine
import ConsultExpression
import ConsultPlaybook
@testable import ConsultShell
import ConsultStore
import Foundation
import TestSupport
import Testing

/// The input loop in-process, over scripted lines: the interview's order and follow-ups, going
/// back, refused answers, the store seam, `.whatif` leaving the consultation alone.
@Suite struct ShellLoopTests {
    struct Session {
        var status: Int32
        var output: String
        var consultation: Consultation
        var store: MemoryConsultationStore
        var shell: Shell
    }

    func run(_ lines: [String], bail: Bool = false) -> Session {
        let store = MemoryConsultationStore()
        let console = Console(terminal: Terminal(interactive: false, color: false, width: 80), capture: true)
        let options = ShellOptions(language: .zh, consultVersion: "test", bail: bail, date: "2026-11-20")
        let shell = Shell(reader: ScriptedLineReader(lines), console: console, program: PendingProgram(Fixtures.program),
                          options: options, store: store, loader: { .success(Fixtures.program) })
        let status = shell.run()
        return Session(status: status, output: console.captured ?? "", consultation: shell.consultation, store: store, shell: shell)
    }

    /// Every answer form of domain brief §2.2, typed as a consultant would, read as meant.
    @Test func aWholeConsultationReadsEveryAnswerForm() throws {
        let session = run(["小芽童装档口"] + Fixtures.coldStart)
        #expect(session.status == 0)
        #expect(session.shell.currentQuestion == nil)
        let answers = session.consultation.answers
        #expect(answers.raw.count == 54)
        #expect(answers["platform"] == .string("douyin"))                 // Chinese label
        #expect(answers["merchant_origin"] == .string("wholesale_stall")) // label with a slash
        #expect(answers["monthly_gmv"] == .number(35_000))                // 3.5万
        #expect(answers["sell_through_rate"] == .number(45))              // 45%
        #expect(answers["has_fulltime_anchor"] == .bool(false))           // 没有
        #expect(answers["product_testing"] == .bool(false))               // no
        #expect(!answers["repurchase_rate"].isKnown)                      // 不清楚
        #expect(answers.raw["repurchase_rate"] == "不清楚")
        #expect(session.output.contains("访谈完成：适用的 54 题都已回答，已知 53 题、1 题“不清楚”（数据完整度 53/54）"))
    }

    @Test func followUpsOnlyWhenAskIfHolds() {
        let upToSpend = ["店"] + Array(Fixtures.coldStart.prefix(42))
        let none = run(upToSpend + ["0"])
        #expect(none.shell.currentQuestion?.id == "repurchase_rate")
        let some = run(upToSpend + ["5万"])
        #expect(some.shell.currentQuestion?.id == "ad_roi")
        #expect(some.consultation.interview.progress(of: Fixtures.program.question("ad_roi")!, some.consultation.answers, .zh) == "[44/62 流量投放]")
    }

    @Test func backChangesThePreviousAnswerAndTheInterviewResumes() {
        let session = run(["店", "抖音", "apparel", ".back", "kids_mother_baby"])
        #expect(session.consultation.answers["category"] == .string("kids_mother_baby"))
        #expect(session.shell.currentQuestion?.id == "industrial_belt")
    }

    @Test func gotoAnswersThenResumesWhereItLeftOff() {
        let session = run(["店"] + Array(Fixtures.coldStart.prefix(30)) + [".goto store_rating", "4.2"])
        #expect(session.consultation.answers["store_rating"] == .number(Number("4.2")!))
        #expect(session.shell.currentQuestion?.id == "violations_90d")
        #expect(session.output.contains("+ 新发现 [严重] SV-01"))
    }

    @Test func aRefusedAnswerNamesTheLineAndTheSameQuestionIsAskedAgain() {
        let session = run(["店", "抖音", "衣服", "apparel"])
        #expect(session.output.contains("错误（第 3 行）：品类：“衣服” 不是可选项"))
        #expect(session.output.contains("可填：服装（apparel）"))
        #expect(session.consultation.answers["category"] == .string("apparel"))
        #expect(session.status == 1)
    }

    @Test func bailStopsAtTheFirstError() {
        let session = run(["店", "抖音", "衣服", "apparel"], bail: true)
        #expect(session.status == 1)
        #expect(session.consultation.answers.raw["category"] == nil)
    }

    @Test func anEmptyLineIsUnknownForANewQuestionAndKeepsAnOldAnswer() {
        let session = run(["店", "", "apparel", ".back", ""])
        #expect(session.consultation.answers.raw["platform"] == "")
        #expect(!session.consultation.answers["platform"].isKnown)
        #expect(session.consultation.answers["category"] == .string("apparel"))
        #expect(session.shell.currentQuestion?.id == "industrial_belt")
    }

    @Test func whatIfLeavesTheConsultationAlone() {
        let lines = ["店"] + Fixtures.coldStart + [".whatif store_rating=4.2 return_rate=10"]
        let session = run(lines)
        #expect(session.consultation.answers["store_rating"] == .number(Number("4.7")!))
        #expect(session.output.contains("+ [严重] SV-01"))
        #expect(session.status == 0)
    }

    @Test func unsetAsksTheQuestionAgain() {
        let session = run(["店", "抖音", "apparel", ".unset platform"])
        #expect(session.consultation.answers.raw["platform"] == nil)
        #expect(session.shell.currentQuestion?.id == "platform")
    }

    @Test func everyAcceptedAnswerReachesTheStore() {
        let session = run(["店", "抖音", "衣服", "apparel", ".skip", ".set merchant 新店"])
        // The end of the transcript ends the consultation: its plan is kept, then it is finished.
        #expect(session.store.events.dropLast(2) == [
            .started(MerchantInfo(name: "店", date: "2026-11-20"), .zh),
            .answered(fact: "platform", raw: "抖音", value: .string("douyin"), source: .said),
            .answered(fact: "category", raw: "apparel", value: .string("apparel"), source: .said),
            .answered(fact: "industrial_belt", raw: "?", value: .unknown, source: .said),
            .merchantChanged(MerchantInfo(name: "新店", date: "2026-11-20")),
        ])
        #expect(session.store.events.last == .finished)
    }

    /// Issue 5: the source goes with each answer, notes are events, and ending keeps the plan.
    @Test func sourcesNotesAndTheEndReachTheStore() {
        let session = run(["店", "抖音", ".source estimate", "apparel", ".source said", "织里", ".note 老板想冲 818", ".quit"])
        let events = session.store.events
        #expect(events.contains(.answered(fact: "category", raw: "apparel", value: .string("apparel"), source: .estimate)))
        #expect(events.contains(.answered(fact: "industrial_belt", raw: "织里", value: .string("织里"), source: .said)))
        #expect(events.contains(.noted("老板想冲 818")))
        #expect(session.consultation.answers.provenance == ["category": .estimate])
        #expect(events.last == .finished)
        guard case .planSaved(let record)? = events.dropLast().last else {
            Issue.record("no plan kept at the end: \(events)")
            return
        }
        #expect(record.json.contains("\"schema\": \"consult.plan/1\"") && record.language == .zh)
    }

    @Test func whyNotShowsEachPartWithValueThresholdAndMargin() {
        let session = run(["店"] + Fixtures.coldStart + [".whynot SV-01", ".whynot EX-05"])
        #expect(session.output.contains("✗ store_rating <= 4.4"))
        #expect(session.output.contains("= 4.7 分 · 阈值 <= 4.4 分 · 差 0.3 分"))
        // The heading is the rule's title as the merchant's plan words it, never a raw placeholder.
        #expect(!session.output.contains("{term:"), "\(session.output)")
    }

    @Test func reloadKeepsValidAnswersAndReportsOrphans() throws {
        // The same playbooks, except that store scores now stop at 4: an answer of 4.7 no longer fits.
        let directory = Repo.path("playbooks")
        let sources = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            var text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            if name == "intake.yaml" { text = text.replacingOccurrences(of: "range: [0, 5]", with: "range: [0, 4]") }
            return PlaybookSource(name: directory + "/" + name, text: text)
        }
        let changed = try #require(PlaybookLoader.load(sources).program)
        let store = MemoryConsultationStore()
        let console = Console(terminal: Terminal(interactive: false, color: false, width: 80), capture: true)
        let shell = Shell(reader: ScriptedLineReader(["店"] + Fixtures.coldStart.prefix(26) + [".reload"]), console: console,
                          program: PendingProgram(Fixtures.program), options: ShellOptions(language: .zh, consultVersion: "t"),
                          store: store, loader: { .success(changed) })
        _ = shell.run()
        #expect(shell.consultation.answers.raw["store_rating"] == nil)
        #expect(shell.consultation.answers.raw["return_rate"] == "25")
        #expect(console.captured?.contains("丢弃 store_rating = 4.7：超出范围") == true)
        #expect(store.events.dropLast(2).last == .forgotten(fact: "store_rating"))
    }

    @Test func unknownCommandsAndFactsSuggest() {
        let session = run(["店", ".gotp store_rating", ".goto store_ratin"])
        #expect(session.output.contains("未知命令 .gotp（是不是 .goto？）"))
        #expect(session.output.contains("（是不是 store_rating？）"))
    }
}
