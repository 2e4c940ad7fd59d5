import ConsultPlaybook

/// One merchant taken from an export or an answers file, to start an interview from its numbers
/// (`consult --from FILE [--row NAME|N]`, `.load FILE [ROW]`): read exactly as `consult batch`
/// reads the file, so the same cell gives the same answer.
public struct ExportRow: Sendable {
    public var merchant: MerchantInfo
    /// Answers as written in the file, by fact, in column order.
    public var answers: [(fact: String, raw: String)]
    /// Provenance by fact for an answers file (its `provenance:`, else said); none for an export,
    /// whose numbers are platform data.
    public var provenance: [String: Provenance]
    /// "compass_live.xlsx 第3行" / "compass_live.xlsx row 3": where the answers came from.
    public var origin: String
    /// Notes about reading the file (encoding, fractions, unread columns).
    public var warnings: [String]

    /// `row`: a row number as the spreadsheet shows it (the header row is 1), or a merchant's name
    /// (exact, else the only name containing it); nil takes the file's only merchant.
    public static func read(_ path: String, row: String?, program: Program, options: BatchOptions) throws -> ExportRow {
        let zh = options.language == .zh
        let map = ColumnMap(program: program, custom: options.columns)
        let source: any RecordSource
        switch InputFiles.kind(path) {
        case .csv?:
            let file = try ChunkedFile(path: path, encoding: options.encoding)
            source = TableSource(reader: CSVReader(file: file), map: map, language: options.language,
                                 note: encodingNote(path, file.encoding, options.language))
        case .xlsx?: source = TableSource(reader: try XLSXReader(path: path, sheet: options.sheet), map: map, language: options.language)
        case .jsonLines?: source = try JSONLinesSource(path: path, map: map, language: options.language, encoding: options.encoding)
        case .answers?: source = AnswersFileSource(path: path, program: program, language: options.language)
        case nil: throw BatchError.unsupported(path)
        }
        var records: [MerchantRecord] = []
        while let outcome = try source.next() {
            switch outcome {
            case .record(let r): records.append(r)
            case .failure(let errors) where records.isEmpty && errors.first?.row ?? 0 <= 1:
                throw BatchError.columns(.same(errors.map { $0.message(options.language) }.joined(separator: "\n")))
            case .failure: continue
            }
            if records.count > 100_000 { break }
        }
        let fractions = FractionColumns.detect(Array(records.prefix(FractionColumns.window)), program: program)
        let file = path.split(separator: "/").last.map(String.init) ?? path
        func listing() -> String {
            let shown = records.prefix(8).map { zh ? "第\($0.row)行 \($0.merchant.name)" : "row \($0.row) \($0.merchant.name)" }
            return shown.joined(separator: zh ? "、" : ", ") + (records.count > 8 ? (zh ? " 等 \(records.count) 个" : " … (\(records.count))") : "")
        }
        let chosen: MerchantRecord
        if let row {
            if let n = Int(row), let found = records.first(where: { $0.row == n }) {
                chosen = found
            } else if let found = records.first(where: { $0.merchant.name == row }) {
                chosen = found
            } else {
                let containing = records.filter { $0.merchant.name.contains(row) }
                guard containing.count == 1 else {
                    throw BatchError.columns(Text(zh: "\(file) 里没有唯一的“\(row)”（行号或商家名称）；有：\(listing())",
                                                  en: "\(file) has no single '\(row)' (a row number or merchant name); it has: \(listing())"))
                }
                chosen = containing[0]
            }
        } else {
            guard records.count == 1 else {
                throw BatchError.columns(records.isEmpty ? Text(zh: "\(file) 里没有商家", en: "\(file) has no merchant")
                    : Text(zh: "\(file) 有 \(records.count) 个商家，用 --row 行号或名称选一个：\(listing())",
                           en: "\(file) has \(records.count) merchants; choose one with --row NUMBER|NAME: \(listing())"))
            }
            chosen = records[0]
        }
        var answers: [(fact: String, raw: String)] = []
        var provenance: [String: Provenance] = [:]
        if let given = chosen.answers {
            // An answers file says where its answers came from; without a word, the merchant said them.
            for question in program.questions {
                guard let raw = given.raw[question.id] else { continue }
                answers.append((question.id, raw))
                provenance[question.id] = given.provenance[question.id] ?? .said
            }
        } else {
            for cell in chosen.cells where !answers.contains(where: { $0.fact == cell.fact }) {
                guard !cell.raw.trimmingCharacters().isEmpty, let question = program.question(cell.fact) else { continue }
                var raw = cell.suffix.map { RowValidator.isBareNumber(cell.raw) ? cell.raw + $0 : cell.raw } ?? cell.raw
                if fractions.contains(cell.column), case .success(let r) = AnswerParser.read(raw, for: question.fact),
                   !r.percentSign, case .number(let n) = r.value, n <= 1 {
                    raw = AnswerParser.percentOfFraction(n) + "%"
                }
                answers.append((cell.fact, raw))
            }
        }
        var warnings = source.warnings
        for column in fractions.sorted() { warnings.append(FractionColumns.warning(path, column: column, language: options.language)) }
        let origin = chosen.row > 0 ? (zh ? "\(file) 第\(chosen.row)行" : "\(file) row \(chosen.row)") : file
        return ExportRow(merchant: chosen.merchant, answers: answers, provenance: provenance, origin: origin, warnings: warnings)
    }
}
