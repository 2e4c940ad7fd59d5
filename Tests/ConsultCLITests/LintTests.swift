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

    /// What a merchant would read wrongly: an assumption with no Chinese, two pieces of advice that
    /// contradict with nothing declared, a fact id in a finding.
    @Test func planTextAndContradictionsAreChecked() throws {
        let dir = try PlaybookCommandTests.copy()
        try PlaybookCommandTests.edit(dir, "traffic_investment.yaml", "    overrides: [IN-03, IN-16, EV-05]", "    overrides: [IN-03, IN-16]")
        try PlaybookCommandTests.edit(dir, "intake.yaml",
                                      "note: { zh: \"头部商家的体验分目标定在4.7（假设值，按品类调整）\", en: \"4.7 for head merchants (assumed; tune per category)\" }",
                                      "note: \"4.7 for head merchants (assumed; tune per category)\"")
        let file = dir.appendingPathComponent("after_sales.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let finding = try #require(text.range(of: "      zh: \"店铺体验分只有 {store_rating}") ?? text.range(of: "{store_rating}"))
        try text.replacingCharacters(in: finding, with: text[finding].replacingOccurrences(of: "{store_rating}", with: "store_rating {store_rating}"))
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try consult(["lint", dir.path])
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(errors.count == 3, "\(r.stdout)")
        #expect(errors.contains { $0.contains("big_event.yaml:") && $0.contains("EV-05 and IN-02 can fire together") && $0.contains("ad_spend") })
        #expect(errors.contains { $0.contains("intake.yaml:") && $0.contains("write its note as { zh: …, en: … }") })
        #expect(errors.contains { $0.contains("after_sales.yaml:") && $0.contains("the fact id 'store_rating'") })
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
