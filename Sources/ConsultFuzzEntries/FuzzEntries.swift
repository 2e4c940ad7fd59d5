import ConsultBatch
import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import ConsultStore
import Foundation

/// The entry points the fuzzer drives (scripts/fuzz) and the regression test replays: every
/// parser of outside input, with the bundled playbooks loaded once. An entry must return for
/// every input; a trap, a hang or unbounded memory is a bug.
public enum FuzzEntries {
    public static let names = ["expression", "answer", "answers-file", "playbook", "csv", "jsonl", "xlsx", "template", "store"]

    /// The bundled playbooks (`CONSULT_PLAYBOOKS`, else ./playbooks).
    static let sources: [PlaybookSource] = {
        let dir = ProcessInfo.processInfo.environment["CONSULT_PLAYBOOKS"] ?? "playbooks"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.map { PlaybookSource(name: $0, text: (try? String(contentsOfFile: dir + "/" + $0, encoding: .utf8)) ?? "") }
    }()

    static let program: Program = {
        guard let program = PlaybookLoader.load(sources).program else { fatalError("the bundled playbooks do not load") }
        return program
    }()

    static let plan: Plan = {
        var answers = Answers()
        for (fact, raw) in [("platform", "抖音"), ("monthly_gmv", "80万"), ("store_rating", "4.3"), ("return_rate", "38%")] {
            if case .success(let v) = AnswerParser.parse(raw, for: program.question(fact)!.fact) { answers.values[fact] = v; answers.raw[fact] = raw }
        }
        let engine = Engine(program: program)
        return Planner(engine: engine).plan(engine.diagnose(answers), merchant: MerchantInfo(name: "店"), language: .zh)
    }()

    /// A scratch file per process for entries that read paths.
    static func scratch(_ ext: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let path = NSTemporaryDirectory() + "/consult-fuzz-\(getpid()).\(ext)"
        FileManager.default.createFile(atPath: path, contents: Data(buffer: bytes))
        return path
    }

    public static func run(_ entry: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        var options = BatchOptions(inputs: [], output: "")
        options.language = .zh
        switch entry {
        case "expression":
            if case .success(let e) = Expression.compile(text, schema: program.schema) {
                _ = e.evaluate { _ in .unknown }
                _ = e.trace { _ in .number(1) }
            }
        case "answer":
            for question in program.questions.prefix(80) { _ = AnswerParser.read(text, for: question.fact) }
        case "answers-file":
            let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: "fuzz.yaml", text: text), program: program)
            _ = DiagnosticRenderer(sources: ["fuzz.yaml": text]).render(diagnostics)
            if let parsed { _ = Engine(program: program).diagnose(parsed.answers) }
        case "playbook":
            let result = PlaybookLoader.load([PlaybookSource(name: "fuzz.yaml", text: text)])
            _ = DiagnosticRenderer(sources: ["fuzz.yaml": text]).render(result.diagnostics)
        case "csv", "jsonl", "xlsx":
            let path = scratch(entry, bytes)
            _ = try? ExportRow.read(path, row: "2", program: program, options: options)
            if entry != "jsonl" { _ = try? ColumnReport.of(path, program: program, options: options) }
        case "template":
            if let set = try? TemplateSet(overrides: ["brand": text]) { _ = HTMLRenderer.render(plan, template: set) }
        case "store":
            let path = scratch("sqlite", bytes)
            if let store = try? SessionStore.open(path: path, create: false) { _ = try? store.sessions() }
        default:
            fatalError("unknown fuzz entry \(entry); known: \(names.joined(separator: ", "))")
        }
    }
}
