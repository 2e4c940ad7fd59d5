import ConsultExpression
import ConsultPlaybook

/// The answer log folded into answers. Pure: the same log always gives the same answers.
public enum AnswerLog {
    /// The answers as they stand: each fact's latest event unless it took the answer back, in the
    /// order facts were first given (a correction keeps its place; re-answering after a take-back
    /// moves to the end, as it would in the shell's history).
    public static func current(_ log: [AnswerEvent]) -> [StoredAnswer] {
        var order: [String] = []
        var latest: [String: StoredAnswer] = [:]
        for event in log {
            guard let raw = event.raw else {
                latest[event.fact] = nil
                order.removeAll { $0 == event.fact }
                continue
            }
            if latest[event.fact] == nil { order.append(event.fact) }
            latest[event.fact] = StoredAnswer(fact: event.fact, raw: raw, value: event.value,
                                              provenance: event.provenance, recordedAt: event.recordedAt)
        }
        return order.compactMap { latest[$0] }
    }

    /// The answers the engine reads, re-parsed from the text as typed against `program`, so a
    /// resumed or re-run consultation reads them exactly as `consult run` reads an answers file.
    /// Answers the program no longer accepts (a question removed, a choice renamed) are returned
    /// as `dropped`, never guessed.
    public static func answers(_ stored: [StoredAnswer], program: Program) -> (answers: Answers, dropped: [StoredAnswer]) {
        var answers = Answers()
        var dropped: [StoredAnswer] = []
        for answer in stored {
            guard let question = program.question(answer.fact),
                  case .success(let value) = AnswerParser.parse(answer.raw, for: question.fact) else {
                dropped.append(answer)
                continue
            }
            answers.raw[answer.fact] = answer.raw
            if value.isKnown { answers.values[answer.fact] = value }
            if answer.provenance != .said { answers.provenance[answer.fact] = answer.provenance }
        }
        return (answers, dropped)
    }
}

/// A parsed value as JSON text for the `answer.value` column, so the figures can be queried with
/// SQLite's JSON functions without consult (`json_extract(value, '$')`).
public enum ValueJSON {
    public static func text(_ value: Value) -> String? {
        switch value {
        case .unknown: return nil
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoted(s)
        case .list(let items): return "[" + items.map { text($0) ?? "null" }.joined(separator: ",") + "]"
        }
    }

    static func quoted(_ s: String) -> String { Quoting.json(s) }
}
