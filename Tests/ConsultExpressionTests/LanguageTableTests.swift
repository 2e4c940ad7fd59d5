import ConsultExpression
import Testing

@Suite("Language table")
struct LanguageTableTests {
    @Test func tableIsLargeEnough() {
        #expect(allRows.count >= 180)
    }

    @Test(arguments: allRows)
    func row(_ row: Row) {
        let result = Expression.compile(row.source, schema: testSchema, expecting: row.expecting)
        switch (row.expected, result) {
        case (.value(let expected), .success(let expression)):
            #expect(expression.evaluate(row.fact) == expected, "evaluate")
            var reads: [String] = []
            #expect(expression.evaluate(row.fact, reads: &reads) == expected, "evaluate(reads:)")
            #expect(expression.trace(row.fact).value == expected, "trace")
            #expect(expression.evaluate(factVector(row.facts)) == expected, "fact vector")
            #expect(expression.trace(factVector(row.facts)).value == expected, "trace over a fact vector")
        case (.errors(let ids), .failure(let errors)):
            #expect(errors.map(\.id) == ids, "\(errors)")
            for error in errors {
                #expect(error.span.start >= 0 && error.span.end <= row.source.unicodeScalars.count)
                #expect(!error.message.isEmpty)
            }
        case (.value, .failure(let errors)):
            Issue.record("expected a value, got errors \(errors)")
        case (.errors(let ids), .success(let expression)):
            Issue.record("expected \(ids), compiled to \(expression.root)")
        }
    }

    /// Every way of evaluating must agree on every compiling row and on every combination of the
    /// table's facts being present or unknown; reads are a subset of the facts the expression names.
    @Test func everyPathAgreesOverTheWholeTable() {
        let variants: [[String: Value]] = [baseFacts, [:], baseFacts.mapValues { _ in .unknown }]
        for row in allRows {
            guard let expression = compiled(row.source, expecting: row.expecting) else { continue }
            for facts in [row.facts] + variants {
                let expected = expression.evaluate { facts[$0] ?? .unknown }
                var reads: [String] = []
                #expect(expression.evaluate(factVector(facts), reads: &reads) == expected, "\(row.source) with \(facts)")
                #expect(reads.allSatisfy(expression.factsRead.contains), "\(row.source)")
                #expect(expression.trace { facts[$0] ?? .unknown }.value == expected, "\(row.source)")
            }
        }
    }

    @Test func aFactOfTheWrongKindOrOutsideTheVectorReadsAsUnknown() throws {
        let expression = try #require(compiled("unknown(store_rating) or store_rating > 4"))
        #expect(expression.evaluate(FactVector(count: 0)) == T)
        #expect(expression.evaluate(factVector(["store_rating": .number(5)])) == T)
        #expect(expression.evaluate(factVector(["store_rating": .number(3)])) == F)
        #expect(expression.evaluate(factVector(["store_rating": .string("5")])) == T)
    }
}
