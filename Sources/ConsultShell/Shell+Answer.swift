import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// Answering the question on screen, and every other way an answer changes (`.set`, `.skip`).
extension Shell {
    /// An empty line keeps an answer already given and means "unknown" for a new question
    /// (as an empty cell does in an answers file).
    func answer(_ question: Question, _ text: String) {
        var raw = text.trimmed
        if raw.isEmpty, consultation.answers.raw[question.id] != nil {
            moveOn()
            return
        }
        // A follow-up visit: Enter keeps what the merchant said last time.
        if raw.isEmpty, let last = consultation.lastVisit?.answers.raw[question.id] { raw = last }
        guard record(question, raw, retype: text) else { return }
        moveOn()
    }

    /// After an answer: back to the interview, and say so once it is complete.
    func moveOn() {
        pinned = nil
        if currentQuestion == nil, headerShown != "done" { announceDone() }
    }

    /// Records `raw` for `question`; says how it was read, what it changed, or why it was refused.
    @discardableResult
    /// `echo`: say what was stored even when it reads as typed, and when nothing changed (`.set`).
    func record(_ question: Question, _ typed: String, retype: String? = nil, echo: Bool = false) -> Bool {
        guard let raw = settleFraction(question, typed, retype: retype) else { return false }
        let before = consultation.answers[question.id]
        let wasAnswered = consultation.answers.raw[question.id] != nil
        switch consultation.answer(question.id, raw: raw) {
        case .failure(let error):
            fail(refusal(error, hint: didYouMean(raw, question)), retype: retype ?? raw)
            return false
        case .success(let value):
            unsaved = true
            if echo {
                let label = question.label?[language] ?? question.id
                let approximate = (try? AnswerParser.read(raw, for: question.fact).get())?.approximate ?? false
                console.say("  " + t("已记 ", "Set ") + label + t("：", ": ") + ValueFormatter.format(value, as: question.fact, language)
                            + (approximate ? t("（记为估算）", " (kept as an estimate)") : ""), .dim)
            } else if reader.isInteractive {
                showReading(question, raw, value)
            }
            reportChanges(revised: wasAnswered && before != value, sayUnchanged: echo)
            return true
        }
    }

    /// A rate typed as a fraction (`0.46` for 退款率) may mean 46% or 0.46%: at a terminal the
    /// shell asks, and the answer kept is the one chosen, written with its % sign; on a pipe it is
    /// read as typed (0.46%) with a warning. Nil when the consultant cancelled the choice.
    private func settleFraction(_ question: Question, _ raw: String, retype: String?) -> String? {
        guard case .success(let reading) = AnswerParser.read(raw, for: question.fact), reading.fractionOfPercent,
              case .number(let fraction) = reading.value else { return raw }
        let whole = AnswerParser.percentOfFraction(fraction)
        let label = question.label?[language] ?? question.id
        guard reader.isInteractive else {
            console.say(t("  注意：\(label) “\(raw)” 按 \(fraction)% 记；如果是 \(whole)%，请用 .set \(question.id) \(whole)% 改",
                          "  note: \(label) '\(raw)' is taken as \(fraction)%; if it means \(whole)%, .set \(question.id) \(whole)%"), .dim)
            return raw
        }
        let prompt = t("\(label) \(raw)：是 \(whole)% 还是 \(fraction)%？ 1) \(whole)%  2) \(fraction)%  > ",
                       "\(label) \(raw): \(whole)% or \(fraction)%?  1) \(whole)%  2) \(fraction)%  > ")
        while true {
            guard case .line(let reply) = reader.read(prompt: prompt, prefill: nil, remember: false) else {
                console.say(t("（没有记下，重新回答）", "(not recorded; answer again)"), .dim)
                prefill = retype ?? raw
                return nil
            }
            let r = AnswerParser.normalize(reply).replacing("%", with: "")
            if r == "1" || r == whole { return whole + "%" }
            if r == "2" || r == fraction.description { return fraction.description + "%" }
            console.say(t("请输入 1 或 2", "type 1 or 2"), .dim)
        }
    }

    /// Why an answer was refused, a guess at what was meant, and what is accepted.
    /// Names the question as the consultant sees it (主平台), not by its id.
    func refusal(_ error: AnswerError, hint: String = "") -> String {
        let question = program.question(error.fact)?.label?[language] ?? error.fact
        return language == .zh
            ? "\(question)：“\(error.given)” \(error.problem.zh)\(hint)。可填：\(error.accepted.zh)"
            : "\(question): '\(error.given)' \(error.problem.en)\(hint). Accepted: \(error.accepted.en)"
    }

    /// A close choice for a mistyped one (`boo` → boom).
    private func didYouMean(_ raw: String, _ question: Question) -> String {
        guard question.fact.kind == .choice else { return "" }
        let names = question.fact.choices.flatMap { [$0.id, $0.label.zh] }
        let partial = ShellCompleter.match(raw, in: names)
        let guess = partial.count == 1 ? partial[0] : Suggestion.closest(to: raw, in: names)
        return guess.map { t("（是不是 \($0)？）", " (did you mean \($0)?)") } ?? ""
    }

    /// `→ 80万元` when what was typed is not already how the value reads, so a consultant sees
    /// at once that `3.5w` was taken as 35,000 or `n` as 否.
    /// An approximation (约80万) says it was kept as an estimate.
    private func showReading(_ question: Question, _ raw: String, _ value: Value) {
        let shown = ValueFormatter.format(value, as: question.fact, language)
        let approximate = (try? AnswerParser.read(raw, for: question.fact).get())?.approximate ?? false
        if approximate {
            console.say("  → " + shown + t("（记为估算）", " (kept as an estimate)"), .dim)
            return
        }
        guard shown.lowercased() != raw.lowercased(), !(value.isKnown == false && raw == "?") else { return }
        console.say("  → " + shown, .dim)
    }

