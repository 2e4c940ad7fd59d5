import Foundation
import Testing
import TestSupport

/// What `consult batch` plans for the translated rule set is exactly what the C reference fires,
/// profile by profile, on 2,000 generated profiles: the product's own path (reader, engine,
/// planner, JSON plans, portfolio summary), not a benchmark-only one. Needs ../shared/bench (or
/// $BENCH_REF), python3 and gcc; skipped when one is missing.
@Suite struct ReferenceComparisonTests {
    static let reference: String = {
        if let env = ProcessInfo.processInfo.environment["BENCH_REF"], !env.isEmpty { return env }
        return Repo.root.deletingLastPathComponent().appendingPathComponent("shared/bench").path
    }()

    static var available: Bool {
        FileManager.default.fileExists(atPath: reference + "/gen.py")
            && ["/usr/bin/python3", "/usr/bin/gcc"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: available, "needs ../shared/bench, python3 and gcc"), .timeLimit(.minutes(2)))
    func batchPlansWhatTheCReferenceFires() throws {
        let dir = Repo.temporaryDirectory("consult-ref")
        defer { try? FileManager.default.removeItem(at: dir) }
        let profiles = dir.appendingPathComponent("p.jsonl").path
        let header = dir.appendingPathComponent("rules_gen.h").path
        let cbench = dir.appendingPathComponent("cbench").path
        let out = dir.appendingPathComponent("out").path
        try Self.run("/usr/bin/python3", [Self.reference + "/gen.py", "2000", "--seed", "424242", "--out", profiles])
        try Self.run("/usr/bin/python3", [Self.reference + "/cgen.py", Self.reference + "/rules.json", header])
        try Self.run("/usr/bin/gcc", ["-O2", "-std=c11", "-I", dir.path, "-o", cbench, Self.reference + "/c/cbench.c"])
        let expected = try Self.output(cbench, ["eval", profiles]).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(2000).map { $0.split(separator: " ").map(String.init).sorted() }

        let result = try consult(["batch", profiles, "--playbooks", "bench/playbooks", "--format", "json", "--out", out, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let plans = try FileManager.default.contentsOfDirectory(atPath: out + "/plans").filter { $0.hasSuffix(".json") }.sorted()
        try #require(plans.count == 2000)
        var counts: [String: Int] = [:]
        var differing: [String] = []
        for (index, name) in plans.enumerated() {
            let plan = try Self.object(at: out + "/plans/" + name)
            let codes = ((plan["findings"] as? [[String: Any]] ?? []) + (plan["set_aside"] as? [[String: Any]] ?? []))
                .compactMap { $0["code"] as? String }
            for code in codes { counts[code, default: 0] += 1 }
            // BR-07 is the reference's R07.
            let fired = codes.map { "R" + $0.dropFirst(3) }.sorted()
            if fired != expected[index] { differing.append("profile \(index + 1): consult \(fired), C \(expected[index])") }
        }
        #expect(differing.isEmpty, "\(differing.count) profiles differ, e.g. \(differing.prefix(3))")
        // The portfolio summary counts the same fires.
        let summary = try Self.object(at: out + "/summary.json")
        let summed = Dictionary(uniqueKeysWithValues: (summary["rules"] as? [[String: Any]] ?? []).compactMap { rule in
            (rule["code"] as? String).map { ($0, rule["merchants"] as? Int ?? -1) }
        })
        #expect(summed.filter { $0.value > 0 } == counts)
    }

    static func object(at path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path)")
    }

    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw TestFailure("\(executable) \(arguments) exited \(process.terminationStatus)") }
    }
}
