import ArgumentParser
import ConsultDiagnostics
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

extension DocumentFormat: ExpressibleByArgument {}
extension Edition: ExpressibleByArgument {}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scripted run: read answers from a YAML or JSON file and print the plan.")

    @Option(name: .long, help: "Answers file (YAML or JSON) with merchant: and answers:; - reads standard input.")
    var answers: String

    @Option(name: .long, help: "merchant (the default: the plan to hand over) or consultant (adds rule trace, scores, sources and assumptions).")
    var edition: Edition = .merchant

    @Option(name: .customLong("format"), help: "Output format: text, md, html, pdf, png (a long image for WeChat) or json (default: from the --output extension, else text).")
    var requestedFormat: DocumentFormat?

    @Option(name: .long, help: "Write the plan to this file (atomically) instead of stdout; - is stdout.")
    var output: String?

    /// `--format`, else what `--output`'s extension names, else text.
    var format: DocumentFormat { requestedFormat ?? output.flatMap(DocumentFormat.init(fileName:)) ?? .text }

    /// Standard output, whether by default or as `--output -`.
    var toStandardOutput: Bool { output == nil || output == "-" }

    @Option(name: .long, help: "Directory of Mustache partials overriding the built-in HTML/PDF template (docs/templates.md).")
    var template: String?

    @Option(name: .long, help: "Only these rule playbooks, comma-separated ids (e.g. after_sales,expectation).")
    var only: String?

    @OptionGroup var options: PlaybookOptions

    func validate() throws {
        if template != nil, !format.usesTemplate {
            throw ValidationError("--template applies to --format html or pdf, not \(format.rawValue)")
        }
        if format.isBinary, toStandardOutput, isatty(1) == 1 {
            throw ValidationError("--format \(format.rawValue) writes binary data; pass --output FILE or redirect stdout to a file")
        }
    }

    func run() throws {
        let templates = try template.map { dir in
            do { return try TemplateSet.load(directory: dir) } catch let error as TemplateError {
                throw Failure(message: error.message(Environment.language))
            }
        }
        let (program, _) = try Files.program(options.playbooks)
        let language = options.language
        var onlySet: Set<String>?
        if let only {
            let ids = Set(only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            let known = Set(program.playbooks.filter { $0.hasRules(in: program.rules) }.map(\.id))
            for id in ids where !known.contains(id) {
                throw Failure.unknownPlaybook(id, known: known)
            }
            onlySet = ids
        }
        let source = PlaybookSource(name: answers, text: try Files.read(answers))
        let (parsed, diagnostics) = AnswersFile.parse(source, program: program, language: language)
        if parsed != nil, !diagnostics.warnings.isEmpty {
            FileHandle.writeError(DiagnosticRenderer.forUser([source.name: source.text]).render(diagnostics.warnings) + "\n")
        }
        guard let parsed else {
            let renderer = DiagnosticRenderer.forUser([source.name: source.text])
            let errors = diagnostics.errors
            throw Failure.invalidAnswers(renderer.render(errors), count: errors.count, stored: false)
        }
        let engine = Engine(program: program, only: onlySet)
        let plan = Planner(engine: engine, consultVersion: Consult.version)
            .plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: language, edition: edition)
        try write(plan, templates)
    }

    /// Renders and writes the document; the PDF printer is looked up only when it is needed, so
    /// every other format works without a browser.
    func write(_ plan: Plan, _ templates: TemplateSet?) throws {
        var printer: (any DocumentPrinter)?
        if format.needsPrinter {
            printer = try ChromiumPrinter.find()
            if let warning = ChromiumPrinter.chineseFontWarning() { FileHandle.writeError(warning) }
        }
        let color = format == .text && toStandardOutput && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let data = try DocumentExporter.render(plan, format: format, template: templates, printer: printer, color: color)
        if let output {
            try Files.writeAtomically(data, to: output)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
