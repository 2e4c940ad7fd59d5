import ConsultBase
import ConsultEngine
import ConsultPlaybook
import Foundation

/// A portfolio run: the reader (this thread) streams merchants from the inputs and checks their
/// answers, `jobs` workers plan them, and a collector takes the results back in input order for
/// the summary. Bad rows are decided by the reader, in input order, so `--on-error stop` always
/// stops at the first one, whatever the number of workers.
public enum BatchRunner {
    /// `load` gives the checked program; it is called once per worker as well, because workers
    /// that share one program's arrays and strings contend on their reference counts (two threads
    /// retaining the same object serialise on its cache line), which undid parallelism entirely.
    public static func run(load: @Sendable () -> Program, options: BatchOptions, reporter: Reporter) throws -> BatchResult {
        let program = load()
        let files = try InputFiles.expand(options.inputs)
        let map = ColumnMap(program: program, custom: options.columns)
        let plansDirectory = options.output + "/plans"
        try OutputFiles.makeDirectory(options.summaryOnly ? options.output : plansDirectory)
        // A run killed while writing left temporaries: clear them before writing again.
        for directory in [options.output, plansDirectory] { AtomicFile.removeStale(in: directory) }
        let engine = Engine(program: program)
        let workers = (0..<max(1, options.jobs)).map { _ in
            let own = Engine(program: load())
            return PlanWorker(engine: own, planner: Planner(engine: own, consultVersion: options.consultVersion),
                              language: options.language, format: options.summaryOnly ? nil : options.format,
                              plansDirectory: plansDirectory)
        }
        let summary = PortfolioSummary(program: program, rules: engine.rules, language: options.language,
                                       triageLimit: options.triageLimit)
        summary.inputs = files
        let csv = try SummaryCSV(path: options.output + "/summary.csv", program: program, language: options.language,
                                 positionLabel: summary.label(of:))
        reporter.totalBytes = files.map(InputFiles.size).reduce(0, +)

        let jobs = max(1, options.jobs)
        let queue = WorkQueue(capacity: jobs * 4)
        let buffer = ReorderBuffer(window: jobs * 16)
        let group = DispatchGroup()
        for worker in workers {
            start(group) {
                while let job = queue.pop() {
                    buffer.put(plan(job, worker))
                }
            }
        }
        let collector = Collector(summary: summary, csv: csv, reporter: reporter, language: options.language)
        start(group) {
            while let outcome = buffer.take() { collector.add(outcome) }
        }

        var reader = Reader(program: program, map: map, options: options, reporter: reporter, buffer: buffer, queue: queue)
        reader.read(files)
        queue.close()
        buffer.finish(after: reader.seq)
        group.wait()
        try csv.close()
        reporter.progress(done: summary.merchants, force: true)
        reporter.finish()

        summary.stopped = reader.stopped
        try OutputFiles.writeAtomically(SummaryWriter.markdown(summary), to: options.output + "/summary.md")
        try OutputFiles.writeAtomically(SummaryWriter.json(summary), to: options.output + "/summary.json")
        try OutputFiles.writeAtomically(SummaryWriter.html(summary), to: options.output + "/summary.html")
        return BatchResult(merchants: summary.merchants, planned: summary.planned, failed: summary.failed,
                           stopped: reader.stopped,
                           files: ["summary.md", "summary.html", "summary.json", "summary.csv"].map { options.output + "/" + $0 })
    }

    private static func start(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    private static func plan(_ job: PlanJob, _ worker: PlanWorker) -> MerchantOutcome {
        do {
            return try worker.plan(seq: job.seq, record: job.record, answers: job.answers)
        } catch {
            var outcome = MerchantOutcome(seq: job.seq, source: job.record.source, row: job.record.row, name: job.record.merchant.name)
            outcome.errors = [RowError(source: job.record.source, row: job.record.row, problem: "\(error)", accepted: nil)]
            return outcome
        }
    }
}

/// Takes merchants in input order: summary, CSV line, bad rows on stderr, progress.
final class Collector: @unchecked Sendable {
    let summary: PortfolioSummary
    let csv: SummaryCSV
    let reporter: Reporter
    let language: Language

    init(summary: PortfolioSummary, csv: SummaryCSV, reporter: Reporter, language: Language) {
        self.summary = summary
        self.csv = csv
        self.reporter = reporter
        self.language = language
    }

