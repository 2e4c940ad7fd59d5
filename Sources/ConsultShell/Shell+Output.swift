import ConsultEngine
import ConsultPlaybook
import ConsultRender

/// The plan on screen and in files, the answers file, and re-reading the playbooks.
extension Shell {
    func currentPlan() -> Plan {
        consultation.plan(consultation.diagnosis())
    }

    func showPlan() {
        console.raw(Wrap.document(TextRenderer(color: console.color).render(currentPlan()), width: console.width))
    }

    /// `.export md|json|text FILE`: the same renderers `consult run` uses, so the files match.
    func export(_ command: CommandInput) {
        let formats = ["md", "json", "text"]
        guard command.arguments.count == 2, formats.contains(command.arguments[0].lowercased()) else {
            fail(t("用法：", "usage: ") + CommandName.export.usage)
            return
        }
        let format = command.arguments[0].lowercased()
        let plan = currentPlan()
        let text: String
        switch format {
        case "json": text = JSONRenderer.render(plan)
        case "md": text = MarkdownRenderer.render(plan)
        default: text = TextRenderer(color: false).render(plan)
        }
        guard let path = write(text, to: command.arguments[1]) else { return }
        consultation.exported(format: format, path: path)
        console.say(t("方案已写入 \(path)", "Plan written to \(path)"))
    }

    /// `.answers FILE`: an answers file for `consult run`, checked by reading it back before it is
    /// written, so that it reproduces this plan exactly.
    func writeAnswers(_ command: CommandInput) {
        guard command.arguments.count == 1 else {
            fail(t("用法：", "usage: ") + CommandName.answers.usage)
            return
        }
        let writer = AnswersWriter(program: program, language: language)
        let merchant = consultation.merchant ?? MerchantInfo(name: "", date: options.date)
        let text = writer.text(merchant: merchant, answers: consultation.answers)
        if let problem = writer.verify(text, merchant: merchant, answers: consultation.answers) {
            fail(t("答案文件无法原样读回，未写入：", "the answers file would not read back the same, so it was not written: ") + problem)
            return
        }
        guard let path = write(text, to: command.arguments[0]) else { return }
        consultation.exported(format: "answers", path: path)
        unsaved = false
        console.say(t("答案已写入 \(path)；consult run --answers \(path) --lang \(language.rawValue) 可复现方案",
                       "Answers written to \(path); consult run --answers \(path) --lang \(language.rawValue) reproduces the plan"))
    }

    private func write(_ text: String, to path: String) -> String? {
        switch FileOutput.write(text, to: path) {
        case .success(let written): return written
        case .failure(let error):
            fail(t("无法写入 \(path)：\(error.reason)", "cannot write \(path): \(error.reason)"))
            return nil
        }
    }

    func reloadPlaybooks() {
        let program: Program
        switch loader() {
        case .success(let loaded): program = loaded
        case .failure(let error):
            fail(t("剧本有错误，仍用原来的：\n", "the playbooks have errors; keeping the ones loaded:\n") + error.message)
            return
        }
        let orphans = consultation.replace(program: program)
        if pinned.flatMap(program.question) == nil { pinned = nil }
        let rules = program.rules.count
        console.say(t("已重新读取 \(program.playbooks.count) 个剧本（\(rules) 条规则）。", "Reloaded \(program.playbooks.count) playbooks (\(rules) rules)."))
        for orphan in orphans {
            console.say("  " + t("丢弃 \(orphan.fact) = \(orphan.raw)：\(orphan.why)", "dropped \(orphan.fact) = \(orphan.raw): \(orphan.why)"), .yellow)
        }
        reportChanges(revised: true)
    }
}
