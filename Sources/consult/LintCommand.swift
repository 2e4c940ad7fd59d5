import ArgumentParser
import ConsultDiagnostics
import ConsultPlaybook
import Foundation

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check playbooks; print every problem as file:line:col; exit 1 on any error.")

    @Argument(help: "Playbook directory (default: the bundled playbooks).")
    var directory: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        var notText: [String] = []
        let sources = try Files.playbookSources(Files.playbookDirectory(directory), notText: &notText)
        for problem in notText { print(problem) }
        let result = PlaybookLoader.load(sources)
        var diagnostics = result.diagnostics
        if let program = result.partial { diagnostics += PlaybookLint.check(program, complete: result.program != nil).sortedByLocation() }
        let renderer = DiagnosticRenderer(sources: Dictionary(sources.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a }))
        for d in diagnostics { print(renderer.render(d)) }
        let errors = diagnostics.errors.count + notText.count, warnings = diagnostics.warnings.count
        // Rules that built, even when others did not: "0 rules" beside 95 loaded ones misleads.
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if let loaded = result.program ?? result.partial {
            print("\(sources.count) playbooks, \(loaded.rules.count) rules: " + counts)
        } else {
            print("\(sources.count) playbooks: " + counts + " (YAML syntax; the rules are checked once every file reads)")
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
