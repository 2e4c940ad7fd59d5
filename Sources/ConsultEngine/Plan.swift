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
    /// All findings, problem by problem: each problem's cause first, then what it explains.
    public var findings: [Finding]
    /// Findings grouped as problems ("问题 → 原因 → 建议"), by the score of their cause.
    public var problems: [Problem]
    /// Rules that fired but another fired rule excludes (shown only in the consultant edition).
    public var setAside: [SetAside]
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
    /// The merchant beside same-category, same-stage peers.
    public var references: [ReferenceLine]
    public var reviewDate: String?
    public var versions: [(playbook: String, version: Int)]
    public var consultVersion: String
    /// While the interview is still going (questions not asked yet): answered of the questions
    /// that apply, so every format says the diagnosis is preliminary. Nil for complete answers.
    public var interview: (answered: Int, total: Int)? = nil

    /// Who the document is for: the merchant (default) or the consultant (trace, scores, sources).
    public var edition: Edition = .merchant
    /// GMV decomposition and live-room funnel, when the playbooks give one and a number of it is known.
    public var funnel: Funnel?
    /// Data gaps the merchant edition leaves out (they change fewer decisions than those shown).
    public var moreUnknowns = 0
    /// A follow-up visit's plan opens with what moved since the last one; nil for a first visit.
    public var sinceLastVisit: SinceLastVisit?

    public func finding(_ code: String) -> Finding? { findings.first { $0.code == code } }

    /// The plan as an edition shows it: the merchant's keeps the 12 actions of the body, in every format.
    public func forEdition(_ edition: Edition) -> Plan {
        var plan = self
        plan.edition = edition
        guard edition == .merchant else { return plan }
        let body = Set(bodyActions)
        plan.actions = actions.filter { body.contains($0.rank) }
        // Ten KPI rows, page 1's headline rows among them: enough to steer by, short enough to read.
        let headline = Set(headlineKPIs)
        var kept = 0
        plan.kpis = kpis.filter { row in
            guard headline.contains(row.metric) || kept < Self.merchantKPIRows - headline.count else { return false }
            if !headline.contains(row.metric) { kept += 1 }
            return true
        }
        // The gaps that would change the most decisions (the planner ranks them); the rest are counted.
        plan.unknowns = Array(unknowns.prefix(Self.merchantGaps))
        plan.moreUnknowns = unknowns.count - plan.unknowns.count
        return plan
    }
    /// KPI rows of the merchant edition.
    public static let merchantKPIRows = 10
    /// Data gaps of the merchant edition.
    public static let merchantGaps = 6

    public func action(rank: Int) -> PlannedAction? { actions.first { $0.rank == rank } }
}

public enum Edition: String, Sendable, CaseIterable {
    case merchant, consultant
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
    public var score = ScoreBreakdown(severity: 0, stakes: [], stopTheLine: 0, lift: 0, symptoms: 0)
    /// Fired rules whose findings explain this one, and those this one explains.
    public var causes: [String] = []
    public var symptoms: [String] = []
    /// The code of the problem (root cause) this finding belongs to.
    public var problem: String = ""
}

/// One problem: its root cause and every fired finding it explains, in score order.
public struct Problem: Sendable {
    public var root: String
    public var members: [String]

    /// Groups fired rules (score order) under their root cause: a rule's root is found by following
    /// its highest-ranked cause until a rule no fired rule explains.
    static func group(_ fired: [FiredRule]) -> [Problem] {
        let position = Dictionary(fired.enumerated().map { ($1.rule.code, $0) }, uniquingKeysWith: { a, _ in a })
        let byCode = Dictionary(fired.map { ($0.rule.code, $0) }, uniquingKeysWith: { a, _ in a })
        func root(_ code: String) -> String {
            var current = code, seen: Set<String> = [code]
            while let causes = byCode[current]?.causes,
                  let next = causes.min(by: { (position[$0] ?? .max) < (position[$1] ?? .max) }), seen.insert(next).inserted {
                current = next
            }
            return current
        }
        var order: [String] = [], members: [String: [String]] = [:]
        for f in fired {
            let r = root(f.rule.code)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(f.rule.code)
        }
        return order.sorted { (position[$0] ?? 0) < (position[$1] ?? 0) }.map { r in
            var list = members[r]!
            if let i = list.firstIndex(of: r), i != 0 { list.remove(at: i); list.insert(r, at: 0) }
            return Problem(root: r, members: list)
        }
    }
}

/// The GMV decomposition (场次 × 场观 × 转化率 × 客单价) beside the reported GMV, and the
/// live-room funnel step by step, each step against its peer reference where there is one.
public struct Funnel: Sendable {
    /// One term of the product as shown: "每周场次 15", "4.3周", "场均场观 未知".
    public struct Factor: Sendable {
        public var label: String
        public var display: String
        public var known: Bool
    }
    public struct Step: Sendable {
        public var value: FactLine
        public var reference: ReferenceLine?
    }
    public var factors: [Factor]
    /// The product of the factors; unknown while a factor is.
    public var decomposed: FactLine
    public var reported: FactLine
    public var ratio: FactLine?
    /// Whether the product and the reported GMV agree: nil while either is unknown, false when
    /// a fired finding reads their ratio (the numbers do not add up).
    public var addsUp: Bool?
    public var steps: [Step]
}

/// A metric beside its peer reference values (同行同级中位值 / 优秀值).
public struct ReferenceLine: Sendable {
    public enum Standing: String, Sendable { case top, aboveMedian = "above_median", belowMedian = "below_median" }
    public var fact: String
    public var label: String
    public var value: FactLine
    public var median: String
    public var top: String
    public var standing: Standing
    public var assumed: Bool
    /// The median as a number (where a chart puts its tick).
    public var medianValue: Number? = nil
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
    /// The fact's short name (店铺体验分), for people.
    public var label: String = ""
    /// Where to find the number in the platform's dashboard.
    public var find: String?
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

/// What moved since the merchant's last visit, for the plan of a follow-up visit: the last plan's
/// findings resolved, persisting and new, and its KPIs against the targets now due. Formatted
/// by whoever compared the visits (the store keeps the last plan); renderers only place it.
public struct SinceLastVisit: Sendable {
    public struct KPI: Sendable {
        public var label: String
        public var before: String
        public var now: String
        /// The target due by now ("≥ 4.6"), "—" when the last plan set none.
        public var target: String
        /// nil while today's value is unknown.
        public var met: Bool?
        /// The same as numbers, for a chart; nil where not known.
        public var values: (before: Number?, now: Number?, target: Number?) = (nil, nil, nil)

        public init(label: String, before: String, now: String, target: String, met: Bool?) {
            self.label = label
            self.before = before
            self.now = now
            self.target = target
            self.met = met
        }
    }

    /// The last visit's date (YYYY-MM-DD).
    public var date: String
    public var days: Int?
    /// 30, 60 or 90: the horizon of the last plan's targets the visit is judged by.
    public var dueDay: Int
    /// Finding titles.
    public var resolved: [String]
    public var persisting: [String]
    public var new: [String]
    public var kpis: [KPI]

    public init(date: String, days: Int?, dueDay: Int, resolved: [String], persisting: [String], new: [String], kpis: [KPI]) {
        self.date = date
        self.days = days
        self.dueDay = dueDay
        self.resolved = resolved
        self.persisting = persisting
        self.new = new
        self.kpis = kpis
    }

    public var metCount: Int { kpis.filter { $0.met == true }.count }
}
