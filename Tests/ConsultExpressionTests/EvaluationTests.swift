import ConsultExpression
import Testing

@Suite("Evaluation")
struct EvaluationTests {
    static func facts(_ overrides: [String: Value] = [:]) -> (String) -> Value {
        let all = baseFacts.merging(overrides) { _, new in new }
        return { all[$0] ?? .unknown }
    }

    static func reads(_ source: String, _ overrides: [String: Value] = [:]) throws -> [String] {
        let expression = try #require(compiled(source))
        var reads: [String] = []
        _ = expression.evaluate(facts(overrides), reads: &reads)
        return reads
    }

    @Test func readsFollowShortCircuit() throws {
        #expect(try Self.reads("store_rating > 5 and platform == \"douyin\"") == ["store_rating"])
        #expect(try Self.reads("store_rating > 4 and platform == \"douyin\"") == ["store_rating", "platform"])
        #expect(try Self.reads("pre_ship_qc or has_brand") == ["pre_ship_qc"])
        #expect(try Self.reads("has_brand or pre_ship_qc") == ["has_brand", "pre_ship_qc"])
        #expect(try Self.reads("followers > 1 and store_rating > 5") == ["followers", "store_rating"])
        #expect(try Self.reads("has_brand and followers > 1 and store_rating > 5") == ["has_brand"])
        #expect(try Self.reads("(has_brand or store_rating > 5) and monthly_gmv > 0") == ["has_brand", "store_rating"])
        #expect(try Self.reads("store_rating > 1 and store_rating < 10") == ["store_rating"])
        #expect(try Self.reads("unknown_count([followers, refund_rate, platform]) > 0")
                == ["followers", "refund_rate", "platform"])
        #expect(try Self.reads("1 + 1 == 2") == [])
    }

    @Test func readsAreAppended() throws {
        let expression = try #require(compiled("known(live_hours)"))
        var reads = ["earlier"]
        #expect(expression.evaluate(Self.facts(), reads: &reads) == T)
        #expect(reads == ["earlier", "live_hours"])
    }

    @Test func traceEvaluatesEverySubExpression() throws {
        let expression = try #require(compiled("store_rating > 5 and platform == \"douyin\""))
        let trace = expression.trace(Self.facts())
        #expect(trace.value == F)
        #expect(trace.text == "store_rating > 5 and platform == \"douyin\"")
        #expect(trace.children.map(\.value) == [F, T])
        #expect(trace.children.map(\.text) == ["store_rating > 5", "platform == \"douyin\""])
        #expect(trace.children[0].children.map(\.value) == [n("4.6"), .number(5)])
        #expect(trace.children[0].children.map(\.text) == ["store_rating", "5"])
        #expect(trace.children[1].children[0].value == s("douyin"))
    }

    @Test func traceShowsUnknownsAndParentheses() throws {
        let expression = try #require(compiled("(followers + 1) * 2 > 10 or known(followers)"))
        let trace = expression.trace(Self.facts())
        #expect(trace.value == U)  // unknown or false
        let comparison = trace.children[0]
        #expect(comparison.value == U)
        #expect(comparison.children[0].text == "(followers + 1) * 2")
        #expect(comparison.children[0].children[0].text == "(followers + 1)")
        #expect(comparison.children[0].children[0].value == U)
        #expect(trace.children[1].text == "known(followers)")
        #expect(trace.children[1].value == F)
    }

    @Test func traceSlicesUnicodeText() throws {
        let expression = try #require(compiled("industrial_belt == \"义乌\" and not has_brand"))
        let trace = expression.trace(Self.facts(["industrial_belt": s("义乌")]))
        #expect(trace.value == T)
        #expect(trace.children[0].children[1].text == "\"义乌\"")
        #expect(trace.children[1].text == "not has_brand")
    }

    @Test func factsReadInOrderOfFirstAppearance() throws {
        let expression = try #require(compiled(
            "platform == \"douyin\" or store_rating > 1 and known(platform) and unknown_count([monthly_gmv, followers]) > 0"))
        #expect(expression.factsRead == ["platform", "store_rating", "monthly_gmv", "followers"])
        #expect(try #require(compiled("1 < 2")).factsRead == [])
    }

    @Test func compiledTypeAndSource() throws {
        let number = try #require(compiled("store_rating + 1"))
        #expect(number.type == .number)
        #expect(number.source == "store_rating + 1")
        #expect(try #require(compiled("platform")).type == .string)
        #expect(try #require(compiled("[1]")).type == .list)
        #expect(try #require(compiled("store_rating > 1", expecting: .bool)).type == .bool)
    }

    @Test func treeCarriesSpansAndFoldsNegativeLiterals() throws {
        let expression = try #require(compiled("store_rating >= -4.5 and not (has_brand)"))
        guard case .binary(.and, let left, let right, let span) = expression.root else {
            Issue.record("root is \(expression.root)")
            return
        }
        #expect(span == ExpressionSpan(start: 0, length: 40))
        #expect(left == .binary(.greaterOrEqual,
                                .fact("store_rating", ExpressionSpan(start: 0, length: 12)),
                                .number(Number("-4.5")!, ExpressionSpan(start: 16, length: 4)),
                                ExpressionSpan(start: 0, length: 20)))
        #expect(right == .unary(.not, .fact("has_brand", ExpressionSpan(start: 29, length: 11)),
                                ExpressionSpan(start: 25, length: 15)))
    }

    @Test func valueAndTypeDescriptions() {
        #expect(Value.unknown.description == "unknown")
        #expect(s("douyin").description == "\"douyin\"")
        #expect(Value.list([.number(1), .number(2)]).description == "[1, 2]")
        #expect(T.description == "true")
        #expect(n("-0.50").description == "-0.5")
        #expect(!U.isKnown && T.isKnown)
        #expect(ExpressionType.bool.description == "bool")
        #expect(testSchema.names == testSchema.names.sorted())
        #expect(testSchema.type(of: "platform") == .choice(["douyin", "kuaishou", "taobao_live", "other"]))
        #expect(testSchema.type(of: "nope") == nil)
    }
}
