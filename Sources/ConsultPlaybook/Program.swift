import ConsultDiagnostics
import ConsultExpression

/// The kinds of answer a question takes; number-like kinds differ only in parsing and display.
public enum FactKind: String, Sendable, Hashable, CaseIterable {
    case number, money, percent, bool, choice, text

    public var isNumeric: Bool { self == .number || self == .money || self == .percent }
}

public struct Choice: Hashable, Sendable {
    public var id: String
    public var label: Text
}

/// What a fact is, whether asked or derived: enough to parse, check and display its values.
public struct FactDeclaration: Sendable {
    public var id: String
    public var kind: FactKind
    public var choices: [Choice]
    public var unit: Text?
    public var range: ClosedRange<Number>?
    public var integer: Bool
    public var maxLength: Int?

    public init(id: String, kind: FactKind, choices: [Choice] = [], unit: Text? = nil,
                range: ClosedRange<Number>? = nil, integer: Bool = false, maxLength: Int? = nil) {
        self.id = id
        self.kind = kind
        self.choices = choices
        self.unit = unit
        self.range = range
        self.integer = integer
        self.maxLength = maxLength
    }

    public var type: FactType {
        switch kind {
        case .number, .money, .percent: return .number
        case .bool: return .bool
        case .text: return .text
        case .choice: return .choice(choices.map(\.id))
        }
    }

    public func choice(_ id: String) -> Choice? { choices.first { $0.id == id } }
}

public struct Block: Sendable {
    public var id: String
    public var title: Text
}

/// One intake question; follow-ups carry `askIf`.
public struct Question: Sendable {
    public var fact: FactDeclaration
    /// A short name for tables and evidence lines (店铺体验分); the prompt is the full question.
    public var label: Text?
    public var block: String
    public var prompt: Text
    public var help: Text?
    /// Where the number is in the platform's dashboard; may use `{term:data_tool}`.
    public var find: Text?
    public var judgement: Bool
    public var askIf: Expression?
    public var playbook: String
    public var location: SourceLocation

    public var id: String { fact.id }
    public var isCore: Bool { askIf == nil }
}

public struct SourceRef: Hashable, Sendable {
    public var ref: String
    /// What the source says; a quote may be one string for both languages, an assumption is a text pair.
    public var note: Text
    /// The note was written as a `{zh, en}` pair rather than one string for both.
    public var bilingual: Bool
    public var location: SourceLocation

    public static func == (a: SourceRef, b: SourceRef) -> Bool { a.ref == b.ref && a.note == b.note }
    public func hash(into h: inout Hasher) {
        h.combine(ref)
        h.combine(note)
    }

    public var isAssumed: Bool { ref.lowercased() == "assumed" }
    public var isFile: Bool { ref.hasSuffix(".txt") }
}

/// A derived fact: computed from answers and earlier derived facts before any rule runs.
public struct DerivedFact: Sendable {
    public enum Outcome: Sendable {
        case choice(String)
        case expression(Expression)
    }
    public enum Definition: Sendable {
        case formula(Expression)
        case cases([(when: Expression, then: Outcome)], otherwise: Outcome?)
    }

    public var fact: FactDeclaration
    public var code: String?
    public var title: Text
    public var definition: Definition
    public var sources: [SourceRef]
    public var playbook: String
    public var location: SourceLocation
    /// Facts this definition reads, in order of first appearance.
    public var reads: [String]

    public var id: String { fact.id }
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<", equal = "=="

    /// As a document shows it to a person: ≥ ≤ > < =.
    public var symbol: String {
        switch self {
        case .greaterOrEqual: "≥"
        case .lessOrEqual: "≤"
        case .greater: ">"
        case .less: "<"
        case .equal: "="
        }
    }
}

/// A KPI target such as `>= breakeven_roi * 1.2`: an operator and an expression over facts.
public struct TargetSpec: Sendable {
    public var comparison: ComparisonOperator
    public var value: Expression
}

