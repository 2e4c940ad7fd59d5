import ConsultExpression

/// The fixed schema every table row is checked against.
let testSchema = FactSchema([
    "store_rating": .number,
    "monthly_gmv": .number,
    "refund_rate": .number,
    "live_hours": .number,
    "followers": .number,
    "platform": .choice(["douyin", "kuaishou", "taobao_live", "other"]),
    "pre_ship_qc": .bool,
    "has_brand": .bool,
    "industrial_belt": .text,
    "category": .text,
])

/// Facts every row starts from; rows override some. `followers` and `category` are unknown.
let baseFacts: [String: Value] = [
    "store_rating": .number(Number("4.6")!),
    "monthly_gmv": .number(1_200_000),
    "refund_rate": .number(Number("3.5")!),
    "live_hours": .number(120),
    "platform": .string("douyin"),
    "pre_ship_qc": .bool(true),
    "has_brand": .bool(false),
    "industrial_belt": .string("yiwu"),
]

let T = Value.bool(true)
let F = Value.bool(false)
let U = Value.unknown

/// A number value from decimal text.
func n(_ text: String) -> Value {
    .number(Number(text)!)
}

func s(_ text: String) -> Value {
    .string(text)
}

/// One row of the language table: an expression, the facts that differ from `baseFacts`,
/// and the expected value or error ids (in reported order).
struct Row: Sendable, CustomStringConvertible {
    enum Expected: Sendable {
        case value(Value)
        case errors([String])
    }

    let source: String
    let overrides: [String: Value]
    let expected: Expected
    var expecting: ExpressionType? = nil

    var facts: [String: Value] { baseFacts.merging(overrides) { _, new in new } }

    func fact(_ name: String) -> Value { facts[name] ?? .unknown }

    var description: String { source }
}

func row(_ source: String, _ overrides: [String: Value], _ expected: Value) -> Row {
    Row(source: source, overrides: overrides, expected: .value(expected))
}

func row(_ source: String, _ expected: Value) -> Row {
    Row(source: source, overrides: [:], expected: .value(expected))
}

func fails(_ source: String, _ ids: String..., expecting: ExpressionType? = nil) -> Row {
    Row(source: source, overrides: [:], expected: .errors(ids), expecting: expecting)
}

/// Compiles against the test schema, or returns nil (the caller records the failure).
func compiled(_ source: String, expecting: ExpressionType? = nil) -> Expression? {
    try? Expression.compile(source, schema: testSchema, expecting: expecting).get()
}

/// Errors from compiling `source`, or [] when it compiles.
func compileErrors(_ source: String, expecting: ExpressionType? = nil) -> [ExpressionError] {
    switch Expression.compile(source, schema: testSchema, expecting: expecting) {
    case .success: return []
    case .failure(let errors): return errors
    }
}

/// The facts as the engine holds them: one value per schema slot.
func factVector(_ facts: [String: Value]) -> FactVector {
    var vector = FactVector(count: testSchema.names.count)
    for (index, name) in testSchema.names.enumerated() { vector.values[index] = facts[name] ?? .unknown }
    return vector
}
