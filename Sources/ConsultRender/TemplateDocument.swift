/// The built-in document skeleton (`plan.mustache`) and the small partials a brand usually
/// overrides (`brand`, `theme`). Kept as Swift literals so the binary needs no resource files.
/// Every `{{value}}` is HTML-escaped by Mustache; no template here uses `{{{…}}}`.
enum TemplateDocument {
    static let plan = """
    <!DOCTYPE html>
    <html lang="{{htmlLang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="consult {{consultVersion}}">
    <title>{{merchant}} · {{title}}</title>
    <style>
    {{> style}}
    @page { @top-left { content: "{{printHeader}}"; } }
    {{> theme}}
    </style>
    </head>
    <body>
    <main class="sheet">
    {{> summary}}
    {{> details}}
    </main>
    </body>
    </html>

    """

    /// The provider's mark at the top of page 1; override with your name or an inline SVG logo.
    static let brand = """
    <span class="brand-name">{{title}}</span>
    """

    /// Extra CSS after the built-in style sheet; empty unless a template directory fills it.
    static let theme = ""
}
