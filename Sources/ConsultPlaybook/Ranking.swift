import ConsultDiagnostics
import ConsultExpression

/// How fired rules are scored: severity points, what is at stake, stop-the-line, and a bonus for a
/// cause per symptom it explains (docs/diagnosis-model.md). Data from the `ranking:` section.
public struct RankingModel: Sendable {
    public var severityPoints: [Severity: Int]
    public var stopTheLine: Int
    public var perSymptom: Int
    public var stakes: [Stake]

    public func stake(_ id: String) -> Stake? { stakes.first { $0.id == id } }

    public func points(_ severity: Severity) -> Int { severityPoints[severity] ?? severity.points }

    /// Used when no playbook gives a `ranking:` section: severity alone.
    public static let standard = RankingModel(
        severityPoints: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, $0.points) }),
        stopTheLine: 0, perSymptom: 0, stakes: [])
}

/// One kind of risk a problem carries (sales, margin, a dated event …) and its points.
public struct Stake: Sendable {
    public var id: String
    public var label: Text
    /// The first case whose condition holds gives the points; a case without one always holds.
    public var cases: [(when: Expression?, points: Int)]

    public func points(_ lookup: (String) -> Value) -> Int {
        for c in cases {
            guard let when = c.when else { return c.points }
            if when.evaluate(lookup) == .bool(true) { return c.points }
        }
        return 0
    }
}

/// A word that depends on a choice fact: `{term:ad_tool}` is 千川 on Douyin, 磁力金牛 on Kuaishou.
public struct Term: Sendable {
    public var id: String
    /// The choice fact whose value picks the words.
    public var by: String
    public var values: [String: Text]
    public var otherwise: Text
    public var location: SourceLocation

    public func words(for choice: String?) -> Text {
        choice.flatMap { values[$0] } ?? otherwise
    }
}

/// Peer reference values for a metric: the median and the top quartile of same-category,
/// same-stage merchants (同行同级中位值 / 同行同级优秀值), the first row whose condition holds.
public struct Reference: Sendable {
    public struct Row: Sendable {
        public var when: Expression?
        public var median: Number
        public var top: Number
    }

    public var metric: String
    /// Lower is better (return rate, shipping hours): "top" is then below the median.
    public var lowerIsBetter: Bool
    public var rows: [Row]
    public var sources: [SourceRef]
    public var location: SourceLocation

    public func row(_ lookup: (String) -> Value) -> Row? {
        rows.first { r in r.when.map { $0.evaluate(lookup) == .bool(true) } ?? true }
    }
}

/// What a consultant expects of a plan built from an example: its first problem, its cause
/// chains, and advice that must not appear (alone or together).
public struct PlanExpectation: Sendable {
    public var top: String?
    public var top3: [String]?
    /// symptom → the cause the plan must show it under.
    public var causes: [(symptom: String, cause: String)]
    public var absent: [String]
    public var neverBoth: [(String, String)]
    /// Words that must not appear anywhere in the plan's text (e.g. 千川 on Kuaishou).
    public var notContaining: [String]
    public var location: SourceLocation

    public init(top: String? = nil, top3: [String]? = nil, causes: [(symptom: String, cause: String)] = [],
                absent: [String] = [], neverBoth: [(String, String)] = [], notContaining: [String] = [],
                location: SourceLocation) {
        self.top = top
        self.top3 = top3
        self.causes = causes
        self.absent = absent
        self.neverBoth = neverBoth
        self.notContaining = notContaining
        self.location = location
    }
}
