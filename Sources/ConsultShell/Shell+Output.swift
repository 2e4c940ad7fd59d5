import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation

/// The plan on screen and in files, the answers file, and re-reading the playbooks.
extension Shell {
    func currentPlan() -> Plan {
        consultation.plan(consultation.diagnosis())
    }

    /// `.findings`: the problems in the order to fix them, each root cause with the findings it
    /// explains under it; `limit` cuts the list (the summary when a consultation is taken up).
    func showFindings(limit: Int? = nil) {
        let plan = currentPlan()
        let problems = plan.problems.compactMap { problem in plan.finding(problem.root).map { (problem, $0) } }
        defer {
            if currentQuestion != nil {
                let known = plan.completeness
                console.say(t("已答 \(consultation.answers.raw.count) 题，数据完整度 \(known.known)/\(known.total)：访谈答完之前是初步结论。",
                              "\(consultation.answers.raw.count) answered, data completeness \(known.known)/\(known.total): preliminary until the interview is done."), .dim)
            }
        }
        if problems.isEmpty {
            return console.say(t("目前没有发现问题。", "No problems found so far."), .green)
        }
        let width = console.width
        func line(_ f: Finding) -> String { "[\(Labels.severity(f.severity, language))] \(f.code) \(f.title)" }
        for (i, (problem, root)) in problems.prefix(limit ?? problems.count).enumerated() {
            console.lines(Wrap.lines("\(i + 1). " + line(root), width: width, hanging: "     "))
            for code in problem.members where code != problem.root {
                guard let finding = plan.finding(code) else { continue }
                console.lines(Wrap.lines("     ↳ " + line(finding), width: width, hanging: "       ").map { console.paint($0, .dim) })
            }
        }
        if let limit, problems.count > limit {
            console.say(t("（还有 \(problems.count - limit) 个问题：.findings 全部列出）", "(\(problems.count - limit) more: .findings lists them all)"), .dim)
        }
    }

    func showPlan() {
        let width = console.width
        console.page(Wrap.document(TextRenderer(color: console.color, width: width).render(currentPlan()), width: width))
    }

    /// `.export FORMAT [FILE]`: every format `consult run` writes, through the same
    /// `DocumentExporter`, so the files match byte for byte. Without FILE the plan's suggested
    /// name (`plan_卡丹路_20261120.html`) in the current directory. The plan is kept with the
    /// consultation: what was handed to the merchant is what its history shows.
    func export(_ command: CommandInput) {
        guard (1...2).contains(command.arguments.count), let format = Self.documentFormat(command.arguments[0]) else {
            return fail(t("用法：", "usage: ") + CommandName.export.usage + t("；格式：", "; formats: ") + Self.exportFormats.joined(separator: " "))
        }
        let plan = currentPlan()
        let path = command.arguments.count == 2 ? command.arguments[1] : DocumentExporter.suggestedFileName(plan, format: format)
        guard mayOverwrite(path) else { return }
        if format == .pdf { console.say(t("正在用 Chromium 生成 PDF…", "Printing the PDF with Chromium…"), .dim) }
        if format == .png { console.say(t("正在用 Chromium 生成长图…", "Making the long image with Chromium…"), .dim) }
        let data: Data
        do {
            data = try DocumentExporter.render(plan, format: format, printer: options.printer)
        } catch {
            if error is Interrupted || Interruption.requested { return }  // Ctrl-C: nothing written, said by the loop
            return fail(t("无法生成 \(format.rawValue)：", "cannot make the \(format.rawValue): ") + storeMessage(error))
        }
        if Interruption.requested { return }
        guard let written = write(bytes: [UInt8](data), to: path) else { return }
        consultation.keep(plan)
        consultation.exported(format: format.rawValue, path: FileOutput.absolute(written))
        console.say(t("方案已写入 \(written)", "Plan written to \(written)"))
    }

    /// In the order Tab offers them: the documents for the merchant first.
    static let exportFormats = ["md", "html", "pdf", "png", "json", "text"]

    static func documentFormat(_ word: String) -> DocumentFormat? {
        let lower = word.lowercased()
        return DocumentFormat(rawValue: ["markdown": "md", "txt": "text"][lower] ?? lower)
    }

