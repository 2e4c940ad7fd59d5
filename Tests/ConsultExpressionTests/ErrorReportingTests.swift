import ConsultExpression
import Testing

@Suite("Error reporting")
struct ErrorReportingTests {
    static func messages(_ source: String, expecting: ExpressionType? = nil) -> [String] {
        compileErrors(source, expecting: expecting).map(\.message)
    }

    @Test func messagesMatchTheSpecification() {
        #expect(Self.messages("store_ratng > 4") == ["unknown fact 'store_ratng' (did you mean 'store_rating'?)"])
        #expect(Self.messages("platform == 3") == ["cannot compare choice 'platform' with a number"])
        #expect(Self.messages("platform == \"duoyin\"")
                == ["'duoyin' is not a value of 'platform' (did you mean 'douyin'?); accepted: douyin, kuaishou, taobao_live, other"])
        #expect(Self.messages("max(1, 2, 3)") == ["max takes 2 arguments, got 3"])
        #expect(Self.messages("known(1, 2)") == ["known takes 1 argument, got 2"])
        #expect(Self.messages("store_rating", expecting: .bool) == ["condition must be a boolean, got number"])
        #expect(Self.messages("maxx(1, 2)") == ["unknown function 'maxx' (did you mean 'max'?)"])
    }

    @Test func chainedComparisonSaysHowToRewrite() throws {
        let errors = compileErrors("0 < days_open <= 30")
        let chained = try #require(errors.first { $0.id == "expr.chained-comparison" })
        #expect(chained.message.contains("'0 < days_open and days_open <= 30'"))
        #expect(chained.notes.contains { $0.contains("a > 0 and a <= 30") })
        #expect(chained.span == ExpressionSpan(start: 0, length: 19))
        #expect(errors.map(\.id) == ["expr.chained-comparison", "expr.unknown-fact"])
    }

    @Test func spansPointAtTheCulpritInUnicodeScalars() throws {
        let errors = compileErrors("industrial_belt == \"义乌\" and platfrom == \"douyin\"")
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.span == ExpressionSpan(start: 28, length: 8))  // 义 and 乌 count one each
        let choice = try #require(compileErrors("platform in [\"douyin\", \"kuaisho\"]").first)
        #expect(choice.span == ExpressionSpan(start: 23, length: 9))
    }

    @Test func everyErrorIsReportedInOnePass() {
        let source = "store_ratng > 4 and platfrom == \"douyin\" or maxx(1) > 2 or platform == \"tiktok\" or min(1) > 0"
        #expect(compileErrors(source).map(\.id)
                == ["expr.unknown-fact", "expr.unknown-fact", "expr.unknown-function", "expr.unknown-choice", "expr.arity"])
        #expect(compileErrors("(store_rating > and platfrom == 1) or foo").map(\.id)
                == ["expr.syntax", "expr.unknown-fact", "expr.unknown-fact"])
    }

    @Test func notesHelpWithCommonSlips() throws {
        let unquoted = try #require(compileErrors("platform == kuaishou").first)
        #expect(unquoted.notes == ["'kuaishou' is a value of 'platform'; quote it: \"kuaishou\""])
        let function = try #require(compileErrors("count(1)").first)
        #expect(function.notes == ["available functions: known, unknown, unknown_count, max, min"])
    }

    @Test func pathologicalInputIsAnErrorNotACrash() {
        let deepParentheses = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(compileErrors(deepParentheses).map(\.id) == ["expr.syntax"])
        let longSum = Array(repeating: "store_rating", count: 1_000).joined(separator: " + ") + " > 1"
        #expect(compileErrors(longSum).map(\.id) == ["expr.syntax"])
        let deepNot = String(repeating: "not ", count: 5_000) + "true"
        #expect(compileErrors(deepNot).map(\.id) == ["expr.syntax"])
        let reasonable = Array(repeating: "store_rating", count: 100).joined(separator: " + ") + " > 1"
        #expect(compileErrors(reasonable).isEmpty)
        #expect(compileErrors("1" + String(repeating: "0", count: 500) + " > 1").isEmpty)
    }
}
