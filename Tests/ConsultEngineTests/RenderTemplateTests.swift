import ConsultEngine
import ConsultPlaybook
@testable import ConsultRender
import Foundation
import Testing
import TestSupport

/// `--template DIR`: partial overrides, their errors, the example directory and the reference
/// in docs/templates.md, which must name every partial and every field a template can use.
struct RenderTemplateTests {
    let plan = Bundled.plan("examples/bag_stall.yaml", .zh)

    /// Templates that could not finish rendering, or that reach outside their directory, are
    /// refused at load with the file named (they used to crash or run for minutes).
    @Test func recursiveDeepAndEscapingTemplatesAreRefused() throws {
        #expect(throws: TemplateError.recursive(file: "brand.mustache", cycle: ["brand", "brand"])) {
            try TemplateSet(overrides: ["brand": "<b>{{> brand}}</b>"])
        }
        #expect(throws: TemplateError.recursive(file: "brand.mustache", cycle: ["brand", "theme", "brand"])) {
            try TemplateSet(overrides: ["brand": "{{> theme}}", "theme": "x{{> brand}}"])
        }
        let nested = String(repeating: "{{#playbooks}}", count: 7) + "x" + String(repeating: "{{/playbooks}}", count: 7)
        #expect(throws: TemplateError.tooDeep(file: "brand.mustache", depth: 7, limit: 6)) {
            try TemplateSet(overrides: ["brand": nested])
        }
        let dir = Repo.temporaryDirectory("consult-template-link")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("brand.mustache").path, withDestinationPath: "/etc/passwd")
        #expect {
            try TemplateSet.load(directory: dir.path)
        } throws: { error in
            "\(error)".contains("leads out of the template directory")
        }
        // The built-in look passes its own checks.
        _ = try TemplateSet(overrides: [:])
    }

    @Test func overridingOnePartialKeepsTheRest() throws {
        let brand = try TemplateSet(overrides: ["brand": "<b class=\"mine\">{{merchant}} · 某某服务商</b>"])
        let html = HTMLRenderer.render(plan, template: brand)
        #expect(html.contains("<b class=\"mine\">白沟箱包档口 · 某某服务商</b>"))
        #expect(html.contains(Labels.text(.topFindings, .zh)))
        #expect(html.contains("@media print"))
    }

    /// Issue 15 §4: a source without a short title (a URL) was shown under the document's own
    /// title ("直播电商诊断方案 · https://…"): Mustache found `title` in the enclosing context.
    @Test func aSourceWithoutATitleDoesNotBorrowTheDocumentsTitle() throws {
        let consultant = Bundled.plan("examples/midtier_after_sales.yaml", .zh).forEdition(.consultant)
        let html = HTMLRenderer.render(consultant, template: .standard)
        let sources = try #require(html.range(of: "<table class=\"sources\"").map { String(html[$0.lowerBound...].prefix(20_000)) })
        #expect(sources.contains("<a href=\"https://"), "the example cites a URL")
        #expect(!sources.contains(Labels.text(.planTitle, .zh)), "a source is labelled with the document's title")
        let markdown = MarkdownRenderer.render(consultant)
        #expect(!markdown.contains("| · https://") && !markdown.contains(Labels.text(.planTitle, .zh) + " · https://"))
    }

    @Test func overridesAreEscapedToo() throws {
        let set = try TemplateSet(overrides: ["plan": "{{merchant}}|{{#topFindings}}{{title}};{{/topFindings}}"])
        var hostile = plan
        hostile.merchant.name = "<i>x</i>"
        #expect(HTMLRenderer.render(hostile, template: set).hasPrefix("&lt;i&gt;x&lt;/i&gt;|"))
    }

    @Test func syntaxErrorNamesFileLineAndColumn() throws {
        let error = #expect(throws: TemplateError.self) {
            try TemplateSet(overrides: ["summary": "<h1>\n{{#topFindings}}{{title}}\n"], directory: "brand")
        }
        let message = try #require(error).description
        #expect(message.hasPrefix("brand/summary.mustache:"), "\(message)")
        #expect(message.contains("error: Mustache syntax"), "\(message)")
    }

    @Test func loadRejectsWhatIsNotATemplateDirectory() throws {
        #expect(throws: TemplateError.notADirectory("/nonexistent")) { try TemplateSet.load(directory: "/nonexistent") }
        let empty = Repo.temporaryDirectory("consult-template")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: TemplateError.empty(empty.path)) { try TemplateSet.load(directory: empty.path) }
        #expect(TemplateError.empty("x").description.contains("brand.mustache"))
    }

    @Test func exampleTemplateDirectoryRenders() throws {
        let set = try TemplateSet.load(directory: Repo.path("docs/template-example"))
        let html = HTMLRenderer.render(plan, template: set)
        #expect(html.contains("class=\"brand-logo\""))
        #expect(html.contains("白沟箱包档口"))
        #expect(HTMLChecks.problems(html).isEmpty, "\(HTMLChecks.problems(html))")
    }

    @Test func referenceNamesEveryPartialAndField() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/templates.md"), encoding: .utf8)
        for partial in TemplateSet.builtIn.map(\.name) { #expect(doc.contains("`\(partial).mustache`"), "partial \(partial)") }
        for field in Self.fieldNames(TemplateModel(Bundled.plan("examples/every_playbook.yaml", .zh))) {
            #expect(doc.contains("`\(field)`"), "field \(field) is not in docs/templates.md")
        }
        for key in Labels.Key.allCases { #expect(doc.contains("`\(key.rawValue)`"), "label \(key.rawValue)") }
    }

    /// Every stored property name reachable from the model, through arrays and optionals.
    static func fieldNames(_ value: Any) -> Set<String> {
        var names = Set<String>()
        var queue: [Any] = [value]
        while let next = queue.popLast() {
            let mirror = Mirror(reflecting: next)
            switch mirror.displayStyle {
            case .struct:
                for child in mirror.children {
                    if let label = child.label { names.insert(label) }
                    queue.append(child.value)
                }
            case .collection, .optional: queue += mirror.children.map(\.value)
            default: break
            }
        }
        return names
    }
}
