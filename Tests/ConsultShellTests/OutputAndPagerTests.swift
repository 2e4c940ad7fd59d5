import Foundation
import TestSupport
import Testing

/// Issue 14, psql habits: `.output FILE` sends what commands print to a file while the
/// interview stays on screen, and a listing longer than the window goes through the pager
/// (the real `less`), which Ctrl-C does not escape from and `q` leaves.
@Suite struct OutputAndPagerTests {
    typealias Key = PtyProcess.Key

    final class Place {
        let home = Repo.temporaryDirectory("consult-output")
        func file(_ name: String) -> String { home.appendingPathComponent(name).path }
        func start(pager: String = "", rows: UInt16 = 40) throws -> PtyProcess {
            var environment = Fixtures.environment(state: home)
            environment["PAGER"] = pager
            let pty = try PtyProcess(Repo.binary, Fixtures.shellArguments + ["--no-store"], environment: environment, rows: rows)
            try pty.expect("商家> ")
            try pty.send("小芽童装档口" + Key.enter)
            try pty.expect("[1/54 基本情况与团队]> ")
            return pty
        }
        init() { try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: home) }
    }

    @Test func outputSendsCommandOutputToAFileAndBack() throws {
        let place = Place()
        let pty = try place.start()
        try pty.send("抖音" + Key.enter)
        try pty.expect("[2/54")
        try pty.send(".output \(place.file("notes.txt"))" + Key.enter)
        try pty.expect("之后命令的输出写入")
        try pty.send(".review" + Key.enter)
        let screen = try pty.expect("[2/54")
        #expect(!screen.contains("在售SKU数"), "the listing went to the file, not the screen:\n\(screen)")
        #expect(screen.contains("品类"), "the question is still on screen:\n\(screen)")
        try pty.send(".set bogus 1" + Key.enter)
        try pty.expect("bogus")  // an error stays on screen
        try pty.send(".output" + Key.enter)
        try pty.expect("输出回到屏幕")
        try pty.send(".findings" + Key.enter)
        try pty.expect("[2/54")
        let written = try String(contentsOfFile: place.file("notes.txt"), encoding: .utf8)
        #expect(written.contains("商家：小芽童装档口") && written.contains("在售SKU数") && written.contains("抖音"), "\(written)")
        #expect(!written.contains("\u{1B}"), "no colour codes in the file")
        #expect(!written.contains("bogus"), "errors are not command output")
    }

    @Test func aLongListingGoesThroughThePagerAndQuitsBackToTheQuestion() throws {
        let place = Place()
        let pty = try place.start(pager: "less", rows: 20)
        try pty.send(".review" + Key.enter)
        try pty.expect("基本情况与团队")
        try pty.expect("\n:")  // less waits at its prompt: the listing is longer than 20 rows
        #expect(!pty.text.contains("主推款库存天数"), "only the first screen is shown")
        try pty.send(" ", waitForRawMode: false)  // the next page
        try pty.expect("主推款库存天数")
        // Ctrl-C reaches the pager (it rings and stays), not the shell behind it.
        try pty.send(Key.ctrlC, waitForRawMode: false)
        try pty.expect("\u{07}")
        // less drops what is typed while it handles an interrupt; like a person, press q again
        // until it is gone. The shell behind it must then be where it was.
        var back = false
        for _ in 0..<10 where !back {
            try pty.send("q", waitForRawMode: false)
            back = (try? pty.expect("[1/54 基本情况与团队]> ", timeout: 1.5)) != nil
        }
        #expect(back, "q leaves the pager and the question is asked again:\n\(pty.text.suffix(400))")
        try pty.send(Key.ctrlU)  // a q pressed once more than needed went to the line: clear it
        try pty.send("抖音" + Key.enter)
        try pty.expect("[2/54")
        // A short screen is printed as it is, without waiting in the pager.
        try pty.send(".help why" + Key.enter)
        try pty.expect(".why CODE")
        try pty.expect("[2/54")
        try pty.send(".quit" + Key.enter)
        #expect(try pty.waitExit() == 0)
    }
}
