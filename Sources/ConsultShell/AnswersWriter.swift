import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// Writes a consultation as an answers file (design.md) that `consult run` reads back to the same
/// answers, so it gives the same plan byte for byte. Values are written in their canonical form
/// (numbers in full, choices by id, yes/no), not as typed, so nothing depends on how a shorthand
/// like `3.5w` is read; unknown answers are written as `~`. Answers that are platform data or
/// estimates are listed under `provenance:`, which the plan reads (findings resting on estimates).
struct AnswersWriter {
    let program: Program
    let language: Language

    func text(merchant: MerchantInfo, answers: Answers) -> String {
        var out = language == .zh
            ? "# consult 咨询答案。复现方案：consult run --answers 本文件 --lang zh\n"
            : "# consult answers. Reproduce the plan: consult run --answers THIS_FILE --lang en\n"
        out += "merchant:\n  name: \(quoted(merchant.name))\n"
        if let consultant = merchant.consultant { out += "  consultant: \(quoted(consultant))\n" }
        if let date = merchant.date { out += "  date: \(quoted(date))\n" }
        out += "answers:"
        let given = program.questions.filter { answers.raw[$0.id] != nil }
        // Nothing answered yet is still an interview to go on with: the questions follow.
        out += given.isEmpty ? " {}\n" : "\n"
        var block = ""
        for question in given {
            if question.block != block {
                block = question.block
                let title = program.blocks.first { $0.id == block }?.title[language] ?? block
                out += "  # \(title)\n"
            }
            out += "  \(question.id): \(scalar(answers[question.id], question.fact))\n"
        }
        // Only known values: the plan reads a source only where there is a value.
        let sourced = given.filter { answers.values[$0.id] != nil && (answers.provenance[$0.id] ?? .said) != .said }
        if !sourced.isEmpty {
            out += "provenance:\n"
            for question in sourced { out += "  \(question.id): \(answers.provenance[question.id]!.rawValue)\n" }
        }
        return out + AnswersFileText.notAsked(Engine(program: program).notAsked(answers), language)
    }

    func scalar(_ value: Value, _ fact: FactDeclaration) -> String {
        switch value {
        case .unknown: return "~"
        case .number(let n): return n.description
        case .bool(let b): return b ? "yes" : "no"
        case .string(let s):
            let plain = fact.kind == .choice && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "_" }
            return plain && !["yes", "no", "true", "false", "null", "on", "off", "y", "n"].contains(s) ? s : quoted(s)
        case .list(let items): return "[" + items.map { scalar($0, fact) }.joined(separator: ", ") + "]"
        }
    }

    /// A YAML double-quoted scalar (JSON escapes are valid YAML).
    func quoted(_ s: String) -> String { Quoting.json(s) }

    /// nil when `text` reads back to exactly these answers and merchant; else what differs.
    func verify(_ text: String, merchant: MerchantInfo, answers: Answers) -> String? {
        let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: "answers", text: text), program: program, language: language)
        guard let parsed else { return diagnostics.map(\.message).joined(separator: "; ") }
        if parsed.merchant != merchant { return "merchant" }
        let facts = Set(parsed.answers.values.keys).union(answers.values.keys)
        let differing = facts.filter {
            parsed.answers.values[$0] != answers.values[$0] || parsed.answers.provenance[$0] != answers.provenance[$0]
        }.sorted()
        if !differing.isEmpty { return differing.joined(separator: ", ") }
        return parsed.answers.pending == Set(Engine(program: program).notAsked(answers)) ? nil : "not_asked"
    }
}

