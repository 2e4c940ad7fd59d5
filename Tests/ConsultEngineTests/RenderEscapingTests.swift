import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation
import Testing
import TestSupport

/// A hostile merchant: markup and quotes in every free-text answer. HTML must show them as text,
/// JSON must carry them unchanged, Markdown must not turn them into markup.
struct RenderEscapingTests {
    static let name = "<script>alert(1)</script>"
    static let consultant = "O'Brien & \"Co\" <b>"
    static let belt = "&<>\"'|*`[x](javascript:alert(1))"

    static let plan: Plan = {
        let text = """
            merchant: { name: "\(name)", consultant: '\(consultant.replacing("'", with: "''"))', date: 2026-11-20 }
            answers:
              industrial_belt: '\(belt.replacing("'", with: "''"))'
              store_rating: 4.4
              monthly_gmv: 10万
            """
        let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: "hostile.yaml", text: text), program: Bundled.program)
        guard let parsed else { fatalError("hostile.yaml: \(diagnostics)") }
        let engine = Engine(program: Bundled.program)
        // The consultant edition shows every field (baseline tables included): the most to escape.
        return Planner(engine: engine).plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: .zh, edition: .consultant)
    }()

    @Test func htmlShowsMarkupAsText() {
        let html = HTMLRenderer.render(Self.plan)
        #expect(!html.contains(Self.name))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("O&#39;Brien &amp; &quot;Co&quot; &lt;b&gt;"))
        #expect(html.contains("&amp;&lt;&gt;&quot;&#39;|*`[x](javascript:alert(1))"))
        #expect(HTMLChecks.problems(html).isEmpty, "\(HTMLChecks.problems(html))")
    }

    /// The print header is a CSS string inside `<style>`, where entities do not apply.
    @Test func printHeaderCannotLeaveItsString() throws {
        let html = HTMLRenderer.render(Self.plan)
        let line = try #require(html.split(separator: "\n").first { $0.contains("@top-left { content: \"") })
        let inside = line.drop { $0 != "\"" }.dropFirst().prefix { $0 != "\"" }
        #expect(!inside.contains("<") && !inside.contains(">") && !inside.contains("'") && !inside.contains("&"))
        #expect(line.hasSuffix("\"; } }"))
        #expect(inside.hasPrefix("\\3c script\\3e alert\\28 1\\29 "))
    }

    @Test func jsonCarriesTextUnchanged() throws {
        let json = JSONRenderer.render(Self.plan)
        guard case .object(let root) = try JSONDocument.parse(json), case .object(let merchant) = root["merchant"] else {
            Issue.record("no merchant object"); return
        }
        #expect(merchant["name"] == .string(Self.name))
        #expect(merchant["consultant"] == .string(Self.consultant))
        #expect(merchant["industrial_belt"] == .string(Self.belt))
        #expect(try PlanSchema.errors(json) == [])
    }

    @Test func markdownEscapesMarkup() {
        let md = MarkdownRenderer.render(Self.plan)
        #expect(md.range(of: #"(?<!\\)<[A-Za-z/!?]"#, options: .regularExpression) == nil, "an unescaped < would open raw HTML")
        #expect(md.contains("\\<script>alert(1)\\</script>"))
        #expect(!md.contains("[x](javascript"))
    }

    @Test func tableCellsKeepTheirColumns() {
        let md = MarkdownRenderer.render(Self.plan)
        let row = md.split(separator: "\n").first { $0.contains("javascript") && $0.hasPrefix("|") }
        #expect(row?.contains("\\|") == true)
    }

    @Test func fileNameHasNoPathOrMarkup() {
        let name = DocumentExporter.suggestedFileName(Self.plan, format: .html)
        #expect(name == "plan_script-alert-1-script_20261120.html")
    }
}
