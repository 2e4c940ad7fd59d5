import ArgumentParser
import ConsultBatch
import ConsultDiagnostics
import ConsultPlaybook
import Foundation

/// `consult columns FILE`: how a portfolio run would read each column of an export, before
/// running it (which header row, which fact, what is left unread and why).
struct Columns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how consult batch reads each column of a CSV or .xlsx export.")

    @Argument(help: "A .csv, .tsv or .xlsx export.")
    var file: String

    @Option(name: .long, help: "CSV file mapping other column headers: header,fact[,unit].")
    var columns: String?

    @Option(name: .long, help: "Text encoding of a CSV: utf-8, gbk or utf-16 (default: detected).")
    var encoding: String?

    @Option(name: .long, help: "The worksheet of an .xlsx file (default: the first).")
    var sheet: String?

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let (program, _) = try Files.program(options.playbooks)
        var batch = BatchOptions(inputs: [file], output: "")
        batch.language = options.language
        batch.sheet = sheet
        if let encoding {
            guard let known = TextEncoding(option: encoding) else {
                throw ValidationError("--encoding \(encoding) is not known; accepted: utf-8, gbk (or gb18030), utf-16")
            }
            batch.encoding = known
        }
        do {
            if let columns { batch.columns = try ColumnMap.custom(csv: try Files.read(columns), program: program) }
            let report = try ColumnReport.of(file, program: program, options: batch)
            for note in report.notes { print(note) }
            let width = report.lines.map { DisplayWidth.of($0.header) }.max() ?? 0
            for line in report.lines {
                print(line.header + String(repeating: " ", count: width - DisplayWidth.of(line.header) + 2) + line.reading)
            }
            for warning in report.warnings { FileHandle.writeError(warning) }
        } catch let error as BatchError {
            throw Failure(message: error.message(Environment.language))
        }
    }
}
