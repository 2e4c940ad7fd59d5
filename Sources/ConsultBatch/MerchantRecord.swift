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

    /// `fractions`: percent columns read as fractions (0.46 is 46%), as `FractionColumns` decided.
    func answers(_ record: MerchantRecord, fractions: Set<String> = []) -> Result<Answers, [RowError]> {
        if let answers = record.answers { return .success(answers) }
        var answers = Answers()
        var errors: [RowError] = []
        for cell in record.cells {
            guard let question = questions[cell.fact] else { continue }
            var text = cell.suffix.map { Self.isBareNumber(cell.raw) ? cell.raw + $0 : cell.raw } ?? cell.raw
            var raw = cell.raw
            if fractions.contains(cell.column), case .success(let r) = AnswerParser.read(text, for: question.fact),
               !r.percentSign, case .number(let n) = r.value {
                guard n <= 1 else {
                    errors.append(RowError(source: record.source, row: record.row, column: cell.column, fact: cell.fact, value: cell.raw,
                                           problem: language == .zh ? "这一列按小数读（前面的值都在 0–1 之间），这里却大于 1；请统一写法"
                                                                    : "this column is read as fractions (its first values are all 0–1), but this one is above 1; write the column one way",
                                           accepted: nil))
                    continue
                }
                text = AnswerParser.percentOfFraction(n) + "%"
                raw = text
            }
            switch AnswerParser.read(text, for: question.fact) {
            case .success(let reading):
                let value = reading.value
                // Two columns for one fact: the first known value stands.
                if answers.values[cell.fact] != nil { continue }
                answers.raw[cell.fact] = raw
                if value.isKnown { answers.values[cell.fact] = value }
                if reading.approximate { answers.provenance[cell.fact] = .estimate }
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

/// Percent columns written as fractions (退款率 0.46 for 46%, as Excel's percent cells export):
/// a column is read that way when, in the first rows of its file, every known value is written
/// without a % sign, none is above 1 and at least one is between 0 and 1. The run says so once per
/// column; a later value above 1 in such a column is a bad row rather than a silent misreading.
enum FractionColumns {
    static let window = 1_000

    static func detect(_ records: [MerchantRecord], program: Program) -> Set<String> {
        var fraction: Set<String> = []
        var disqualified: Set<String> = []
        for record in records {
            for cell in record.cells where !disqualified.contains(cell.column) {
                guard let question = program.question(cell.fact), question.fact.kind == .percent,
                      case .success(let r) = AnswerParser.read(cell.raw, for: question.fact), case .number(let n) = r.value else { continue }
                if r.percentSign || n > 1 {
                    disqualified.insert(cell.column)
                    fraction.remove(cell.column)
                } else if r.fractionOfPercent {
                    fraction.insert(cell.column)
                }
            }
        }
        return fraction
    }

    static func warning(_ path: String, column: String, language: Language) -> String {
        language == .zh
            ? "注意：\(path)：列 \(column) 的值都在 0–1 之间，按小数读（0.46 即 46%）；如果本来就是百分数，请在值后加 %"
            : "note: \(path): column \(column) has only values from 0 to 1, so they are read as fractions (0.46 is 46%); if they are percents already, write them with %"
    }
}