    /// `.answers FILE`: an answers file for `consult run`, checked by reading it back before it is
    /// written, so that it reproduces this plan exactly.
    func writeAnswers(_ command: CommandInput) {
        guard command.arguments.count == 1 else {
            fail(t("用法：", "usage: ") + CommandName.answers.usage)
            return
        }
        let writer = AnswersWriter(program: program, language: language)
        let merchant = consultation.merchant ?? MerchantInfo(name: "", consultant: options.consultant, date: options.date)
        let text = writer.text(merchant: merchant, answers: consultation.answers)
        if let problem = writer.verify(text, merchant: merchant, answers: consultation.answers) {
            fail(t("答案文件无法原样读回，未写入：", "the answers file would not read back the same, so it was not written: ") + problem)
            return
        }
        guard mayOverwrite(command.arguments[0]), let path = write(bytes: Array(text.utf8), to: command.arguments[0]) else { return }
        consultation.exported(format: "answers", path: FileOutput.absolute(path))
        unsaved = false
        console.say(t("答案已写入 \(path)；consult run --answers \(path) --lang \(language.rawValue) 可复现方案",
                       "Answers written to \(path); consult run --answers \(path) --lang \(language.rawValue) reproduces the plan"))
    }

    /// At a terminal, a file that is already there is replaced only when the consultant says so
    /// (a plan handed over yesterday is not lost to a typo). A script replaces it, as a rerun would.
    private func mayOverwrite(_ path: String) -> Bool {
        var info = stat()
        guard reader.isInteractive, stat(FileOutput.expand(path), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return true }
        if case .line(let reply) = reader.read(prompt: t("“\(path)”已经存在，覆盖吗？[y/N] ", "'\(path)' exists; replace it? [y/N] "),
                                                prefill: nil, remember: false), Self.isYes(reply) {
            return true
        }
        console.say(t("没有写入，原来的文件保留。", "Not written; the file there is kept."), .dim)
        return false
    }

    /// `.save transcript FILE`: the merchant's name, then one `fact=value` line per answer in
    /// interview order (as typed; `.source` lines around answers that are data or estimates), then
    /// the notes. `consult < FILE` replays it; no line depends on the one before it.
    func saveTranscript(_ command: CommandInput) {
        guard command.arguments.count == 2, ["transcript", "记录"].contains(command.arguments[0].lowercased()) else {
            return fail(t("用法：", "usage: ") + CommandName.save.usage)
        }
        guard let merchant = consultation.merchant else {
            return fail(t("还没有商家名称，没有可写的记录", "no merchant named yet: nothing to write"))
        }
        var lines = [merchant.name]
        let answers = consultation.answers
        for question in program.questions where answers.raw[question.id] != nil {
            let source = answers.provenance[question.id] ?? .said
            if source != .said { lines.append(".source \(source.rawValue)") }
            lines.append("\(question.id)=\(answers.raw[question.id]!)")
            if source != .said { lines.append(".source said") }
        }
        lines += consultation.notes.map { ".note " + $0 }
        let path = command.arguments[1]
        guard mayOverwrite(path), let written = write(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), to: path) else { return }
        console.say(t("记录已写入 \(written)；consult < \(written) 可重放这次咨询", "Transcript written to \(written); consult < \(written) replays the consultation"))
    }

    private func write(bytes: [UInt8], to path: String) -> String? {
        switch FileOutput.write(bytes: bytes, to: path) {
        case .success(let written): return written
        case .failure(let error):
            fail(t("无法写入 \(path)：\(error.reason.zh)", "cannot write \(path): \(error.reason.en)"))
            return nil
        }
    }

    func reloadPlaybooks() {
        let program: Program
        switch loader() {
        case .success(let loaded): program = loaded
        case .failure(let error):
            fail(t("手册有错误，仍用原来的：\n", "the playbooks have errors; keeping the ones loaded:\n") + error.message)
            return
        }
        let orphans = consultation.replace(program: program)
        if pinned.flatMap(program.question) == nil { pinned = nil }
        let rules = program.rules.count
        console.say(t("已重新读取 \(program.playbooks.count) 个手册（\(rules) 条规则）。", "Reloaded \(program.playbooks.count) playbooks (\(rules) rules)."))
        for orphan in orphans {
            console.say("  " + t("丢弃 \(orphan.fact) = \(orphan.raw)：\(orphan.why)", "dropped \(orphan.fact) = \(orphan.raw): \(orphan.why)"), .yellow)
        }
        reportChanges(revised: true)
    }
}
