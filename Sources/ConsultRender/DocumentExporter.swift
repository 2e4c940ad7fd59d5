import ConsultEngine
import Foundation

/// The document formats a plan can be exported to.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, md, html, pdf, json
    /// A long image (长图) of the phone-width page, 750 px wide: what WeChat previews and forwards.
    case png

    public var fileExtension: String { self == .text ? "txt" : rawValue }

    /// The format a file name asks for by its extension (`plan.pdf`, `plan.markdown`); nil when it
    /// names none, so `--output plan.pdf` writes a PDF unless `--format` says otherwise.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .md
        case "html", "htm": self = .html
        case "pdf": self = .pdf
        case "json": self = .json
        case "png": self = .png
        default: return nil
        }
    }

    /// Bytes that make no sense on a terminal.
    public var isBinary: Bool { self == .pdf || self == .png }
    /// Whether `--template DIR` means anything for this format.
    public var usesTemplate: Bool { self == .html || self == .pdf || self == .png }
    /// Made by a browser from the HTML (`DocumentPrinter`).
    public var needsPrinter: Bool { self == .pdf || self == .png }
}

/// Turns a finished HTML document into PDF or image bytes. The render module only declares it:
/// printing needs a browser process, which the executable owns (headless Chromium) and passes in.
public protocol DocumentPrinter: Sendable {
    func pdf(html: String) throws -> Data
    /// The whole page at phone width as one PNG, 750 px wide (a WeChat 长图).
    func longImage(html: String) throws -> Data
}

/// The one entry point for exporting a plan in any format, shared by `consult run` and the
/// shell's `.export`, so both produce the same bytes for the same plan.
public enum DocumentExporter {
    /// The document's bytes. `template` is used by html, pdf and png (nil: the built-in look, parsed
    /// only when a format needs it, so text, Markdown and JSON start without it); `printer` is
    /// required for pdf and png.
    public static func render(_ plan: Plan, format: DocumentFormat, template: TemplateSet? = nil,
                              printer: (any DocumentPrinter)? = nil, color: Bool = false) throws -> Data {
        switch format {
        case .pdf, .png:
            guard let printer else { throw ExportError.noPrinter }
            let html = HTMLRenderer.render(plan, template: template ?? .standard)
            return try format == .pdf ? printer.pdf(html: html) : printer.longImage(html: html)
        case .text, .md, .html, .json:
            return Data(text(plan, format: format, template: template, color: color)!.utf8)
        }
    }

    /// The document as text; nil for pdf and png, which are not text.
    public static func text(_ plan: Plan, format: DocumentFormat, template: TemplateSet? = nil,
                            color: Bool = false) -> String? {
        switch format {
        case .text: TextRenderer(color: color).render(plan)
        case .md: MarkdownRenderer.render(plan)
        case .html: HTMLRenderer.render(plan, template: template ?? .standard)
        case .json: JSONRenderer.render(plan)
        case .pdf, .png: nil
        }
    }

    /// `plan_<merchant>_<yyyymmdd>.<ext>` (domain-brief §4.6). Chinese names stay readable; anything
    /// a file system or a shell could stumble on becomes `-`. No date part without a plan date.
    public static func suggestedFileName(_ plan: Plan, format: DocumentFormat) -> String {
        var slug = ""
        for character in plan.merchant.name {
            let safe = character.isLetter || character.isNumber
            if safe { slug.append(character) } else if !slug.isEmpty, slug.last != "-" { slug.append("-") }
        }
        // File systems allow 255 bytes a name: a long name (80 Chinese characters are 240 bytes)
        // is cut to 40 characters, which still tells merchants apart.
        if slug.count > 40 { slug = String(slug.prefix(40)) }
        while slug.last == "-" { slug.removeLast() }
        if slug.isEmpty { slug = "merchant" }
        let date = plan.merchant.date.map { $0.filter(\.isNumber) }.flatMap { $0.count == 8 ? "_" + $0 : nil } ?? ""
        return "plan_\(slug)\(date).\(format.fileExtension)"
    }
}

public enum ExportError: Error, CustomStringConvertible {
    case noPrinter

    public var description: String {
        switch self {
        case .noPrinter: "error: PDF and PNG export need a printer (headless Chromium); none was configured"
        }
    }
}
