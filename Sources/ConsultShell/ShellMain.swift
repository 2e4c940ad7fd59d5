import ConsultPlaybook

/// Starts a consultation on this process's terminal, or over its standard input when that is
/// not a terminal. The executable calls this and exits with what it returns.
public enum ShellMain {
    public static func run(options: ShellOptions, environment: [String: String], load: @escaping ProgramLoader,
                           store: ConsultationStore = MemoryConsultationStore()) -> Int32 {
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
        let shell = Shell(reader: reader, console: Console(terminal: terminal), program: program,
                          options: options, store: store, loader: load)
        return shell.run()
    }
}
