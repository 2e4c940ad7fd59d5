import ConsultBase
import Foundation
import Mustache

/// The Mustache templates a plan document is drawn with: the built-in partials, each of which a
/// template directory may replace by name (`brand.mustache` replaces `{{> brand}}`). Overriding
/// one partial keeps the rest, so a brand changes its mark and colours without copying the
/// whole document. Templates are logic-less: they place the formatted values of
/// `TemplateModel` and cannot change what the plan says.
public struct TemplateSet: Sendable {
    /// The partial every document starts from.
    public static let root = "plan"

    /// Built-in partials by name, in the order docs/templates.md lists them.
    public static let builtIn: [(name: String, text: String)] = [
        ("plan", TemplateDocument.plan),
        ("style", TemplateStyle.style),
        ("theme", TemplateDocument.theme),
        ("brand", TemplateDocument.brand),
        ("summary", TemplateSummary.summary),
        ("details", TemplateDetails.details),
        ("appendix", TemplateDetails.appendix),
        ("evidence", TemplateDetails.evidence),
    ]

    /// The built-in look.
    public static let standard: TemplateSet = {
        do { return try TemplateSet(overrides: [:]) } catch { fatalError("built-in templates do not parse: \(error)") }
    }()

    let library: MustacheLibrary

    /// The built-in partials with `overrides` (name -> Mustache text) put in their place or added.
    /// Throws `TemplateError` naming the file (in `directory`, if given), line and column of a
    /// syntax error.
    public init(overrides: [String: String], directory: String? = nil) throws {
        var library = MustacheLibrary()
        let names = Self.builtIn.map(\.name) + overrides.keys.sorted().filter { name in !Self.builtIn.contains { $0.name == name } }
        let texts = Dictionary(uniqueKeysWithValues: names.map { name in (name, overrides[name] ?? Self.builtIn.first { $0.name == name }!.text) })
        func file(_ name: String) -> String { (directory.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + name + ".mustache" }
        // Rendering would never end (or take minutes): refused at load, naming the file.
        if let cycle = Self.partialCycle(texts) { throw TemplateError.recursive(file: file(cycle[0]), cycle: cycle) }
        for name in names {
            let depth = Self.sectionDepth(texts[name]!)
            if depth > Self.maximumDepth { throw TemplateError.tooDeep(file: file(name), depth: depth, limit: Self.maximumDepth) }
        }
        for name in names {
            let text = overrides[name] ?? Self.builtIn.first { $0.name == name }!.text
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let file = (directory.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + name + ".mustache"
                throw TemplateError.syntax(file: file, line: error.context.lineNumber,
                                           column: error.context.columnNumber, detail: "\(error.error)")
            }
        }
        self.library = library
    }

    /// Sections nested deeper than this are refused: the plan's model is a few levels deep, and
    /// seven nested loops over the same list multiply into hours of rendering.
    static let maximumDepth = 6

    /// Partials that include themselves, directly or through others: the first cycle, as names.
    static func partialCycle(_ texts: [String: String]) -> [String]? {
        var edges: [String: [String]] = [:]
        for (name, text) in texts { edges[name] = partials(in: text).filter { texts[$0] != nil } }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            state[name] = 1
            path.append(name)
            for next in edges[name] ?? [] {
                if state[next] == 1 { return Array(path[path.firstIndex(of: next)!...]) + [next] }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[name] = 2
            return nil
        }
        for name in texts.keys.sorted() where state[name] == nil {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }

    /// The names after `{{>` in a template.
    static func partials(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{>") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            names.append(rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// How deep `{{#…}}` / `{{^…}}` sections nest.
    static func sectionDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            switch rest.first {
            case "#", "^": depth += 1; deepest = max(deepest, depth)
            case "/": depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// Renders the root partial for a model.
    func render(_ model: Any) -> String {
        library.render(model, withTemplate: Self.root) ?? ""
    }
}

/// A template that cannot be used, said so that the user can fix the file.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    case syntax(file: String, line: Int, column: Int, detail: String)
    case notADirectory(String)
    case unreadable(String)
    case empty(String)
    case outside(String, String)
    case recursive(file: String, cycle: [String])
    case tooDeep(file: String, depth: Int, limit: Int)

    public var description: String { message(.en) }

    /// swift-mustache's parser errors (`MustacheTemplate.Error` cases) in words.
    static let syntaxWords: [String: Text] = [
        "expectedSectionEnd": Text(zh: "有一个 {{#…}} 或 {{^…}} 区块到文件结尾也没有 {{/…}} 结束",
                                   en: "a {{#…}} or {{^…}} section is never closed with {{/…}} before the end of the file"),
        "sectionCloseNameIncorrect": Text(zh: "{{/…}} 的名字和它要结束的区块不一样", en: "the {{/…}} name does not match the section it closes"),
        "unfinishedName": Text(zh: "标签没有写完（少了 }}）", en: "a tag is not finished (no closing }})"),
        "invalidSetDelimiter": Text(zh: "改分隔符的标签 {{=… …=}} 写得不对", en: "a set-delimiter tag {{=… …=}} is malformed"),
        "invalidConfigVariableSyntax": Text(zh: "{{% … }} 配置标签写得不对", en: "a {{% … }} configuration tag is malformed"),
        "unrecognisedConfigVariable": Text(zh: "不认识的 {{% … }} 配置", en: "an unknown {{% … }} configuration"),
    ]

    /// In the user's language; located problems keep the compiler's `file:line:col: error:` form.
    public func message(_ language: Language) -> String {
        let zh = language == .zh
        let error = zh ? "错误：" : "error: "
        switch self {
        case .syntax(let file, let line, let column, let detail):
            let words = Self.syntaxWords[detail] ?? .same(detail)
            return "\(file):\(line):\(column): error: " + (zh ? "Mustache 语法错误：\(words.zh)" : "Mustache syntax: \(words.en)")
        case .notADirectory(let path):
            return error + (zh ? "--template：“\(path)”不是目录；请给出放着 *.mustache 片段的目录（见 docs/templates.md）"
                               : "--template: '\(path)' is not a directory; pass a directory of *.mustache partials (see docs/templates.md)")
        case .unreadable(let path):
            return error + (zh ? "--template：无法把“\(path)”读成 UTF-8 文字" : "--template: cannot read '\(path)' as UTF-8 text")
        case .outside(let path, let real):
            return error + (zh ? "--template：“\(path)”指向模板目录之外（“\(real)”）；片段必须是目录里的文件"
                               : "--template: '\(path)' leads out of the template directory (to '\(real)'); a partial must be a file in the directory")
        case .recursive(let file, let cycle):
            let chain = cycle.map { "{{> \($0)}}" }.joined(separator: " → ")
            return "\(file): error: " + (zh ? "片段互相引用，没有尽头：" : "partials include each other without end: ") + chain
        case .tooDeep(let file, let depth, let limit):
            return "\(file): error: " + (zh ? "区块嵌套了 \(depth) 层；最多 \(limit) 层（方案的数据从不更深）"
                                             : "sections nested \(depth) deep; at most \(limit) (a plan's data is never deeper)")
        case .empty(let path):
            let names = TemplateSet.builtIn.map { $0.name + ".mustache" }.joined(separator: ", ")
            return error + (zh ? "--template：“\(path)”里没有 *.mustache 文件；可用的名字：\(names)"
                               : "--template: no *.mustache files in '\(path)'; accepted names: \(names)")
        }
    }
}
