import Foundation
import Testing
import TestSupport

/// `consult run --format html|md|json --output --template` as a user runs it: exit status,
/// stdout, stderr and the files left behind.
struct RenderCLITests {
    @Test(arguments: ["md", "html", "json", "text"])
    func outputFileIsWrittenWhole(_ format: String) throws {
        let dir = Repo.temporaryDirectory("consult-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("plan.\(format)").path
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", format, "--lang", "zh", "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
        let stdout = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", format, "--lang", "zh"]).stdout
        #expect(try String(contentsOfFile: output, encoding: .utf8) == stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.\(format)"], "a temporary file was left")
    }

    @Test func templateDirectoryBrandsTheHTML() throws {
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", "html", "--template", "docs/template-example"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("class=\"brand-logo\""))
    }

    @Test(arguments: [
        (["--format", "md", "--template", "docs/template-example"], Int32(2), "--template applies to --format html or pdf"),
        (["--format", "html", "--template", "/nonexistent"], 1, "'/nonexistent' is not a directory"),
        (["--format", "docx"], 2, "html"),
    ])
    func badOptionsAreExplained(_ options: [String], _ status: Int32, _ message: String) throws {
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml"] + options)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aTemplateSyntaxErrorNamesTheFile() throws {
        let dir = Repo.temporaryDirectory("consult-template")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("<p>{{#topFindings}}</p>\n".utf8).write(to: dir.appendingPathComponent("brand.mustache"))
        let run = try consult(["run", "--answers", "examples/bag_stall.yaml", "--format", "html", "--template", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(dir.path)/brand.mustache:"), "\(run.stderr)")
        #expect(run.stderr.contains("error: Mustache syntax"), "\(run.stderr)")
    }
}
