import Foundation
import Testing
import TestSupport

/// The summary renderers against golden files (re-record with CONSULT_RECORD=1), on a six-row
/// portfolio with one bad row, in both languages.
@Suite struct SummaryGoldenTests {
    @Test(arguments: ["zh", "en"])
    func summaryFiles(lang: String) throws {
        let dir = Repo.temporaryDirectory("consult-batch-golden")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try consult(["batch", "Tests/ConsultBatchTests/Fixtures/portfolio.csv", "--out", dir.path,
                                  "--lang", lang, "--triage", "3"])
        #expect(result.status == 1, "the bad row")
        for file in ["summary.md", "summary.json", "summary.csv"] {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            assertSnapshot(text, golden: "Tests/ConsultBatchTests/Golden/\(lang).\(file)")
        }
    }
}
