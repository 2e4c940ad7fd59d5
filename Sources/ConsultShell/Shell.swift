import ConsultRender
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultStore

/// The consultation shell: one input loop over a `LineReader`, whether a person types at a
/// terminal or a transcript is piped in. A line is a command when it starts with `.` or `。`;
/// otherwise it answers the question on screen (the merchant's name first).
public final class Shell {
    let reader: LineReader
    let console: Console
    /// `.echo` and `.bail` change it as the session goes.
    var options: ShellOptions
    let loader: ProgramLoader
    let store: ConsultationStore
    private let pending: PendingProgram
    /// Created once the playbooks have loaded (see `PendingProgram`).
    private(set) var loaded: Consultation?
    /// The question being revisited through `.back` or `.goto`; nil follows the interview.
    var pinned: String?
    /// Text typed back in for the next read (a refused answer to correct).
    var prefill: String?
    var lineNumber = 0
    /// While `.read FILE` runs: the file and its line, which a refused line is named by.
    var readingFrom: (file: String, line: Int)?
    var errorCount = 0
    var finished = false
    var exitStatus: Int32 = 0
    var emptyCancels = 0
    /// What the header on screen is for ("merchant", a question id); nil makes it show again.
    var headerShown: String?
    /// The diagnosis after the last change, to say what a change made appear or disappear.
    var lastDiagnosis: Diagnosis?
    /// Answers changed since they were last written to a file (matters only without a database).
    var unsaved = false

    init(reader: LineReader, console: Console, program: PendingProgram, options: ShellOptions,
         store: ConsultationStore, loader: @escaping ProgramLoader) {
        self.reader = reader
        self.console = console
        self.pending = program
        self.options = options
        self.store = store
        self.loader = loader
    }

    /// The consultation; only used once `ensureLoaded()` has succeeded.
    var consultation: Consultation { loaded! }

    /// Waits for the playbooks the first time they are needed; a failure ends the session.
    func ensureLoaded() -> Bool {
        if loaded != nil { return true }
        switch pending.wait() {
        case .success(let program):
            let consultation = Consultation(program: program, language: options.language,
                                            consultVersion: options.consultVersion, store: store)
            loaded = consultation
            lastDiagnosis = consultation.diagnosis()
            return true
        case .failure(let error):
            console.error(error.message)
            finished = true
            exitStatus = 1
            return false
        }
    }

    /// Whether the merchant has been named (answers come after); never waits for the playbooks.
    var hasMerchant: Bool { loaded?.merchant != nil }

    var language: Language { loaded?.language ?? options.language }
    var program: Program { consultation.program }
    var interview: Interview { consultation.interview }

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The question on screen: the one revisited, else where the interview resumes (nil when done).
    var currentQuestion: Question? {
        if let pinned, let q = program.question(pinned) { return q }
        return interview.resume(consultation.answers)
    }

    /// Runs until `.quit`, a confirmed Ctrl-D or the end of input; returns the exit status.
    public func run() -> Int32 {
        reader.completer = { [unowned self] before in self.complete(before) }
        defer { reader.close() }
        if reader.isInteractive { Interruption.install() }
        if reader.isInteractive { greet() }
        takeUp()
        while !finished {
            if reader.isInteractive { showHeaderIfNeeded() }
            let prompt = promptText()
            switch reader.read(prompt: prompt, prefill: takePrefill(), remember: true) {
            case .line(let text):
                lineNumber += 1
                emptyCancels = 0
                if options.echo, !reader.isInteractive { console.line(prompt + text) }
                Interruption.clear()
                handle(text)
                if Interruption.requested {
                    Interruption.clear()
                    console.say(t("（已取消，回到访谈）", "(cancelled; back to the interview)"), .dim)
                }
            case .cancelled(let wasEmpty):
                cancelled(wasEmpty: wasEmpty)
            case .endOfInput:
                endOfInput()
            }
            reportStoreProblems()
        }
        return exitStatus
    }

