import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender

/// `.why`, `.whynot` and `.whatif`: reading the diagnosis without changing it.
extension Shell {
    func explain(_ command: CommandInput, firing: Bool) {
        guard let name = command.arguments.first else {
            fail(t("用法：", "usage: ") + (firing ? CommandName.why : CommandName.whynot).usage)
            return
        }
        guard let rule = findRule(name) else { return }
        let diagnosis = consultation.diagnosis()
        let trace = rule.when.trace { diagnosis.values[$0] ?? .unknown }
        let explainer = ConditionExplainer(program: program, engine: consultation.engine, values: diagnosis.values,
                                           language: language, paint: console.paint)
        let severity = Labels.severity(rule.severity, language)
        var out = Wrap.lines("\(rule.code) \(program.text(rule.title, values: diagnosis.values, language)) [\(severity)] · \(rule.qualifiedId)", width: console.width, hanging: "  ")
            .map { console.paint($0, .bold) }
        out += Wrap.lines(t("条件：", "condition: ") + rule.when.source, width: console.width, hanging: "  ")
        let verdict: String
        switch trace.value {
        case .bool(true): verdict = console.paint(t("触发", "fires"), .yellow) + (firing ? "" : t("（已经触发，下面是依据）", " (it fires; the evidence follows)"))
        case .bool(false): verdict = t("未触发", "does not fire") + (firing ? t("（下面是每个条件差多少）", " (how far each part is follows)") : "")
        default: verdict = console.paint(t("无法判断，缺少数据", "cannot tell yet: answers are missing"), .yellow)
        }
        out.append(t("结论：", "verdict: ") + verdict)
        for (depth, text) in explainer.lines(trace) {
            let indent = String(repeating: " ", count: depth * 2)
            out += Wrap.lines(text, width: console.width, indent: indent, hanging: indent + "    ")
        }
        let missing = explainer.unanswered(trace)
        if !missing.isEmpty, !trace.value.isKnown {
            out += Wrap.lines(t("回答这些问题才能判断：", "Answer these to decide: ") + missing.map(explainer.name).joined(separator: t("、", ", ")),
                              width: console.width, hanging: "  ")
        }
        console.lines(out)
    }

    /// A rule by code (any case), readable id or qualified id; "did you mean" otherwise.
    func findRule(_ name: String) -> Rule? {
        if let rule = program.rule(named: name) { return rule }
        let names = program.rules.map(\.code) + program.rules.map(\.id)
        let hint = Suggestion.closest(to: name.uppercased(), in: names).map { t("（是不是 \($0)？）", " (did you mean \($0)?)") } ?? ""
        fail(t("没有规则 “\(name)”\(hint)；规则编号如 SV-01", "no rule '\(name)'\(hint); rule codes look like SV-01"))
        return nil
    }

    /// `.whatif FACT=VALUE …`: the plan with these answers instead, compared with the plan now.
    /// The consultation itself is not touched.
    func whatIf(_ command: CommandInput) {
        guard !command.arguments.isEmpty else {
            fail(t("用法：", "usage: ") + CommandName.whatif.usage)
            return
        }
        var answers = consultation.answers
        var changes: [String] = []
        for argument in command.arguments {
            let pair = argument.replacing("＝", with: "=").split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else {
                fail(t("“\(argument)” 应写成 FACT=VALUE", "'\(argument)' should be FACT=VALUE"))
                return
            }
            guard let question = findQuestion(pair[0]) else { return }
            switch AnswerParser.parse(pair[1], for: question.fact) {
            case .failure(let error):
                fail(refusal(error))
                return
            case .success(let value):
                answers.raw[question.id] = pair[1]
                answers.values[question.id] = value.isKnown ? value : nil
                changes.append("\(question.id)=\(ValueFormatter.format(value, as: question.fact, language))")
            }
        }
        let now = currentPlan()
        let then = consultation.plan(consultation.diagnosis(answers))
        let heading = t("假如 ", "What if ") + changes.joined(separator: ", ") + t("（本次咨询不变）：", " (the consultation is unchanged):")
        console.lines(Wrap.lines(heading, width: console.width, hanging: "  ").map { console.paint($0, .bold) })
        let diff = PlanDiff(before: now, after: then, language: language).lines()
        if diff.isEmpty {
            console.say("  " + t("方案不变。", "The plan stays the same."))
        } else {
            console.lines(diff.flatMap { Wrap.lines($0, width: console.width, indent: "  ", hanging: "      ") })
        }
    }
}
