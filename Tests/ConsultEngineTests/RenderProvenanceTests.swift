import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Testing
import TestSupport

/// Answers marked as estimates or dashboard data keep that mark in every format, and a finding
/// that rests on estimates alone says so beside its title.
struct RenderProvenanceTests {
    static func plan(_ language: Language, _ edition: Edition = .merchant) -> Plan {
        let text = """
            merchant: { name: 估算小店, date: 2026-11-20 }
            answers:
              store_rating: 4.4
              monthly_gmv: 10万
            provenance:
              store_rating: estimate
              monthly_gmv: data
            """
        let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: "estimates.yaml", text: text), program: Bundled.program)
        guard let parsed else { fatalError("estimates.yaml: \(diagnostics)") }
        let engine = Engine(program: Bundled.program)
        return Planner(engine: engine).plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: language, edition: edition)
    }

    @Test func htmlTagsEstimatesAndTheFindingsOnThem() throws {
        let plan = Self.plan(.zh)
        let finding = try #require(plan.findings.first { $0.restsOnEstimates }, "no finding rests on the estimated store score")
        let html = HTMLRenderer.render(plan)
        #expect(html.contains("\(finding.title) <span class=\"estimate-note\">\(Labels.text(.restsOnEstimates, .zh))</span>"))
        #expect(html.contains("<span class=\"provenance\">估算</span>"))
        #expect(html.contains("<span class=\"provenance\">后台数据</span>"))
    }

    @Test func markdownTagsEstimates() {
        let md = MarkdownRenderer.render(Self.plan(.en))
        #expect(md.contains("(estimate)"))
        #expect(md.contains("△ \(Labels.text(.restsOnEstimates, .en))"))
        // Dashboard figures are tagged where the baseline lists them (the consultant edition's tables).
        #expect(MarkdownRenderer.render(Self.plan(.en, .consultant)).contains("(dashboard)"))
    }

    @Test func jsonCarriesProvenance() throws {
        let json = JSONRenderer.render(Self.plan(.en))
        #expect(try PlanSchema.errors(json) == [])
        guard case .object(let root) = try JSONDocument.parse(json), case .object(let provenance) = root["provenance"] else {
            Issue.record("no provenance object"); return
        }
        #expect(provenance == ["store_rating": .string("estimate"), "monthly_gmv": .string("data")])
        #expect(json.contains("\"rests_on_estimates\": true"))
    }
}