    /// Store failures never stop the consultation, but the consultant must know at once.
    func reportStoreProblems() {
        for problem in loaded?.takeStoreProblems() ?? [] {
            console.error(t("保存失败：", "could not keep the change: ") + storeMessage(problem))
        }
    }

    func handle(_ text: String) {
        guard ensureLoaded() else { return }
        if let command = CommandInput(text) {
            run(command)
        } else if consultation.merchant == nil {
            nameMerchant(text.trimmed)
        } else if let (question, value) = namedAnswer(text) {
            // `store_rating=4.4`: a transcript line that says which question it answers, so a
            // refused line before it cannot shift it onto another question.
            if record(question, value, retype: text) { moveOn() }
        } else if let question = currentQuestion {
            answer(question, text)
        } else if text.trimmed.isEmpty {
            return  // Enter after the last question: nothing to answer, nothing wrong
        } else {
            fail(t("访谈已经完成。命令以 . 开头，输入 .help 查看；改答案用 .goto 或 .set",
                   "The interview is complete. Commands start with '.': .help lists them; change answers with .goto or .set"))
        }
    }

    /// `fact=value` where fact is a question id; nil for anything else (an answer may contain "=").
    func namedAnswer(_ text: String) -> (Question, String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let id = String(text[..<equals]).trimmed
        guard !id.isEmpty, let question = program.question(id) else { return nil }
        return (question, String(text[text.index(after: equals)...]).trimmed)
    }

    private func takePrefill() -> String? {
        defer { prefill = nil }
        return reader.isInteractive ? prefill : nil
    }

    /// Reports a refused line. On a pipe the message names the input line; with `--bail` the
    /// session ends with status 1. On a terminal `retype` comes back on the line to correct.
    func fail(_ message: String, retype: String? = nil) {
        errorCount += 1
        // Line 0: before any input (`--resume` at start), there is no line to name.
        let prefix = readingFrom.map { t("错误（\($0.file) 第 \($0.line) 行）：", "error (\($0.file) line \($0.line)): ") }
            ?? (reader.isInteractive || lineNumber == 0 ? t("错误：", "error: ") : t("错误（第 \(lineNumber) 行）：", "error (line \(lineNumber)): "))
        console.error(Wrap.lines(prefix + message, width: console.width, hanging: "  ").joined(separator: "\n"))
        if reader.isInteractive { prefill = retype }
        if options.bail {
            finished = true
            exitStatus = 1
        }
    }

    static func isYes(_ reply: String) -> Bool {
        ["y", "yes", "是", "是的", "确定", "好", "好的", "对", "嗯"].contains(reply.trimmed.lowercased())
    }

    private func cancelled(wasEmpty: Bool) {
        guard wasEmpty else { return }
        emptyCancels += 1
        if emptyCancels >= 2 {
            console.say(t("（Ctrl-C 只清空当前行。结束咨询请输入 .quit 或按 Ctrl-D）",
                          "(Ctrl-C only clears the line. To end the consultation type .quit or press Ctrl-D)"), .dim)
        }
    }

    /// On a pipe the transcript is over; at a terminal, Ctrl-D asks before ending.
    private func endOfInput() {
        guard reader.isInteractive else {
            guard ensureLoaded() else { return }  // an empty transcript still reports broken playbooks
            finished = true
            if errorCount > 0 { exitStatus = 1 }
            end()
            return
        }
        console.line()
        let question = unsaved && library == nil
            ? t("结束咨询吗？答案还没有保存（.answers FILE 可保存）。[y/N] ", "End the consultation? The answers are not saved (.answers FILE saves them). [y/N] ")
            : t("结束咨询吗？[y/N] ", "End the consultation? [y/N] ")
        switch reader.read(prompt: question, prefill: nil, remember: false) {
        case .endOfInput:
            console.line()
            finished = true
            end()
        case .line(let reply) where Self.isYes(reply) || reply.trimmed.lowercased() == "q":
            finished = true
            end()
        default:
            headerShown = nil
        }
    }
}