public struct KPITargets: Sendable {
    public var metric: String
    public var d30: TargetSpec?
    public var d60: TargetSpec?
    public var d90: TargetSpec?
    public var location: SourceLocation
}

/// A row of the KPI table, declared once; rules point at it by id.
public struct Metric: Sendable {
    public var id: String
    public var label: Text
    public var fact: String?
    public var unit: Text?
    public var always: KPITargets?
    public var location: SourceLocation
}

public enum Severity: String, Sendable, CaseIterable, Comparable {
    case critical, high, medium, low

    public var points: Int {
        switch self {
        case .critical: 400
        case .high: 300
        case .medium: 200
        case .low: 100
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.points < b.points }
}

public enum Owner: String, Sendable, CaseIterable {
    case merchant, consultant, anchor, adBuyer = "ad_buyer"
}

public enum Horizon: String, Sendable, CaseIterable {
    case thisWeek = "this_week", d30 = "30d", d90 = "90d"
}

/// Which way an action moves a lever (ad spend, the growth target, the SKU range …).
public enum Stance: String, Sendable, CaseIterable {
    case up, down, keep
}

public struct Action: Sendable {
    public var owner: Owner
    public var horizon: Horizon
    public var text: Text
    public var kpi: Text
    public var scaleUp: Bool
    /// The levers this action pulls; two actions pulling one lever different ways contradict.
    public var levers: [String: Stance] = [:]
    /// The KPI-table metric this action moves (nil: the rule's first target metric).
    public var metric: String?
}

/// A context in which a rule weighs differently: "passive complaint handling is medium at 4.6+".
public struct SeverityCase: Sendable {
    public var when: Expression
    public var severity: Severity
}

/// Answers as an example gives them: the raw text of each, with where it was written.
public struct ExampleAnswers: Sendable {
    public var answers: [(fact: String, raw: String, location: SourceLocation)]
    public var location: SourceLocation
}

public struct Rule: Sendable {
    public var id: String
    public var code: String
    public var playbook: String
    public var title: Text
    public var when: Expression
    public var severity: Severity
    public var stopTheLine: Bool
    public var finding: Text
    public var actions: [Action]
    public var kpiTargets: [KPITargets]
    public var sources: [SourceRef]
    public var fireExamples: [ExampleAnswers]
    public var quietExamples: [ExampleAnswers]
    public var location: SourceLocation
    /// Where the condition text starts, for diagnostics about it.
    public var whenLocation: SourceLocation
    /// Severity in context: the first case that holds replaces `severity`.
    public var severityIf: [SeverityCase] = []
    /// What the problem puts at risk (ids of the ranking's stakes).
    public var stakes: [String] = []
    /// Rules whose findings this rule's problem produces (its symptoms).
    public var explains: [String] = []
    /// Rules left out of the plan when both fire.
    public var excludes: [String] = []
    /// Rules whose contradicting actions are left out when both fire (their finding stays).
    public var overrides: [String] = []

