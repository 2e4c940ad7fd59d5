import ConsultPlaybook

/// One merchant as read from an input, before its answers are checked.
struct MerchantRecord: Sendable {
    struct Cell: Sendable {
        var column: String
        var fact: String
        var raw: String
        var suffix: String?
    }

    var source: String
    /// Row (CSV: as a spreadsheet numbers it, header = 1), line (JSON Lines) or 0 (a whole file).
    var row: Int
    var merchant = MerchantInfo(name: "")
    var cells: [Cell] = []
    /// Answers already checked (an answers file).
    var answers: Answers?
}

/// Why a row (or a whole input) could not be planned: where, which column and value, what is wrong
/// and the form that is accepted.
public struct RowError: Error, Sendable, Hashable {
    public var source: String
    public var row: Int
    public var column: String?
    public var fact: String?
    public var value: String?
    public var problem: String
    public var accepted: String?

    /// `data.csv:5: column 客单价 (aov): “12x” is not a number; accepted: …`
    public func message(_ language: Language) -> String {
        var text = row > 0 ? "\(source):\(row): " : "\(source): "
        if let column {
            let fact = self.fact.map { $0 == column ? "" : " (\($0))" } ?? ""
            text += language == .zh ? "列 \(column)\(fact)：" : "column \(column)\(fact): "
        }
        if let value { text += language == .zh ? "“\(value)” " : "'\(value)' " }
        text += problem
        if let accepted { text += language == .zh ? "；可填：\(accepted)" : "; accepted: \(accepted)" }
        return text
    }
}

/// Turns a record's cells into validated answers with `AnswerParser`, the parser every driver uses,
/// so a CSV cell accepts exactly what a shell prompt or an answers file accepts.
struct RowValidator: Sendable {
    let language: Language
    private let questions: [String: Question]

    init(program: Program, language: Language) {
        self.language = language
        questions = Dictionary(program.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func answers(_ record: MerchantRecord) -> Result<Answers, [RowError]> {
        if let answers = record.answers { return .success(answers) }
        var answers = Answers()
        var errors: [RowError] = []
        for cell in record.cells {
            guard let question = questions[cell.fact] else { continue }
            let text = cell.suffix.map { Self.isBareNumber(cell.raw) ? cell.raw + $0 : cell.raw } ?? cell.raw
            switch AnswerParser.parse(text, for: question.fact) {
            case .success(let value):
                // Two columns for one fact: the first known value stands.
                if answers.values[cell.fact] != nil { continue }
                answers.raw[cell.fact] = cell.raw
                if value.isKnown { answers.values[cell.fact] = value }
            case .failure(let problem):
                errors.append(RowError(source: record.source, row: record.row, column: cell.column, fact: cell.fact,
                                       value: cell.raw, problem: problem.problem[language],
                                       accepted: problem.accepted[language]))
            }
        }
        return errors.isEmpty ? .success(answers) : .failure(errors)
    }

    /// Digits with separators and a decimal point only: a unit from the header may be appended.
    static func isBareNumber(_ raw: String) -> Bool {
        let text = AnswerParser.normalize(raw)
        return !text.isEmpty && text.contains(where: \.isNumber)
            && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-") }
    }
}
