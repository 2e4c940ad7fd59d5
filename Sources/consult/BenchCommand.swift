import ArgumentParser
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

/// Prints speed figures (never asserted by tests): load+check time, one merchant's diagnosis and
/// plan, and merchants per second over the bundled examples.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure load, diagnose+plan and throughput; prints figures.",
                                                    shouldDisplay: false)  // a measurement, not a consultant's command

    @Option(name: .long, help: "Directory of answers files to loop over (default: examples).")
    var examples: String = "examples"

    @Option(name: .long, help: "Seconds to spend on the throughput loop.")
    var seconds: Double = 2

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let clock = ContinuousClock()
        let sources = try Files.playbookSources(Files.playbookDirectory(options.playbooks))
        var loadTimes: [Duration] = []
        var program: Program?
        for _ in 0..<20 {
            let start = clock.now
            program = PlaybookLoader.load(sources).program
            loadTimes.append(clock.now - start)
        }
        guard let program else { throw Failure(message: "error: playbooks do not load; run consult lint") }
        let files = try FileManager.default.contentsOfDirectory(atPath: examples).filter { $0.hasSuffix(".yaml") }.sorted()
        let merchants = try files.compactMap { name -> (MerchantInfo, Answers)? in
            let path = examples + "/" + name
            let (parsed, _) = AnswersFile.parse(PlaybookSource(name: path, text: try Files.read(path)), program: program)
            return parsed.map { ($0.merchant, $0.answers) }
        }
        guard !merchants.isEmpty else { throw Failure(message: "error: no valid answers files in '\(examples)'") }
        let engine = Engine(program: program)
        let planner = Planner(engine: engine, consultVersion: Consult.version)
        var one: [Duration] = []
        for _ in 0..<50 {
            let start = clock.now
            let plan = planner.plan(engine.diagnose(merchants[0].1), merchant: merchants[0].0, language: .zh)
            _ = JSONRenderer.render(plan)
            one.append(clock.now - start)
        }
        var count = 0
        let start = clock.now
        let limit = Duration.milliseconds(Int(seconds * 1000))
        while clock.now - start < limit {
            for (merchant, answers) in merchants {
                _ = planner.plan(engine.diagnose(answers), merchant: merchant, language: .zh)
                count += 1
            }
        }
        let elapsed = clock.now - start
        func ms(_ d: Duration) -> String { String(format: "%.3f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000) }
        func median(_ xs: [Duration]) -> Duration { xs.sorted()[xs.count / 2] }
        print("playbooks: \(program.playbooks.count), questions: \(program.questions.count), derived: \(program.derived.count), rules: \(program.rules.count)")
        print("load + check all playbooks: median \(ms(median(loadTimes))) (20 runs)")
        print("diagnose + plan + JSON, one merchant (\(merchants[0].0.name)): median \(ms(median(one))) (50 runs)")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "throughput (diagnose + plan) over %d example merchants: %.0f merchants/s", merchants.count, Double(count) / seconds))
    }
}
