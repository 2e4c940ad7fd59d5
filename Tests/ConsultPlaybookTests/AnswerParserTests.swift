import ConsultExpression
@testable import ConsultPlaybook
import Testing

/// Every answer form of domain-brief §2.2 and design.md, as a consultant would type them.
struct AnswerParserTests {
    static let money = FactDeclaration(id: "monthly_gmv", kind: .money, range: 0...10_000_000_000)
    static let percent = FactDeclaration(id: "return_rate", kind: .percent, range: 0...100)
    static let rating = FactDeclaration(id: "store_rating", kind: .number, range: 0...5)
    static let count = FactDeclaration(id: "sku_count", kind: .number, range: 0...100_000, integer: true)
    static let flag = FactDeclaration(id: "pre_ship_qc", kind: .bool)
    static let platform = FactDeclaration(id: "platform", kind: .choice, choices: [
        Choice(id: "douyin", label: Text(zh: "抖音", en: "Douyin")),
        Choice(id: "kuaishou", label: Text(zh: "快手", en: "Kuaishou")),
    ])
    static let belt = FactDeclaration(id: "belt_stage", kind: .choice, choices: [
        Choice(id: "boom", label: Text(zh: "蓬勃发展期", en: "boom")),
        Choice(id: "unknown", label: Text(zh: "不清楚", en: "not sure")),
    ])
    static let text = FactDeclaration(id: "industrial_belt", kind: .text, maxLength: 6)
    static let targeting = FactDeclaration(id: "targeting_mode", kind: .choice, choices: [
        Choice(id: "wide", label: Text(zh: "宽定向（仅性别/年龄/地域）", en: "wide")),
        Choice(id: "auto", label: Text(zh: "系统智能，不设定向", en: "automatic")),
    ])

    static let accepted: [(FactDeclaration, String, Value)] = [
        (money, "800000", .number(800_000)), (money, "80万", .number(800_000)), (money, "2.3万", .number(23_000)),
        (money, "1亿", .number(100_000_000)), (money, "5k", .number(5_000)), (money, "8w", .number(80_000)),
        (money, "800,000", .number(800_000)), (money, "８０万", .number(800_000)), (money, "¥1,200元", .number(1_200)),
        (money, "3千", .number(3_000)), (money, " 12.5万 ", .number(125_000)), (money, "0", .number(0)),
        (percent, "18", .number(18)), (percent, "18%", .number(18)), (percent, "１８％", .number(18)), (percent, "3.31", .number(Number("3.31")!)),
        (rating, "4.4", .number(Number("4.4")!)), (rating, "4.58", .number(Number("4.58")!)), (count, "1,200", .number(1_200)),
        (flag, "yes", .bool(true)), (flag, "Y", .bool(true)), (flag, "是", .bool(true)), (flag, "有", .bool(true)), (flag, "true", .bool(true)),
        (flag, "no", .bool(false)), (flag, "n", .bool(false)), (flag, "否", .bool(false)), (flag, "没有", .bool(false)), (flag, "false", .bool(false)),
        (platform, "douyin", .string("douyin")), (platform, "抖音", .string("douyin")), (platform, "Kuaishou", .string("kuaishou")),
        (platform, "?", .unknown), (platform, "不清楚", .unknown), (money, "", .unknown), (money, "unknown", .unknown), (flag, "不知道", .unknown),
        (belt, "不清楚", .string("unknown")), (belt, "unknown", .string("unknown")), (belt, "?", .unknown),
        (text, "织里童装", .string("织里童装")),
        (targeting, "宽定向（仅性别/年龄/地域）", .string("wide")), (targeting, "系统智能，不设定向", .string("auto")),
    ]

    @Test(arguments: accepted.indices)
    func accepts(_ i: Int) throws {
        let (fact, raw, expected) = Self.accepted[i]
        #expect(try AnswerParser.parse(raw, for: fact).get() == expected, "\(fact.id) '\(raw)'")
    }

    static let refused: [(FactDeclaration, String, String)] = [
        (money, "很多", "is not a number"), (money, "-5", "is out of range"), (percent, "180", "is out of range"),
        (percent, "18%%", "is not a number"), (rating, "5.1", "is out of range"), (count, "12.5", "must be a whole number"),
        (flag, "maybe", "is not yes or no"), (platform, "duoyin", "is not one of the choices"),
        (text, "织里童装产业带很长", "is longer than 6 characters"),
    ]

    @Test(arguments: refused.indices)
    func refusesWithTheAcceptedForm(_ i: Int) {
        let (fact, raw, problem) = Self.refused[i]
        guard case .failure(let error) = AnswerParser.parse(raw, for: fact) else {
            Issue.record("\(fact.id) '\(raw)' was accepted")
            return
        }
        let message = error.message(.en)
        #expect(message.contains(problem), "\(message)")
        #expect(message.contains("accepted:"), "\(message)")
        #expect(error.message(.zh).contains("可填"))
    }

    @Test func choiceErrorsListEveryChoiceWithItsLabel() throws {
        guard case .failure(let error) = AnswerParser.parse("x", for: Self.platform) else { throw Unexpected() }
        #expect(error.accepted.en.contains("douyin, kuaishou"), "an id that the label only spells out stands alone")
        #expect(error.accepted.zh.contains("抖音（douyin）"))
    }

    /// The start of a long label, or of one of its parts, picks the choice when only one fits;
    /// too short or shared by two choices it is still refused.
    @Test func aUniquePrefixOfALabelPicksTheChoice() throws {
        let program = try #require(PlaybookLoader.load(try LoaderTests.bundled()).program)
        let category = try #require(program.question("category")?.fact)
        let targeting = try #require(program.question("targeting_mode")?.fact)
        for (typed, id) in [("生鲜", "food_fresh"), ("农产品", "food_fresh"), ("童装", "kids_mother_baby"), ("appar", "apparel"), ("3C数", "3c_digital")] {
            #expect(try AnswerParser.parse(typed, for: category).get() == .string(id), "\(typed)")
        }
        #expect(try AnswerParser.parse("宽定向", for: targeting).get() == .string("wide"))
        for refused in ["皮", "ap", "家"] {
            if case .success(let v) = AnswerParser.parse(refused, for: category) { Issue.record("\(refused) was taken as \(v)") }
        }
    }

    struct Unexpected: Error {}
}
