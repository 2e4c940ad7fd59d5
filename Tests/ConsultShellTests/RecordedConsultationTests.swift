import Foundation
import TestSupport
import Testing

/// A whole consultation as a consultant runs it, from the greeting to the exported plan, recorded
/// in Chinese and in English: the transcript goes in, every screen the shell prints and the plan
/// it exports must match the recording (Tests/ConsultShellTests/Recorded/). A change to any
/// screen shows here first; re-record with CONSULT_RECORD=1 and read the new screens.
@Suite struct RecordedConsultationTests {
    /// The same merchant in both languages; answers typed as a consultant would in each.
    static let transcripts: [String: [String]] = [
        "zh": ["小芽童装档口"] + Fixtures.coldStart.prefix(30) + [".findings"] + Fixtures.coldStart.dropFirst(30)
            + [".review", ".plan", ".note 老板想冲 818", ".export md plan.md", ".quit"],
        "en": ["Xiaoya kidswear stall", "douyin", "kids_mother_baby", "Zhili kidswear", "stable_growth", "wholesale_stall", "2",
               "in_peak", "2", "no", "no", "1", "35k", "growing", "500k", "6", "20k", "yes", "yes", "high",
               "60", "45%", "20", "35", "no", "4.7", "25", "0.8%", "36", "no", "reactive", "0",
               "18", "300", "declining", "25", "2.5", "0.8%", "65", "none", "no", "no", "3", "0",
               "?", "no", "0", "no", "yes", "no", "10", "10%", "12%", "6%", "60",
               ".review", ".plan", ".note wants a big 818 show", ".export md plan.md", ".quit"],
    ]

    @Test(arguments: ["zh", "en"])
    func aWholeConsultationMatchesItsRecording(_ language: String) throws {
        let dir = Repo.temporaryDirectory("consult-recorded")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let transcript = try #require(Self.transcripts[language])
        let result = try consult(["shell", "--echo", "--lang", language, "--db", dir.appendingPathComponent("c.sqlite").path,
                                  "--playbooks", Repo.path("playbooks")],
                                 stdin: transcript.joined(separator: "\n") + "\n",
                                 environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path], directory: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let plan = try String(contentsOf: dir.appendingPathComponent("plan.md"), encoding: .utf8)
        assertSnapshot(Self.stable(result.stdout, dir), golden: "Tests/ConsultShellTests/Recorded/consultation-\(language).txt")
        assertSnapshot(Self.stable(plan, dir), golden: "Tests/ConsultShellTests/Recorded/plan-\(language).md")
    }

    /// What differs from run to run: the temporary directory, today's date and the review date
    /// the plan sets 30 days on.
    static func stable(_ text: String, _ dir: URL) -> String {
        func day(_ offset: Int) -> String {
            let calendar = Calendar(identifier: .gregorian)
            let c = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: offset, to: Date())!)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return text.replacingOccurrences(of: dir.path, with: "$DIR").replacingOccurrences(of: day(0), with: "$TODAY")
            .replacingOccurrences(of: day(30), with: "$TODAY+30")
    }
}
