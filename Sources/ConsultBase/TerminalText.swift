/// Text on its way to a terminal, made harmless: control characters a merchant name or a cell
/// could carry (`\e]0;…\a` retitles the terminal, `\e[2J` clears it, a raw CR overwrites the
/// line, C1 `0x9B` starts a sequence) are shown visibly in caret notation (`^[`, `^G`, `^M`,
/// `<9B>`) instead of being obeyed. Line breaks and tabs stay; so do consult's own colours
/// (SGR sequences `ESC [ digits ; m`), which `keepColour` allows. One layer for every output
/// meant for a person: the shell's console, the executable's `print`, error messages.
public enum TerminalText {
    public static func safe(_ text: String, keepColour: Bool = true) -> String {
        // Fast path: nothing to do for ordinary text.
        if !text.unicodeScalars.contains(where: isControl) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", keepColour, let end = sgrEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            if isControl(s) {
                out.append(contentsOf: visible(s).unicodeScalars)
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// C0 controls but line feed and tab, DEL, and the C1 range.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
    }

    /// `ESC [ (digits | ;)* m`: a colour, and nothing else a sequence could do.
    static func sgrEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var j = start + 2
        while j < scalars.count, scalars[j] == ";" || ("0"..."9").contains(scalars[j]) { j += 1 }
        return j < scalars.count && scalars[j] == "m" ? j : nil
    }

    static func visible(_ s: Unicode.Scalar) -> String {
        if s.value < 0x20 { return "^" + String(Unicode.Scalar(s.value + 0x40)!) }
        if s.value == 0x7F { return "^?" }
        let hex = String(s.value, radix: 16, uppercase: true)
        return "<" + hex + ">"
    }
}
