import ConsultDiagnostics
import ConsultPlaybook
import Foundation
import TestSupport
import Testing

/// The loader reports every problem of a broken playbook set in one run, located and explained.
struct LoaderTests {
    static func bundled() throws -> [PlaybookSource] {
        let dir = Repo.path("playbooks")
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted().map {
            PlaybookSource(name: "playbooks/\($0)", text: try String(contentsOfFile: dir + "/" + $0, encoding: .utf8))
        }
    }

    @Test func bundledPlaybooksLoadWithEveryRuleOfTheBrief() throws {
        let result = PlaybookLoader.load(try Self.bundled())
        let program = try #require(result.program, "\(result.diagnostics)")
        #expect(result.diagnostics.errors.isEmpty)
        #expect(program.questions.count == 65)
        #expect(program.coreQuestions.count == 54)
        let codes = program.rules.map(\.code)
        #expect(codes.count == 102)
        #expect(Set(codes).count == 102)
        let expected: [(String, Int)] = [("LC", 13), ("EX", 11), ("SV", 12), ("PL", 22), ("IN", 16), ("EV", 9), ("UO", 9), ("AC", 10)]
        for (prefix, n) in expected {
            let mine = (1...n).map { prefix + "-" + ($0 < 10 ? "0\($0)" : "\($0)") }
            #expect(Set(mine).isSubset(of: Set(codes)), "\(prefix)")
        }
        for (i, id) in ["uv_value", "gpm_est", "growth_multiple", "breakeven_roi", "ad_share_pct", "planning_roi",
                        "incremental_ad_need", "live_stage", "merchant_type", "capacity_ready", "expectation_level",
                        "reservation_target", "return_high", "service_tier"].enumerated() {
            #expect(program.derivedFact(id)?.code == "D-" + (i < 9 ? "0\(i + 1)" : "\(i + 1)"), "\(id)")
        }
        #expect(program.playbooks.map(\.id) == ["intake", "expectation", "after_sales", "people_goods_scene",
                                                "traffic_investment", "big_event", "user_ops", "lifecycle", "accompaniment"])
    }

    static let brokenRule = """
    playbook: after_sales
    version: 1
    code: SV
    title: { zh: 售后, en: After-sales }
    rules:
      - id: rating_critical
        code: SV-01
        title: { zh: 体验分低, en: Low score }
        when: store_ratng <= 4.4 and platform == 3
        severty: critical
        finding: { zh: 体验分低, en: Low score }
        actions:
          - { owner: merchant, horizon: this_week, text: { zh: 砍款, en: Cut SKUs }, kpi: { zh: 两周内, en: In two weeks } }
        sources: [ { ref: assumed, note: test } ]
        examples: { fire: [ { store_rating: 4.4 } ], quiet: [ { store_rating: 4.5 } ] }
    """

    static let brokenIntake = """
    playbook: intake
    version: 1
    title: { zh: 访谈, en: Intake }
    blocks: [ { id: service, title: { zh: 服务, en: Service } } ]
    questions:
      - id: store_rating
        block: service
        type: number
        range: [0, 5]
        prompt: { zh: 体验分？, en: Score? }
      - id: platform
        block: service
        type: choice
        prompt: { zh: 平台？, en: Platform? }
        choices: [ { id: douyin, zh: 抖音, en: Douyin } ]
    derived:
      - id: a_fact
        type: number
        title: { zh: 甲, en: A }
        formula: b_fact + 1
      - id: b_fact
        type: number
        title: { zh: 乙, en: B }
        formula: a_fact * 2
    """

    @Test func fourProblemsInOneRunEachLocatedWithACaret() {
        let sources = [PlaybookSource(name: "pb/after_sales.yaml", text: Self.brokenRule),
                       PlaybookSource(name: "pb/intake.yaml", text: Self.brokenIntake)]
        let result = PlaybookLoader.load(sources)
        #expect(result.program == nil)
        let errors = result.diagnostics.errors
        let rendered = DiagnosticRenderer(sources: Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0.text) })).render(errors)
        #expect(errors.count == 4, "\(rendered)")
        #expect(errors.contains { $0.location == SourceLocation(file: "pb/after_sales.yaml", line: 10, column: 5)
            && $0.message.contains("unknown field 'severty'") && $0.message.contains("did you mean 'severity'?") })
        #expect(errors.contains { $0.location == SourceLocation(file: "pb/after_sales.yaml", line: 9, column: 11)
            && $0.message.contains("unknown fact 'store_ratng'") && $0.message.contains("did you mean 'store_rating'?") })
        #expect(errors.contains { $0.location?.line == 9 && $0.location!.column == 34 && $0.id == "expr.type-mismatch" && $0.message.contains("cannot compare choice 'platform' with a number") })
        #expect(errors.contains { $0.id == "playbook.cycle" && $0.message.contains("a_fact") && $0.message.contains("b_fact") })
        #expect(rendered.contains("9 |     when: store_ratng <= 4.4 and platform == 3\n  |           ^~~~~~~~~~~"), "\(rendered)")
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let result = PlaybookLoader.load([PlaybookSource(name: "x/intake.yaml", text: "playbook: intake\nversion: [1\n")])
        #expect(result.diagnostics.errors.first?.id == "yaml.syntax")
        #expect(result.diagnostics.errors.first?.location?.file == "x/intake.yaml")
    }

    /// A chain of 12,000 derived facts (each reads the one before) loads in dependency order; the
    /// recursive sort it replaces overflowed the stack and killed every command.
    @Test func aLongChainOfDerivedFactsLoads() throws {
        let n = 12_000
        var text = """
        playbook: intake
        version: 1
        title: { zh: 访谈, en: Intake }
        blocks: [ { id: service, title: { zh: 服务, en: Service } } ]
        questions:
          - { id: aov, block: service, type: number, range: [0, 100000], prompt: { zh: 客单价？, en: AOV? } }
        derived:

        """
        // Declared last-first, so the sort has to walk the whole chain from the first fact it meets.
        for k in (0..<n).reversed() {
            text += "  - { id: c\(k), type: number, title: { zh: 链\(k), en: c\(k) }, formula: \(k == 0 ? "aov" : "c\(k - 1)") + 1 }\n"
        }
        let result = PlaybookLoader.load([PlaybookSource(name: "deep/intake.yaml", text: text)])
        guard let program = result.program else {
            Issue.record("not loaded: \(result.diagnostics.errors.prefix(3).map(\.message))")
            return
        }
        #expect(program.derived.count == n)
        #expect(program.derived.first?.id == "c0")
        #expect(program.derived.last?.id == "c\(n - 1)")
    }
}
