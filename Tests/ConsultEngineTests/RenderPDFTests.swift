import ConsultEngine
import ConsultPlaybook
import ConsultRender
import Foundation
import Testing
import TestSupport

/// `consult run --format pdf` end to end: headless Chromium prints the HTML plan and pdftotext
/// reads it back. These tests install nothing and never skip: on a machine without the tools
/// they fail and name the Debian packages (chromium fonts-noto-cjk poppler-utils).
@Suite(.serialized)
struct RenderPDFTests {
    static let packages = "chromium fonts-noto-cjk fonts-wqy-microhei fonts-dejavu-core fonts-liberation poppler-utils"

    /// Prints an example and returns the text of its pages (all, and page 1 alone).
    func printed(_ example: String, _ language: Language) throws -> (all: String, page1: String, pages: Int)? {
        for tool in ["chromium", "pdftotext", "pdfinfo"] where Tools.find(tool) == nil {
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
        let info = try Tools.run("pdfinfo", [pdf])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        return (try Tools.run("pdftotext", [pdf, "-"]), try Tools.run("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]), pages ?? 0)
    }

    /// The merchant edition of a typical plan prints on at most four A4 pages, and the printed
    /// words are the document's language (the PDF is checked as the merchant reads it).
    @Test(arguments: ["haoshu_kidswear_818_seven_accounts", "greenhouse_veg_taobao_live", "dapingzi_yalu_kuaishou_big_show",
                      "xuejiejie_used_phones_cold_start", "cold_start_stall"], [Language.zh, .en])
    func merchantPlanFitsFourPages(_ example: String, _ language: Language) throws {
        guard let text = try printed(example, language) else { return }
        #expect((1...4).contains(text.pages), "\(example) \(language.rawValue): \(text.pages) pages")
        let plan = Bundled.plan("examples/\(example).yaml", language)
        if language == .zh {
            let english = DocumentLanguageTests.englishRuns(text.all)
            #expect(english.isEmpty, "\(example) zh pdf: English in a Chinese plan: \(english.prefix(3))")
        } else {
            let names = [plan.merchant.name, plan.merchant.consultant ?? ""] + plan.header.map(\.display)
            // pdftotext breaks a name across lines where the layout did; compare without whitespace.
            let chinese = DocumentLanguageTests.chineseRuns(Tools.squeezed(text.all), names: names.map(Tools.squeezed))
            #expect(chinese.isEmpty, "\(example) en pdf: Chinese in an English plan: \(chinese.prefix(5))")
        }
    }

    /// Issue 15 §3: every example prints with real embedded fonts (subset CID TrueType, never
    /// Type 3 glyph drawings), one family per language, under 400 KB; the report lists pages
    /// and size of each.
    @Test(arguments: [Language.zh, .en])
    func everyExampleEmbedsRealFontsAndStaysSmall(_ language: Language) throws {
        for tool in ["chromium", "pdffonts", "pdfinfo"] where Tools.find(tool) == nil {
            Issue.record("\(tool) is not installed; CI must install: apt-get install \(Self.packages)")
            return
        }
        let dir = Repo.temporaryDirectory("consult-pdf-fonts")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let examples = try FileManager.default.contentsOfDirectory(atPath: Repo.path("examples")).filter { $0.hasSuffix(".yaml") }.sorted()
        var report: [String] = []
        for file in examples {
            let name = String(file.dropLast(5)), pdf = dir.appendingPathComponent(name + ".pdf").path
            let run = try consult(["run", "--answers", "examples/" + file, "--format", "pdf", "--lang", language.rawValue, "--output", pdf])
            guard run.status == 0 else { Issue.record("\(name): \(run.stderr)"); continue }
            let fonts = try Tools.run("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
            let size = (try FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int) ?? 0
            let pages = try Tools.run("pdfinfo", [pdf]).split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "?"
            #expect(!fonts.contains { $0.contains("Type 3") }, "\(name) \(language.rawValue): Type 3 fonts:\n\(fonts.joined(separator: "\n"))")
            #expect(fonts.allSatisfy { $0.contains("CID TrueType") && $0.contains(" yes yes ") }, "\(name): \(fonts.joined(separator: "\n"))")
            #expect(size < 400_000, "\(name) \(language.rawValue): \(size) bytes")
            // The body's family: WenQuanYi Micro Hei for Chinese, Liberation Sans for English (names may add the other).
            let families = Set(fonts.compactMap { $0.split(separator: " ").first?.split(separator: "+").last.map(String.init) })
            #expect(families.contains(language == .zh ? "WenQuanYiMicroHei" : "LiberationSans"), "\(name): \(families)")
            // A split table repeats its header on the next page: the data gaps never are.
            let pageCount = Int(pages) ?? 0
            let header = Labels.text(.toConfirm, language)
            let withGaps = try (1...max(1, pageCount)).filter { page in
                try Tools.run("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"]).split(separator: "\n").contains { $0 == header }
            }
            #expect(withGaps.count <= 1, "\(name) \(language.rawValue): the data-gaps table is split over pages \(withGaps)")
            report.append("\(name) \(language.rawValue): \(pages) pages, \(size / 1024) KB")
        }
        print("PDF report (\(language.rawValue)):\n  " + report.joined(separator: "\n  "))
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
        #expect(run.stderr.contains("sudo apt-get install chromium fonts-wqy-microhei fonts-liberation"), "\(run.stderr)")
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
