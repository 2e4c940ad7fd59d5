import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// What a plan template sees. Every value is already formatted in the plan's language, so a
/// logic-less template only places text; every list comes with a `has…` flag because Mustache
/// treats an empty string as true. Built from the Plan alone: this type formats, it never
/// decides what goes into the plan. The field names are the template contract of
/// docs/templates.md (a test keeps the two in step).
struct TemplateModel {
    var lang: String
    /// The BCP 47 tag for `<html lang>`: zh-CN makes browsers pick Simplified Chinese glyphs.
    var htmlLang: String
    /// Every fixed word, by `Labels.Key` name: `{{labels.topFindings}}`.
    var labels: [String: String]
    var title: String
    /// ": " or "：", the colon after a label in the plan's language.
    var colon: String
    /// "，" or ", ", between the items of a list written on one line.
    var separator: String
    /// The running print header (merchant, date, title), escaped for a CSS string (`CSSString`).
    var printHeader: String
    var merchant: String
    var consultant: String?
    var date: String?
    /// Header facts (platform, category, belt), then consultant, date and data completeness.
    var meta: [Field]
    var completeness: String
    var hasFixFirst: Bool
    var fixFirst: [FindingView]
    var position: [Field]
    var hasTopFindings: Bool
    var topFindings: [FindingView]
    var hasThisWeek: Bool
    var thisWeek: [ActionView]
    var hasHeadlineKPIs: Bool
    var headlineKPIs: [KPIView]
    var hasWorkingModel: Bool
    var workingModel: [FindingView]
    var reviewDate: String
    var baseline: [BlockView]
    var hasDerived: Bool
    var derived: [Field]
    /// The key derived figures (UV value, break-even ROI …): the merchant edition's baseline.
    var snapshot: [Field]
    var hasSnapshot: Bool
    var playbooks: [PlaybookView]
    var hasActions: Bool
    var buckets: [BucketView]
    var hasKPIs: Bool
    var kpis: [KPIView]
    var hasUnknowns: Bool
    var unknowns: [UnknownView]
    var hasAssumptions: Bool
    var assumptions: [AssumptionView]
    var hasAppendixActions: Bool
    var appendixActions: [ActionView]
    var trace: [TraceView]
    var sources: [SourceView]
    var versions: [VersionView]
    var consultVersion: String
    /// The consultant edition shows rule codes, the trace, scores and sources; the merchant's does not.
    var consultantEdition: Bool
    /// The plan's verdict in one sentence.
    var diagnosis: String
    /// Findings grouped as problems: the cause, then what it leads to.
    var problems: [ProblemView]
    /// Problems past the merchant edition's first six, by title only, so the plan stays short.
    var moreProblems: [ProblemView]
    /// "另有 12 项影响较小的数据待补。" under the merchant edition's gaps.
    var moreGaps: String?
    var hasMoreProblems: Bool
    /// The GMV decomposition and funnel in words; nil when the plan has none.
    var funnel: FunnelView?
    var hasReferences: Bool
    var references: [ReferenceView]
    var referencesAssumed: Bool
    /// A follow-up visit: what moved since the last one (page 1 opens with it); nil for a first visit.
    var sinceLastVisit: SinceLastVisitView?
    /// Inline SVG (place with triple braces): the headline KPIs from today to day 90, and the
    /// live-room funnel against peers; nil when there is nothing to draw.
    /// Drawn by `withCharts` (HTML only).
    var trajectoryChart: String? = nil
    var funnelChart: String? = nil
    /// The body's actions over twelve weeks, one lane per owner.
    var roadmapChart: String? = nil
}

struct SinceLastVisitView {
    /// KPI rows page 1 has room for; the JSON plan keeps them all.
    static let kpiRows = 6
    /// "上次拜访 2026-11-20（相隔 30 天）…：已解决 2 项…" in one sentence.
    var lead: String
    /// Finding titles joined; nil when there are none (Mustache treats "" as true).
    var resolved: String?
    var persisting: String?
    var new: String?
    var hasKPIs: Bool
    var kpis: [KPIMoveView]
    /// Last visit → now → target for each KPI (HTML only, like the other charts).
    var chart: String? = nil
}

