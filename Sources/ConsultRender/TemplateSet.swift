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

    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let detail):
            "\(file):\(line):\(column): error: Mustache syntax (\(detail))"
        case .notADirectory(let path):
            "error: --template: '\(path)' is not a directory; pass a directory of *.mustache partials (see docs/templates.md)"
        case .unreadable(let path):
            "error: --template: cannot read '\(path)' as UTF-8 text"
        case .empty(let path):
            "error: --template: no *.mustache files in '\(path)'; accepted names: "
                + TemplateSet.builtIn.map { $0.name + ".mustache" }.joined(separator: ", ")
        }
    }
}
