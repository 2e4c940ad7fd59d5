import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import Foundation
import TestSupport
import Testing

/// A merchant's document is in the merchant's language: a Chinese plan holds no English sentence
/// and no fact id or rule code; an English plan no Chinese sentence outside names. Checked over
/// every example merchant, in every text format, as the merchant edition renders it.
struct DocumentLanguageTests {
    static let examples: [String] = {
        let dir = Repo.path("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "examples/" + $0 }
    }()

    /// What a document shows a reader: HTML without its tags, styles and attributes.
    static func visible(_ document: String) -> String {
        var text = document
        for pattern in ["<style>[\\s\\S]*?</style>", "<[^>]+>", "&[a-z]+;"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    /// Words an English reader and a Chinese reader both use: tool and metric abbreviations.
    static let shared: Set<String> = ["ROI", "GMV", "GPM", "UV", "SKU", "SKUs", "DOU", "PPT", "KPI", "AOV", "CNY", "DSR", "3C", "consult"]

    static func englishRuns(_ text: String) -> [String] {
        var runs: [String] = []
        // Consecutive Latin words within one stretch of the text; three or more make a sentence.
        for token in text.split(whereSeparator: { !$0.isASCII || $0.isNewline || "，。：；、（）|".contains($0) }) {
            let latin = token.split(separator: " ").filter { w in w.allSatisfy { $0.isLetter } && w.count > 1 && !shared.contains(String(w)) }
            if latin.count >= 3 { runs.append(String(token)) }
        }
        return runs
    }

    static func chineseRuns(_ text: String, names: [String]) -> [String] {
        var cleaned = text
        for name in names where !name.isEmpty { cleaned = cleaned.replacingOccurrences(of: name, with: " ") }
        // A gloss in parentheses (罗盘) names the platform's own term; a sentence is four or more
        // Chinese characters outside one.
        cleaned = cleaned.replacingOccurrences(of: "\\([^)]*\\)", with: " ", options: .regularExpression)
        let pattern = try! NSRegularExpression(pattern: "[\\u4e00-\\u9fff]{4,}")
        let range = NSRange(cleaned.startIndex..., in: cleaned)
        return pattern.matches(in: cleaned, range: range).compactMap { Range($0.range, in: cleaned).map { String(cleaned[$0]) } }
    }

    @Test(arguments: examples)
    func chineseDocumentsAreChinese(_ file: String) {
        let plan = Bundled.plan(file, .zh)
        let facts = Set(Bundled.program.questions.map(\.id) + Bundled.program.derived.map(\.id))
        for (format, doc) in [("text", TextRenderer().render(plan)), ("md", MarkdownRenderer.render(plan)), ("html", Self.visible(HTMLRenderer.render(plan)))] {
            let english = Self.englishRuns(doc)
            #expect(english.isEmpty, "\(file) zh \(format): English in a Chinese plan: \(english.prefix(3))")
            let words = doc.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }.map(String.init)
            let ids = Set(words.filter { $0.contains("_") && facts.contains($0) })
            #expect(ids.isEmpty, "\(file) zh \(format): fact ids \(ids.sorted())")
            let codes = doc.matches(of: /\b[A-Z]{2}-\d{2}\b/).map { String($0.output) }
            #expect(codes.isEmpty, "\(file) zh \(format): rule codes \(codes.prefix(3))")
        }
    }

    @Test(arguments: examples)
    func englishDocumentsAreEnglish(_ file: String) {
        let plan = Bundled.plan(file, .en)
        let names = [plan.merchant.name, plan.merchant.consultant ?? ""] + plan.header.map(\.display)
        for (format, doc) in [("text", TextRenderer().render(plan)), ("md", MarkdownRenderer.render(plan)), ("html", Self.visible(HTMLRenderer.render(plan)))] {
            let chinese = Self.chineseRuns(doc, names: names)
            #expect(chinese.isEmpty, "\(file) en \(format): Chinese in an English plan: \(chinese.prefix(5))")
        }
    }
}
