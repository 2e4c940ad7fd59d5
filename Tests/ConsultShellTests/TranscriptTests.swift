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
}
