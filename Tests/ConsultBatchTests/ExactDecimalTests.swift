import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import Testing

/// The column evaluator's decimals against `Number`, and its operators against the engine on a
/// small program built for the hard cases: quotients at a hair from the threshold, 19-digit
/// values, overflowing products, every operator and function.
@Suite struct ExactDecimalTests {
    static let tricky = ["0", "1", "-1", "3", "7", "0.1", "0.3", "0.7", "2.1", "-1.5", "100", "4.6", "4.60",
                         "0.3333333333333333333", "0.3333333333333333334", "0.6666666666666666667",
                         "9223372036854775807", "-9223372036854775807", "922337203685477580.7", "0.0000000000000000001",
                         "1000000000000000000", "99999999999999999.99", "12345.678", "0.00001", "250000"]

    @Test func parsesAndComparesLikeNumber() throws {
        // Every value that fits an Int64 significand parses; 99999999999999999.99 (19 nines) does not.
        let parsed = Self.tricky.compactMap { x in ExactDecimal.parse(Array(x.utf8)).map { (x, $0) } }
        #expect(parsed.count == Self.tricky.count - 1)
        for (x, d) in parsed {
            let n = try #require(Number(x))
            #expect(d.number == n, "\(x)")
            #expect(ExactDecimal(n)?.number == n)
            for (y, e) in parsed {
                let m = Number(y)!
                let expected = n < m ? -1 : (n == m ? 0 : 1)
                #expect(ExactDecimal.compare(d, e) == expected, "\(x) vs \(y)")
            }
        }
        #expect(ExactDecimal.parse(Array("1e-5".utf8), allowExponent: true)?.description == "0.00001")
        #expect(ExactDecimal.parse(Array("2.50E3".utf8), allowExponent: true)?.number == Number(2500))
        #expect(ExactDecimal.parse(Array("1e5".utf8)) == nil, "no exponent in answers")
        #expect(ExactDecimal.parse(Array("12345678901234567891".utf8)) == nil, "20 significant digits: Number decides")
        #expect(ExactDecimal.parse(Array("100000000000000000000".utf8))?.number == Number("100000000000000000000"))
        for bad in ["", "-", ".5", "5.", "1.2.3", "1,000", "x"] { #expect(ExactDecimal.parse(Array(bad.utf8)) == nil, "\(bad)") }
    }

    @Test func operatorsMatchTheEngineOnHardCases() throws {
        let program = try Self.program()
        let engine = Engine(program: program)
        let compiled = CompiledProgram(program: program)
        var random = SeededRandom(seed: 3)
        let block = compiled.makeBlock(capacity: 128)
        // Quotients exactly at, and a hair from, the threshold; products that overflow.
        let crafted: [(String, String, String)] = [
            ("1", "3", "0.3333333333333333333"), ("1", "3", "0.3333333333333333334"), ("2", "3", "0.6666666666666666667"),
            ("7", "0.7", "10"), ("0.7", "7", "0.1"), ("1", "3", "0.3333333333333333332"), ("-1", "3", "-0.3333333333333333333"),
            ("9223372036854775807", "9223372036854775807", "1"), ("9223372036854775807", "0.0000000000000000001", "1"),
            ("922337203685477580.7", "3", "307445734561825860.2333333333333333"), ("1", "0", "0"),
        ]
        var batch: [Answers] = crafted.map { a, b, c in
            Answers(values: ["a": .number(Number(a)!), "b": .number(Number(b)!), "c": .number(Number(c)!)])
        }
        // The first case must exercise equality of a quotient (so the exact path is really taken).
        #expect(engine.diagnose(batch[0]).fired.contains { $0.rule.code == "TR-02" })
        #expect(!engine.diagnose(batch[1]).fired.contains { $0.rule.code == "TR-02" })
        for _ in 0..<2000 {
            var answers = Answers()
            for fact in ["a", "b", "c"] where Int.random(in: 0..<8, using: &random) > 0 {
                answers.values[fact] = .number(Number(Self.tricky.randomElement(using: &random)!)!)
            }
            if Bool.random(using: &random) { answers.values["f"] = .bool(Bool.random(using: &random)) }
            if Bool.random(using: &random) { answers.values["k"] = .string(["x", "y", "z"].randomElement(using: &random)!) }
            if Bool.random(using: &random) { answers.values["t"] = .string(["abc", "abd", "x"].randomElement(using: &random)!) }
            if Bool.random(using: &random) { answers.values["u"] = .string(["abc", "zzz"].randomElement(using: &random)!) }
            batch.append(answers)
        }
        for start in stride(from: 0, to: batch.count, by: block.capacity) {
            block.removeAll()
            let slice = batch[start..<min(start + block.capacity, batch.count)]
            for answers in slice { compiled.append(answers, to: block) }
            compiled.evaluate(block)
            for (row, answers) in slice.enumerated() {
                let diagnosis = engine.diagnose(answers)
                #expect(block.firedRules(row: row).map { compiled.rules[$0].code } == diagnosis.fired.map(\.rule.code).sorted(),
                        "\(answers.values)")
                for derived in program.derived {
                    #expect(block.value(compiled.layout.slot(derived.id)!, row: row) == diagnosis[derived.id], "\(derived.id) \(answers.values)")
                }
            }
        }
    }

