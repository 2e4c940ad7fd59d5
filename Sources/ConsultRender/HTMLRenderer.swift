import ConsultEngine
import ConsultPlaybook

/// The plan as one standalone HTML document: inline CSS, no scripts, no network fetches, a print
/// style sheet for A4. Drawn by Mustache from `TemplateModel`, with the built-in templates or
/// those of a `--template DIR`; Mustache HTML-escapes every value, so a merchant named
/// `<script>` stays text.
public enum HTMLRenderer {
    public static func render(_ plan: Plan, template: TemplateSet = .standard) -> String {
        template.render(TemplateModel(plan).withCharts(plan))
    }

    /// The built-in style sheet (charts included), for other documents in the same look (the
    /// portfolio dashboard).
    public static var styleSheet: String { TemplateStyle.style }
}

/// Escapes text for a double-quoted CSS string inside `<style>`. Entities mean nothing in a
/// style element, so HTML escaping cannot help there: every ASCII character but letters,
/// digits and space becomes a CSS hex escape, which leaves nothing HTML or CSS would act on.
enum CSSString {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let plain = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x20
            if plain || (v > 0x7F && v != 0x2028 && v != 0x2029) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(v, radix: 16) + " "
            }
        }
        return out
    }
}
