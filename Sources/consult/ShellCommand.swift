import ArgumentParser
import ConsultBatch
import ConsultPlaybook
import ConsultShell
import ConsultStore
import Foundation

/// `consult shell` (and `consult` alone): the interactive consultation. On a terminal it edits
/// lines with libedit; with stdin not a terminal it reads the same commands and answers from
/// stdin, as if typed. The database is only located here; the shell opens it, so that a file it
/// cannot use is reported in the consultation's language and the session goes on in memory.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Interactive consultation: interview, live diagnosis, plan (咨询访谈).",
        discussion: """
            On a terminal: line editing, history, Tab completion; .help lists the commands.
            With stdin not a terminal, lines are read as if typed (a transcript replays a consultation); \
            the exit status is 1 when any line was refused.
            Every answer is saved in the consultation database as it is given (docs/store.md); at a terminal, \
            a consultation that was not ended is offered for resuming. If the database cannot be used, the \
            shell says why and keeps the consultation in memory.
            """)

    @Flag(name: .long, help: "Print each input line after its prompt (scripted sessions).")
    var echo = false

    @Flag(name: .long, help: "Stop at the first refused line with exit status 1.")
    var bail = false

    @Option(name: .long, help: ArgumentHelp("Take up a stored consultation: its number, or 'last' for the most recent unfinished one. Without it a terminal offers to resume.", valueName: "ID|last"))
    var resume: String?

    @Option(name: .customLong("follow-up"), help: ArgumentHelp("Start a follow-up visit of a merchant in the database (its name or an unambiguous part): each question shows the last visit's answer, and the plan opens with what moved since.", valueName: "MERCHANT"))
    var followUp: String?

    @Flag(name: .long, help: "Keep this consultation in memory only: nothing is written to the database.")
    var noStore = false

    @Option(name: .long, help: ArgumentHelp("Start from a merchant's numbers: a platform export (.xlsx, .csv) or an answers file; only what is missing is asked.", valueName: "FILE"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("With --from: the row (its number in the sheet) or the merchant's name.", valueName: "N|NAME"))
    var row: String?

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let resume, ResumeRequest(argument: resume) == nil {
            throw ValidationError("--resume takes a consultation number (see `consult sessions`) or 'last', not '\(resume)'")
        }
        if noStore, resume != nil { throw ValidationError("--resume reads the database, which --no-store leaves out") }
        if noStore, store.db != nil { throw ValidationError("--db and --no-store contradict each other; give one") }
        if row != nil, from == nil { throw ValidationError("--row chooses a row of --from FILE; give --from too") }
        if followUp != nil, resume != nil || from != nil || noStore {
            throw ValidationError("--follow-up starts a new visit from the merchant's last one in the database; it goes with neither --resume, --from nor --no-store")
        }
        if from != nil, resume != nil { throw ValidationError("--from starts a new consultation and --resume takes up a stored one; give one") }
    }

    /// Reads a merchant from an export or answers file exactly as `consult batch` would.
    static let readPrefill: PrefillReader = { path, row, program, language in
        var batch = BatchOptions(inputs: [path], output: "")
        batch.language = language
        do {
            let found = try ExportRow.read(path, row: row, program: program, options: batch)
            return Prefill(merchant: found.merchant, answers: found.answers, provenance: found.provenance,
                           origin: found.origin, warnings: found.warnings)
        } catch let error as BatchError {
            throw PrefillFailure(message: Language.withoutErrorPrefix(error.message(language)))
        }
    }

    struct PrefillFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The SQLite database of `options`, or memory when there is none or it cannot be opened. A
    /// damaged or newer file is left untouched (`SessionStore.open` refuses it whole).
    static func openStore(_ options: ShellOptions) -> OpenedStore {
        if let path = options.database {
            do {
                // Taking one up never creates a database: there is nothing in a new one to take up.
                let store = try SessionStore.open(path: path, create: options.resume == nil && options.followUp == nil)
                return .store(SQLiteConsultationStore(store: store, language: options.language))
            } catch {
                return .memory(problem: Language.withoutErrorPrefix((error as? StoreError)?.message(options.language) ?? "\(error)"))
            }
        }
        let zh = options.language == .zh
        return .memory(problem: options.databaseProblem.map { (zh ? "没有咨询数据库：" : "no consultation database: ") + $0 })
    }

    func run() throws {
        let playbooks = options.playbooks
        var shellOptions = ShellOptions(language: options.language, consultVersion: Consult.version,
                                        echo: echo, bail: bail, date: Self.today(),
                                        resume: resume.flatMap(ResumeRequest.init(argument:)), printer: OnDemandChromiumPrinter())
        shellOptions.prefillReader = Self.readPrefill
        shellOptions.followUp = followUp
        shellOptions.consultant = Config.current.consultant
        // `--from` needs the playbooks before the first prompt; they are loaded once, here, and
        // handed to the shell instead of being loaded again in the background.
        var loaded: Program?
        if let from {
            let program = try Files.program(playbooks).0
            do {
                shellOptions.prefill = try Self.readPrefill(from, row, program, options.language)
            } catch {
                throw Failure(message: (options.language == .zh ? "错误：" : "error: ") + "\(error)")
            }
            loaded = program
        }
        if !noStore {
            do {
                shellOptions.database = try store.path()
            } catch let failure as Failure {
                shellOptions.databaseProblem = Language.withoutErrorPrefix(failure.message)
            }
        }
        // The database before the playbooks: the first prompt (or the resume offer) needs it, and
        // opening it with the loading thread already busy on one of two cores takes several times longer.
        let opened = Self.openStore(shellOptions)
        let preloaded = loaded
        let status = ShellMain.run(options: shellOptions, environment: ProcessInfo.processInfo.environment, store: opened) {
            if let preloaded { return .success(preloaded) }
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
        abstract: "Measure the shell's start-up: exec to first prompt on a pseudo-terminal; prints the median.",
        shouldDisplay: false)

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
        // A database of its own: the user's must neither be written nor offer a resume here.
        var arguments = ["shell", "--lang", "en", "--db", state.appendingPathComponent("consult.sqlite").path]
        if let playbooks = options.playbooks { arguments += ["--playbooks", playbooks] }
        // Each run ends its consultation, or the next would start at the offer to resume it.
        let steps = [StartupProbe.Step(marker: "merchant> "), StartupProbe.Step(send: "Bench\r", marker: "[1/"),
                     StartupProbe.Step(send: ".quit\r", marker: "ended and saved")]
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
