import ArgumentParser
import ConsultDiagnostics
import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, md, json
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scripted run: read answers from a YAML or JSON file and print the plan.")

    @Option(name: .long, help: "Answers file (YAML or JSON) with merchant: and answers:.")
    var answers: String

    @Option(name: .long, help: "Output format: text, md or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Write the plan to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Only these rule playbooks, comma-separated ids (e.g. after_sales,expectation).")
    var only: String?

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let (program, _) = try Files.program(options.playbooks)
        let language = options.language
        var onlySet: Set<String>?
        if let only {
            let ids = Set(only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            let known = Set(program.playbooks.filter { $0.hasRules(in: program.rules) }.map(\.id))
            for id in ids where !known.contains(id) {
                throw Failure(message: "error: --only: unknown playbook '\(id)'\(Suggestion.didYouMean(id, in: known)); accepted: \(known.sorted().joined(separator: ", "))", code: 2)
            }
            onlySet = ids
        }
        let source = PlaybookSource(name: answers, text: try Files.read(answers))
        let (parsed, diagnostics) = AnswersFile.parse(source, program: program, language: language)
        guard let parsed else {
            let renderer = DiagnosticRenderer(sources: [source.name: source.text])
            let errors = diagnostics.errors
            throw Failure(message: renderer.render(errors) + "\n\(errors.count) invalid answer\(errors.count == 1 ? "" : "s"); nothing was written")
        }
        let engine = Engine(program: program, only: onlySet)
        let plan = Planner(engine: engine, consultVersion: Consult.version)
            .plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: language)
        let text: String
        switch format {
        case .json: text = JSONRenderer.render(plan)
        case .md: text = MarkdownRenderer.render(plan)
        case .text:
            let tty = output == nil && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            text = TextRenderer(color: tty).render(plan)
        }
        if let output {
            try Files.writeAtomically(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
