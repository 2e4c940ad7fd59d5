import ConsultExpression
import ConsultPlaybook

/// The diagnosis plan of domain-brief §4, in one language, ready for any renderer.
/// Every format (terminal, Markdown, HTML, JSON) is drawn from this one value.
public struct Plan: Sendable {
    public var language: Language
    public var merchant: MerchantInfo
    /// Facts of the header (platform, category, belt), with their display text.
    public var header: [FactLine]
    /// "Where you stand": stage, type, expectation, capacity …
    public var position: [FactLine]
    public var completeness: (known: Int, total: Int)
    public var playbooks: [PlaybookSection]
    /// All findings by priority.
    public var findings: [Finding]
    public var fixFirst: [String]
    public var topFindings: [String]
    public var actions: [PlannedAction]
    /// Ranks of the Week-1 actions shown on page 1 (at most 5).
    public var thisWeek: [Int]
    /// Ranks of the actions in the action-plan body (at most 12); the rest go to the appendix.
    public var bodyActions: [Int]
    public var kpis: [KPIRow]
    public var headlineKPIs: [String]
    public var unknowns: [UnknownLine]
    public var assumptions: [Assumption]
    /// Every derived fact that is known (the JSON `derived`).
    public var derived: [FactLine]
    /// The derived metrics the baseline snapshot shows.
    public var snapshot: [FactLine]
    public var baseline: [BaselineBlock]
    public var reviewDate: String?
    public var versions: [(playbook: String, version: Int)]
    public var consultVersion: String

    public func finding(_ code: String) -> Finding? { findings.first { $0.code == code } }
    public func action(rank: Int) -> PlannedAction? { actions.first { $0.rank == rank } }
}

/// A fact as shown: id, label in the plan's language, value and its display text.
public struct FactLine: Sendable {
    public var fact: String
    public var label: String
    public var value: Value
    public var display: String
    public var kind: FactKind?
    /// Where the answers behind this fact came from, when not all from the merchant's own word.
    public var provenance: Provenance?
}

public struct PlaybookSection: Sendable {
    public var id: String
    public var title: String
    public var role: PlaybookRole
    public var version: Int
    public var findings: [String]
}

public struct Finding: Sendable {
    public var code: String
    public var rule: String
    public var playbook: String
    public var role: PlaybookRole
    public var severity: Severity
    public var priority: Int
    public var title: String
    public var text: String
    public var evidence: [FactLine]
    public var sources: [SourceRef]
    public var stopTheLine: Bool
    public var condition: String
    /// Every answer the evidence rests on is the consultant's estimate: confirm before acting.
    public var restsOnEstimates: Bool
    /// The numeric comparisons that held, value beside threshold: "店铺体验分 4.4 ≤ 4.4".
    public var checks: [String]
}

public enum Bucket: String, Sendable, CaseIterable, Comparable {
    case week1, day30, day60, day90

    public var later: Bucket {
        switch self {
        case .week1: .day30
        case .day30: .day60
        case .day60, .day90: .day90
        }
    }

    public static func < (a: Bucket, b: Bucket) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public struct PlannedAction: Sendable {
    public var rank: Int
    public var owner: Owner
    public var horizon: Horizon
    public var bucket: Bucket
    public var text: String
    public var kpi: String
    public var because: [String]
    /// A scale-up action moved one bucket later because content/service findings are open.
    public var deferred: Bool
    public var metric: String?
    public var target: String?
    public var severity: Severity
}

public struct KPITarget: Sendable, Hashable {
    public var comparison: ComparisonOperator
    public var value: Number
}

public struct KPIRow: Sendable {
    public var metric: String
    public var label: String
    public var unit: String?
    public var kind: FactKind?
    public var baseline: Value
    public var d30: KPITarget?
    public var d60: KPITarget?
    public var d90: KPITarget?
    public var owner: Owner
    public var because: [String]
}

public struct UnknownLine: Sendable {
    public var fact: String
    public var question: String
    public var wouldCheck: [String]
}

public struct Assumption: Sendable, Hashable {
    public var code: String
    public var note: String
}

public struct BaselineBlock: Sendable {
    public var block: String
    public var title: String
    public var facts: [FactLine]
}
