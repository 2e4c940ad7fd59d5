import ConsultExpression
import ConsultPlaybook
@testable import ConsultShell
import Testing

/// `.answers` writes canonical values that read back to the same answers, whatever was typed.
@Suite struct AnswersWriterTests {
    let writer = AnswersWriter(program: Fixtures.program, language: .zh)

    @Test func typedShorthandsReadBackToTheSameValues() throws {
        var answers = Answers()
        let typed: [(String, String)] = [
            ("platform", "抖音"), ("industrial_belt", "白沟: \"箱包\" #1"), ("belt_stage", "?"),
            ("monthly_gmv", "3.5w"), ("return_rate", "18%"), ("has_persona", "有"), ("store_rating", "４.６"),
            ("category", "3C数码"),
        ]
        for (fact, raw) in typed {
            let value = try AnswerParser.parse(raw, for: #require(Fixtures.program.question(fact)).fact).get()
            answers.raw[fact] = raw
            if value.isKnown { answers.values[fact] = value }
        }
        let merchant = MerchantInfo(name: "卡丹路 \"旗舰\"", consultant: "王", date: "2026-11-20")
        let text = writer.text(merchant: merchant, answers: answers)
        #expect(writer.verify(text, merchant: merchant, answers: answers) == nil)
        #expect(text.contains("  monthly_gmv: 35000\n"))
        #expect(text.contains("  belt_stage: ~\n"))
        #expect(text.contains("  category: 3c_digital\n"))
    }
}
