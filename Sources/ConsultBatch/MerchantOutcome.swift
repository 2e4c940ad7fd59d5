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
    }

    var seq: Int
    var source: String
    var row: Int
    var name: String
    /// Empty when the merchant was planned.
    var errors: [RowError] = []
    var planFile: String?
    var findings: [Finding] = []
    /// Position facts ("where you stand"): fact, value id, display text.
    var position: [(fact: String, value: String, display: String)] = []
    var topProblem: (code: String, title: String)?
    var firstAction: (owner: Owner, text: String)?
    /// The engine's priority of the top finding (severity + playbook + urgency points).
    var topPriority = 0

    var failed: Bool { !errors.isEmpty }

    var severity: Severity? { findings.map(\.severity).max() }

    func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Attention first: the highest finding priority, then critical and high findings, then all
    /// findings; input order breaks ties.
    static func needsAttentionBefore(_ a: MerchantOutcome, _ b: MerchantOutcome) -> Bool {
        if a.topPriority != b.topPriority { return a.topPriority > b.topPriority }
        let ah = a.count(.critical) + a.count(.high), bh = b.count(.critical) + b.count(.high)
        if ah != bh { return ah > bh }
        if a.findings.count != b.findings.count { return a.findings.count > b.findings.count }
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
        let plan = planner.plan(engine.diagnose(answers), merchant: record.merchant, language: language)
        var outcome = MerchantOutcome(seq: seq, source: record.source, row: record.row, name: record.merchant.name)
        if let format, let text = DocumentExporter.text(plan, format: format) {
            let name = String(format: "%06d-", seq) + DocumentExporter.suggestedFileName(plan, format: format)
            let path = plansDirectory + "/" + name
            try OutputFiles.writeAtomically(text, to: path)
            outcome.planFile = "plans/" + name
        }
        outcome.findings = plan.findings.map { .init(code: $0.code, severity: $0.severity) }
        outcome.topPriority = plan.findings.map(\.priority).max() ?? 0
        outcome.position = plan.position.map { line in (line.fact, Self.key(line.value), line.display) }
        if let top = plan.topFindings.first.flatMap(plan.finding) ?? plan.findings.first {
            outcome.topProblem = (top.code, top.title)
        }
        if let action = plan.actions.first { outcome.firstAction = (action.owner, action.text) }
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
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw BatchError.unwritable(path, String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw BatchError.unwritable(path, why)
        }
    }

    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BatchError.unwritable(path, "\(error.localizedDescription)")
        }
    }
}
