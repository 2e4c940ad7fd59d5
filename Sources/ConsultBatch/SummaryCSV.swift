import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import Foundation

/// `summary.csv`: one line per merchant, handed to the kernel as each one completes (in input
/// order), so a run that is killed keeps a line for every merchant planned before it. UTF-8 with
/// a byte-order mark, which Excel needs to read Chinese correctly.
final class SummaryCSV {
    private let file: GrowingFile
    private let language: Language
    private let positionFacts: [String]
    /// The first write that failed (a full disk): later lines are not tried, `close` reports it.
    private var failure: AtomicFile.Failure?

    init(path: String, program: Program, language: Language, positionLabel: (String) -> String) throws {
        do { file = try GrowingFile(creating: path) } catch { throw BatchError.unwritable(path, error.reason) }
        self.language = language
        self.positionFacts = program.position
        let t = { (k: SummaryWords.Key) in SummaryWords.text(k, language) }
        let zh = language == .zh
        var header = ["#", t(.source), t(.row), t(.merchant), t(.consultant), t(.gmvColumn), t(.status), t(.severity)]
        header += Severity.allCases.map { Labels.severity($0, language) }
        header += [t(.findings)] + positionFacts.map(positionLabel)
        header += [zh ? "首要问题编号" : "Top problem code", t(.topProblem), zh ? "第一步负责人" : "First action owner",
                   t(.firstAction), t(.plan), t(.errors)]
        write("\u{FEFF}" + Self.line(header))
    }

    func append(_ m: MerchantOutcome) {
        // GMV as a plain number, so a spreadsheet can sort and sum it.
        var fields = [String(m.seq), m.source, String(m.row), m.name, m.consultant, m.gmv.map { ValueFormatter.plain($0.rounded(places: 0)) } ?? ""]
        if m.failed {
            fields += [SummaryWords.text(.error, language), ""] + Severity.allCases.map { _ in "" } + [""]
            fields += positionFacts.map { _ in "" } + ["", "", "", "", ""]
            fields.append(m.errors.map { $0.message(language) }.joined(separator: "\n"))
        } else {
            fields += [SummaryWords.text(.ok, language), m.severity.map { Labels.severity($0, language) } ?? ""]
            fields += Severity.allCases.map { String(m.count($0)) } + [String(m.problems.count)]
            let position = Dictionary(m.position.map { ($0.fact, $0.display) }, uniquingKeysWith: { a, _ in a })
            fields += positionFacts.map { position[$0] ?? "" }
            fields += [m.topProblem?.code ?? "", m.topProblem?.title ?? "",
                       m.firstAction.map { Labels.owner($0.owner, language) } ?? "", m.firstAction?.text ?? "",
                       m.planFile ?? "", ""]
        }
        write(Self.line(fields))
    }

    private func write(_ text: String) {
        guard failure == nil else { return }
        do { try file.append(text) } catch { failure = error }
    }

    func close() throws(BatchError) {
        do { try file.close() } catch { failure = failure ?? error }
        if let failure { throw BatchError.unwritable(failure.path, failure.reason) }
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. A text that
    /// a spreadsheet would take for a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, a tab or CR first)
    /// gets a leading `'`, which Excel and WPS show as text; numbers stay numbers.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            var f = field
            if let first = f.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Number(f) == nil { f = "'" + f }
            return f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacing("\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\r\n"
    }
}
