import ArgumentParser
import ConsultDiagnostics
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import ConsultStore
import Foundation

/// `consult import FILE…`: records scripted visits (answers files, as `consult run` reads them)
/// with the plan each gives, so visits made outside the shell join a merchant's history.
struct StoreImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store answers files as finished consultations, each with its plan.",
        discussion: "Each file is checked like `consult run --answers FILE` and stored whole, in one transaction, or not at all.")

    @Argument(help: "Answers files (YAML or JSON) with merchant: and answers:; - reads standard input.")
    var files: [String]

    @Option(name: .long, help: "Only these rule playbooks, comma-separated ids.")
    var only: String?

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (program, _) = try Files.program(options.playbooks)
        let subset = only.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if let subset {
            let known = Set(program.playbooks.filter { $0.hasRules(in: program.rules) }.map(\.id))
            for id in subset where !known.contains(id) {
                throw Failure.unknownPlaybook(id, known: known)
            }
        }
        // Every file is checked, and every problem of every file said, before anything is stored.
        var parsed: [AnswersFile.Parsed] = []
        var problems: [String] = []
        for file in files {
            do { parsed.append(try parse(file, program)) } catch let failure as Failure { problems.append(failure.message) }
        }
        if !problems.isEmpty { throw Failure(message: problems.joined(separator: "\n")) }
        let database = try store.open(create: true)
        for (file, visit) in zip(files, parsed) {
            let id = try storeCall { try record(visit, program: program, only: subset, in: database) }
            print("\(file): " + (options.language == .zh ? "已存为咨询 \(id)" : "stored as consultation \(id)")
                  + " (\(StoreText.merchantName(visit.merchant.name, options.language)), \(visit.merchant.date ?? "-"))")
        }
    }

    /// Every file is checked before anything is stored.
    func parse(_ file: String, _ program: Program) throws -> AnswersFile.Parsed {
        let source = PlaybookSource(name: file, text: try Files.read(file))
        let (parsed, diagnostics) = AnswersFile.parse(source, program: program, language: options.language)
        if parsed != nil, !diagnostics.warnings.isEmpty {
            FileHandle.writeError(DiagnosticRenderer.forUser([source.name: source.text]).render(diagnostics.warnings) + "\n")
        }
        guard let parsed else {
            let errors = diagnostics.errors
            throw Failure.invalidAnswers(DiagnosticRenderer.forUser([source.name: source.text]).render(errors), count: errors.count, stored: true)
        }
        return parsed
    }

    func record(_ visit: AnswersFile.Parsed, program: Program, only: [String]?, in database: SessionStore) throws -> SessionID {
        let engine = Engine(program: program, only: only.map(Set.init))
        let plan = Planner(engine: engine, consultVersion: Consult.version)
            .plan(engine.diagnose(visit.answers), merchant: visit.merchant, language: options.language)
        let answers = program.questions.compactMap { q -> AnswerInput? in
            guard let raw = visit.answers.raw[q.id] else { return nil }
            return AnswerInput(fact: q.id, raw: raw, value: ValueJSON.text(visit.answers[q.id]),
                               provenance: visit.answers.provenance[q.id] ?? .said)
        }
        let record = PlanRecord(json: JSONRenderer.render(plan), language: plan.language,
                                playbookVersions: Dictionary(plan.versions.map { ($0.playbook, $0.version) }, uniquingKeysWith: { a, _ in a }),
                                consultVersion: plan.consultVersion, only: only)
        return try database.importVisit(merchant: visit.merchant, language: plan.language, answers: answers, plan: record)
    }
}

/// `consult store-stress` (hidden): many small commits from one process, as a shell would make
/// them, to show that several processes on one database neither block each other out nor lose
/// a write. Used by the tests; prints what it wrote.
struct StoreStress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-stress", abstract: "Write many consultations, one commit per answer (for tests).",
        shouldDisplay: false)

    @Option(name: .long, help: "Consultations to write.")
    var sessions = 5

    @Option(name: .long, help: "Answers per consultation, each committed on its own.")
    var answers = 20

    @Option(name: .long, help: "Names this writer's merchants (stress-LABEL-N).")
    var label = "a"

    @Flag(name: .long, help: "Print `committed SESSION FACT` after each answer's commit (for kill -9 tests).")
    var progress = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open(create: true)
        try storeCall {
            for n in 1...max(1, sessions) {
                let merchant = MerchantInfo(name: "stress-\(label)-\(n)", consultant: label, date: "2026-01-01")
                let id = try database.startConsultation(merchant: merchant, language: .en)
                for i in 1...max(1, answers) {
                    try database.recordAnswer(id, fact: "fact_\(i)", raw: "\(i)", value: "\(i)", provenance: i % 3 == 0 ? .estimate : .said)
                    if progress { FileHandle.standardOutput.write(Data("committed \(id) fact_\(i)\n".utf8)) }
                    _ = try database.sessions(merchant: merchant.name)
                }
                try database.note(id, "done")
                try database.savePlan(id, PlanRecord(json: "{}", language: .en, playbookVersions: [:], consultVersion: Consult.version))
                try database.markFinished(id)
            }
        }
        print("\(label): \(sessions) consultations, \(answers) answers each")
    }
}
