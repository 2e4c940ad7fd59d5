import Foundation
import ConsultRender
import ConsultDiagnostics
import ConsultPlaybook

/// Dispatch of the dot commands, and the ones that move around the interview.
extension Shell {
    func run(_ command: CommandInput) {
        guard let name = CommandName.named(command.name) else {
            let names = CommandName.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: command.name, in: names).map { t("（是不是 .\($0)？）", " (did you mean .\($0)?)") } ?? ""
            fail(t("未知命令 .\(command.name)\(hint)；.help 列出全部命令", "unknown command .\(command.name)\(hint); .help lists the commands"))
            return
        }
        // Most commands print something that pushes the question off screen: show it again after,
        // unless all the command printed was an error (the question is still right above).
        let shown = headerShown, errors = errorCount
        headerShown = nil
        defer { if errorCount > errors { headerShown = shown } }
        // Under `.output FILE` what a command prints goes to the file; `.output` itself talks to the screen.
        console.toFile = name != .output
        defer { console.toFile = false; reportOutputProblem() }
        switch name {
        case .help: console.paged { help(command.arguments.first) }
        case .back: back()
        case .skip: command.arguments.isEmpty ? skip() : skipBlock(command)
        case .goto: goto(command)
        case .review: console.paged { review() }
        case .findings: console.paged { showFindings() }
        case .set: set(command)
        case .unset: unset(command)
        case .note: note(command)
        case .source: setSource(command)
        case .load: load(command)
        case .why: explain(command, firing: true)
        case .whynot: explain(command, firing: false)
        case .whatif: whatIf(command)
        case .plan: showPlan()
        case .export: export(command)
        case .answers: writeAnswers(command)
        case .save: saveTranscript(command)
        case .sessions: console.paged { listSessions(command) }
        case .open: openCommand(command)
        case .followup: followUpCommand(command)
        case .lang: switchLanguage(command)
        case .read: readFile(command)
        case .output: redirectOutput(command)
        case .echo: toggle(command) { self.options.echo = $0 }
        case .bail: toggle(command) { self.options.bail = $0 }
        case .reload: reloadPlaybooks()
        case .quit:
            finished = true
            end()
        }
        if finished, !reader.isInteractive, errorCount > 0 { exitStatus = 1 }
    }

    func help(_ topic: String?) {
        if let topic {
            let word = topic.hasPrefix(".") || topic.hasPrefix("。") ? String(topic.dropFirst()) : topic
            guard let name = CommandName.named(word) else {
                fail(t("没有命令 .\(word)", "no command .\(word)"))
                return
            }
            console.lines([console.paint(name.usage, .bold)]
                          + Wrap.lines(name.summary[language], width: console.width, indent: "  ")
                          + Wrap.lines(name.detail[language], width: console.width, indent: "  "))
            return
        }
        if consultation.merchant != nil, let question = currentQuestion, let text = question.help?[language] {
            console.lines(Wrap.lines(t("关于这个问题：", "About this question: ") + text, width: console.width))
            console.lines(Wrap.lines(t("可填：", "Accepted: ") + AnswerParser.acceptedForm(question.fact)[language],
                                     width: console.width, indent: "", hanging: "  "))
            console.line()
        }
        let width = CommandName.allCases.map { DisplayWidth.of($0.usage) }.max() ?? 0
        for name in CommandName.allCases {
            let usage = DisplayWidth.pad(name.usage, to: width)
            console.lines(Wrap.lines(usage + "  " + name.summary[language], width: console.width,
                                     hanging: String(repeating: " ", count: width + 2)))
        }
        let footer = t("答题：直接输入答案；? 表示不清楚；Tab 补全选项。.help 命令名 看例子。",
                       "To answer, type it; ? means unknown; Tab completes. .help COMMAND shows examples.")
        console.lines(Wrap.lines(footer, width: console.width).map { console.paint($0, .dim) })
    }

    func back() {
        guard consultation.merchant != nil else {
            fail(t("还没开始问问题", "no question has been asked yet"))
            return
        }
        guard let previous = interview.previous(before: currentQuestion?.id, consultation.answers) else {
            fail(t("已经是第一个问题了", "this is the first question"))
            return
        }
        pinned = previous.id
        prefill = consultation.answers.raw[previous.id]
    }

    func goto(_ command: CommandInput) {
        guard consultation.merchant != nil else {
            fail(t("请先填商家名称", "first, the merchant's name"))
            return
        }
        guard let name = command.arguments.first else {
            fail(t("用法：", "usage: ") + CommandName.goto.usage)
            return
        }
        guard let question = findQuestion(name) else { return }
        pinned = question.id
        prefill = consultation.answers.raw[question.id]
    }

    /// Every question that applies, numbered for `.goto N`, grouped by block.
    func review() {
        let answers = consultation.answers
        if let merchant = consultation.merchant {
            let consultant = merchant.consultant.map { t("　顾问：", "   consultant: ") + $0 } ?? ""
            console.say(t("商家：", "Merchant: ") + merchant.name + consultant)
        }
        var block = ""
        let questions = interview.applicable(answers)
        // Columns for the window: the id (what .set and .goto take) only where there is room
        // beside the whole label and a value; the label cut only when the window is narrow.
        let longest = questions.map { DisplayWidth.of($0.label?[language] ?? $0.id) }.max() ?? 10
        var labelWidth = min(longest, language == .zh ? 16 : 36)
        let idColumn = console.width >= 5 + 25 + labelWidth + 1 + 24
        let room = console.width - 5 - (idColumn ? 25 : 0)
        labelWidth = min(labelWidth, max(6, room - 1 - 12))
        let valueWidth = max(4, room - labelWidth - 1)
        for (i, question) in questions.enumerated() {
            if question.block != block {
                block = question.block
                let title = program.blocks.first { $0.id == block }?.title[language] ?? block
                console.line(console.paint(title, .bold))
            }
            let label = question.label?[language] ?? question.id
            let value = answers.raw[question.id] == nil
                ? console.paint(t("（未答）", "(not asked)"), .dim)
                : question.fact.shown(answers[question.id], language) + tag(answers.provenance[question.id])
                    + (consultation.origins[question.id].map { " · " + $0 } ?? "")
            let marker = question.id == currentQuestion?.id ? ">" : " "
            let head = "\(marker)" + String(repeating: " ", count: max(0, 3 - String(i + 1).count)) + "\(i + 1) "
                + (idColumn ? DisplayWidth.pad(question.id, to: 24) + " " : "")
                + DisplayWidth.pad(Wrap.truncate(label, to: labelWidth), to: labelWidth) + " "
            console.line(head + Wrap.truncate(value, to: valueWidth))
        }
        let orphans = answers.raw.keys.filter { fact in !interview.applicable(answers).contains { $0.id == fact } }
        if !orphans.isEmpty {
            console.say(t("不再适用但保留的答案：", "Kept answers to questions that no longer apply: ") + orphans.sorted().joined(separator: ", "), .dim)
        }
        if !consultation.notes.isEmpty {
            console.line(console.paint(t("笔记", "Notes"), .bold))
            for (i, note) in consultation.notes.enumerated() {
                console.lines(Wrap.lines("\(i + 1). " + note, width: console.width, indent: "  ", hanging: "     "))
            }
        }
    }

    func switchLanguage(_ command: CommandInput) {
        guard let word = command.arguments.first, let language = Language(rawValue: word.lowercased()) else {
            fail(t("用法：.lang zh|en", "usage: .lang zh|en"))
            return
        }
        consultation.language = language
        console.say(t("已切换为中文。", "Switched to English."))
    }

    /// `.echo on|off`, `.bail on|off` (also 开/关).
    func toggle(_ command: CommandInput, _ set: (Bool) -> Void) {
        guard let name = CommandName.named(command.name), command.arguments.count == 1 else {
            return fail(t("用法：", "usage: ") + (CommandName.named(command.name)?.usage ?? ""))
        }
        switch command.arguments[0].lowercased() {
        case "on", "开", "1", "yes": set(true); console.say(t(".\(name.rawValue) 已开。", ".\(name.rawValue) is on."), .dim)
        case "off", "关", "0", "no": set(false); console.say(t(".\(name.rawValue) 已关。", ".\(name.rawValue) is off."), .dim)
        default: fail(t("用法：", "usage: ") + name.usage)
        }
    }

    /// `.read FILE`: each line as if typed, shown after its prompt; stops at `.quit`, at a refused
    /// line under `.bail`, and does not read a file from inside itself.
    func readFile(_ command: CommandInput) {
        guard command.arguments.count == 1 else { return fail(t("用法：", "usage: ") + CommandName.read.usage) }
        guard readingFrom == nil else { return fail(t(".read 里不能再 .read", ".read cannot run inside .read")) }
        let path = command.arguments[0]
        guard let data = FileManager.default.contents(atPath: FileOutput.expand(path)) else {
            return fail(t("无法读取 \(path)", "cannot read \(path)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return fail(t("\(path) 不是 UTF-8 文字", "\(path) is not UTF-8 text"))
        }
        defer { readingFrom = nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }  // the file's final newline
        for (i, line) in lines.enumerated() {
            readingFrom = (path, i + 1)
            console.line(promptText() + line)
            handle(line)
            reportStoreProblems()
            if finished { return }
        }
    }

    /// `.output FILE` sends what commands print to FILE (no colour, appended as it comes) until
    /// `.output` alone brings it back to the screen; questions, prompts and errors stay on screen.
    func redirectOutput(_ command: CommandInput) {
        guard command.arguments.count <= 1 else { return fail(t("用法：", "usage: ") + CommandName.output.usage) }
        if let file = console.file {
            console.file = nil
            do { try file.close() } catch { return fail(error.message(language)) }
            if command.arguments.isEmpty { console.say(t("输出回到屏幕（已写入 \(file.path)）。", "Output is back on the screen (written to \(file.path))."), .dim) }
        } else if command.arguments.isEmpty {
            return console.say(t("输出已经在屏幕上；.output 文件名 写入文件。", "Output is on the screen; .output FILE writes it to a file."), .dim)
        }
        guard let path = command.arguments.first else { return }
        do {
            console.file = try GrowingFile(creating: FileOutput.expand(path))
        } catch {
            return fail(error.message(language))
        }
        console.say(t("之后命令的输出写入 \(path)；.output 回到屏幕。", "Command output now goes to \(path); .output brings it back."), .dim)
    }

    /// A failed write to the `.output` file is said once, and output goes back to the screen.
    func reportOutputProblem() {
        guard let problem = console.fileProblem else { return }
        console.fileProblem = nil
        console.error(t("错误：", "error: ") + problem.message(language) + t("；输出回到屏幕", "; output is back on the screen"))
    }
}