    func add(_ outcome: MerchantOutcome) {
        for error in outcome.errors { reporter.say("error: " + error.message(language)) }
        summary.add(outcome)
        csv.append(outcome)
        reporter.progress(done: summary.merchants)
    }
}

/// Reads every input in order, numbers the merchants, checks their answers and hands them on.
struct Reader {
    let program: Program
    let map: ColumnMap
    let options: BatchOptions
    let reporter: Reporter
    let buffer: ReorderBuffer
    let queue: WorkQueue
    private(set) var seq = 0
    private(set) var stopped = false
    private var bytesBefore = 0

    init(program: Program, map: ColumnMap, options: BatchOptions, reporter: Reporter, buffer: ReorderBuffer, queue: WorkQueue) {
        self.program = program
        self.map = map
        self.options = options
        self.reporter = reporter
        self.buffer = buffer
        self.queue = queue
    }

    mutating func read(_ files: [String]) {
        let validator = RowValidator(program: program, language: options.language)
        for path in files where !stopped {
            do {
                let source = try open(path)
                // The first rows decide which percent columns are written as fractions.
                // A file that fails inside them still has its rows before the failure planned.
                var ahead: [RecordOutcome] = []
                var failure: (any Error)?
                do {
                    while ahead.count < FractionColumns.window, let outcome = try source.next() { ahead.append(outcome) }
                } catch { failure = error }
                let fractions = FractionColumns.detect(ahead.compactMap { if case .record(let r) = $0 { r } else { nil } }, program: program)
                for column in fractions.sorted() { reporter.say(FractionColumns.warning(path, column: column, language: options.language)) }
                ahead.reverse()
                while !stopped, let outcome = try ahead.popLast() ?? (failure == nil ? source.next() : nil) {
                    reporter.read(bytes: bytesBefore + source.bytesConsumed)
                    switch outcome {
                    case .record(let record):
                        switch validator.answers(record, fractions: fractions) {
                        case .success(let answers):
                            seq += 1
                            buffer.waitForRoom(seq)
                            queue.push(PlanJob(seq: seq, record: record, answers: answers))
                        case .failure(let errors):
                            fail(path, name: record.merchant.name, errors)
                        }
                    case .failure(let errors):
                        fail(path, name: "", errors)
                    }
                }
                if let failure, !stopped { throw failure }
                for warning in source.warnings { reporter.say(warning) }
            } catch let error as BatchError {
                fail(path, name: "", [error.rowError(path, options.language)])
            } catch {
                fail(path, name: "", [RowError(source: path, row: 0, problem: "\(error)", accepted: nil)])
            }
            bytesBefore += InputFiles.size(path)
        }
    }

    private mutating func fail(_ path: String, name: String, _ errors: [RowError]) {
        seq += 1
        buffer.waitForRoom(seq)
        var outcome = MerchantOutcome(seq: seq, source: path, row: errors.first?.row ?? 0, name: name)
        outcome.errors = errors
        buffer.put(outcome)
        if options.stopOnError { stopped = true }
    }

    private func open(_ path: String) throws -> any RecordSource {
        if path == InputFiles.standardInput {
            // No name to go by: JSON Lines when it starts with {, else a table.
            let file = try ChunkedFile(path: "/dev/stdin", encoding: options.encoding)
            if file.looksLikeJSON { return JSONLinesSource(file: file, map: map, language: options.language) }
            return TableSource(reader: CSVReader(file: file), map: map, language: options.language,
                               note: encodingNote(path, file.encoding, options.language))
        }
        switch InputFiles.kind(path) {
        case .csv?:
            let file = try ChunkedFile(path: path, encoding: options.encoding)
            return TableSource(reader: CSVReader(file: file), map: map, language: options.language,
                               note: encodingNote(path, file.encoding, options.language))
        case .xlsx?:
            return TableSource(reader: try XLSXReader(path: path, sheet: options.sheet), map: map, language: options.language)
        case .jsonLines?: return try JSONLinesSource(path: path, map: map, language: options.language, encoding: options.encoding)
        case .answers?: return AnswersFileSource(path: path, program: program, language: options.language)
        case nil: throw BatchError.unsupported(path)
        }
    }
}
