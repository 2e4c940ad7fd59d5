import Foundation
import Testing
import TestSupport

/// The translated rule set fires exactly what the C reference fires, on 2,000 generated profiles
/// (the benchmark script does the same on 100,000). Needs ../shared/bench (or $BENCH_REF),
/// python3 and gcc; skipped when one is missing.
@Suite struct ReferenceComparisonTests {
    static let reference: String = {
        if let env = ProcessInfo.processInfo.environment["BENCH_REF"], !env.isEmpty { return env }
        return Repo.root.deletingLastPathComponent().appendingPathComponent("shared/bench").path
    }()

    static var available: Bool {
        FileManager.default.fileExists(atPath: reference + "/gen.py")
            && ["/usr/bin/python3", "/usr/bin/gcc"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: available, "needs ../shared/bench, python3 and gcc"), .timeLimit(.minutes(1)))
    func firesWhatTheCReferenceFires() throws {
        let dir = Repo.temporaryDirectory("consult-ref")
        defer { try? FileManager.default.removeItem(at: dir) }
        let profiles = dir.appendingPathComponent("p.jsonl").path
        let header = dir.appendingPathComponent("rules_gen.h").path
        let cbench = dir.appendingPathComponent("cbench").path
        try Self.run("/usr/bin/python3", [Self.reference + "/gen.py", "2000", "--seed", "424242", "--out", profiles])
        try Self.run("/usr/bin/python3", [Self.reference + "/cgen.py", Self.reference + "/rules.json", header])
        try Self.run("/usr/bin/gcc", ["-O2", "-std=c11", "-I", dir.path, "-o", cbench, Self.reference + "/c/cbench.c"])
        let result = try consult(["bench-rules", "--check-only", "--profiles", profiles, "--playbooks", "bench/playbooks",
                                  "--cbench", cbench, "--engine-sample", "500"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("check: fired rules identical to the C reference for 2000/2000 profiles"))
        #expect(result.stdout.contains("check: the tree-walking Engine fires the same rules on 500 sampled profiles"))
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