struct KPIMoveView {
    var label: String
    var before: String
    var now: String
    var target: String
    /// 达成 / 未达成 / 待确认, and `met`, `missed` or `unknown` for styling.
    var state: String
    var stateId: String
}

struct FunnelView {
    var decomposition: String
    var reconciliation: String?
    /// "adds-up" or "does-not-add-up" for styling; nil while either side is unknown.
    var agreement: String?
    var steps: String?
}

struct ProblemView {
    var number: Int
    var cause: FindingView
    var hasSymptoms: Bool
    var symptoms: [FindingView]
    var roleLabel: String
}

struct ReferenceView {
    var label: String
    var value: String
    var median: String
    var top: String
    var standing: String
    var standingId: String
}

/// A labelled value: a fact, a header item, a piece of evidence.
struct Field {
    var fact: String
    var label: String
    var value: String
    /// `data` or `estimate` when the answer is not the merchant's own word; with its tag.
    var provenance: String?
    var provenanceLabel: String?
}

struct FindingView {
    var number: Int
    var code: String
    var rule: String
    var playbook: String
    var severity: String
    var severityLabel: String
    var priority: Int
    var title: String
    var text: String
    var hasEvidence: Bool
    var evidence: [Field]
    /// The evidence as one line: "store score 4.4, return rate 44%".
    var evidenceText: String
    var sources: [SourceTag]
    var sourcesText: String
    var stopTheLine: Bool
    /// Every answer behind the evidence is an estimate: say so beside the finding.
    var restsOnEstimates: Bool
    /// "Leads to: …" in words, empty when the finding explains nothing.
    /// What this cause leads to, titles joined; nil when it explains nothing (Mustache treats "" as true).
    var leadsTo: String?
}

struct SourceTag {
    var ref: String
    /// "" with `hasTitle` false when the source has no short title (see `SourceView.title`).
    var title: String
    var hasTitle: Bool
    var note: String
}

struct ActionView {
    var rank: Int
    var owner: String
    var ownerId: String
    var text: String
    var kpi: String
    var target: String?
    /// The rule codes behind the action, joined ("SV-01, PL-04") and one by one.
    var because: String
    var rules: [String]
    var bucket: String
    var bucketId: String
    var horizon: String
    var severity: String
    var severityLabel: String
    var deferred: Bool
    var deferredNote: String?
}

struct KPIView {
    var metric: String
    /// The metric's name; it carries the unit where the values do not (days, s).
    var label: String
    var unit: String?
    var baseline: String
    var d30: String
    var d60: String
    var d90: String
    var owner: String
    var because: String
    var rules: [String]
}

struct BlockView {
    var id: String
    var title: String
    var facts: [Field]
}

struct PlaybookView {
    var id: String
    var title: String
    var role: String
    var roleLabel: String
    var isContext: Bool
    var version: Int
    var hasFindings: Bool
    var findings: [FindingView]
}

struct BucketView {
    var id: String
    var label: String
    var actions: [ActionView]
}

struct UnknownView {
    var fact: String
    /// The fact's name for people, and where to find it in the platform's dashboard.
    var label: String
    var find: String?
    var question: String
    var wouldCheck: String
    var rules: [String]
}

struct AssumptionView {
    var code: String
    var note: String
}

struct TraceView {
    var code: String
    var rule: String
    var condition: String
    var values: String
}

struct SourceView {
    var ref: String
    /// Always a string, with `hasTitle` to test: a missing field in a Mustache section is looked
    /// up in the enclosing context, where `title` is the document's own ("直播电商诊断方案").
    var title: String
    var hasTitle: Bool
    /// Whether the reference adds to the title: a file name or URL does, `assumed` does not.
    var showRef: Bool
    var isLink: Bool
    var codes: String
    var rules: [String]
}

struct VersionView {
    var playbook: String
    var version: Int
}