    /// `after_sales.rating_critical`
    public var qualifiedId: String { "\(playbook).\(id)" }
}

/// What a playbook's findings mean for the plan, as data rather than special cases.
public enum PlaybookRole: String, Sendable, CaseIterable {
    case problems, context, workingModel = "working_model"
}

public struct Playbook: Sendable {
    public var id: String
    public var version: Int
    public var code: String?
    public var title: Text
    public var summary: Text?
    public var priority: Int
    public var role: PlaybookRole
    public var blocksScaling: Bool
    public var urgency: (when: Expression, points: Int)?
    public var file: String
}

public struct ProgramExample: Sendable {
    public var name: String
    public var given: ExampleAnswers
    public var derived: [(fact: String, raw: String, location: SourceLocation)]
    public var fire: [(code: String, location: SourceLocation)]
    public var quiet: [(code: String, location: SourceLocation)]
    public var playbook: String
    public var location: SourceLocation
    /// Plan-level expectations: what a consultant would sign.
    public var plan: PlanExpectation?
}

/// Every playbook of a directory, loaded and checked: the one input of the engine.
public struct Program: Sendable {
    /// Intake-only playbooks first, then by priority (the plan's gate order), then id.
    public let playbooks: [Playbook]
    public let blocks: [Block]
    public let questions: [Question]
    /// In dependency order: each reads only answers and derived facts before it.
    public let derived: [DerivedFact]
    public let metrics: [Metric]
    public let rules: [Rule]
    public let examples: [ProgramExample]
    /// "Where you stand" facts for the plan summary.
    public let position: [String]
    /// Facts shown in the plan's header line (platform, category, belt …).
    public let header: [String]
    /// Derived metrics shown in the baseline snapshot, each beside what it is judged against.
    public let snapshot: [String]
    public let schema: FactSchema
    /// How fired rules are scored (severity, stakes, causes).
    public let ranking: RankingModel
    /// Platform- and category-dependent words for `{term:id}` in texts.
    public let terms: [Term]
    /// Peer reference values (同行同级) the funnel and findings are judged against.
    public let references: [Reference]
    /// The GMV decomposition and live-room funnel the plan shows, when a playbook gives one.
    public let funnel: FunnelSpec?

    // Look-ups by id, built once: plans and portfolio runs ask for them constantly.
    private let playbookIndex: [String: Int]
    private let questionIndex: [String: Int]
    private let derivedIndex: [String: Int]
    private let metricIndex: [String: Int]
    private let ruleIndex: [String: Int]
    /// Declarations by fact id, so a look-up does not copy the whole question or derived fact.
    private let declarations: [String: FactDeclaration]

    public init(playbooks: [Playbook], blocks: [Block], questions: [Question], derived: [DerivedFact], metrics: [Metric],
                rules: [Rule], examples: [ProgramExample], position: [String], header: [String], snapshot: [String],
                schema: FactSchema, ranking: RankingModel = .standard, terms: [Term] = [], references: [Reference] = [],
                funnel: FunnelSpec? = nil) {
        self.funnel = funnel
        self.ranking = ranking
        self.terms = terms
        self.references = references
        self.playbooks = playbooks
        self.blocks = blocks
        self.questions = questions
        self.derived = derived
        self.metrics = metrics
        self.rules = rules
        self.examples = examples
        self.position = position
        self.header = header
        self.snapshot = snapshot
        self.schema = schema
        func index(_ ids: [String]) -> [String: Int] {
            Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        playbookIndex = index(playbooks.map(\.id))
        questionIndex = index(questions.map(\.id))
        derivedIndex = index(derived.map(\.id))
        metricIndex = index(metrics.map(\.id))
        var declarations = Dictionary(derived.map { ($0.id, $0.fact) }, uniquingKeysWith: { a, _ in a })
        for question in questions { declarations[question.id] = question.fact }
        self.declarations = declarations
        var names: [String: Int] = [:]
        for (i, rule) in rules.enumerated() {
            for name in [rule.code.uppercased(), rule.qualifiedId, rule.id] where names[name] == nil { names[name] = i }
        }
        ruleIndex = names
    }

    public func playbook(_ id: String) -> Playbook? { playbookIndex[id].map { playbooks[$0] } }
    public func question(_ id: String) -> Question? { questionIndex[id].map { questions[$0] } }
    public func derivedFact(_ id: String) -> DerivedFact? { derivedIndex[id].map { derived[$0] } }
    public func metric(_ id: String) -> Metric? { metricIndex[id].map { metrics[$0] } }

    /// Declaration of any fact, asked or derived.
    public func declaration(of fact: String) -> FactDeclaration? {
        declarations[fact]
    }

    /// A rule named by code (`SV-01`, any case), readable id (`rating_critical`) or qualified id.
    public func rule(named name: String) -> Rule? {
        (ruleIndex[name.uppercased()] ?? ruleIndex[name]).map { rules[$0] }
    }

    public var coreQuestions: [Question] { questions.filter(\.isCore) }

    public func term(_ id: String) -> Term? { terms.first { $0.id == id } }
}
