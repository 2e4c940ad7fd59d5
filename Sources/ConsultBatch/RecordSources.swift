import ConsultDiagnostics
import ConsultPlaybook

/// What an input yields: a merchant to check and plan, or the errors of a row that cannot be read.
enum RecordOutcome: Sendable {
    case record(MerchantRecord)
    case failure([RowError])
}

/// A stream of merchants from one input file.
protocol RecordSource: AnyObject {
    /// The next merchant; nil at the end.
    func next() throws -> RecordOutcome?
    var bytesConsumed: Int { get }
    /// Problems worth a warning (columns not read), once per file.
    var warnings: [String] { get }
}

/// Columns nobody reads, reported once: derived facts are computed, not given.
func unreadColumnsWarning(_ source: String, _ headers: [String], _ map: ColumnMap, _ language: Language) -> String? {
    guard !headers.isEmpty else { return nil }
    let program = map.program
    let described = headers.map { header -> String in
        let key = ColumnMap.normalize(header).key
        if program.derived.contains(where: { $0.id == header || ColumnMap.normalize($0.title.zh).key == key }) {
            return language == .zh ? "\(header)（由其他答案计算，不读取）" : "\(header) (computed from other answers)"
        }
        if let guess = Suggestion.closest(to: key, in: map.knownHeaders) {
            return language == .zh ? "\(header)（是否指 \(guess)？）" : "\(header) (did you mean \(guess)?)"
        }
        return header
    }
    return language == .zh
        ? "warning: \(source)：这些列没有读取：\(described.joined(separator: "、"))；需要时用 --columns 文件映射"
        : "warning: \(source): columns not read: \(described.joined(separator: ", ")); map them with --columns FILE"
}

/// A CSV (or tab-separated) export: a header row, then one merchant per row.
final class CSVSource: RecordSource {
    private let reader: CSVReader
    private let map: ColumnMap
    private let language: Language
    private var columns: [(header: String, target: ColumnTarget?)]?
    private(set) var warnings: [String] = []

    init(path: String, map: ColumnMap, language: Language) throws {
        reader = CSVReader(file: try ChunkedFile(path: path))
        self.map = map
        self.language = language
    }

    var bytesConsumed: Int { reader.bytesConsumed }

    func next() throws -> RecordOutcome? {
        if columns == nil {
            guard let header = try reader.next() else { return nil }
            let mapped = header.fields.map { ($0, map.target($0)) }
            columns = mapped
            let unread = mapped.filter { $0.1 == nil && !$0.0.trimmingCharacters().isEmpty }.map(\.0)
            if let warning = unreadColumnsWarning(reader.path, unread, map, language) { warnings.append(warning) }
            if !mapped.contains(where: { if case .fact? = $0.1 { return true } else { return false } }) {
                let problem = language == .zh ? "表头没有一列对应到诊断问题" : "no column of the header is an intake fact"
                let accepted = language == .zh ? "问题 id（如 monthly_gmv）、中文标签（如 店铺体验分）或平台导出的列名（如 成交金额）；其他列名用 --columns 映射"
                    : "fact ids (monthly_gmv), their Chinese labels (店铺体验分) or dashboard headers (成交金额); map others with --columns"
                return .failure([RowError(source: reader.path, row: header.line, problem: problem, accepted: accepted)])
            }
        }
        guard let record = try reader.next(), let columns else { return nil }
        if record.fields.count > columns.count, record.fields[columns.count...].contains(where: { !$0.isEmpty }) {
            let problem = language == .zh ? "有 \(record.fields.count) 个字段，表头只有 \(columns.count) 列"
                : "has \(record.fields.count) fields but the header has \(columns.count) columns"
            return .failure([RowError(source: reader.path, row: record.line, problem: problem,
                                      accepted: language == .zh ? "每行字段数与表头一致（含逗号的值加引号）" : "one field per header column (quote values that contain commas)")])
        }
        var merchant = MerchantRecord(source: reader.path, row: record.line)
        for (i, field) in record.fields.enumerated() where i < columns.count {
            switch columns[i].target {
            case .fact(let fact, let suffix)?:
                merchant.cells.append(.init(column: columns[i].header, fact: fact, raw: field, suffix: suffix))
            case .merchantName?: if merchant.merchant.name.isEmpty { merchant.merchant.name = field.trimmingCharacters() }
            case .consultant?: merchant.merchant.consultant = field.trimmingCharacters().nonEmpty
            case .date?: merchant.merchant.date = field.trimmingCharacters().nonEmpty
            case .ignore?, nil: break
            }
        }
        return .record(merchant)
    }
}

