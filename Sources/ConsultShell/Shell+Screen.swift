import ConsultBase
import ConsultDiagnostics
import ConsultEngine
import ConsultPlaybook
import ConsultRender

/// What the shell draws around the input line: the greeting, the question above each prompt,
/// the prompt itself with the interview's progress.
extension Shell {
    func greet() {
        let lines = [
            console.paint("consult \(options.consultVersion) · " + t("直播电商商家诊断", "live-commerce merchant diagnosis"), .bold),
            console.paint(t("命令以 . 开头（。也可以）：.help 查看全部，.back 上一题，.plan 看方案。Tab 补全，Ctrl-D 结束。",
                            "Commands start with '.': .help lists them, .back goes back, .plan shows the plan. Tab completes, Ctrl-D ends."), .dim),
        ] + [storageLine].compactMap { $0 }
        console.lines(lines.flatMap { Wrap.lines($0, width: console.width) })
    }

    /// Where the consultation is kept, so a consultant knows what survives a crash: every answer
    /// in the database, or nothing (said in colour, with what to do).
    private var storageLine: String? {
        if let library {
            return console.paint(t("每个答案都随时保存在 ", "Every answer is saved at once in ") + (library.location ?? ""), .dim)
        }
        return console.paint(t("没有数据库：本次咨询只在内存中，退出前用 .answers FILE 保存答案。",
                               "No database: this consultation is kept in memory only; save the answers with .answers FILE before quitting."), .yellow)
    }

    /// Shows the question (or the merchant-name request) when it is not the one already on screen.
    func showHeaderIfNeeded() {
        let key = !hasMerchant ? "merchant" : (currentQuestion?.id ?? "done")
        guard key != headerShown else { return }
        headerShown = key
        if key != "done" { console.line() }
        switch key {
        case "merchant":
            console.lines(Wrap.lines(t("先填商家名称（会话信息，不参与诊断），例如：卡丹路", "First, the merchant's name (session information, not a fact), e.g. Kadanlu"),
                                     width: console.width).map { console.paint($0, .bold) })
        case "done":
            break  // said once by announceDone; the merchant's name in the prompt is enough after that
        default:
            guard let question = currentQuestion else { return }
            let view = QuestionView(question: question, language: language, width: console.width)
            console.lines(view.lines(current: consultation.answers, last: consultation.lastVisit?.answers, paint: console.paint))
        }
    }

    var nextSteps: String {
        t(".plan 看方案，.export html 写出方案文件，.review 检查答案。", ".plan shows the plan, .export html writes it to a file, .review lists the answers.")
    }

    /// `[12/46 售后服务]> ` during the interview, `商家> ` before it, `卡丹路> ` after it; with
    /// `（估算）` before the `>` while answers are not the merchant's own word (`.source`).
    func promptText() -> String {
        let text: String
        if !hasMerchant {
            text = t("商家", "merchant")
        } else if let question = currentQuestion {
            text = interview.progress(of: question, consultation.answers, language)
        } else {
            text = consultation.merchant?.name ?? ""
        }
        // The source tag only once the playbooks are in: the first prompt never waits for them.
        let tag = hasMerchant ? sourceTag.map { console.paint($0, .yellow) } ?? "" : ""
        // libedit draws the prompt itself, past the console: the merchant's name is neutralised here.
        return console.paint(TerminalText.safe(text, keepColour: false), .cyan) + tag + "> "
    }

    func nameMerchant(_ name: String) {
        guard !name.isEmpty else {
            fail(t("商家名称不能为空；随便一个能认出这家店的名字即可", "the merchant's name cannot be empty; any name that identifies the shop will do"))
            return
        }
        // A merchant seen before makes this a follow-up visit: its last visit is taken up.
        let last = findLastVisit(of: name)
        let consultant = options.consultant ?? last?.visit.session.merchant.consultant
        consultation.name(MerchantInfo(name: name, consultant: consultant, date: options.date))
        consultation.lastVisit = last
        unsaved = true
        // Who and when go on the plan: said once, with how to change them (a consultant without
        // a configured name is told how to put one on the plan, not stopped by a question).
        if reader.isInteractive {
            let who = consultant.map { t("顾问：\($0)", "Consultant: \($0)") } ?? t("顾问：未填", "Consultant: not given")
            console.say(who + t(" · 拜访日期：\(options.date ?? "—")（.set consultant 姓名 / .set date 日期 可改）",
                                " · visit date: \(options.date ?? "—") (.set consultant NAME / .set date DATE change them)"), .dim)
        }
        if let last { announceFollowUp(last) }
    }

    /// Said once when the last question has been answered.
    func announceDone() {
        // The plan's data completeness, counted the same way: the questions that apply.
        let applicable = interview.applicable(consultation.answers)
        let known = applicable.filter { consultation.answers.values[$0.id] != nil }.count
        let line = t("访谈完成：适用的 \(applicable.count) 题都已回答，已知 \(known) 题、\(applicable.count - known) 题“不清楚”（数据完整度 \(known)/\(applicable.count)）。",
                     "Interview complete: all \(applicable.count) questions that apply are answered, \(known) known and \(applicable.count - known) unknown (data completeness \(known)/\(applicable.count)). ")
        console.lines(Wrap.lines(line + nextSteps, width: console.width).map { console.paint($0, .green) })
        // The diagnosis it came to, in short; `.plan` has the whole plan.
        showFindings()
        headerShown = "done"
    }

    /// One line per critical or high finding that a change made appear or disappear; when an
    /// earlier answer was revised, the medium and low ones are summed up on one more line.
    /// `sayUnchanged`: a deliberate change (`.set`) also says when the diagnosis stayed the same.
    func reportChanges(revised: Bool, sayUnchanged: Bool = false) {
        let now = consultation.diagnosis()
        let previous = lastDiagnosis?.fired ?? []
        let before = Set(previous.map(\.rule.code))
        let after = Set(now.fired.map(\.rule.code))
        let appeared = now.fired.filter { !before.contains($0.rule.code) }
        let gone = previous.filter { !after.contains($0.rule.code) }
        let then = lastDiagnosis
        lastDiagnosis = now
        var lines: [String] = []
        // Severity in context and titles with their platform words, as the plan shows them.
        for (fired, sign, diagnosis) in [(appeared, "+", now), (gone, "-", then ?? now)] {
            for f in fired where f.severity >= .high {
                lines.append(findingLine(f, consultation.title(of: f, in: diagnosis), sign))
            }
        }
        let minor = appeared.filter { $0.severity < .high }.map { "+" + $0.rule.code } + gone.filter { $0.severity < .high }.map { "-" + $0.rule.code }
        if revised || sayUnchanged, !minor.isEmpty {
            lines.append("  " + t("中/低级发现：", "medium/low findings: ") + minor.joined(separator: " "))
        }
        if sayUnchanged, appeared.isEmpty, gone.isEmpty {
            lines.append(console.paint("  " + t("诊断没有变化", "the diagnosis is unchanged"), .dim))
        }
        console.lines(lines)
    }

    func findingLine(_ fired: FiredRule, _ title: String, _ sign: String) -> String {
        let verb = sign == "+" ? t("新发现", "now fires") : t("已解除", "no longer fires")
        let severity = "[\(Labels.severity(fired.severity, language))]"
        let style: Style = sign == "-" ? .green : (fired.severity == .critical ? .boldRed : .yellow)
        let text = "  \(sign) \(verb) \(severity) \(fired.rule.code) \(title)"
        return console.paint(Wrap.truncate(text, to: console.width), style)
    }
}
