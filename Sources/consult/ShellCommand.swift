import ArgumentParser
import ConsultPlaybook
import ConsultShell
import Foundation

/// `consult shell` (and `consult` alone): the interactive consultation. On a terminal it edits
/// lines with libedit; with stdin not a terminal it reads the same commands and answers from
/// stdin, as if typed.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Interactive consultation: interview, live diagnosis, plan (咨询访谈).",
        discussion: """
            On a terminal: line editing, history, Tab completion; .help lists the commands.
            With stdin not a terminal, lines are read as if typed (a transcript replays a consultation); \
            the exit status is 1 when any line was refused.
            """)

    @Flag(name: .long, help: "Print each input line after its prompt (scripted sessions).")
    var echo = false

    @Flag(name: .long, help: "Stop at the first refused line with exit status 1.")
    var bail = false

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let playbooks = options.playbooks
        let shellOptions = ShellOptions(language: options.language, consultVersion: Consult.version,
                                        echo: echo, bail: bail, date: Self.today())
        let status = ShellMain.run(options: shellOptions, environment: ProcessInfo.processInfo.environment) {
            do {
                return .success(try Files.program(playbooks).0)
            } catch let failure as Failure {
                return .failure(ShellLoadError(message: failure.message))
            } catch {
                return .failure(ShellLoadError(message: "error: \(error)"))
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The interview date in local time, YYYY-MM-DD: session metadata that also dates the review.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}

/// `consult bench-shell`: exec to first prompt on a pseudo-terminal, over N runs; prints the
/// median (target: at most 20 ms for a release build). Figures only, never asserted by tests.
struct BenchShell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-shell",
        abstract: "Measure the shell's start-up: exec to first prompt on a pseudo-terminal; prints the median.")

    @Option(name: .long, help: "Number of runs.")
    var runs = 50

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERM"] = environment["TERM"] ?? "xterm"
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("consult-bench-\(getpid())")
        environment["XDG_STATE_HOME"] = state.path
        defer { try? FileManager.default.removeItem(at: state) }
        var arguments = ["shell", "--lang", "en"]
        if let playbooks = options.playbooks { arguments += ["--playbooks", playbooks] }
        let steps = [StartupProbe.Step(marker: "merchant> "), StartupProbe.Step(send: "Bench\r", marker: "[1/")]
        switch StartupProbe.measure(executable: executable, arguments: arguments, environment: environment,
                                    steps: steps, runs: max(1, runs)) {
        case .failure(let error):
            throw Failure(message: "error: bench-shell: \(error.message)")
        case .success(let runs):
            for (i, label) in ["exec to first prompt", "exec to first question (playbooks loaded)"].enumerated() {
                let sorted = runs.map { $0[i] }.sorted()
                print("shell start-up, \(label) on a pty: " + String(format: "median %.1f ms (min %.1f, max %.1f, %d runs)",
                                                                         sorted[sorted.count / 2], sorted.first!, sorted.last!, sorted.count))
            }
        }
    }
}