/// JSON Lines: one object per line, either flat (`{"店铺名称": "…", "客单价": 88, …}`, keys mapped
/// like CSV headers) or shaped like an answers file (`{"merchant": {…}, "answers": {…}}`).
final class JSONLinesSource: RecordSource {
    private let file: ChunkedFile
    private let map: ColumnMap
    private let language: Language
    private var line = 0
    private var unread: [String] = []
    private var unreadSeen = Set<String>()
    /// Keys already looked up (a JSON Lines file repeats the same keys on every line).
    private var targets: [String: ColumnTarget?] = [:]

    init(path: String, map: ColumnMap, language: Language) throws {
        file = try ChunkedFile(path: path)
        self.map = map
        self.language = language
    }

    var bytesConsumed: Int { file.consumed }

    var warnings: [String] {
        unreadColumnsWarning(file.path, unread, map, language).map { [$0] } ?? []
    }

    func next() throws -> RecordOutcome? {
        while let bytes = try file.nextLine() {
            line += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONText
            do {
                value = try JSONParser.parse(bytes)
            } catch let failure as JSONParser.Failure {
                return .failure([RowError(source: file.path, row: line, problem: "invalid JSON: \(failure)",
                                          accepted: language == .zh ? "每行一个 JSON 对象" : "one JSON object per line")])
            }
            guard case .object(let fields) = value else {
                return .failure([RowError(source: file.path, row: line, problem: language == .zh ? "不是 JSON 对象" : "is not a JSON object",
                                          accepted: language == .zh ? "每行一个 JSON 对象" : "one JSON object per line")])
            }
            return record(fields)
        }
        return nil
    }

    private func record(_ fields: [(key: String, value: JSONText)]) -> RecordOutcome {
        var merchant = MerchantRecord(source: file.path, row: line)
        var errors: [RowError] = []
        var entries = fields
        if case .object(let answers)? = value(of: "answers", in: fields) {
            // Answers-file shape: merchant name/consultant/date, and platform/category/belt as answers.
            entries = []
            switch value(of: "merchant", in: fields) {
            case .string(let name)?: merchant.merchant.name = name
            case .object(let info)?:
                for (key, v) in info {
                    let text = v.answerText ?? ""
                    switch key {
                    case "name": merchant.merchant.name = text
                    case "consultant": merchant.merchant.consultant = text.nonEmpty
                    case "date": merchant.merchant.date = text.nonEmpty
                    default: entries.append((key, v))
                    }
                }
            default: break
            }
            entries += answers
        }
        for (key, v) in entries {
            if targets[key] == nil { targets[key] = .some(map.target(key)) }
            guard let target = targets[key] ?? nil else {
                if unreadSeen.insert(key).inserted { unread.append(key) }
                continue
            }
            guard let text = v.answerText else {
                errors.append(RowError(source: file.path, row: line, column: key, problem: language == .zh ? "不是单个值" : "is not a single value",
                                       accepted: language == .zh ? "数字、文字、true/false 或 null" : "a number, text, true/false or null"))
                continue
            }
            switch target {
            case .fact(let fact, let suffix): merchant.cells.append(.init(column: key, fact: fact, raw: text, suffix: suffix))
            case .merchantName: if merchant.merchant.name.isEmpty { merchant.merchant.name = text }
            case .consultant: merchant.merchant.consultant = text.nonEmpty
            case .date: merchant.merchant.date = text.nonEmpty
            case .ignore: break
            }
        }
        return errors.isEmpty ? .record(merchant) : .failure(errors)
    }

    private func value(of key: String, in fields: [(key: String, value: JSONText)]) -> JSONText? {
        fields.first { $0.key == key }?.value
    }
}

/// An answers file (YAML or JSON), exactly as `consult run --answers` reads it: one merchant.
final class AnswersFileSource: RecordSource {
    private let path: String
    private let program: Program
    private let language: Language
    private var done = false
    private(set) var bytesConsumed = 0
    private(set) var warnings: [String] = []

    init(path: String, program: Program, language: Language) {
        self.path = path
        self.program = program
        self.language = language
    }

    func next() throws -> RecordOutcome? {
        if done { return nil }
        done = true
        let file = try ChunkedFile(path: path)
        var bytes: [UInt8] = []
        while let line = try file.nextLine() {
            bytes.append(contentsOf: line)
            bytes.append(0x0A)
        }
        bytesConsumed = file.consumed
        guard let text = String(validating: bytes, as: UTF8.self) else { throw BatchError.notUTF8(path, line: 1) }
        let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: path, text: text), program: program, language: language)
        guard let parsed else {
            return .failure(diagnostics.errors.map { d in
                RowError(source: path, row: d.location?.line ?? 0, problem: d.message, accepted: nil)
            })
        }
        warnings += diagnostics.warnings.map { $0.description }
        var record = MerchantRecord(source: path, row: 0, merchant: parsed.merchant)
        record.answers = parsed.answers
        return .record(record)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
