import Foundation
import TestSupport
import Testing

/// The scripted driver: a transcript piped into `consult` replays a consultation, and the answers
/// file it writes makes `consult run` produce the very same JSON plan.
@Suite struct TranscriptTests {
    @Test func pipedTranscriptAnswersFileReproducesTheExportedJSON() throws {
        let dir = Repo.temporaryDirectory("consult-transcript")
        defer { try? FileManager.default.removeItem(at: dir) }
        let answers = dir.appendingPathComponent("answers.yaml").path
        let exported = dir.appendingPathComponent("plan.json").path
        let transcript = (["小芽童装档口"] + Fixtures.coldStart
                          + [".goto 25", "4.3", ".answers \(answers)", ".export json \(exported)", ".quit"])
            .joined(separator: "\n") + "\n"
        let shell = try consult(["--lang", "zh", "--db", dir.appendingPathComponent("consult.sqlite").path], stdin: transcript)
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stderr.isEmpty)
        #expect(shell.stdout.contains("+ 新发现 [严重] SV-01"))
        let run = try consult(["run", "--answers", answers, "--format", "json", "--lang", "zh"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(run.stdout == json)
        #expect(json.contains("\"SV-01\""))
    }

    @Test func bailStopsAtTheFirstRefusedLineAndNamesIt() throws {
        let result = try consult(["shell", "--bail", "--lang", "en", "--no-store"], stdin: "Shop\ndouyin\nclothes\napparel\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error (line 3): Category: 'clothes' is not one of the choices"))
        #expect(result.stderr.contains("Accepted: apparel, Kidswear and kids' shoes"))
    }

    @Test func echoPrintsEachLineAfterItsPrompt() throws {
        let result = try consult(["shell", "--echo", "--lang", "en", "--no-store"], stdin: "Shop\n抖音\n.quit\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("merchant> Shop\n"))
        #expect(result.stdout.contains("[1/54 Profile and team]> 抖音\n"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    /// `.unset` says what happens next: the interview goes back to that question at once.
    @Test func unsetSaysTheQuestionIsAskedNow() throws {
        let result = try consult(["shell", "--echo", "--lang", "zh", "--no-store"], stdin: "店\n抖音\napparel\n.unset platform\n.quit\n")
        #expect(result.stdout.contains("已撤回 主平台，现在重新问。\n[1/54 基本情况与团队]> .quit"), "\(result.stdout)")
    }

    /// `fact=value` lines name their question: a refused line before them moves nothing (issue 14,
    /// transcripts that do not shift), and `.save transcript` writes that form, which replays to
    /// the same answers.
    @Test func namedAnswersDoNotShiftAndASavedTranscriptReplays() throws {
        let dir = Repo.temporaryDirectory("consult-named")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let transcript = dir.appendingPathComponent("t.txt").path
        let first = dir.appendingPathComponent("a1.yaml").path, second = dir.appendingPathComponent("a2.yaml").path
        let lines = ["店", "抖音", "衣服", "store_rating=4.4", ".source data", "return_rate = 38%", ".source said",
                     ".note 老板想冲 818", ".save transcript \(transcript)", ".answers \(first)", ".quit"]
        let run = try consult(["shell", "--lang", "zh", "--no-store"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 1, "the 衣服 line is refused")
        #expect(run.stderr.contains("错误（第 3 行）：品类：“衣服” 不是可选项"), "\(run.stderr)")
        let answers = try String(contentsOfFile: first, encoding: .utf8)
        #expect(answers.contains("  store_rating: 4.4\n") && answers.contains("  return_rate: 38\n"), "\(answers)")
        #expect(answers.contains("return_rate: data"))
        #expect(!answers.contains("  category:"))
        let saved = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(saved == "店\nplatform=抖音\nstore_rating=4.4\n.source data\nreturn_rate=38%\n.source said\n.note 老板想冲 818\n", "\(saved)")
        let replay = try consult(["shell", "--lang", "zh", "--no-store"], stdin: saved + ".answers \(second)\n")
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try String(contentsOfFile: second, encoding: .utf8) == answers)
    }

    /// `.skip block` records the rest of a part as unknown in one go and goes on with the next;
    /// `.findings` is the diagnosis in short, said to be preliminary mid-interview.
    @Test func skipBlockAndFindings() throws {
        let lines = ["店", "抖音", ".skip block", "3.5万", "growing", "50万", "6", "2万", "是", ".findings", ".quit"]
        let r = try consult(["shell", "--echo", "--lang", "zh", "--no-store"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("“基本情况与团队”里 10 题记为“不清楚”。\n[12/54 生意与目标]> 3.5万"), "\(r.stdout)")
        #expect(r.stdout.contains("1. [高] EX-03 盼着一夜爆单\n     ↳ [高] EX-02 目标偏激进"), "\(r.stdout)")
        #expect(r.stdout.contains("访谈答完之前是初步结论"))
    }

    /// `.echo on` and `.bail on` switch the flags mid-session, as in sqlite3 and psql.
    @Test func echoAndBailSwitchMidSession() throws {
        let r = try consult(["shell", "--lang", "zh", "--no-store"], stdin: "店\n.echo on\n抖音\n.bail on\n衣服\napparel\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("[1/54 基本情况与团队]> 抖音"), "\(r.stdout)")
        #expect(!r.stdout.contains("> apparel"), "bail stopped before the next line")
        #expect(!r.stdout.contains("商家> 店"), "echo was off for the first line")
    }

    /// `.read FILE` takes a file's lines as typed, shows each after its prompt, and names a refused
    /// one by file and line.
    @Test func readTakesAFilesLinesAsTyped() throws {
        let dir = Repo.temporaryDirectory("consult-read")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("t.txt").path
        try "店\nplatform=抖音\n衣服\nstore_rating=4.4\n".write(toFile: file, atomically: true, encoding: .utf8)
        let answers = dir.appendingPathComponent("a.yaml").path
        let r = try consult(["shell", "--lang", "zh", "--no-store"], stdin: ".read \(file)\n.answers \(answers)\n.quit\n")
        #expect(r.status == 1, "the 衣服 line is refused")
        #expect(r.stderr.contains("t.txt 第 3 行）：") && r.stderr.contains("“衣服” 不是可选项"), "\(r.stderr)")
        #expect(r.stdout.contains("[1/54 基本情况与团队]> platform=抖音"))
        let written = try String(contentsOfFile: answers, encoding: .utf8)
        #expect(written.contains("platform: douyin") && written.contains("store_rating: 4.4"), "\(written)")
    }
}
