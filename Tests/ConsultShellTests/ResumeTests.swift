import ConsultStore
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 5's acceptance through the real binary on a pseudo-terminal: a consultation killed with
/// SIGKILL loses nothing that was confirmed, and the next start offers to take it up where it
/// stopped. Each test has its own database and its own XDG_STATE_HOME (history).
@Suite struct ResumeTests {
    typealias Key = PtyProcess.Key

    /// A fresh home: `consult.sqlite` and the libedit history live under it.
    final class Place {
        let home = Repo.temporaryDirectory("consult-resume")
        var db: String { home.appendingPathComponent("consult.sqlite").path }
        var arguments: [String] { Fixtures.shellArguments + ["--db", db] }
        var environment: [String: String] { Fixtures.environment(state: home) }

        func start() throws -> PtyProcess {
            try PtyProcess(Repo.binary, arguments, environment: environment)
        }

        func store() throws -> SessionStore { try SessionStore.open(path: db, create: false) }

        deinit { try? FileManager.default.removeItem(at: home) }
    }

    @Test func killNineThenResumeKeepsEveryConfirmedAnswerAndGoesOn() throws {
        let place = Place()
        let first = try place.start()
        try first.expect("商家> ")
        try first.send("小芽童装档口" + Key.enter)
        try first.expect("[1/54 基本情况与团队]> ")
        for (i, answer) in Fixtures.coldStart.prefix(10).enumerated() {
            try first.send(answer + Key.enter)
            try first.expect("[\(i + 2)/54")
            try first.expect("> ")
        }
        try first.send("3.5")  // typed, never confirmed: the one line a kill may lose
        kill(first.pid, SIGKILL)
        #expect(try first.waitExit() == 128 + SIGKILL)

        let stored = try place.store().session(SessionID(1))
        #expect(stored.answers.map(\.raw) == Array(Fixtures.coldStart.prefix(10)))
        #expect(!stored.summary.isFinished)

        let second = try place.start()
        try second.expect("#1 小芽童装档口")
        try second.expect("已答 10 题")
        try second.expect("继续这次咨询吗？[Y/n] ")
        // Ctrl-C is no answer: asked again, not taken as "n" (issue 14 item 8).
        try second.send(Key.ctrlC)
        try second.expect("继续这次咨询吗？[Y/n] ")
        try second.send("y" + Key.enter)
        try second.expect("继续咨询 #1 小芽童装档口")
        try second.expect("[11/54 ")
        try second.expect("> ")
        try second.send(".review" + Key.enter)
        try second.expect("[11/54")
        #expect(second.text.contains("织里童装"))
        for (i, answer) in Fixtures.coldStart.dropFirst(10).enumerated() {
            try second.send(answer + Key.enter)
            try second.expect(i + 11 < 54 ? "[\(i + 12)/54" : "访谈完成")
        }
        try second.send(".quit" + Key.enter)
        try second.expect("咨询 #1 已结束并保存")
        #expect(try second.waitExit() == 0)
        #expect(second.isCooked)

        let done = try place.store().session(SessionID(1))
        #expect(done.answers.map(\.raw) == Fixtures.coldStart, "every answer once, in interview order")
        #expect(done.log.count == 54, "resuming recorded nothing again")
        #expect(done.summary.isFinished && done.plans.count == 1)

        // Ended: the next start offers nothing and goes straight to a new consultation.
        let third = try place.start()
        try third.expect("商家> ")
        #expect(!third.text.contains("继续这次咨询吗"))
    }

    @Test func decliningTheOfferStartsANewConsultation() throws {
        let place = Place()
        let first = try place.start()
        try first.expect("商家> ")
        try first.send("卡丹路" + Key.enter)
        try first.expect("[1/54")
        try first.send("抖音" + Key.enter)
        try first.expect("[2/54")
        kill(first.pid, SIGKILL)
        _ = try first.waitExit()

        let second = try place.start()
        try second.expect("[Y/n] ")
        try second.send("n" + Key.enter)
        try second.expect("开始一次新的咨询")
        try second.expect("商家> ")
        try second.send("小芽" + Key.enter)
        try second.expect("[1/54")
        try second.send(".sessions" + Key.enter)
        try second.expect("*#2")
        try second.expect("[1/54")
        #expect(second.text.contains("#1    ") && second.text.contains("1/54") && second.text.contains("未结束"))
        try second.send(".open 1" + Key.enter)
        try second.expect("继续咨询 #1 卡丹路")
        try second.expect("[2/54 ")
        #expect(second.text.contains("咨询 #2 没有结束"))
    }
}
