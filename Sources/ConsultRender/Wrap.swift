import ConsultDiagnostics

/// Wrapping by display columns, so that mixed Chinese and English text fits 80 columns: a Chinese
/// character is two columns and may break anywhere; Latin words break at spaces.
public enum Wrap {
    /// `text` broken into lines of at most `width` columns; every line starts with `indent`, and
    /// continuation lines with `hanging` (defaults to `indent`).
    public static func lines(_ text: String, width: Int, indent: String = "", hanging: String? = nil) -> [String] {
        let hanging = hanging ?? indent
        if text.contains("\n") {
            let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return paragraphs.enumerated().flatMap { i, p in
                lines(p, width: width, indent: i == 0 ? indent : hanging, hanging: hanging)
            }
        }
        var result: [String] = []
        var line: [String] = []
        var used = Self.width(of: indent)
        for token in tokens(text) {
            let w = Self.width(of: token)
            if used + w > width, line.contains(where: { $0 != " " }) {
                // Chinese punctuation never starts a line: the character before it moves down too.
                var carried: [String] = []
                if noLineStart.contains(token), line.count > 1, let last = line.last, last != " " {
                    carried = [line.removeLast()]
                }
                while line.count > 1, let last = line.last, noLineEnd.contains(last) {
                    carried.insert(line.removeLast(), at: 0)
                }
                result.append(trimEnd((result.isEmpty ? indent : hanging) + line.joined()))
                line = carried
                used = Self.width(of: hanging) + carried.reduce(0) { $0 + Self.width(of: $1) }
                if token == " " { continue }
            }
            line.append(token)
            used += w
        }
        if line.contains(where: { $0 != " " }) || result.isEmpty {
            result.append(trimEnd((result.isEmpty ? indent : hanging) + line.joined()))
        }
        return result
    }

    /// Opening brackets and quotes, which never end a line.
    static let noLineEnd: Set<String> = ["（", "(", "“", "「", "『", "["]

    /// Punctuation that Chinese typesetting keeps off the start of a line.
    static let noLineStart: Set<String> = ["、", "，", "。", "：", "；", "）", "」", "』", "！", "？", "”", "%", ")", ",", ".", ":", ";", "?", "!"]

    /// Items joined by `separator`, breaking lines only between items (a choice's label and id
    /// stay together); an item wider than a line is wrapped on its own.
    public static func items(_ items: [String], separator: String = " · ", width: Int, indent: String = "  ") -> [String] {
        var result: [String] = []
        var current = ""
        for item in items {
            let candidate = current.isEmpty ? indent + item : current + separator + item
            if Self.width(of: candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                result.append(current)
                current = indent + item
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.flatMap { Self.width(of: $0) > width ? lines($0, width: width, indent: "", hanging: indent) : [$0] }
    }

    /// A rendered document (a plan) fitted to `width`: each long line is wrapped under its own
    /// indentation, two columns deeper, so lists stay readable.
    public static func document(_ text: String, width: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let line = String(line)
            guard Self.width(of: line) > width else { return [line] }
            let indent = String(repeating: " ", count: line.prefix { $0 == " " }.count + 2)
            return self.lines(line, width: width, indent: "", hanging: indent)
        }
        return lines.joined(separator: "\n")
    }

    /// Display columns, not counting ANSI colour sequences.
    public static func width(of text: String) -> Int {
        var total = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" { inEscape = true; continue }
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            total += DisplayWidth.of(scalar)
        }
        return total
    }

    /// Breakable units: a run of Latin letters/digits, a single wide character, a single space.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in text {
            let wide = ch.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false
            if ch == " " || wide {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(String(ch))
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    /// Cuts `text` to at most `width` columns, ending in "…" when it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard Self.width(of: text) > width else { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(String(ch))
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    static func trimEnd(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
