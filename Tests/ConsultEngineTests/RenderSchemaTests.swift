import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Testing
import TestSupport

/// docs/plan.schema.json against the JSON the renderer writes (the golden tests validate every
/// example plan too), and the validator against plans that must fail.
struct RenderSchemaTests {
    @Test func schemaIsDraft2020_12() throws {
        guard case .object(let root) = PlanSchema.validator.root else { Issue.record("schema is not a JSON object"); return }
        #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(root["title"] == .string(JSONRenderer.schema))
    }

    @Test func designContractFieldsAreRequired() throws {
        guard case .object(let root) = PlanSchema.validator.root else { return }
        let required = Set(root["required"]?.strings ?? [])
        for field in ["schema", "merchant", "lang", "playbooks", "derived", "findings", "actions", "unknowns", "versions"] {
            #expect(required.contains(field), "\(field)")
        }
    }

    /// A plan with no answers at all: empty lists and unknown values everywhere.
    @Test func emptyPlanValidates() throws {
        let (parsed, _) = AnswersFile.parse(PlaybookSource(name: "empty.yaml", text: "merchant: { name: 空 }\nanswers: {}\n"),
                                            program: Bundled.program)
        let answers = try #require(parsed)
        let engine = Engine(program: Bundled.program)
        let plan = Planner(engine: engine).plan(engine.diagnose(answers.answers), merchant: answers.merchant, language: .zh)
        #expect(try PlanSchema.errors(JSONRenderer.render(plan)) == [])
    }

    @Test(arguments: [
        ("\"severity\": \"critical\"", "\"severity\": \"urgent\"", "not in enum"),
        ("\"schema\": \"consult.plan/1\"", "\"schema\": \"consult.plan/2\"", "not the constant"),
        ("\"lang\": \"zh\"", "\"lang\": \"zh\", \"extra\": 1", "unexpected field extra"),
        ("\"rank\": 1,", "\"rank\": 0,", "< 1"),
        ("\"rank\": 1,", "\"rank\": \"1\",", "string is not integer"),
        ("\"code\": \"EX-01\"", "\"code\": \"ex-1\"", "does not match"),
        ("\"stop_the_line\": true", "\"stop_the_line\": 1", "is not boolean"),
    ])
    func brokenPlansFail(_ original: String, _ broken: String, _ message: String) throws {
        let json = JSONRenderer.render(Bundled.plan("examples/bag_stall.yaml", .zh))
        let range = try #require(json.range(of: original), "fixture lacks \(original)")
        let errors = try PlanSchema.errors(json.replacingCharacters(in: range, with: broken))
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
    }

    @Test func missingFieldFails() throws {
        let json = JSONRenderer.render(Bundled.plan("examples/bag_stall.yaml", .en))
        let range = try #require(json.range(of: "\"versions\": {"))
        let broken = json.replacingCharacters(in: range, with: "\"versions_renamed\": {")
        let errors = try PlanSchema.errors(broken)
        #expect(errors.contains("$: missing versions"), "\(errors)")
    }
}
