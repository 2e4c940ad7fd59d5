import ConsultStore
import Foundation
import TestSupport
import Testing

/// The shell's store commands through the real binary over a pipe (scripted sessions): notes and
/// sources kept, the plan marking findings that rest on estimates, exports in every text format,
/// `.sessions`/`.open`/`--resume`, and a shell-made session reproduced by `consult run`. Each
/// test has its own database.
@Suite struct StoredSessionTests {
    final class Place {
        let directory = Repo.temporaryDirectory("consult-stored")
        var db: String { file("consult.sqlite") }

        func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

        /// `consult shell` with this place's database, `lines` piped in; run in this place, so
        /// relative export paths land here.
        func shell(_ lines: [String], _ extra: [String] = []) throws -> RunResult {
            try consult(["shell", "--lang", "zh", "--echo", "--db", db, "--playbooks", Repo.path("playbooks")] + extra,
                        stdin: lines.joined(separator: "\n") + "\n",
                        environment: ["XDG_STATE_HOME": file("state")], directory: directory.path)
        }

        func store() throws -> SessionStore { try SessionStore.open(path: db, create: false) }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    static let whole = ["小芽童装档口"] + Fixtures.coldStart

    @Test func notesSourcesAndThePlanMarkingEstimates() throws {
        let place = Place()
        let result = try place.shell(Self.whole + [
            ".note 老板想冲 818，预算可谈", ".source estimate", ".set store_rating 4.2", ".source said",
            ".export json plan.json", ".export html plan.html", ".export md", ".quit",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("（估算）> .set store_rating 4.2"))
        #expect(result.stdout.contains("咨询 #1 已结束并保存"))

        let session = try place.store().session(SessionID(1))
        #expect(session.notes.map(\.text) == ["老板想冲 818，预算可谈"])
        let rating = try #require(session.answers.first { $0.fact == "store_rating" })
        #expect(rating.raw == "4.2" && rating.provenance == .estimate && rating.value == "4.2")
        #expect(session.answers.filter { $0.provenance == .estimate }.count == 1)
        #expect(session.summary.isFinished)
        #expect(session.plans.count == 1, "the plan exported is the plan kept; ending unchanged keeps no copy")
        #expect(Set(session.exports.map(\.format)) == ["json", "html", "md"])
        #expect(session.exports.allSatisfy { $0.path.hasPrefix("/") && FileManager.default.fileExists(atPath: $0.path) })

        let json = try String(contentsOfFile: place.file("plan.json"), encoding: .utf8)
        #expect(session.latestPlan?.json == json)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(plan["findings"] as? [[String: Any]])
        let sv01 = try #require(findings.first { $0["code"] as? String == "SV-01" })
        #expect(sv01["rests_on_estimates"] as? Bool == true, "SV-01 reads only the estimated store rating")
        let sv07 = try #require(findings.first { $0["code"] as? String == "SV-07" })
        #expect(sv07["rests_on_estimates"] as? Bool == false, "SV-07 also reads an answer the merchant gave")

        let html = try String(contentsOfFile: place.file("plan.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("小芽童装档口"))
        let markdown = try FileManager.default.contentsOfDirectory(atPath: place.directory.path).filter { $0.hasSuffix(".md") }
        #expect(markdown.count == 1 && markdown[0].hasPrefix("plan_小芽童装档口_"))
    }

    /// Issue 5: the exported answers of a stored session reproduce its plan byte for byte.
    @Test func consultAnswersOfAShellSessionReproducesItsExportedPlan() throws {
        let place = Place()
        let result = try place.shell(Self.whole + [
            ".goto monthly_gmv", ".source data", "3.5w", ".source estimate", ".set avg_stay_seconds 25", ".unset repurchase_rate",
            ".export json plan.json", ".quit",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = place.file("answers.yaml")
        let written = try consult(["answers", "1", "--db", place.db, "--output", answers])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        #expect(text.contains("monthly_gmv: \"3.5w\"") && text.contains("monthly_gmv: data") && text.contains("avg_stay_seconds: estimate"))
        let run = try consult(["run", "--answers", answers, "--format", "json", "--lang", "zh"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == (try String(contentsOfFile: place.file("plan.json"), encoding: .utf8)))
    }

    @Test func sessionsOpenAndResumeInAScript() throws {
        let place = Place()
        #expect(try place.shell(Self.whole + [".quit"]).status == 0)
        // A second consultation, left for the first one with .open: it stays open.
        let second = try place.shell(["新店", "抖音", "apparel", ".open 1", ".sessions", ".review", ".quit"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("咨询 #2 没有结束，保留着"))
        #expect(second.stdout.contains("重新打开咨询 #1 小芽童装档口"))
        #expect(second.stdout.contains("访谈已经完成"))
        #expect(second.stdout.contains("*#1"))
        #expect(second.stdout.contains("54/54"))
        #expect(second.stdout.contains(" #2 "))
        #expect(second.stdout.contains("2/54"))
        // --resume last takes up #2 at its third question.
        let third = try place.shell(["织里童装", ".quit"], ["--resume", "last"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("[3/54 基本情况与团队]> 织里童装"))
        let store = try place.store()
        #expect(try store.session(SessionID(2)).answers.map(\.raw) == ["抖音", "apparel", "织里童装"])
        #expect(try store.unfinishedSessions().isEmpty)
        // Nothing left to resume, or an unknown number: a script stops rather than answer elsewhere.
        let none = try place.shell(["店"], ["--resume", "last"])
        #expect(none.status == 1 && none.stderr.contains("没有未结束的咨询"))
        let unknown = try place.shell(["店"], ["--resume", "9"])
        #expect(unknown.status == 1 && unknown.stderr.contains("没有编号为 9 的咨询"))
        #expect(try store.sessions().count == 2)
    }

    /// A file that is not a consult database is left untouched; the consultation goes on in memory.
    @Test func anUnusableDatabaseIsReportedAndTheShellWorksInMemory() throws {
        let place = Place()
        let bytes = Data("not a database, but somebody's notes\n".utf8)
        #expect(FileManager.default.createFile(atPath: place.db, contents: bytes))
        let result = try place.shell(["店", "抖音", ".note x", ".sessions", ".quit"])
        #expect(result.status == 1, "the .sessions line is refused")
        #expect(result.stderr.contains("文件已损坏") && result.stderr.contains("本次咨询只保存在内存中"))
        #expect(result.stderr.contains("没有打开咨询数据库"))
        #expect(result.stdout.contains("已记下第 1 条笔记（只在内存中）"))
        #expect(FileManager.default.contents(atPath: place.db) == bytes)
        let noStore = try consult(["shell", "--no-store", "--resume", "last"], stdin: "")
        #expect(noStore.status == 2)
    }

    /// Two windows on one database (issue 13 §4): the consultation open in the first is not
    /// offered to the second, is refused to `--resume`, and is taken over only when asked; the
    /// first window then writes nothing into it, and its `.quit` does not end it.
    @Test func aConsultationOpenInOneWindowIsNotWrittenByAnother() throws {
        let place = Place()
        let first = try PtyProcess(Repo.binary, ["shell", "--lang", "zh", "--db", place.db, "--playbooks", Repo.path("playbooks")],
                                   environment: Fixtures.environment(state: place.directory))
        try first.expect("商家> ")
        try first.send("卡丹路" + PtyProcess.Key.enter)
        try first.expect("[1/")
        try first.send("抖音" + PtyProcess.Key.enter)
        try first.expect("[2/")
        // The second window is not offered #1 and may not resume it.
        let last = try place.shell(["店"], ["--resume", "last"])
        #expect(last.status == 1 && last.stderr.contains("没有未结束的咨询"), "\(last.stderr)")
        let named = try place.shell(["店"], ["--resume", "1"])
        #expect(named.status == 1 && named.stderr.contains("咨询 #1 正在另一个窗口里（进程 \(first.pid)"), "\(named.stderr)")
        #expect(named.stderr.contains(".open 1 take"))
        // Taken over on purpose: the second window answers on and ends it.
        let taken = try place.shell([".open 1 take", "apparel", ".quit"])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout.contains("继续咨询 #1 卡丹路"))
        // The first window's next answer is not written, and it says why; its .quit ends nothing.
        try first.send("服装" + PtyProcess.Key.enter)
        try first.expect("保存失败")
        try first.expect("咨询 #1 已在另一个窗口里被接手")
        try first.send(".quit" + PtyProcess.Key.enter)
        _ = try first.waitExit()
        let store = try place.store()
        let answers = try store.session(SessionID(1)).answers.map(\.raw)
        #expect(answers == ["抖音", "apparel"], "\(answers)")
        #expect(try store.unfinishedSessions().map(\.id) == [], "#1 was ended by the window that took it over")
        #expect(try store.sessions().count == 1, "no second consultation was started")
    }
}
