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

/// Which encoding a file was read in, when it is not UTF-8, so a misdetection is seen at once.
func encodingNote(_ source: String, _ encoding: TextEncoding, _ language: Language) -> String? {
    guard encoding != .utf8 else { return nil }
    return language == .zh ? "注意：\(source) 按 \(encoding.displayName) 编码读取" : "note: \(source) was read as \(encoding.displayName) text"
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

/// Rows of a table file (CSV, a worksheet), one record at a time.
protocol TableRowReader: AnyObject {
    var path: String { get }
    var bytesConsumed: Int { get }
    func next() throws -> CSVRecord?
}

extension CSVReader: TableRowReader {}

/// A table export (CSV, tab-separated, a worksheet): a header, then one merchant per row. The
/// header is the row among the first ten whose cells name the most columns, so a title row
/// above it ("罗盘-直播复盘 统计周期 …") is skipped; a cell of the row above it that groups
/// columns (千川's "整体" over 消耗, 支付ROI …, merged in the sheet) is joined to each header
/// below it when that names a column and the bare header does not (整体消耗, 净成交ROI).
final class TableSource: RecordSource {
    private let reader: any TableRowReader
    private let map: ColumnMap
    private let language: Language
    private var columns: [(header: String, target: ColumnTarget?)]?
    private var ahead: [CSVRecord] = []
    private var notes: [String] = []
    /// Rows with fewer fields than the header (their missing cells are read as empty), by line.
    private var shortRows: [Int] = []
    private var shortRowCount = 0
    static let headerSearch = 10

    var warnings: [String] {
        guard shortRowCount > 0 else { return notes }
        let lines = shortRows.map(String.init).joined(separator: language == .zh ? "、" : ", ") + (shortRowCount > shortRows.count ? " …" : "")
        return notes + [language == .zh
            ? "warning: \(reader.path)：\(shortRowCount) 行的字段比表头少（第 \(lines) 行），缺的格子按空白（不清楚）读"
            : "warning: \(reader.path): \(shortRowCount) rows have fewer fields than the header (lines \(lines)); their missing cells read as empty (unknown)"]
    }

    init(reader: any TableRowReader, map: ColumnMap, language: Language, note: String? = nil) {
        self.reader = reader
        self.map = map
        self.language = language
        if let note { notes.append(note) }
    }

    var bytesConsumed: Int { reader.bytesConsumed }

    /// Headers of `row` with the group cells of `above` joined where that names a column.
    private func headers(_ row: CSVRecord, above: CSVRecord?) -> [(header: String, target: ColumnTarget?)] {
        var group = ""
        return row.fields.enumerated().map { i, field in
            if let above, i < above.fields.count, !above.fields[i].trimmingCharacters().isEmpty { group = above.fields[i].trimmingCharacters() }
            let bare = field.trimmingCharacters()
            if above != nil, !group.isEmpty, !bare.isEmpty, let joined = map.target(group + bare) { return (group + bare, joined) }
            return (bare, map.target(bare))
        }
    }

    private func findHeader() throws -> RecordOutcome? {
        while ahead.count < Self.headerSearch, let row = try reader.next() { ahead.append(row) }
        guard !ahead.isEmpty else { return nil }

        func named(_ h: [(header: String, target: ColumnTarget?)]) -> Int { h.filter { $0.target != nil && $0.target != .ignore }.count }
        var best: (index: Int, headers: [(header: String, target: ColumnTarget?)])?
        // A bad row (not text, a quote never closed) is never the header; below it, it is a bad row.
        for (i, row) in ahead.enumerated() where row.failure == nil {
            let candidate = headers(row, above: i > 0 ? ahead[i - 1] : nil)
            if named(candidate) > named(best?.headers ?? []) { best = (i, candidate) }
        }
        guard let best, best.headers.contains(where: { if case .fact? = $0.target { return true } else { return false } }) else {
            let problem = language == .zh ? "表头没有一列对应到诊断问题" : "no column of the header is an intake fact"
            let accepted = language == .zh ? "问题 id（如 monthly_gmv）、中文标签（如 店铺体验分）或平台导出的列名（如 成交金额）；其他列名用 --columns 映射"
                : "fact ids (monthly_gmv), their Chinese labels (店铺体验分) or dashboard headers (成交金额); map others with --columns"
            let line = ahead[0].line
            ahead = []
            return .failure([RowError(source: reader.path, row: line, problem: problem, accepted: accepted)])
        }
        if let plan = best.headers.first(where: { $0.target == .perPlan }) {
            let line = ahead[best.index].line
            ahead = []
            return .failure([RowError(source: reader.path, row: line,
                                      problem: language == .zh ? "有“\(plan.header)”列，是千川计划报表：每行一个投放计划，不是一个商家"
                                                               : "has a '\(plan.header)' column: a Qianchuan plan report, one row per ad plan, not per merchant",
                                      accepted: language == .zh ? "千川 → 数据 → 账户报表（每行一个账户）" : "the account report (千川 → 数据 → 账户报表), one row per account")])
        }
        columns = best.headers
        ahead.removeFirst(best.index + 1)
        ahead.reverse()
        let unread = best.headers.filter { $0.target == nil && !$0.header.isEmpty }.map(\.header)
        if let warning = unreadColumnsWarning(reader.path, unread, map, language) { notes.append(warning) }
        // Two columns for one fact: say which, once; each row takes the first that has a value.
        var byFact: [String: [String]] = [:]
        for (header, target) in best.headers { if case .fact(let fact, _)? = target { byFact[fact, default: []].append(header) } }
        for (fact, headers) in byFact.sorted(by: { $0.key < $1.key }) where headers.count > 1 {
            notes.append(language == .zh
                ? "warning: \(reader.path)：列 \(headers.joined(separator: "、")) 都对应 \(fact)；每行用第一个有值的"
                : "warning: \(reader.path): columns \(headers.joined(separator: ", ")) all give \(fact); each row takes the first with a value")
        }
        if !best.headers.contains(where: { $0.target == .merchantName }) {
            let id = best.headers.first { $0.target == .merchantID }?.header
            let by = id.map { language == .zh ? "按 \($0) 命名" : "named by \($0)" } ?? (language == .zh ? "按行号命名" : "named by row")
            notes.append(language == .zh
                ? "warning: \(reader.path)：没有一列是商家名称（店铺名称、账号名称 …），方案\(by)；用 --columns 指定名称列"
                : "warning: \(reader.path): no column names the merchant (店铺名称, 账号名称 …), so plans are \(by); name the column with --columns")
        }
        return nil
    }

    /// The header as it will be read: each column and what it is; nil for an empty file.
    func header() throws -> Result<[(header: String, target: ColumnTarget?)], [RowError]>? {
        if columns == nil, case .failure(let errors)? = try findHeader() { return .failure(errors) }
        return columns.map { .success($0) }
    }

    /// The rows after the header that have been read ahead (for `consult columns`).
    var firstRows: [CSVRecord] { ahead.reversed() }

    func next() throws -> RecordOutcome? {
        if columns == nil, let failure = try findHeader() { return failure }
        guard let columns, let record = try ahead.popLast() ?? reader.next() else { return nil }
        if let failure = record.failure { return .failure([failure.rowError(reader.path, language)]) }
        if record.fields.count > columns.count, record.fields[columns.count...].contains(where: { !$0.isEmpty }) {
            let problem = language == .zh ? "有 \(record.fields.count) 个字段，表头只有 \(columns.count) 列"
                : "has \(record.fields.count) fields but the header has \(columns.count) columns"
            return .failure([RowError(source: reader.path, row: record.line, problem: problem,
                                      accepted: language == .zh ? "每行字段数与表头一致（含逗号的值加引号）" : "one field per header column (quote values that contain commas)")])
        }
        if record.fields.count < columns.count {
            shortRowCount += 1
            if shortRows.count < 5 { shortRows.append(record.line) }
        }
        var merchant = MerchantRecord(source: reader.path, row: record.line)
        var id = ""
        for (i, field) in record.fields.enumerated() where i < columns.count {
            switch columns[i].target {
            case .merchantID?: if id.isEmpty { id = field.trimmingCharacters() }
            case .fact(let fact, let suffix)?:
                merchant.cells.append(.init(column: columns[i].header, fact: fact, raw: field, suffix: suffix))
            case .merchantName?: if merchant.merchant.name.isEmpty { merchant.merchant.name = field.trimmingCharacters() }
            case .consultant?: merchant.merchant.consultant = field.trimmingCharacters().nonEmpty
            case .date?: merchant.merchant.date = field.trimmingCharacters().nonEmpty
            case .ignore?, .perPlan?, nil: break
            }
        }
        if merchant.merchant.name.isEmpty { merchant.merchant.name = id }
        if merchant.merchant.name.isEmpty {
            let file = reader.path.split(separator: "/").last.map(String.init) ?? reader.path
            merchant.merchant.name = language == .zh ? "\(file) 第\(record.line)行" : "\(file) row \(record.line)"
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

    init(path: String, map: ColumnMap, language: Language, encoding: TextEncoding?) throws {
        file = try ChunkedFile(path: path, encoding: encoding)
        self.map = map
        self.language = language
    }

    init(file: ChunkedFile, map: ColumnMap, language: Language) {
        self.file = file
        self.map = map
        self.language = language
    }

    var bytesConsumed: Int { file.consumed }

    /// Keys given twice in one object (the first value is read), with the first line seen.
    private var duplicates: [(key: String, line: Int)] = []

    var warnings: [String] {
        let twice = duplicates.isEmpty ? nil : (language == .zh
            ? "warning: \(file.path)：同一行里重复的键（用第一个值）：" + duplicates.map { "\($0.key)（第 \($0.line) 行起）" }.joined(separator: "、")
            : "warning: \(file.path): keys given twice in one line (the first value is read): " + duplicates.map { "\($0.key) (from line \($0.line))" }.joined(separator: ", "))
        return [encodingNote(file.path, file.encoding, language), unreadColumnsWarning(file.path, unread, map, language), twice].compactMap { $0 }
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
        var id = ""
        var seen = Set<String>()
        for (key, v) in entries {
            guard seen.insert(key).inserted else {
                if !duplicates.contains(where: { $0.key == key }) { duplicates.append((key, line)) }
                continue
            }
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
            case .merchantID: if id.isEmpty { id = text }
            case .consultant: merchant.merchant.consultant = text.nonEmpty
            case .date: merchant.merchant.date = text.nonEmpty
            case .ignore, .perPlan: break
            }
        }
        if merchant.merchant.name.isEmpty { merchant.merchant.name = id }
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
        guard let text = String(validating: bytes, as: UTF8.self) else { throw BatchError.notText(path, line: 1, encoding: .utf8) }
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
