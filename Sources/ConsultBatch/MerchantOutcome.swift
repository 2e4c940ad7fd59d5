import ConsultBase
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import Foundation

/// What the portfolio summary keeps of one merchant: a few hundred bytes, however long the plan.
struct MerchantOutcome: Sendable {
    struct Finding: Sendable {
        var code: String
        var severity: Severity
        /// A problem, not a context note (lifecycle, working model).
        var isProblem: Bool
    }

    var seq: Int
    var source: String
    var row: Int
    var name: String
    var consultant: String = ""
    /// Empty when the merchant was planned.
    var errors: [RowError] = []
    var planFile: String?
    var findings: [Finding] = []
    /// The findings that are problems: context notes (lifecycle, working model) are not triaged.
    var problems: [Finding] { findings.filter(\.isProblem) }
    /// Position facts ("where you stand"): fact, value id, display text.
    var position: [(fact: String, value: String, display: String)] = []
    /// Header facts the portfolio breaks down by (platform, category): fact, value id, display text.
    var header: [(fact: String, value: String, display: String)] = []
    /// The reported GMV (the funnel's `reported` fact), what a manager weighs the merchant by.
    var gmv: Number?
    var gmvDisplay = ""
    var topProblem: (code: String, title: String)?
    /// The severity of the plan's first problem, in context: what the merchant's case is.
    var topSeverity: Severity?
    /// The first action of the top problem (not of the plan's first playbook).
    var firstAction: (owner: Owner, text: String)?
    /// The ranking score of the top problem (severity, stakes, stop-the-line, causes).
    var topPriority = 0

    var failed: Bool { !errors.isEmpty }

    var severity: Severity? { topSeverity }

    func count(_ severity: Severity) -> Int { problems.filter { $0.severity == severity }.count }

    /// What is at stake first: the top problem's severity, then the GMV it puts at risk, then its
    /// score; input order breaks ties. A 1,500万 factory with a high problem comes before a
    /// 3万 stall with one, and a stop-the-line problem before both.
    static func needsAttentionBefore(_ a: MerchantOutcome, _ b: MerchantOutcome) -> Bool {
        let sa = a.topSeverity.map { Severity.allCases.firstIndex(of: $0)! } ?? Int.max
        let sb = b.topSeverity.map { Severity.allCases.firstIndex(of: $0)! } ?? Int.max
        if sa != sb { return sa < sb }
        let ga = a.gmv ?? 0, gb = b.gmv ?? 0
        if ga != gb { return ga > gb }
        if a.topPriority != b.topPriority { return a.topPriority > b.topPriority }
        return a.seq < b.seq
    }
}

/// Plans one merchant: the same Engine, Planner and renderer as `consult run`, so the plan file
/// is byte for byte what `consult run --answers` prints for the same answers.
struct PlanWorker: Sendable {
    let engine: Engine
    let planner: Planner
    let language: Language
    let format: DocumentFormat?
    let plansDirectory: String

    func plan(seq: Int, record: MerchantRecord, answers: Answers) throws -> MerchantOutcome {
        let diagnosis = engine.diagnose(answers)
        let plan = planner.plan(diagnosis, merchant: record.merchant, language: language)
        var outcome = MerchantOutcome(seq: seq, source: record.source, row: record.row, name: record.merchant.name,
                                      consultant: record.merchant.consultant ?? "")
        if let format, let text = DocumentExporter.text(plan, format: format) {
            let name = String(format: "%06d-", seq) + DocumentExporter.suggestedFileName(plan, format: format)
            let path = plansDirectory + "/" + name
            try OutputFiles.writeAtomically(text, to: path)
            outcome.planFile = "plans/" + name
        }
        outcome.findings = plan.findings.map { .init(code: $0.code, severity: $0.severity, isProblem: $0.role == .problems) }
        outcome.position = plan.position.map { line in (line.fact, Self.key(line.value), line.display) }
        outcome.header = plan.header.filter { $0.kind == .choice }.map { line in (line.fact, Self.key(line.value), line.display) }
        if let fact = engine.program.funnel?.reported, case .number(let n)? = diagnosis.values[fact] {
            outcome.gmv = n
            outcome.gmvDisplay = ValueFormatter.format(.number(n), as: engine.program.declaration(of: fact), language)
        }
        let roots = plan.problems.compactMap { plan.finding($0.root) }.filter { $0.role == .problems }
        if let top = roots.first {
            outcome.topProblem = (top.code, top.title)
            outcome.topSeverity = top.severity
            outcome.topPriority = top.priority
            let members = Set(plan.problems.first { $0.root == top.code }?.members ?? [top.code])
            if let action = plan.actions.first(where: { !Set($0.because).isDisjoint(with: members) }) ?? plan.actions.first {
                outcome.firstAction = (action.owner, action.text)
            }
        }
        return outcome
    }

    /// A value as a grouping key: the choice id, the number, yes/no.
    static func key(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .unknown: return "unknown"
        case .list: return value.description
        }
    }
}

/// Writing outputs: atomically (a temporary file, then a rename), so a reader never sees half a
/// plan and a stopped run leaves only whole files.
enum OutputFiles {
    static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw BatchError.unwritable(path, error.reason)
        }
    }

    static func makeDirectory(_ path: String) throws {
        // mkdir -p by hand: Foundation's error names no errno, and the reason must be worded.
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o777) != 0, errno != EEXIST { throw BatchError.unwritable(path, SystemProblem.text(errno)) }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw BatchError.unwritable(path, SystemProblem.text(errno)) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw BatchError.unwritable(path, SystemProblem.text(ENOTDIR)) }
    }
}
