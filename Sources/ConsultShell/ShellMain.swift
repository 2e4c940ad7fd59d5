import ConsultPlaybook
import ConsultStore

/// Starts a consultation on this process's terminal, or over its standard input when that is
/// not a terminal. The executable calls this and exits with what it returns.
public enum ShellMain {
    /// `store` replaces the database of `options` (tests).
    public static func run(options: ShellOptions, environment: [String: String], load: @escaping ProgramLoader,
                           store: ConsultationStore? = nil) -> Int32 {
        var terminal = Terminal.detect(environment: environment)
        // setlocale is not thread-safe: it runs before the loading thread starts.
        if terminal.interactive { Terminal.useUTF8Locale() }
        // The database before the playbooks: the first prompt (or the resume offer) needs it, and
        // opening it with the loading thread already busy on one of two cores takes several times longer.
        let opened = store.map { OpenedStore.given($0) } ?? OpenedStore.open(options)
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
        return shell.run()
    }
}

/// The database of `options`, or memory when there is none or it cannot be opened. A consultant
/// sitting with a merchant must be able to work even then: the shell says so plainly (here and in
/// its greeting) and goes on in memory, where `.answers FILE` still saves the answers. A damaged
/// or newer file is left untouched (`SessionStore.open` refuses it whole).
enum OpenedStore {
    case given(ConsultationStore)
    case database(SessionStore)
    /// Why there is no database (printed once the console exists); nil for `--no-store`.
    case memory(problem: String?)

    static func open(_ options: ShellOptions) -> OpenedStore {
        if let path = options.database {
            do {
                return .database(try SessionStore.open(path: path))
            } catch {
                return .memory(problem: "\(error)")
            }
        }
        let zh = options.language == .zh
        return .memory(problem: options.databaseProblem.map { (zh ? "没有咨询数据库：" : "no consultation database: ") + $0 })
    }

    func store(_ options: ShellOptions, console: Console) -> ConsultationStore {
        switch self {
        case .given(let store):
            return store
        case .database(let database):
            return SQLiteConsultationStore(store: database, language: options.language)
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
