import ConsultDiagnostics
import ConsultPlaybook

/// How `consult batch` would read each column of a file, for `consult columns FILE`: the
/// encoding, which row is the header, each header's fact (or name, ID, date, ignored) with the
/// export table's note, and the percent columns read as fractions.
public struct ColumnReport: Sendable {
    public struct Line: Sendable {
        public var header: String
        public var reading: String
    }

    public var notes: [String] = []
    public var lines: [Line] = []
    /// What `consult batch` would warn about (two columns for one fact, no name column, short rows).
    public var warnings: [String] = []

    public static func of(_ path: String, program: Program, options: BatchOptions) throws -> ColumnReport {
        let language = options.language
        let zh = language == .zh
        let map = ColumnMap(program: program, custom: options.columns)
        var report = ColumnReport()
        let source: TableSource
        switch InputFiles.kind(path) {
        case .csv?:
            let file = try ChunkedFile(path: path, encoding: options.encoding)
            report.notes.append(zh ? "编码：\(file.encoding.displayName)" : "encoding: \(file.encoding.displayName)")
            source = TableSource(reader: CSVReader(file: file), map: map, language: language)
        case .xlsx?:
            source = TableSource(reader: try XLSXReader(path: path, sheet: options.sheet), map: map, language: language)
        default:
            throw BatchError.columns(Text(zh: "consult columns 读 .csv、.tsv 或 .xlsx 文件", en: "consult columns reads .csv, .tsv or .xlsx files"))
        }
        guard let header = try source.header() else { return report }
        let columns: [(header: String, target: ColumnTarget?)]
        switch header {
        case .failure(let errors): throw BatchError.columns(.same(errors.map { $0.message(language) }.joined(separator: "\n")))
        case .success(let found): columns = found
        }
        var notes: [String: String] = [:]
        for export in DashboardHeaders.exports { for column in export.columns { if let n = column.note { notes[column.header] = n } } }
        let rows = source.firstRows.map { record -> MerchantRecord in
            var m = MerchantRecord(source: path, row: record.line)
            for (i, field) in record.fields.enumerated() where i < columns.count {
                if case .fact(let fact, let suffix)? = columns[i].target { m.cells.append(.init(column: columns[i].header, fact: fact, raw: field, suffix: suffix)) }
            }
            return m
        }
        let fractions = FractionColumns.detect(rows, program: program)
        for (header, target) in columns where !header.isEmpty {
            var reading: String
            switch target {
            case .fact(let fact, let suffix)?:
                let label = program.question(fact)?.label?[language] ?? fact
                reading = zh ? "\(fact)（\(label)）" : "\(fact) (\(label))"
                if let suffix { reading += zh ? "，纯数字按\(suffix)" : ", bare numbers in \(suffix)" }
                if fractions.contains(header) { reading += zh ? "，按小数读（0.46 即 46%）" : ", read as fractions (0.46 is 46%)" }
            case .merchantName?: reading = zh ? "商家名称" : "merchant name"
            case .merchantID?: reading = zh ? "商家 ID（没有名称列时作名称）" : "merchant ID (the name only when no column names the merchant)"
            case .consultant?: reading = zh ? "顾问" : "consultant"
            case .date?: reading = zh ? "日期" : "date"
            case .ignore?: reading = zh ? "不读" : "not read"
            case .perPlan?: reading = zh ? "每行一个投放计划：这张表不能按商家诊断" : "one row per ad plan: this table cannot be diagnosed per merchant"
            case nil:
                reading = zh ? "不读（不认识的列" : "not read (unknown column"
                if let guess = Suggestion.closest(to: ColumnMap.normalize(header).key, in: map.knownHeaders) {
                    reading += zh ? "，是否指 \(guess)？" : "; did you mean \(guess)?"
                }
                reading += zh ? "；用 --columns 映射）" : "; map it with --columns)"
            }
            // The export tables' notes are Chinese, as the exports are.
            if zh, let note = notes[header] { reading += "。" + note }
            report.lines.append(Line(header: header, reading: reading))
        }
        report.warnings = source.warnings
        return report
    }
}
