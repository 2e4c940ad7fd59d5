import ConsultPlaybook
import ConsultStore

/// Starts a consultation on this process's terminal, or over its standard input when that is
/// not a terminal. The executable calls this and exits with what it returns.
public enum ShellMain {
    /// `store` is where the consultation is kept, opened by the caller (the executable wires the
    /// SQLite adapter; tests may give any `ConsultationStore`).
    public static func run(options: ShellOptions, environment: [String: String], store opened: OpenedStore,
                           load: @escaping ProgramLoader) -> Int32 {
        var terminal = Terminal.detect(environment: environment)
        // setlocale is not thread-safe: it runs before the loading thread starts.
        if terminal.interactive { Terminal.useUTF8Locale() }
        let program = PendingProgram(loading: load)  // loads while the prompt comes up
        let reader: LineReader
        if terminal.interactive, let editor = EditLineReader(historyPath: HistoryFile.path(environment: environment)) {
            reader = editor
        } else {
            terminal.interactive = false
            terminal.color = false
            reader = PlainLineReader()
        }
        let console = Console(terminal: terminal)
        let shell = Shell(reader: reader, console: console, program: program,
                          options: options, store: opened.store(options, console: console), loader: load)
        let status = shell.run()
        // A script whose database could not be used kept nothing: it must not read success.
        if case .memory(let problem?) = opened, !reader.isInteractive, !problem.isEmpty { return max(status, 1) }
        return status
    }
}

/// Where the shell keeps the consultation: a store, or memory when there is none or it cannot be
/// opened. A consultant sitting with a merchant must be able to work even then: the shell says so
/// plainly (here and in its greeting) and goes on in memory, where `.answers FILE` still saves the
/// answers.
public enum OpenedStore {
    case store(ConsultationStore)
    /// Why there is no database (printed once the console exists); nil for `--no-store`.
    case memory(problem: String?)

    func store(_ options: ShellOptions, console: Console) -> ConsultationStore {
        switch self {
        case .store(let store):
            return store
        case .memory(let problem):
            if let problem {
                console.error(problem)
                console.error(options.language == .zh
                    ? "本次咨询只保存在内存中（退出前用 .answers FILE 保存答案；--db FILE 可换一个数据库）。"
                    : "This consultation is kept in memory only (save the answers with .answers FILE before quitting; --db FILE uses another database).")
            }
            return MemoryConsultationStore()
        }
    }
}
