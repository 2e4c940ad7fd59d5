import Foundation
import TestSupport
import Testing

/// The deeper lint of issue 3: impossible questions and rules, duplicates, missing translations.
struct LintTests {
    @Test func oneErrorEachInOneRun() throws {
        let dir = try PlaybookCommandTests.copy()
        // A follow-up that can never be asked: spend can't be negative.
        try PlaybookCommandTests.edit(dir, "intake.yaml", "    ask_if: monthly_ad_spend > 0", "    ask_if: monthly_ad_spend < 0")
        // A rule that can never fire.
        try PlaybookCommandTests.edit(dir, "accompaniment.yaml", "when: cooperation_willingness == \"medium\"",
                                      "when: cooperation_willingness == \"medium\" and cooperation_willingness == \"high\"")
        // A duplicate code.
        try PlaybookCommandTests.edit(dir, "expectation.yaml", "code: EX-03", "code: EX-02")
        // A missing translation.
        try PlaybookCommandTests.edit(dir, "user_ops.yaml", "title: { zh: 加购未支付没人跟进, en: Cart abandoners not followed up }",
                                      "title: { zh: 加购未支付没人跟进 }")
        let r = try consult(["lint", dir.path])
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(errors.count == 4, "\(r.stdout)")
        #expect(errors.contains { $0.contains("intake.yaml:") && $0.contains("can never be asked") })
        #expect(errors.contains { $0.contains("accompaniment.yaml:") && $0.contains("AC-08 can never fire") })
        #expect(errors.contains { $0.contains("expectation.yaml:") && $0.contains("rule code 'EX-02' is used twice") })
        #expect(errors.contains { $0.contains("user_ops.yaml:") && $0.contains("has no English (en) text") })
    }

    @Test func alwaysFiringRulesAndUnusedFacts() throws {
        let dir = try PlaybookCommandTests.copy()
        try PlaybookCommandTests.edit(dir, "user_ops.yaml", "when: cart_abandon_followup == false and monthly_gmv >= 100000",
                                      "when: monthly_gmv >= 0")
        let r = try consult(["lint", dir.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("rule UO-01 fires for every answer"))
        #expect(r.stdout.contains("warning: question 'cart_abandon_followup' is asked but no rule"))
        let warningsOnly = try PlaybookCommandTests.copy()
        try PlaybookCommandTests.edit(warningsOnly, "user_ops.yaml", "when: cart_abandon_followup == false and monthly_gmv >= 100000",
                                      "when: monthly_gmv >= 100000")
        #expect(try consult(["lint", warningsOnly.path]).status == 0)
        let strict = try consult(["lint", "--strict", warningsOnly.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("0 errors, 1 warning"))
    }
}
