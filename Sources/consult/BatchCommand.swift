import ArgumentParser
import ConsultBatch
import ConsultPlaybook
import ConsultRender
import Foundation

/// `consult batch`: a whole portfolio at once: one plan per merchant and a portfolio summary.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Diagnose a portfolio: a plan per merchant and a summary (Markdown, an HTML dashboard, JSON, CSV).",
        discussion: """
        Inputs are CSV or tab-separated exports (headers: fact ids, their Chinese labels or dashboard \
        names such as 成交金额, 客单价, 店铺体验分), JSON Lines, answers files, or directories of them. \
        Writes OUT/plans/ and OUT/summary.{md,json,csv}. Exit status 1 when any row failed. See docs/batch.md.
        """)

    @Argument(help: "CSV/TSV, Excel (.xlsx), JSON Lines (.jsonl), answers files (.yaml/.json), directories of them, or - (a CSV or JSON Lines stream on standard input).")
    var inputs: [String]

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @Option(name: .long, help: "Format of the per-merchant plans: md, json or html.")
    var format: DocumentFormat = .md

    @Option(name: .long, help: "Merchants planned in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("on-error"), help: "On a row with bad values: skip it and go on, or stop.")
    var onError: OnError = .skip

    @Flag(name: .customLong("summary-only"), help: "Write only the portfolio summary, no per-merchant plans.")
    var summaryOnly = false

    @Option(name: .long, help: "CSV file mapping other column headers: header,fact[,unit] (unit 万, 亿 or 千).")
    var columns: String?

    @Option(name: .long, help: "Merchants in the summary's triage list.")
    var triage: Int = 50

    @Option(name: .long, help: "Text encoding of CSV and JSON Lines inputs: utf-8, gbk (GB18030) or utf-16 (default: detected).")
    var encoding: String?

    @Option(name: .long, help: "The worksheet of .xlsx inputs to read (default: the first).")
    var sheet: String?

    @OptionGroup var options: PlaybookOptions

    enum OnError: String, ExpressibleByArgument, CaseIterable { case skip, stop }

    func validate() throws {
        guard [.md, .json, .html].contains(format) else {
            throw ValidationError("--format \(format.rawValue) is not available for batch runs; accepted: md, json, html")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        guard triage >= 0 else { throw ValidationError("--triage must be 0 or more") }
        if let encoding, TextEncoding(option: encoding) == nil {
            throw ValidationError("--encoding \(encoding) is not known; accepted: utf-8, gbk (or gb18030), utf-16")
        }
    }

    func run() throws {
        let (program, sources) = try Files.program(options.playbooks)
        var batch = BatchOptions(inputs: inputs, output: out)
        batch.format = format
        batch.jobs = jobs
        batch.stopOnError = onError == .stop
        batch.summaryOnly = summaryOnly
        batch.language = options.language
        batch.consultVersion = Consult.version
        batch.triageLimit = triage
        batch.encoding = encoding.flatMap(TextEncoding.init(option:))
        batch.sheet = sheet
        do {
            if let columns { batch.columns = try ColumnMap.custom(csv: try Files.read(columns), program: program) }
            let reporter = Reporter(showBar: isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_PROGRESS"] == nil)
            // Each worker gets its own copy of the program (see BatchRunner.run).
            let load: @Sendable () -> Program = { PlaybookLoader.load(sources).program ?? program }
            let result = try BatchRunner.run(load: load, options: batch, reporter: reporter)
            print(summaryLine(result))
            for file in result.files { print(file) }
            if !summaryOnly { print(out + "/plans/") }
            if result.failed > 0 { throw ExitCode(1) }
        } catch let error as BatchError {
            throw Failure(message: error.message(Environment.language))
        }
    }

    func summaryLine(_ r: BatchResult) -> String {
        let zh = options.language == .zh
        var line = zh ? "\(r.merchants) 个商家：\(r.planned) 个已出方案，\(r.failed) 个数据有误"
            : "\(r.merchants) merchant\(r.merchants == 1 ? "" : "s"): \(r.planned) planned, \(r.failed) failed"
        if r.stopped { line += zh ? "（遇到错误已停止）" : " (stopped at the first bad row)" }
        return line
    }
}
