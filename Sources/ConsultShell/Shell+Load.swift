import ConsultPlaybook

/// Starting from the numbers a consultant already has: a row of a platform export or an answers
/// file fills the interview (`consult --from FILE`, `.load FILE [ROW]`), and only what is still
/// missing is asked.
extension Shell {
    /// `.load FILE [ROW]`.
    func load(_ command: CommandInput) {
        guard let path = command.arguments.first else {
            fail(t("用法：", "usage: ") + CommandName.load.usage)
            return
        }
        guard let reader = options.prefillReader else {
            fail(t("这里不能读取文件", "files cannot be read here"))
            return
        }
        do {
            fill(try reader(path, command.arguments.dropFirst().first, program, language))
        } catch {
            fail("\(error)")
        }
    }

    /// Fills the answers the file gives; a value the question refuses is reported and asked later.
    /// Answers already given are replaced by the file's, which is what loading a file asks for.
    func fill(_ prefill: Prefill) {
        guard ensureLoaded() else { return }
        for warning in prefill.warnings { console.say(warning, .dim) }
        if consultation.merchant == nil, !prefill.merchant.name.isEmpty {
            var info = prefill.merchant
            if info.date == nil { info.date = options.date }
            if info.consultant == nil { info.consultant = options.consultant }
            consultation.name(info)
        }
        let before = consultation.source
        defer { consultation.source = before }
        var filled = 0
        var refused: [String] = []
        for (fact, raw) in prefill.answers {
            guard program.question(fact) != nil else { continue }
            consultation.source = prefill.provenance[fact] ?? .data
            switch consultation.answer(fact, raw: raw) {
            case .success:
                consultation.origins[fact] = prefill.origin
                filled += 1
            case .failure(let error):
                refused.append(refusal(error))
            }
        }
        unsaved = true
        let left = interview.applicable(consultation.answers).filter { consultation.answers.raw[$0.id] == nil }.count
        let asData = prefill.provenance.isEmpty
        console.say(t("已从 \(prefill.origin) 填入 \(filled) 个答案\(asData ? "（记为平台数据）" : "")，还有 \(left) 题要问。.review 可以查看。",
                      "Filled \(filled) answers from \(prefill.origin)\(asData ? " (kept as platform data)" : ""); \(left) questions are left. .review lists them."))
        for problem in refused { console.error(t("未填入：", "not filled in: ") + problem) }
        reportChanges(revised: true)
        headerShown = nil
    }
}