    static let conditions = [
        "a / b > c", "a / b == c", "c <= a / b", "a / b >= 0.3333333333333333333", "a / 3 < c", "c != a / b",
        "a * b < c", "a * b * b > c", "a + b >= c", "a - c == b", "-a < c", "max(a, b) == c", "min(a, c) <= b",
        "unknown_count([a, b, c]) >= 2", "k in [\"x\", \"y\"]", "k not in [\"x\"]", "t == \"abc\"", "t == u",
        "t != u", "f == false", "not (a > 1) or f", "known(a) and unknown(b)", "q > 0.3333333333333333333",
        "q == 0.3333333333333333333", "d == \"big\"", "a in [1, 3, 0.1]", "4.6 > a", "1 < 2 and f", "(a > b) == f",
    ]

    /// A program with one rule per condition above, and two derived facts.
    static func program() throws -> Program {
        var intake = """
        playbook: t_intake
        version: 1
        title: { zh: 测试, en: test }
        blocks:
          - { id: b, title: { zh: 测试, en: test } }
        questions:

        """
        for fact in ["a", "b", "c"] {
            intake += "  - { id: \(fact), block: b, type: number, range: [-10000000000000000000, 10000000000000000000], prompt: { zh: 数, en: n } }\n"
        }
        intake += """
          - { id: f, block: b, type: bool, prompt: { zh: 是否, en: yes } }
          - { id: k, block: b, type: choice, prompt: { zh: 选, en: pick }, choices: [{ id: x, zh: 甲, en: x }, { id: y, zh: 乙, en: y }, { id: z, zh: 丙, en: z }] }
          - { id: t, block: b, type: text, prompt: { zh: 字, en: text } }
          - { id: u, block: b, type: text, prompt: { zh: 字, en: text } }
        derived:
          - { id: q, type: number, title: { zh: 商, en: q }, formula: a / b }
          - id: d
            type: choice
            title: { zh: 档, en: band }
            choices: [{ id: big, zh: 大, en: big }, { id: small, zh: 小, en: small }]
            cases:
              - { when: q > 1, then: big }
              - { when: q <= 0.1, then: small }

        """
        var rules = "playbook: t_rules\nversion: 1\ncode: TR\ntitle: { zh: 规则, en: rules }\nrules:\n"
        for (i, condition) in conditions.enumerated() {
            let code = String(format: "TR-%02d", i + 1)
            rules += """
              - id: r\(i + 1)
                code: \(code)
                title: { zh: 规则, en: rule }
                when: '\(condition)'
                severity: medium
                finding: { zh: 发现, en: finding }
                actions: [{ owner: consultant, horizon: this_week, text: { zh: 做, en: do }, kpi: { zh: 量, en: measure } }]
                sources: [{ ref: assumed, note: test }]
                examples: { fire: [{ a: 1 }], quiet: [{ a: 2 }] }

            """
        }
        let result = PlaybookLoader.load([PlaybookSource(name: "t_intake.yaml", text: intake),
                                          PlaybookSource(name: "t_rules.yaml", text: rules)])
        guard let program = result.program else { throw TestFailure("\(result.diagnostics.map(\.description))") }
        return program
    }
}
