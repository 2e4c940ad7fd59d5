import ConsultEngine
import ConsultPlaybook
import Foundation
import Testing
import TestSupport

/// `consult run --format pdf` end to end: headless Chromium prints the HTML plan and pdftotext
/// reads it back. These tests install nothing and never skip: on a machine without the tools
/// they fail and name the Debian packages (chromium fonts-noto-cjk poppler-utils).
@Suite(.serialized)
struct RenderPDFTests {
    static let packages = "chromium fonts-noto-cjk poppler-utils"

    /// Prints an example and returns the text of its pages (all, and page 1 alone).
    func printed(_ example: String, _ language: Language) throws -> (all: String, page1: String)? {
        for tool in ["chromium", "pdftotext"] where Tools.find(tool) == nil {
            Issue.record("\(tool) is not installed; CI must install: apt-get install \(Self.packages)")
            return nil
        }
        let dir = Repo.temporaryDirectory("consult-pdf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("plan.pdf").path
        let run = try consult(["run", "--answers", "examples/\(example).yaml", "--format", "pdf", "--lang", language.rawValue,
                               "--output", pdf])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: pdf))
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        return (try Tools.run("pdftotext", [pdf, "-"]), try Tools.run("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]))
    }

    @Test func chineseNameAndTopFindingArePrinted() throws {
        guard let text = try printed("every_playbook", .zh) else { return }
        let plan = Bundled.plan("examples/every_playbook.yaml", .zh)
        let top = try #require(plan.topFindings.first.flatMap(plan.finding))
        #expect(Tools.squeezed(text.all).contains("小羋童装"))
        #expect(Tools.squeezed(text.page1).contains(Tools.squeezed(top.title)), "top finding '\(top.title)' not on page 1")
    }

    /// domain-brief §4.5: page 1 fits one printed page, down to the signature line at its end.
    @Test(arguments: [("every_playbook", Language.zh), ("every_playbook", .en), ("bag_stall", .en)])
    func summaryFitsPageOne(_ example: String, _ language: Language) throws {
        guard let text = try printed(example, language) else { return }
        let lastLine = language == .zh ? "顾问（签字/日期）" : "Consultant (signature / date)"
        #expect(Tools.squeezed(text.page1).contains(Tools.squeezed(lastLine)), "page 1 overflows")
    }

    @Test func missingChromiumIsAClearError() throws {
        let dir = Repo.temporaryDirectory("consult-pdf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("plan.pdf").path
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", "pdf", "--output", output],
                              environment: ["PATH": "/nonexistent", "CONSULT_CHROMIUM": ""])
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(run.stderr.contains("sudo apt-get install chromium fonts-noto-cjk"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func brokenChromiumPathIsAClearError() throws {
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", "pdf"],
                              environment: ["CONSULT_CHROMIUM": "/nonexistent/chromium"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("CONSULT_CHROMIUM='/nonexistent/chromium' is not an executable"), "\(run.stderr)")
    }
}

/// External programs the PDF tests read with.
enum Tools {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(find(tool)))
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Text without whitespace: pdftotext breaks lines and spaces CJK where the layout did.
    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}
