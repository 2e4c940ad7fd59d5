import ConsultExpression
import Foundation

/// The parts of a stored `consult.plan/1` document that history and diff read. A visit is judged
/// by the plan the merchant was given, not by what today's playbooks would say about the same
/// answers, so these come from the stored JSON rather than from a new run.
public struct PlanSummary: Decodable, Sendable {
    public struct Finding: Decodable, Sendable, Hashable {
        public var code: String
        public var rule: String
        public var severity: String
        public var title: String
    }

    public struct ActionKPI: Decodable, Sendable, Hashable {
        public var metric: String?
        public var target: String?
        public var text: String?
    }

    public struct Action: Decodable, Sendable, Hashable {
        public var rank: Int
        public var text: String
        public var horizon: String
        public var kpi: ActionKPI
        public var because: [String]
    }

    public struct Target: Decodable, Sendable, Hashable {
        public var op: String
        public var value: JSONNumber
    }

    public struct KPI: Decodable, Sendable, Hashable {
        public var metric: String
        public var label: String
        public var baseline: JSONScalar
        public var d30: Target?
        public var d60: Target?
        public var d90: Target?
    }

    public struct Summary: Decodable, Sendable {
        public var position: [String: JSONScalar]
    }

    /// Present when the plan was made before the interview ended (it is preliminary).
    public struct Interview: Decodable, Sendable {
        public var answered: Int
        public var total: Int
    }

    public var lang: String
    public var interview: Interview?
    public var derived: [String: JSONScalar]
    public var findings: [Finding]
    public var actions: [Action]
    public var kpis: [KPI]
    public var summary: Summary?

    public static func decode(_ json: String) throws -> PlanSummary {
        try JSONDecoder().decode(PlanSummary.self, from: Data(json.utf8))
    }

    /// A position fact (stage, merchant type …) as the plan stated it.
    public func position(_ fact: String) -> JSONScalar? {
        summary?.position[fact] ?? derived[fact]
    }
}

/// A JSON number kept exact: the plan writes decimals (4.58), which a Double would blur.
public struct JSONNumber: Decodable, Sendable, Hashable {
    public var number: Number

    public init(_ number: Number) { self.number = number }

    public init(from decoder: any Decoder) throws {
        let decimal = try decoder.singleValueContainer().decode(Decimal.self)
        guard let number = Number(decimal.description) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a decimal number"))
        }
        self.number = number
    }
}

/// A JSON value of a plan's `derived`/`baseline`: the scalars facts take; anything else is `other`.
public enum JSONScalar: Decodable, Sendable, Hashable {
    case null, bool(Bool), number(Number), string(String), other

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(JSONNumber.self) {
            self = .number(n.number)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else {
            self = .other
        }
    }

    /// As a value of the condition language, so the playbooks' formatters can show it.
    public var value: Value {
        switch self {
        case .null, .other: .unknown
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        }
    }
}
