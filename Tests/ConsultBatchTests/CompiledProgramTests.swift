import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import Testing

/// The column evaluator must decide exactly what the engine decides: same derived values, same
/// rules fired, on the real playbooks and on the benchmark's, for random answers near every
/// threshold.
@Suite struct CompiledProgramTests {
    @Test(arguments: ["playbooks", "bench/playbooks"])
    func firesWhatTheEngineFires(directory: String) throws {
        let program = try loadProgram(directory)
        let engine = Engine(program: program)
        let compiled = CompiledProgram(program: program)
        let fuzzer = AnswerFuzzer(program: program)
        var random = SeededRandom(seed: 7)
        let block = compiled.makeBlock(capacity: 64)
        var checked = 0
        for _ in 0..<16 {
            block.removeAll()
            var batch: [Answers] = []
            for _ in 0..<block.capacity {
                let answers = fuzzer.answers(&random, unknownShare: Double.random(in: 0...0.4, using: &random))
                batch.append(answers)
                compiled.append(answers, to: block)
            }
            compiled.evaluate(block)
            for (row, answers) in batch.enumerated() {
                let diagnosis = engine.diagnose(answers)
                // Every rule whose condition held, including those the plan then sets aside (excludes).
                let expected = (diagnosis.fired.map(\.rule.code) + diagnosis.setAside.map(\.code)).sorted()
                let actual = block.firedRules(row: row).map { compiled.rules[$0].code }.sorted()
                #expect(actual == expected, "row \(row) answers \(answers.values)")
                for derived in program.derived {
                    let slot = try #require(compiled.layout.slot(derived.id))
                    #expect(block.value(slot, row: row) == diagnosis[derived.id],
                            "\(derived.id) for answers \(answers.values)")
                }
                checked += 1
            }
        }
        #expect(checked == 16 * 64)
    }

    @Test func countsFiresPerRule() throws {
        let program = try loadProgram("bench/playbooks")
        let compiled = CompiledProgram(program: program)
        let fuzzer = AnswerFuzzer(program: program)
        var random = SeededRandom(seed: 11)
        let block = compiled.makeBlock(capacity: 100)
        for _ in 0..<100 { compiled.append(fuzzer.answers(&random), to: block) }
        compiled.evaluate(block)
        var counts = Array(repeating: 0, count: compiled.rules.count)
        for row in 0..<block.count { for r in block.firedRules(row: row) { counts[r] += 1 } }
        #expect(counts == block.fireCounts)
        #expect(counts.reduce(0, +) > 0)
    }
}
