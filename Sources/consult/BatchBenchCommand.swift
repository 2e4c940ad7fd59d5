import ArgumentParser
import ConsultBatch
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

/// `consult bench-rules`: the engine against the C reference of ../shared/bench on the same
/// profiles, in one run: same fired rules for every profile, then time ratios. Figures only;
/// nothing is asserted except the fired-rule comparison (exit 1 on any difference).
struct BenchRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rules",
        abstract: "Benchmark the engine against the C reference (fired rules compared, times as ratios).",
        discussion: "bench/run.sh builds everything and runs this; see bench/README.md.")

    @Option(name: .long, help: "Profiles, JSON Lines as the reference generator (gen.py) writes them.")
    var profiles: String

    @Option(name: .long, help: "The translated rule set.")
    var playbooks: String = "bench/playbooks"

    @Option(name: .long, help: "The C reference binary (cbench); runs its eval, throughput, first and latency modes.")
    var cbench: String?

    @Option(name: .customLong("c-results"), help: "Saved output of 'cbench eval FILE' (else it is run with --cbench).")
    var cResults: String?

    @Option(name: .customLong("real-playbooks"), help: "Playbooks for the one-merchant figure.")
    var realPlaybooks: String = "playbooks"

    @Option(name: .long, help: "Answers file of the one merchant.")
    var merchant: String = "examples/mature_head.yaml"

    @Option(name: .long, help: "Merchants per column block.")
    var block: Int = 256

    @Option(name: .customLong("engine-sample"), help: "Profiles also checked against the tree-walking Engine.")
    var engineSample: Int = 2000

    @Flag(name: .long, help: "Only print the fired rules of the first profile (start-up measurement).")
    var first = false

    @Flag(name: .customLong("check-only"), help: "Only compare the fired rules (no timing).")
    var checkOnly = false

    func run() throws {
        if first { return try printFirst() }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let (program, _) = try Files.program(playbooks)
        let bench = RuleBenchmark(program: program, blockSize: block)
        let loadTime = clock.now - loadStart
        var failed = false

        // Decode everything once; check the fired rules.
        let (blocks, errors) = try bench.decodeAll(profiles)
        for e in errors.prefix(10) { FileHandle.writeError("error: \(profiles): \(e)") }
        if !errors.isEmpty { throw Failure(message: "error: \(errors.count) profiles could not be decoded") }
        let total = blocks.reduce(0) { $0 + $1.count }
        print("bench-rules: \(total) profiles, \(bench.compiled.rules.count) rules (\(playbooks)), blocks of \(block); load + compile \(Self.ms(loadTime))")
        var ours = Array(repeating: 0, count: bench.compiled.rules.count)
        bench.evaluate(blocks, counts: &ours)
        let lines = bench.firedLines(blocks)
        if let reference = try referenceLines() {
            failed = !compare(lines, reference) || failed
        } else {
            print("check: skipped (give --cbench or --c-results)")
        }
        failed = !engineCheck(program, bench, blocks) || failed
        if checkOnly {
            if failed { throw ExitCode(1) }
            return
        }

        // Times, beside the C program.
        let c = try cbench.map { try CReference(path: $0).throughput(profiles) }
        if let c, c.counts != ours {
            print("check: FAILED: fire counts differ from the C reference's")
            failed = true
        }
        let diagnosis = Self.medianOf3 { seconds in
            var counts = Array(repeating: 0, count: bench.compiled.rules.count)
            var passes = 0
            let start = clock.now
            repeat {
                bench.evaluate(blocks, counts: &counts)
                passes += 1
            } while Self.seconds(clock.now - start) < seconds
            return Self.seconds(clock.now - start) / Double(passes)
        }
        let endToEnd = try Self.medianOf3 { _ in
            let start = clock.now
            let run = try bench.run(profiles)
            precondition(run.counts == ours)
            return Self.seconds(clock.now - start)
        }
        let decodeOnly = try Self.medianOf3 { _ in
            let start = clock.now
            _ = try bench.decodeAll(profiles)
            return Self.seconds(clock.now - start)
        }
        report("diagnosis only (facts decoded)", ours: diagnosis, c: c?.evalSeconds, n: total, target: 5)
        report("end to end (read + parse + diagnose + count)", ours: endToEnd, c: c.map { $0.parseSeconds + $0.evalSeconds }, n: total, target: 3)
        report("  of which read + parse", ours: decodeOnly, c: c?.parseSeconds, n: total, target: nil)
        try startup()
        try oneMerchant(bench, blocks)
        if failed { throw ExitCode(1) }
    }

    // MARK: Correctness

    func referenceLines() throws -> [String]? {
        if let cResults { return try Files.read(cResults).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        guard let cbench else { return nil }
        return try CReference(path: cbench).eval(profiles)
    }

    func compare(_ ours: [String], _ reference: [String]) -> Bool {
        var reference = reference
        if reference.last == "" { reference.removeLast() }
        guard ours.count == reference.count else {
            print("check: FAILED: \(ours.count) profiles here, \(reference.count) lines from the C reference")
            return false
        }
        let differing = ours.indices.filter { ours[$0] != reference[$0] }
        for i in differing.prefix(10) {
            print("  profile \(i + 1) (line \(i + 1)): consult fires [\(ours[i])], C fires [\(reference[i])]")
        }
        if differing.isEmpty {
            print("check: fired rules identical to the C reference for \(ours.count)/\(ours.count) profiles")
        } else {
            print("check: FAILED: fired rules differ for \(differing.count) of \(ours.count) profiles")
        }
        return differing.isEmpty
    }

    /// The column path against the tree-walking `Engine.diagnose` on a sample of profiles.
    func engineCheck(_ program: Program, _ bench: RuleBenchmark, _ blocks: [FactBlock]) -> Bool {
        guard engineSample > 0 else { return true }
        let engine = Engine(program: program)
        var checked = 0, differing = 0
        outer: for block in blocks {
            for row in 0..<block.count {
                if checked == engineSample { break outer }
                var answers = Answers()
                for question in program.questions {
                    guard let slot = bench.compiled.layout.slot(question.id) else { continue }
                    let value = block.value(slot, row: row)
                    if value.isKnown { answers.values[question.id] = value }
                }
                let d = engine.diagnose(answers)
                let expected = (d.fired.map(\.rule.code) + d.setAside.map(\.code)).sorted()
                let actual = block.firedRules(row: row).map { bench.compiled.rules[$0].code }.sorted()
                if expected != actual { differing += 1 }
                checked += 1
            }
        }
        print(differing == 0 ? "check: the tree-walking Engine fires the same rules on \(checked) sampled profiles"
                             : "check: FAILED: the tree-walking Engine differs on \(differing) of \(checked) profiles")
        return differing == 0
    }
}
