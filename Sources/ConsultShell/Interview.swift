import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The order of the intake interview (domain brief §2.1): blocks in order, follow-ups only while
/// their `ask_if` holds on the answers so far (derived facts included). Pure: a function of the
/// program and the answers, so going back or changing an answer can never leave it inconsistent.
public struct Interview: Sendable {
    public let program: Program
    public let engine: Engine

    /// The questions that apply now, in interview order.
    public func applicable(_ answers: Answers) -> [Question] {
        engine.applicable(answers)
    }

    /// Where the interview resumes: the first applicable question not yet answered (or skipped).
    public func resume(_ answers: Answers) -> Question? {
        applicable(answers).first { answers.raw[$0.id] == nil }
    }

    /// The applicable question before `fact` (or the last one when `fact` is nil: the interview is done).
    public func previous(before fact: String?, _ answers: Answers) -> Question? {
        let list = applicable(answers)
        guard let fact else { return list.last }
        guard let index = list.firstIndex(where: { $0.id == fact }) else { return nil }
        return index > 0 ? list[index - 1] : nil
    }

    /// `[12/46 售后服务]`: the question's place among those that apply, and its block (`–` for a
    /// follow-up reached with `.goto` whose condition does not hold).
    public func progress(of question: Question, _ answers: Answers, _ language: Language) -> String {
        let list = applicable(answers)
        let index = list.firstIndex { $0.id == question.id }.map { String($0 + 1) } ?? "–"
        let block = program.blocks.first { $0.id == question.block }?.title[language] ?? question.block
        return "[\(index)/\(list.count) \(block)]"
    }

    /// A question by id, by its number in `.review` (1-based, over the applicable questions), or by
    /// its short label in either language.
    public func find(_ name: String, _ answers: Answers) -> Question? {
        if let q = program.question(name) { return q }
        let list = applicable(answers)
        if let n = Int(name), n >= 1, n <= list.count { return list[n - 1] }
        return program.questions.first { $0.label?.zh == name || $0.label?.en.lowercased() == name.lowercased() }
    }
}
