import ConsultExpression
import ConsultPlaybook
import Foundation
import TestSupport
import Testing

/// The docs' examples are run, so they cannot drift from what consult does.
struct DocumentationTests {
    static func doc(_ name: String) throws -> String {
        try String(contentsOfFile: Repo.path("docs/\(name)"), encoding: .utf8)
    }

    static func program() throws -> Program {
        let dir = Repo.path("playbooks")
        let sources = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.map {
            PlaybookSource(name: $0, text: try String(contentsOfFile: dir + "/" + $0, encoding: .utf8))
        }
        return try #require(PlaybookLoader.load(sources).program)
    }

    /// Rows of the markdown tables whose first cell is `code`, split into cells.
    static func rows(_ text: String, after heading: String, until end: String? = nil) -> [[String]] {
        guard let start = text.range(of: heading) else { return [] }
        var body = text[start.upperBound...]
        if let end, let stop = body.range(of: end) { body = body[..<stop.lowerBound] }
        return body.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            line.dropFirst(1).dropLast(1).components(separatedBy: "|").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
        }
    }

    @Test func expressionExamplesEvaluateAsDocumented() throws {
        let program = try Self.program()
        let rows = Self.rows(try Self.doc("expression-language.md"), after: "## Examples", until: "do not load")
        #expect(rows.count >= 15)
        for row in rows {
            var facts: [String: Value] = [:]
            for pair in row[1].components(separatedBy: ", ") where !pair.isEmpty {
                let parts = pair.components(separatedBy: ": ")
                let fact = try #require(program.question(parts[0])?.fact, "\(parts[0])")
                facts[parts[0]] = try AnswerParser.parse(parts[1], for: fact).get()
            }
            let expression = try Expression.compile(row[0], schema: program.schema).get()
            #expect(expression.evaluate { facts[$0] ?? .unknown }.description == row[2], "\(row[0])")
        }
    }

    @Test func expressionErrorsReadAsDocumented() throws {
        let program = try Self.program()
        let rows = Self.rows(try Self.doc("expression-language.md"), after: "do not load")
        #expect(rows.count >= 5)
        for row in rows {
            guard case .failure(let errors) = Expression.compile(row[0], schema: program.schema) else {
                Issue.record("\(row[0]) compiled")
                continue
            }
            #expect(errors.contains { $0.message.contains(row[1]) }, "\(row[0]): \(errors.map(\.message))")
        }
    }

    @Test func theAuthoringGuidesRuleLintsTestsAndExplains() throws {
        let guide = try Self.doc("authoring.md")
        let start = try #require(guide.range(of: "```yaml rule\n"))
        let end = try #require(guide[start.upperBound...].range(of: "```"))
        let rule = String(guide[start.upperBound..<end.lowerBound])
        let dir = Repo.temporaryDirectory("consult-authoring")
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.path("playbooks")) {
            var text = try String(contentsOfFile: Repo.path("playbooks/\(name)"), encoding: .utf8)
            if name == "after_sales.yaml" { text += "\n" + rule }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let lint = try consult(["lint", "--strict", dir.path])
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(lint.stdout.contains("103 rules: 0 errors, 0 warnings"))
        let test = try consult(["test", dir.path])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(test.stdout.hasSuffix("580 passed, 0 failed\n"), "\(test.stdout)")
        let explain = try consult(["explain", "SV-13", "--playbooks", dir.path])
        #expect(explain.stdout.contains("SV-13  after_sales.wide_range_no_inspection  [medium]"))
        #expect(explain.stdout.contains("thresholds: sku_count > 200"))
        #expect(guide.contains("103 rules: 0 errors, 0 warnings") && guide.contains("580 passed, 0 failed"))
    }
}
