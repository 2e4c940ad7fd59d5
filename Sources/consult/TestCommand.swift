import ArgumentParser
import ConsultDiagnostics
import ConsultEngine
import ConsultPlaybook
import Foundation

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every rule's and playbook's examples; ends with 'N passed, N failed'.")

    @Argument(help: "Playbook directory (default: the bundled playbooks).")
    var directory: String?

    @Flag(name: .long, help: "Also report coverage: rules never fired / never quiet, unused questions and choices, derived facts never known.")
    var coverage = false

    @Flag(name: .shortAndLong, help: "List every example, not only failures.")
    var verbose = false

    func run() throws {
        let (program, _) = try Files.program(directory)
        let report = ExampleRunner(program: program).run()
        for outcome in report.outcomes {
            if let failure = outcome.failure {
                print("\(outcome.location): FAIL \(outcome.name): \(failure)")
            } else if verbose {
                print("\(outcome.location): ok \(outcome.name)")
            }
        }
        var incomplete = false
        if coverage {
            let c = report.coverage
            func list(_ title: String, _ items: [String]) {
                print("\(title): \(items.isEmpty ? "none" : items.joined(separator: ", "))")
            }
            print("coverage:")
            list("  rules never fired", c.neverFired)
            list("  rules never seen quiet", c.neverQuiet)
            list("  questions never answered in an example", c.unusedQuestions)
            list("  choice values never used", c.unusedChoices)
            list("  derived facts never computed to a value", c.derivedNeverKnown)
            incomplete = !c.isComplete
            if incomplete { print("coverage: every rule needs an example that fires and one that stays quiet") }
        }
        print("\(report.passed) passed, \(report.failed) failed")
        if report.failed > 0 || incomplete { throw ExitCode(1) }
    }
}
