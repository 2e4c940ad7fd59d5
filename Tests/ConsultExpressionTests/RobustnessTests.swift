import ConsultExpression
import Testing

/// Random token soup: compiling must never crash or hang, errors must lie inside the source, and
/// whatever compiles must evaluate identically through `evaluate`, `trace` and `bind`.
@Suite("Robustness")
struct RobustnessTests {
    static let pieces = [
        "store_rating", "platform", "pre_ship_qc", "has_brand", "followers", "industrial_belt", "monthly_gmv",
        "\"douyin\"", "\"x\"", "4.5", "0", "100", "-", "+", "*", "/", "==", "!=", "<", "<=", ">", ">=",
        "and", "or", "not", "in", "not in", "(", ")", "[", "]", ",", "true", "false",
        "known(", "unknown(", "unknown_count([", "max(", "min(", "=", "@", "\"", "1e5", "店",
    ]

    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func randomInputNeverCrashesAndEvaluatorsAgree() {
        var generator = Generator(state: 2024)
        var compiledCount = 0
        for _ in 0..<3_000 {
            let length = 1 + generator.next(9)
            let source = (0..<length).map { _ in Self.pieces[generator.next(Self.pieces.count)] }.joined(separator: " ")
            switch Expression.compile(source, schema: testSchema) {
            case .failure(let errors):
                #expect(!errors.isEmpty)
                let count = source.unicodeScalars.count
                #expect(errors.allSatisfy { $0.span.start >= 0 && $0.span.end <= count }, "\(source)")
            case .success(let expression):
                compiledCount += 1
                for facts in [baseFacts, [:]] {
                    let value = expression.evaluate { facts[$0] ?? .unknown }
                    #expect(expression.trace { facts[$0] ?? .unknown }.value == value, "\(source)")
                    #expect(expression.evaluate(factVector(facts)) == value, "\(source)")
                }
            }
        }
        #expect(compiledCount > 50)
    }
}
