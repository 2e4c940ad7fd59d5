import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The portfolio at a glance, accumulated merchant by merchant in input order: counts only, plus
/// a bounded triage list and a bounded error list, so it stays small however large the portfolio.
final class PortfolioSummary {
    let program: Program
    let rules: [Rule]
    let language: Language
    let triageLimit: Int
    let errorLimit = 1000

    private(set) var merchants = 0
    private(set) var planned = 0
    private(set) var failed = 0
    /// Highest severity per planned merchant; nil key: no findings.
    private(set) var bySeverity: [Severity?: Int] = [:]
    /// fact -> value id -> (display, merchants).
    private(set) var byPosition: [String: [String: (display: String, count: Int)]] = [:]
    private(set) var fires: [String: Int] = [:]
    /// Reported monthly GMV of the planned merchants, by the severity of their top problem.
    private(set) var gmvBySeverity: [Severity?: Number] = [:]
    /// Per consultant, and per value of each header choice fact (platform, category).
    private(set) var byConsultant: [String: Breakdown] = [:]
    private(set) var byHeader: [String: [String: (display: String, breakdown: Breakdown)]] = [:]
    private(set) var triage: [MerchantOutcome] = []
    private(set) var errors: [RowError] = []
    private(set) var errorCount = 0
    var stopped = false
    var inputs: [String] = []

    init(program: Program, rules: [Rule], language: Language, triageLimit: Int) {
        self.program = program
        self.rules = rules
        self.language = language
        self.triageLimit = triageLimit
    }

    func add(_ outcome: MerchantOutcome) {
        merchants += 1
        if outcome.failed {
            failed += 1
            errorCount += outcome.errors.count
            for e in outcome.errors where errors.count < errorLimit { errors.append(e) }
            return
        }
        planned += 1
        bySeverity[outcome.severity, default: 0] += 1
        for p in outcome.position {
            var values = byPosition[p.fact, default: [:]]
            values[p.value] = (p.display, (values[p.value]?.count ?? 0) + 1)
            byPosition[p.fact] = values
        }
        for f in outcome.findings { fires[f.code, default: 0] += 1 }
        gmvBySeverity[outcome.severity, default: .zero] = gmvBySeverity[outcome.severity, default: .zero] + (outcome.gmv ?? .zero)
        if !outcome.consultant.isEmpty { byConsultant[outcome.consultant, default: Breakdown()].add(outcome) }
        for h in outcome.header {
            var values = byHeader[h.fact, default: [:]]
            var entry = values[h.value] ?? (h.display, Breakdown())
            entry.breakdown.add(outcome)
            values[h.value] = entry
            byHeader[h.fact] = values
        }
        guard !outcome.problems.isEmpty, triageLimit > 0 else { return }
        if triage.count == triageLimit, let last = triage.last,
           !MerchantOutcome.needsAttentionBefore(outcome, last) { return }
        let index = triage.firstIndex { MerchantOutcome.needsAttentionBefore(outcome, $0) } ?? triage.count
        triage.insert(outcome, at: index)
        if triage.count > triageLimit { triage.removeLast() }
    }

    /// One group of merchants (a consultant's, a platform's): how many, how urgent, how much GMV.
    struct Breakdown {
        var merchants = 0
        var critical = 0
        var high = 0
        var gmv = Number.zero
        /// GMV of the merchants whose top problem is critical or high.
        var gmvAtRisk = Number.zero
        var topProblems: [String: Int] = [:]

        mutating func add(_ m: MerchantOutcome) {
            merchants += 1
            let urgent = m.topSeverity == .critical || m.topSeverity == .high
            if m.topSeverity == .critical { critical += 1 }
            if m.topSeverity == .high { high += 1 }
            gmv = gmv + (m.gmv ?? .zero)
            if urgent { gmvAtRisk = gmvAtRisk + (m.gmv ?? .zero) }
            if let code = m.topProblem?.code { topProblems[code, default: 0] += 1 }
        }

        /// The most common top problem and how many merchants have it (code order breaks ties).
        var commonestTopProblem: (code: String, count: Int)? {
            topProblems.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }.map { ($0.key, $0.value) }
        }
    }

    // MARK: Views for the writers

    /// Consultants by name (Unicode order), so a manager finds a person the same place each run.
    var consultantTable: [(name: String, breakdown: Breakdown)] {
        byConsultant.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Header choice facts (platform, category), each value in choice order.
    var headerTables: [(fact: String, label: String, rows: [(value: String, display: String, breakdown: Breakdown)])] {
        program.header.compactMap { fact in
            guard let values = byHeader[fact] else { return nil }
            let rows = values.map { (value: $0.key, display: $0.value.display, breakdown: $0.value.breakdown) }
            return (fact, label(of: fact), inChoiceOrder(rows, of: fact, value: \.value))
        }
    }

    /// Rows keyed by a choice value, in the fact's choice order, "unknown" last, others by id.
    func inChoiceOrder<Row>(_ rows: [Row], of fact: String, value: (Row) -> String) -> [Row] {
        let order = (program.declaration(of: fact)?.choices.map(\.id) ?? []) + ["unknown"]
        return rows.sorted { a, b in
            let (va, vb) = (value(a), value(b))
            let ia = order.firstIndex(of: va) ?? Int.max, ib = order.firstIndex(of: vb) ?? Int.max
            return ia != ib ? ia < ib : va < vb
        }
    }

    /// A rule's title in the summary's language, by code.
    func title(of code: String) -> String {
        rules.first { $0.code == code }.map { program.generalText($0.title, language) } ?? code
    }

    /// Position facts in the program's order, each with its values in choice order.
    var positionTables: [(fact: String, label: String, rows: [(value: String, display: String, count: Int)])] {
        program.position.compactMap { fact in
            guard let values = byPosition[fact] else { return nil }
            let rows = values.map { (value: $0.key, display: $0.value.display, count: $0.value.count) }
            return (fact, label(of: fact), inChoiceOrder(rows, of: fact, value: \.value))
        }
    }

    func label(of fact: String) -> String {
        program.question(fact)?.label?[language] ?? program.derivedFact(fact)?.title[language] ?? fact
    }

    /// Problem rules only (context notes are not problems), most frequent first.
    var problemCounts: [(rule: Rule, count: Int)] {
        ruleCounts.filter { program.playbook($0.rule.playbook)?.role == .problems }
    }

    /// Every rule with its fire count, most frequent first (then program order).
    var ruleCounts: [(rule: Rule, count: Int)] {
        rules.enumerated().map { (offset: $0.offset, rule: $0.element, count: fires[$0.element.code] ?? 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.offset < $1.offset }
            .map { ($0.rule, $0.count) }
    }

    static let severityOrder: [Severity?] = [.critical, .high, .medium, .low, nil]
}
