import Foundation
import TestSupport
import Testing

/// `consult lint`, `consult test` and `consult explain` on the bundled and on broken playbooks.
struct PlaybookCommandTests {
    /// A copy of the bundled playbooks to break.
    static func copy() throws -> URL {
        let dir = Repo.temporaryDirectory("consult-playbooks")
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.path("playbooks")) {
            try FileManager.default.copyItem(atPath: Repo.path("playbooks/\(name)"), toPath: dir.appendingPathComponent(name).path)
        }
        return dir
    }

    static func edit(_ dir: URL, _ file: String, _ from: String, _ to: String) throws {
        let path = dir.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(from), "\(file) does not contain \(from)")
        guard let range = text.range(of: from) else { return }
        try text.replacingCharacters(in: range, with: to).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func bundledPlaybooksLintClean() throws {
        let r = try consult(["lint", "--strict", "playbooks"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("9 playbooks, 102 rules: 0 errors, 0 warnings"))
    }

    @Test func brokenCopyGivesFourLocatedErrorsInOneRun() throws {
        let dir = try Self.copy()
        try Self.edit(dir, "after_sales.yaml", "    severity: critical\n    stop_the_line: true", "    severty: critical\n    stop_the_line: true")
        try Self.edit(dir, "after_sales.yaml", "when: store_rating <= 4.4", "when: store_ratng <= 4.4")
        try Self.edit(dir, "people_goods_scene.yaml", "when: avg_stay_seconds < 30", "when: avg_stay_seconds < \"30\"")
        try Self.edit(dir, "intake.yaml", "formula: aov * conversion_rate / 100", "formula: aov * conversion_rate / 100 + gpm_est")
        let r = try consult(["lint", dir.path])
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 4, "\(r.stdout)")
        #expect(r.stdout.contains("after_sales.yaml:") && r.stdout.contains("unknown field 'severty' in a rule (did you mean 'severity'?)"))
        #expect(r.stdout.contains("unknown fact 'store_ratng' (did you mean 'store_rating'?)"))
        #expect(r.stdout.contains("people_goods_scene.yaml:") && r.stdout.contains("'<' needs numbers, got a string"))
        #expect(r.stdout.contains("derived facts form a cycle: ") && r.stdout.contains("uv_value") && r.stdout.contains("gpm_est"))
        #expect(r.stdout.contains("^"), "carets under the excerpt")
    }

    @Test func testCommandCountsAndFailsOnABrokenExample() throws {
        let ok = try consult(["test", "playbooks"])
        #expect(ok.status == 0, "\(ok.stdout)")
        let last = ok.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" passed, 0 failed"), "\(last)")
        let dir = try Self.copy()
        try Self.edit(dir, "after_sales.yaml", "when: store_rating <= 4.4", "when: store_rating <= 4.3")
        let bad = try consult(["test", dir.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("FAIL SV-01 fire"), "\(bad.stdout)")
        #expect(bad.stdout.split(separator: "\n").last?.hasSuffix(" failed") == true)
        #expect(!(bad.stdout.split(separator: "\n").last?.hasSuffix(" 0 failed") ?? true))
    }

    @Test func coverageReportsNoRuleWithoutBothKindsOfExample() throws {
        let r = try consult(["test", "--coverage", "playbooks"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("rules never fired: none"))
        #expect(r.stdout.contains("rules never seen quiet: none"))
    }

    @Test func explainShowsARuleByCodeOrId() throws {
        for name in ["SV-01", "sv-01", "after_sales.rating_critical"] {
            let r = try consult(["explain", name, "--lang", "en"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("when: store_rating <= 4.4"))
            #expect(r.stdout.contains("001_b62d3f3984911d46.txt"))
            #expect(r.stdout.contains("fires:"))
        }
        let fact = try consult(["explain", "store_rating"])
        #expect(fact.stdout.contains("read by rules:") && fact.stdout.contains("SV-01"))
        let typo = try consult(["explain", "SV-1"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no rule or fact named 'SV-1'"))
    }
}
