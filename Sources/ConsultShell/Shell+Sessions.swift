import ConsultRender
import ConsultPlaybook
import ConsultStore

/// Consultations kept in the database: `.sessions`, `.open` (also how one is taken up at start,
/// see `Shell+Resume`), and ending one. Opening never re-records the stored answers: they are
/// restored into the consultation as they are (`Consultation.restore`).
extension Shell {
    /// The database behind the shell; nil when the consultation is kept in memory only.
    /// The store when it keeps consultations beyond this process (nil: in memory only).
    var library: ConsultationStore? { store.location == nil ? nil : store }

    /// `.open ID`.
    func openCommand(_ command: CommandInput) {
        guard let word = command.arguments.first else {
            return fail(t("用法：", "usage: ") + CommandName.open.usage + t("；.sessions 列出编号", "; .sessions lists the ids"))
        }
        guard let id = SessionID(word) else {
            return fail(t("“\(word)” 不是咨询编号；.sessions 列出编号", "'\(word)' is not a consultation number; .sessions lists them"))
        }
        let rest = command.arguments.dropFirst()
        guard rest.isEmpty || (rest.count == 1 && ["take", "接手"].contains(rest.first!.lowercased())) else {
            return fail(t("用法：", "usage: ") + CommandName.open.usage)
        }
        open(id, takeOver: !rest.isEmpty)
    }

    /// Makes `id` the consultation on screen: its merchant, answers (with their sources) and
    /// notes, continuing at the first question not answered. The one left stays unfinished.
    @discardableResult
    func open(_ id: SessionID, takeOver: Bool = false) -> Bool {
        guard let library else {
            fail(noDatabase)
            return false
        }
        guard ensureLoaded() else { return false }
        if library.session == id {
            console.say(t("已经在咨询 #\(id) 中。", "Consultation #\(id) is the one open."))
            return true
        }
        let previous = hasMerchant ? library.session : nil
        let stored: StoredSession
        do {
            stored = try library.open(id, takeOver: takeOver)
        } catch {
            fail(storeMessage(error))
            return false
        }
        reader.startConsultation()
        let (answers, dropped) = AnswerLog.answers(stored.answers, program: program)
        consultation.restore(merchant: stored.merchant.name.isEmpty ? nil : stored.merchant, answers: answers,
                             notes: stored.notes.map(\.text), plan: stored.latestPlan?.json)
        consultation.lastVisit = findLastVisit(of: stored.merchant.name)
        pinned = nil
        prefill = nil
        headerShown = nil
        unsaved = false
        lastDiagnosis = consultation.diagnosis()
        reportOpened(stored, dropped: dropped, previous: previous)
        if let last = consultation.lastVisit { announceFollowUp(last) }
        return true
    }

    private func reportOpened(_ stored: StoredSession, dropped: [StoredAnswer], previous: SessionID?) {
        if let previous {
            console.say(t("咨询 #\(previous) 没有结束，保留着；.open \(previous) 可回到它。",
                          "Consultation #\(previous) stays open; .open \(previous) comes back to it."), .dim)
        }
        let name = stored.merchant.name.isEmpty ? t("（未命名）", "(unnamed)") : stored.merchant.name
        let count = consultation.answers.raw.count
        let ended = stored.summary.isFinished
        var line = ended
            ? t("重新打开咨询 #\(stored.id) \(name)（\(stored.summary.day)）：已答 \(count) 题",
                "Reopened consultation #\(stored.id) \(name) (\(stored.summary.day)): \(count) answers")
            : t("继续咨询 #\(stored.id) \(name)（\(stored.summary.day)）：已答 \(count) 题",
                "Continuing consultation #\(stored.id) \(name) (\(stored.summary.day)): \(count) answers")
        if !stored.notes.isEmpty { line += t("，笔记 \(stored.notes.count) 条（.review 查看）", ", \(stored.notes.count) notes (.review shows them)") }
        console.say(line + t("。", "."), .green)
        // Where it stood: the first problems, so the consultant picks up the thread.
        if count > 0 { showFindings(limit: 3) }
        for answer in dropped {
            console.say("  " + t("今天的手册不接受，未载入：\(answer.fact) = \(answer.raw)",
                                 "not accepted by today's playbooks, left out: \(answer.fact) = \(answer.raw)"), .yellow)
        }
        if hasMerchant, currentQuestion == nil {
            console.lines(Wrap.lines(t("访谈已经完成。", "The interview is complete. ") + nextSteps, width: console.width))
            headerShown = "done"
        }
    }

    /// `.sessions [MERCHANT]`: the latest consultations, the one open marked `*`.
    func listSessions(_ command: CommandInput) {
        guard let library else { return fail(noDatabase) }
        let filter = command.rest.isEmpty ? nil : command.rest
        let all: [SessionSummary]
        do {
            all = try library.sessions(merchant: filter)
        } catch {
            return fail(storeMessage(error))
        }
        guard !all.isEmpty else {
            return console.say(filter == nil ? t("还没有保存的咨询。", "No consultations are stored yet.")
                                             : t("没有商家名包含“\(filter!)”的咨询。", "No consultation of a merchant matching '\(filter!)'."))
        }
        let shown = all.suffix(Self.sessionsShown)
        if all.count > shown.count {
            console.say(t("共 \(all.count) 次，只列最近 \(shown.count) 次（consult sessions 列出全部）：",
                          "\(all.count) in all, the latest \(shown.count) (consult sessions lists every one):"), .dim)
        }
        let rows = shown.map { summary in
            SessionRow(summary: summary, progress: progress(of: summary, in: library), current: summary.id == library.session)
        }
        console.lines(SessionRow.table(rows, language: language, width: console.width, paint: console.paint))
    }

    static let sessionsShown = 20

    /// `14/46`: answered questions among those that apply to the answers given.
    private func progress(of summary: SessionSummary, in library: ConsultationStore) -> String {
        let answers: Answers
        if summary.id == library.session {
            answers = consultation.answers
        } else if let stored = try? library.stored(summary.id) {
            answers = AnswerLog.answers(stored.answers, program: program).answers
        } else {
            return "?"
        }
        let applicable = interview.applicable(answers)
        return "\(applicable.filter { answers.raw[$0.id] != nil }.count)/\(applicable.count)"
    }

    /// Ends the consultation the consultant ended (`.quit`, a confirmed Ctrl-D, the end of a
    /// transcript): the plan as it stands is kept and it is no longer offered for resuming.
    func end() {
        guard let consultation = loaded else { return }
        consultation.finish()
        reportStoreProblems()
        guard let id = library?.session else { return }
        console.say(t("咨询 #\(id) 已结束并保存；.open \(id) 可以再打开。", "Consultation #\(id) ended and saved; .open \(id) opens it again."), .dim)
    }

    var noDatabase: String {
        t("没有打开咨询数据库，本次咨询只在内存中（用 --db FILE 指定数据库）",
          "no consultation database is open; this consultation is kept in memory only (--db FILE names one)")
    }

    /// A store error in the shell's language, without the "error: " / "错误：" it starts with
    /// (the shell adds its own).
    func storeMessage(_ error: any Error) -> String {
        Language.withoutErrorPrefix((error as? StoreError)?.message(language) ?? "\(error)")
    }
}
