import ConsultBatch
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

// Timing helpers, the start-up and one-merchant figures, and the C reference process.

extension BenchRules {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func ms(_ d: Duration) -> String { String(format: "%.1f ms", seconds(d) * 1000) }

    static func time(_ s: Double) -> String {
        s >= 1 ? String(format: "%.2f s", s) : s >= 1e-3 ? String(format: "%.1f ms", s * 1e3) : String(format: "%.2f µs", s * 1e6)
    }

    /// Median of three runs; each run lasts at least 0.3 s where the body loops (as cbench does).
    static func medianOf3(_ body: (Double) throws -> Double) rethrows -> Double {
        var runs: [Double] = []
        for _ in 0..<3 { runs.append(try body(0.3)) }
        return runs.sorted()[1]
    }

    func report(_ what: String, ours: Double, c: Double?, n: Int, target: Double?) {
        var line = "\(what): consult \(Self.time(ours)) (\(String(format: "%.2f", Double(n) / ours / 1e6)) M/s)"
        if let c {
            line += ", C \(Self.time(c)) (\(String(format: "%.2f", Double(n) / c / 1e6)) M/s), ratio \(String(format: "%.2f", ours / c))x"
            if let target { line += ours / c <= target ? " (target <= \(Int(target))x: met)" : " (target <= \(Int(target))x: NOT met)" }
        }
        print(line)
    }

    /// `--first`: load, read the first profile, evaluate, print its fired rules.
    func printFirst() throws {
        let (program, _) = try Files.program(playbooks)
        let bench = RuleBenchmark(program: program, blockSize: 1)
        let fired = try bench.firstProfile(profiles)
        print("FIRED" + fired.map { " " + $0 }.joined())
    }

    /// Start-up to first result: this binary's `--first` beside `cbench first`, five runs each, on
    /// a file of one profile (cbench reads its whole input before the first result).
    func startup() throws {
        let one = FileManager.default.temporaryDirectory.appendingPathComponent("consult-first-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: one) }
        let head = (try? FileHandle(forReadingAtPath: profiles)?.read(upToCount: 1 << 20)) ?? nil
        let firstLine = (head ?? Data()).prefix { $0 != 0x0A }
        try Files.writeAtomically(String(decoding: firstLine, as: UTF8.self) + "\n", to: one)
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let ours = try Self.wallMedian(me, ["bench-rules", "--first", "--profiles", one, "--playbooks", playbooks])
        var line = "start-up to first result (process start, load + check playbooks, one profile): consult \(Self.time(ours))"
        if let cbench {
            let c = try Self.wallMedian(cbench, ["first", one])
            line += ", C \(Self.time(c)), ratio \(String(format: "%.0f", ours / c))x"
        }
        print(line)
    }

    /// Median wall time of five runs, spawned with posix_spawn and waited for with waitpid (Foundation's
    /// Process adds tens of milliseconds of its own), stdout to /dev/null.
    static func wallMedian(_ executable: String, _ arguments: [String]) throws -> Double {
        var runs: [Double] = []
        for _ in 0..<5 {
            var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let start = ContinuousClock.now
            guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
                throw Failure(message: "error: cannot run \(executable)")
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            runs.append(seconds(ContinuousClock.now - start))
            guard status == 0 else { throw Failure(message: "error: \(executable) \(arguments.joined(separator: " ")) failed") }
        }
        return runs.sorted()[2]
    }

    /// One merchant: the real playbooks through Engine and Planner, and one bench profile through
    /// the column path (beside `cbench latency`).
    func oneMerchant(_ bench: RuleBenchmark, _ blocks: [FactBlock]) throws {
        let (program, _) = try Files.program(realPlaybooks)
        let source = PlaybookSource(name: merchant, text: try Files.read(merchant))
        guard let parsed = AnswersFile.parse(source, program: program).0 else {
            throw Failure(message: "error: \(merchant): not a valid answers file for \(realPlaybooks)")
        }
        let engine = Engine(program: program)
        let planner = Planner(engine: engine, consultVersion: Consult.version)
        func median(_ n: Int, _ body: () -> Void) -> Double {
            var runs: [Double] = []
            for _ in 0..<n {
                let start = ContinuousClock.now
                body()
                runs.append(Self.seconds(ContinuousClock.now - start))
            }
            return runs.sorted()[n / 2]
        }
        let diagnose = median(201) { _ = engine.diagnose(parsed.answers) }
        let full = median(201) { _ = JSONRenderer.render(planner.plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: .zh)) }
        let columns = CompiledProgram(program: program)
        let single = columns.makeBlock(capacity: 1)
        let compiled = median(201) {
            single.removeAll()
            columns.append(parsed.answers, to: single)
            columns.evaluate(single)
        }
        print("one merchant, real playbooks (\(merchant), \(program.rules.count) rules): Engine.diagnose \(Self.time(diagnose)); "
              + "diagnose + plan + JSON \(Self.time(full)); column evaluator (fired rules only) \(Self.time(compiled))")
        let one = bench.compiled.makeBlock(capacity: 1)
        guard let profile = blocks.first, profile.count > 0 else { return }
        _ = one.appendRow()
        for slot in bench.compiled.layout.facts.indices { one.set(slot, row: 0, profile.value(slot, row: 0)) }
        let iterations = 10_000
        let start = ContinuousClock.now
        for _ in 0..<iterations { bench.compiled.evaluate(one) }
        let each = Self.seconds(ContinuousClock.now - start) / Double(iterations)
        var line = "one profile, bench rules (block of 1): consult \(Self.time(each))"
        if let cbench, let c = try? CReference(path: cbench).latency(profiles) {
            line += ", C \(Self.time(c)), ratio \(String(format: "%.0f", each / c))x"
        }
        print(line)
    }
}

/// The C reference program of ../shared/bench/c, run as a child process.
struct CReference {
    let path: String

    struct Throughput {
        var parseSeconds: Double
        var evalSeconds: Double
        var counts: [Int]
    }

    func eval(_ profiles: String) throws -> [String] {
        try Self.output(path, ["eval", profiles]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func throughput(_ profiles: String) throws -> Throughput {
        let result = try self.result(["throughput", profiles])
        return Throughput(parseSeconds: result["parse_s"].flatMap(Self.number) ?? 0, evalSeconds: result["eval_s"].flatMap(Self.number) ?? 0,
                          counts: (result["counts"] as? [Any] ?? []).compactMap(Self.number).map { Int($0) })
    }

    func latency(_ profiles: String) throws -> Double {
        try result(["latency", profiles])["eval_s"].flatMap(Self.number) ?? 0
    }

    private func result(_ arguments: [String]) throws -> [String: Any] {
        let out = try Self.output(path, arguments)
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("RESULT ") }),
              let object = try JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any] else {
            throw Failure(message: "error: \(path) \(arguments.joined(separator: " ")) printed no RESULT line")
        }
        return object
    }

    static func number(_ any: Any) -> Double? { (any as? NSNumber)?.doubleValue }

    /// Runs a program and returns its standard output; fails on a non-zero exit.
    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "error: \(executable) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
