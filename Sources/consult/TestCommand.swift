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

    @Option(name: .long, help: "Answers files, or directories of them, whose 'expect:' section says what their plan must show (e.g. examples/).")
    var merchants: [String] = []

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
        var merchantPassed = 0, merchantFailed = 0
        for path in try merchantFiles() {
            let source = PlaybookSource(name: path, text: try Files.read(path))
            let (parsed, diagnostics) = AnswersFile.parse(source, program: program)
            guard let parsed else {
                print(DiagnosticRenderer.forUser([path: source.text]).render(diagnostics.errors))
                merchantFailed += 1
                continue
            }
            guard let expectation = parsed.expectation else { continue }
            let engine = Engine(program: program)
            let diagnosis = engine.diagnose(parsed.answers)
            let problems = PlanCheck.problems(expectation, engine: engine, diagnosis: diagnosis, merchant: parsed.merchant)
            if problems.isEmpty {
                merchantPassed += 1
                if verbose { print("\(expectation.location): ok \(parsed.merchant.name)") }
            } else {
                merchantFailed += 1
                print("\(expectation.location): FAIL \(parsed.merchant.name): \(problems.joined(separator: "; "))")
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
        let failed = report.failed + merchantFailed
        print("\(report.passed + merchantPassed) passed, \(failed) failed")
        if failed > 0 || incomplete { throw ExitCode(1) }
    }

    /// The answers files named, directories expanded to their .yaml/.json files in name order.
    func merchantFiles() throws -> [String] {
        var files: [String] = []
        for path in merchants {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or directory: \(path)")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }
}
