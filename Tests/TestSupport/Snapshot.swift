import Foundation
import Testing

/// Golden-file testing: compares `actual` with the file at `golden` (a path from the repository
/// root). With `CONSULT_RECORD=1`, or when the golden file does not exist yet, it writes `actual`
/// there and still fails, so that a person reads the new golden file before it is trusted.
public func assertSnapshot(_ actual: String, golden: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = Repo.root.appendingPathComponent(golden)
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if ProcessInfo.processInfo.environment["CONSULT_RECORD"] == "1" || expected == nil {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(golden); read it, then run again without CONSULT_RECORD", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(golden): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected, expected != actual else { return }
    Issue.record(Comment(rawValue: firstDifference(expected, actual, golden)), sourceLocation: sourceLocation)
}

/// The first line that differs, both ways, so a failure says what changed without a diff tool.
func firstDifference(_ expected: String, _ actual: String, _ golden: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(e, a).enumerated().first { $1.0 != $1.1 }?.offset ?? min(e.count, a.count)
    let want = line < e.count ? String(e[line]) : "<end of file>"
    let got = line < a.count ? String(a[line]) : "<end of file>"
    return """
        \(golden) differs at line \(line + 1) (re-record with CONSULT_RECORD=1 if the change is intended)
          expected: \(want)
          actual:   \(got)
        """
}
