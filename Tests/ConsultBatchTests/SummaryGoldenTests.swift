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
        for file in ["summary.md", "summary.html", "summary.json", "summary.csv"] {
            var text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            // The dashboard's style sheet is the plans' (their goldens hold it): only its content here.
            text = text.replacing(/<style>[\s\S]*<\/style>/, with: "<style>…</style>")
            assertSnapshot(text, golden: "Tests/ConsultBatchTests/Golden/\(lang).\(file)")
        }
    }

    /// Issue 15 §5: the portfolio dashboard. The triage list drawn as GMV × priority, every dot
    /// and every triage row a link to a plan that exists, names kept as text, nothing fetched.
    @Test func theDashboardLinksEveryTriagedMerchantToItsPlan() throws {
        let dir = Repo.temporaryDirectory("consult-dashboard")
        defer { try? FileManager.default.removeItem(at: dir) }
        let examples = try FileManager.default.contentsOfDirectory(atPath: Repo.path("examples")).filter { $0.hasSuffix(".yaml") }.sorted()
        let result = try consult(["batch"] + examples.map { "examples/" + $0 } + ["--out", dir.path, "--lang", "zh", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("summary.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"zh-CN\">"))
        let fetched = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!html.contains("<script") && !fetched.contains("http://") && !fetched.contains("https://"), "standalone: no scripts, nothing fetched")
        let chart = try #require(html.range(of: "<svg[^>]*class=\"chart scatter\"", options: .regularExpression).map { String(html[$0.lowerBound...].prefix { $0 != "\u{0}" }) })
        let svg = String(chart[..<chart.range(of: "</svg>")!.upperBound])
        let dots = svg.components(separatedBy: "<a href=\"plans/").count - 1
        #expect(dots >= 10, "the triaged merchants are drawn: \(dots)")
        #expect(svg.contains("<title id=\"chart-triage-title\">") && svg.contains("<desc id=\"chart-triage-desc\">1. "))
        let links = html.matches(of: /href="(plans\/[^"]+)"/).map { String($0.1) }
        #expect(links.count >= 2 * dots, "each triaged merchant is linked from its dot and its row")
        for link in Set(links) {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(link).path), "\(link) is a plan that exists")
        }
        #expect(html.contains("按顾问") && html.contains("主平台"), "counts by consultant and platform")
    }
}
