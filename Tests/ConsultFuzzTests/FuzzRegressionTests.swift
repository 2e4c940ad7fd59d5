import ConsultFuzzEntries
import Foundation
import TestSupport
import Testing

/// Every input in Fuzz/corpus (the seeds) and Fuzz/regressions (what the fuzzer once crashed on)
/// goes through its entry again: each must return. A crash found by scripts/fuzz is copied to
/// Fuzz/regressions/ENTRY/ with the fix, so it stays fixed.
struct FuzzRegressionTests {
    static let cases: [String] = {
        var found: [String] = []
        for kind in ["corpus", "regressions"] {
            for entry in FuzzEntries.names {
                let dir = Repo.path("Fuzz/\(kind)/\(entry)")
                for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
                    found.append("\(kind)/\(entry)/\(name)")
                }
            }
        }
        return found
    }()

    @Test func everyEntryHasSeeds() {
        for entry in FuzzEntries.names {
            #expect(Self.cases.contains { $0.hasPrefix("corpus/\(entry)/") }, "no seed for \(entry)")
        }
    }

    @Test(arguments: cases)
    func replays(_ file: String) throws {
        let entry = file.split(separator: "/")[1]
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("Fuzz/" + file)))
        setenv("CONSULT_PLAYBOOKS", Repo.path("playbooks"), 1)
        data.withUnsafeBytes { raw in
            FuzzEntries.run(String(entry), raw.bindMemory(to: UInt8.self))
        }
    }
}
