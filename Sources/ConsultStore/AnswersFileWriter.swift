import ConsultEngine
import ConsultPlaybook

/// A stored consultation as an answers file for `consult run` (design.md). Answers are written as
/// typed, so the file reads back through the same parser to the same values and the same plan;
/// provenance other than "said" goes to a `provenance:` block. Answers today's playbooks no longer
/// ask are kept as comments rather than dropped silently or made into errors.
public enum AnswersFileWriter {
    /// `command` is the `consult run` line that reproduces the stored plan, shown in the header.
    public static func text(_ session: StoredSession, program: Program, language: Language, command: String) -> String {
        var out = "# consult answers of consultation \(session.id), stored in the consult database.\n"
        out += "# Reproduce the plan: \(command)\n"
        out += "merchant:\n  name: \(quoted(session.merchant.name))\n"
        if let consultant = session.merchant.consultant { out += "  consultant: \(quoted(consultant))\n" }
        if let date = session.merchant.date { out += "  date: \(quoted(date))\n" }
        let stored = Dictionary(session.answers.map { ($0.fact, $0) }, uniquingKeysWith: { _, b in b })
        let asked = program.questions.compactMap { stored[$0.id] }
        let orphans = session.answers.filter { program.question($0.fact) == nil }
        out += asked.isEmpty ? "answers: {}\n" : "answers:\n"
        var block = ""
        for answer in asked {
            if let question = program.question(answer.fact), question.block != block {
                block = question.block
                out += "  # \(program.blocks.first { $0.id == block }?.title[language] ?? block)\n"
            }
            out += "  \(answer.fact): \(quoted(answer.raw))\n"
        }
        for answer in orphans {
            out += "  # \(answer.fact): \(quoted(answer.raw))   (not a question of these playbooks)\n"
        }
        let sourced = asked.filter { $0.provenance != .said }
        if !sourced.isEmpty {
            out += "provenance:\n"
            for answer in sourced { out += "  \(answer.fact): \(answer.provenance.rawValue)\n" }
        }
        // The saved plan was preliminary (made mid-interview): the questions still to ask come
        // along, so `consult run` gives that plan again.
        guard let saved = session.latestPlan, (try? PlanSummary.decode(saved.json))?.interview != nil else { return out }
        let answers = AnswerLog.answers(session.answers, program: program).answers
        return out + AnswersFileText.notAsked(Engine(program: program).notAsked(answers), language)
    }

    /// A YAML double-quoted scalar: the text exactly as typed, whatever it looks like.
    static func quoted(_ s: String) -> String {
        ValueJSON.quoted(s)
    }
}
