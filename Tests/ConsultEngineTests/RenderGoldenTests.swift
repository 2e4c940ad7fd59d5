import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation
import Testing
import TestSupport

/// Every example merchant in both languages, in every text format, against golden files in
/// Tests/ConsultEngineTests/Golden. Re-record with `CONSULT_RECORD=1 swift test --filter Render`.
struct RenderGoldenTests {
    static let examples = ["bag_stall", "cold_start_stall", "every_playbook", "mature_head", "midtier_after_sales"]
    static let cases: [(String, Language)] = examples.flatMap { e in Language.allCases.map { (e, $0) } }

    static func golden(_ example: String, _ language: Language, _ ext: String) -> String {
        "Tests/ConsultEngineTests/Golden/\(example).\(language.rawValue).\(ext)"
    }

    @Test(arguments: cases)
    func markdown(_ example: String, _ language: Language) {
        let plan = Bundled.plan("examples/\(example).yaml", language)
        assertSnapshot(MarkdownRenderer.render(plan), golden: Self.golden(example, language, "md"))
    }

    @Test(arguments: cases)
    func html(_ example: String, _ language: Language) {
        let plan = Bundled.plan("examples/\(example).yaml", language)
        let html = HTMLRenderer.render(plan)
        assertSnapshot(html, golden: Self.golden(example, language, "html"))
        #expect(HTMLChecks.problems(html).isEmpty, "\(HTMLChecks.problems(html))")
    }

    @Test(arguments: cases)
    func json(_ example: String, _ language: Language) throws {
        let plan = Bundled.plan("examples/\(example).yaml", language)
        let json = JSONRenderer.render(plan)
        assertSnapshot(json, golden: Self.golden(example, language, "json"))
        #expect(try PlanSchema.errors(json) == [])
    }

    /// The exporter gives the same bytes as the renderers it stands for.
    @Test func exporterMatchesRenderers() throws {
        let plan = Bundled.plan("examples/bag_stall.yaml", .zh)
        for (format, text) in [(DocumentFormat.md, MarkdownRenderer.render(plan)), (.html, HTMLRenderer.render(plan)),
                               (.json, JSONRenderer.render(plan)), (.text, TextRenderer().render(plan))] {
            #expect(try DocumentExporter.render(plan, format: format) == Data(text.utf8), "\(format)")
        }
        #expect(throws: ExportError.self) { try DocumentExporter.render(plan, format: .pdf) }
        #expect(DocumentExporter.suggestedFileName(plan, format: .pdf) == "plan_白沟箱包档口_20261120.pdf")
    }
}

/// What every HTML plan must be, whatever the merchant: standalone and inert.
enum HTMLChecks {
    static func problems(_ html: String) -> [String] {
        var found: [String] = []
        let lower = html.lowercased()
        for forbidden in ["<script", "<link", "<iframe", "<img", "@import", "url(", "src=", "http-equiv"] where lower.contains(forbidden) {
            found.append("contains \(forbidden)")
        }
        if !lower.hasPrefix("<!doctype html>") { found.append("no doctype") }
        if !lower.contains("<meta charset=\"utf-8\">") { found.append("no charset") }
        if !lower.contains("@media print") || !lower.contains("size: a4") { found.append("no A4 print style") }
        if !html.contains("Noto Sans CJK SC") { found.append("no CJK font stack") }
        return found
    }
}