    func skip() {
        guard let question = currentQuestion else {
            fail(t("没有正在问的问题；用 .unset FACT 撤回某个答案", "no question is being asked; .unset FACT takes an answer back"))
            return
        }
        record(question, "?")
        moveOn()
    }

    /// `.skip block`: every question of this part not answered yet is recorded as unknown (a
    /// merchant with no ads skips the traffic questions in one go).
    func skipBlock(_ command: CommandInput) {
        guard command.arguments.count == 1, ["block", "部分", "本部分"].contains(command.arguments[0].lowercased()) else {
            return fail(t("用法：", "usage: ") + CommandName.skip.usage)
        }
        guard let question = currentQuestion else {
            return fail(t("没有正在问的问题", "no question is being asked"))
        }
        let block = question.block
        var skipped = 0
        while let next = currentQuestion, next.block == block, consultation.answers.raw[next.id] == nil {
            guard case .success = consultation.answer(next.id, raw: "?") else { break }
            pinned = nil
            skipped += 1
        }
        unsaved = true
        let title = program.blocks.first { $0.id == block }?.title[language] ?? block
        console.say(t("“\(title)”里 \(skipped) 题记为“不清楚”。", "\(skipped) questions of '\(title)' recorded as unknown."), .dim)
        reportChanges(revised: false)
        moveOn()
    }

    /// `.set FACT VALUE`: changes any answer in place; `merchant` and `consultant` set the session's names.
    func set(_ command: CommandInput) {
        guard let name = command.arguments.first else {
            fail(t("用法：", "usage: ") + CommandName.set.usage)
            return
        }
        let value = String(command.rest.dropFirst(name.count)).trimmed
        if name == "merchant" || name == "consultant" || name == "date" {
            setSession(name, value)
            return
        }
        guard let question = findQuestion(name) else { return }
        guard !value.isEmpty else {
            fail(t("缺少答案。可填：", "missing the value. Accepted: ") + AnswerParser.acceptedForm(question.fact)[language])
            return
        }
        record(question, value, retype: ".set \(question.id) \(value)", echo: true)
    }

    /// `.set merchant|consultant|date VALUE`: who and when, kept with the consultation.
    private func setSession(_ field: String, _ value: String) {
        guard !value.isEmpty else {
            fail(field == "date" ? t("缺少日期。可填：2026-11-20 这样的日期", "missing the date. Accepted: a date such as 2026-11-20")
                                 : t("名称不能为空", "the name cannot be empty"))
            return
        }
        var info = consultation.merchant ?? MerchantInfo(name: "", consultant: options.consultant, date: options.date)
        switch field {
        case "merchant": info.name = value
        case "consultant": info.consultant = value
        default:
            guard let date = CivilDate(value.replacing("/", with: "-")), date.description.count == 10 else {
                return fail(t("日期：“\(value)” 不是日期。可填：2026-11-20 这样的日期", "date: '\(value)' is not a date. Accepted: a date such as 2026-11-20"))
            }
            info.date = date.description
        }
        consultation.name(info)
        unsaved = true
        headerShown = nil
        let label = field == "merchant" ? t("已记 商家：", "Set merchant: ") : field == "consultant" ? t("已记 顾问：", "Set consultant: ") : t("已记 拜访日期：", "Set visit date: ")
        console.say("  " + label + (field == "date" ? info.date ?? value : value), .dim)
        if field == "merchant" {
            consultation.lastVisit = findLastVisit(of: value)
            if let last = consultation.lastVisit { announceFollowUp(last) }
        }
    }

    /// `.unset FACT`: the answer is taken back and the question will be asked again.
    func unset(_ command: CommandInput) {
        guard let name = command.arguments.first, let question = findQuestion(name) else {
            if command.arguments.isEmpty { fail(t("用法：", "usage: ") + CommandName.unset.usage) }
            return
        }
        guard consultation.answers.raw[question.id] != nil else {
            fail(t("\(question.id) 还没有回答", "\(question.id) has not been answered"))
            return
        }
        consultation.forget(question.id)
        unsaved = true
        // Said as it happens: the interview goes on at the first unanswered question, which may be this one.
        let label = question.label?[language] ?? question.id
        console.say(currentQuestion?.id == question.id
            ? t("已撤回 \(label)，现在重新问。", "Took back \(label); asking it again now.")
            : t("已撤回 \(label)，轮到它时会重新问。", "Took back \(label); it will be asked again when its turn comes."))
        reportChanges(revised: true)
        headerShown = nil
    }

    /// A question named by id, `.review` number or label; reports "did you mean" when none is.
    func findQuestion(_ name: String) -> Question? {
        if let question = interview.find(name, consultation.answers) { return question }
        let ids = program.questions.map(\.id)
        let hint = Suggestion.closest(to: name, in: ids).map { t("（是不是 \($0)？）", " (did you mean \($0)?)") } ?? ""
        if program.derivedFact(name) != nil {
            fail(t("\(name) 是由其他答案推出的，不能直接填", "\(name) is derived from other answers and cannot be given"))
        } else if Int(name) != nil {
            let count = interview.applicable(consultation.answers).count
            fail(t("没有第 \(name) 题：编号是 1–\(count)（.review 列出）", "there is no question \(name): the numbers are 1–\(count) (.review lists them)"))
        } else {
            fail(t("没有问题 “\(name)”\(hint)；问题 id 见 .review", "no question '\(name)'\(hint); .review lists the ids"))
        }
        return nil
    }
}
