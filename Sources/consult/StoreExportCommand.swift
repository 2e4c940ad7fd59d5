import ArgumentParser
import ConsultPlaybook
import ConsultShell
import ConsultRender
import ConsultStore
import Foundation

/// `consult export SESSION`: the plan of a stored consultation in any document format, made by
/// the same renderers as `consult run` from the stored answers and the current playbooks.
struct StoreExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the plan of a stored consultation: md, json, html, pdf, png (WeChat long image) or text.",
        discussion: """
            The plan is made again from the stored answers with the current playbooks, in the language and \
            playbook subset of the last saved plan (--lang overrides). When that differs from the plan saved \
            at the time, a note says so; --saved prints the saved JSON exactly as it was given.
            """)

    @Argument(help: "The consultation's number (see `consult sessions`).")
    var session: SessionID

    @Option(name: .customLong("format"), help: "Output format: md, json, html, pdf, png or text (default: from the --output extension, else md).")
    var requestedFormat: DocumentFormat?

    @Option(name: .long, help: "Write to this file (atomically) instead of stdout; - is stdout.")
    var output: String?

    var format: DocumentFormat { requestedFormat ?? output.flatMap(DocumentFormat.init(fileName:)) ?? .md }
    var toStandardOutput: Bool { output == nil || output == "-" }

    @Flag(name: .long, help: "With --format json: the plan JSON as saved with the consultation, byte for byte.")
    var saved = false

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if saved, format != .json { throw ValidationError("--saved applies to --format json, not \(format.rawValue)") }
        if format.isBinary, toStandardOutput, isatty(1) == 1 {
            throw ValidationError("--format \(format.rawValue) writes binary data; pass --output FILE or redirect stdout to a file")
        }
    }

    func run() throws {
        let database = try store.open(create: false)
        let stored = try storeCall { try database.session(session) }
        if saved {
            guard let plan = stored.latestPlan else {
                throw Failure(Text(zh: "咨询 \(session) 没有保存过方案；不加 --saved 导出，会按它的回答生成方案",
                                   en: "consultation \(session) has no saved plan; export without --saved to make one from its answers"))
            }
            return try emit(Data(plan.json.utf8))
        }
        let (program, _) = try Files.program(options.playbooks)
        // A follow-up visit's plan opens with what moved since the merchant's last visit, as in the shell.
        let previous = try storeCall {
            try SessionSummary.previousVisit(of: stored.merchant.name, before: session, in: database.sessions(merchant: stored.merchant.name))
                .map { try database.session($0.id) }
        }
        let (plan, dropped) = StoredPlanMaker(program: program).plan(stored, language: options.lang, previous: previous)
        if let warning = StoredPlanMaker.warning(dropped, session: session) { FileHandle.writeError(warning) }
        if let saved = stored.latestPlan, saved.language == plan.language, saved.json != JSONRenderer.render(plan) {
            let when = StoreText.minute(saved.createdAt)
            FileHandle.writeError(Text(zh: "注意：咨询 \(session)：按现在的手册得出的方案和 \(when) 保存的不同；这里给的是今天的方案（--format json --saved 打印保存的那份）",
                                       en: "note: consultation \(session): the current playbooks give a different plan from the one saved on \(when); this is today's plan (--format json --saved prints the saved one)")[Environment.language])
        }
        var printer: (any DocumentPrinter)?
        if format.needsPrinter { printer = try ChromiumPrinter.find() }
        let color = format == .text && toStandardOutput && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        try emit(DocumentExporter.render(plan, format: format, printer: printer, color: color))
        if let output, output != "-" { noteExport(database, session, format.rawValue, output) }
    }

    func emit(_ data: Data) throws {
        if let output { try Files.writeAtomically(data, to: output) } else { FileHandle.standardOutput.write(data) }
    }
}

/// `consult answers SESSION`: an answers file that `consult run` turns into the stored plan.
struct StoreAnswers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Write a stored consultation as an answers file for `consult run`.",
        discussion: "The answers are written as typed, with their provenance; its first lines give the `consult run` command that reproduces the saved plan byte for byte.")

    @Argument(help: "The consultation's number (see `consult sessions`).")
    var session: SessionID

    @Option(name: .long, help: "Write to this file (atomically) instead of stdout; - is stdout.")
    var output: String?

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open(create: false)
        let stored = try storeCall { try database.session(session) }
        let (program, _) = try Files.program(options.playbooks)
        let language = stored.latestPlan?.language ?? stored.summary.language
        var command = "consult run --answers \(output.flatMap { $0 == "-" ? nil : $0 } ?? "THIS_FILE") --lang \(language.rawValue)"
        if let only = stored.latestPlan?.only { command += " --only " + only.joined(separator: ",") }
        if stored.latestPlan != nil { command += " --format json" }
        let text = AnswersFileWriter.text(stored, program: program, language: language, command: command)
        if let output, output != "-" {
            try Files.writeAtomically(text, to: output)
            noteExport(database, session, "answers", output)
        } else {
            print(text, terminator: "")
        }
    }
}

/// Records a written file with the consultation (absolute path); the file is written either way,
/// so a failure to record it is a warning, not an error.
func noteExport(_ database: SessionStore, _ session: SessionID, _ format: String, _ path: String) {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    do {
        try database.recordExport(session, format: format, path: absolute)
    } catch {
        let message = (error as? StoreError)?.message(Environment.language) ?? "\(error)"
        FileHandle.writeError(Text(zh: "警告：文件已写好，但没能记入咨询：", en: "warning: the file was written but not recorded with the consultation: ")[Environment.language]
                              + Language.withoutErrorPrefix(message))
    }
}
