import ConsultPlaybook
import ConsultRender
import Foundation

/// Everything `consult batch` was asked to do.
public struct BatchOptions: Sendable {
    public var inputs: [String]
    public var output: String
    /// Format of the per-merchant plans: md, json or html (text and pdf are not offered).
    public var format: DocumentFormat = .md
    public var jobs = 1
    public var stopOnError = false
    public var summaryOnly = false
    public var columns: [(header: String, target: ColumnTarget)] = []
    public var language: Language = .zh
    public var consultVersion = "0.0.0"
    /// Merchants listed in the summary's triage table.
    public var triageLimit = 50
    /// The encoding of CSV and JSON Lines inputs; nil: detected per file.
    public var encoding: TextEncoding?
    /// The worksheet of .xlsx inputs; nil: the first.
    public var sheet: String?

    public init(inputs: [String], output: String) {
        self.inputs = inputs
        self.output = output
    }
}

/// What a run did, for the exit status and the closing lines on stdout.
public struct BatchResult: Sendable {
    public var merchants: Int
    public var planned: Int
    public var failed: Int
    public var stopped: Bool
    public var files: [String]
}

/// The input files of a run: files as given, directories as their supported files in name order.
enum InputFiles {
    enum Kind { case csv, xlsx, jsonLines, answers }

    static func kind(_ path: String) -> Kind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return .csv }
        if lower.hasSuffix(".xlsx") { return .xlsx }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") { return .answers }
        return nil
    }

    /// `-`: standard input, a CSV or JSON Lines stream.
    static let standardInput = "-"

    static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for input in inputs {
            if input == standardInput {
                files.append(input)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw BatchError.unreadable(input, errno: ENOENT)
            }
            if isDirectory.boolValue {
                let names = try fm.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") && kind($0) != nil }.sorted()
                let prefix = input.hasSuffix("/") ? input : input + "/"
                files += names.map { prefix + $0 }
            } else {
                if input.lowercased().hasSuffix(".xls") {
                    throw BatchError.unreadable(input, Text(zh: "这是 Excel 97–2003 工作簿；请另存为 .xlsx（Excel / WPS：另存为 → Excel 工作簿 .xlsx）",
                                                           en: "an Excel 97–2003 workbook; save it as .xlsx (Excel / WPS: 另存为 → Excel 工作簿 .xlsx)"))
                }
                guard kind(input) != nil else { throw BatchError.unsupported(input) }
                files.append(input)
            }
        }
        if files.isEmpty {
            throw BatchError.noInputs(inputs)
        }
        return files
    }

    static func size(_ path: String) -> Int {
        if path == standardInput { return 0 }
        return ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }
}
