/// Prints diagnostics the way compilers do: the one-line message, then the source line with a
/// gutter and a caret under the offending columns. Source text comes in as a value (no file I/O).
public struct DiagnosticRenderer: Sendable {
    /// File name -> full text of that file.
    public var sources: [String: String]
    /// "… and 9800 more" in the reader's language.
    public var more: @Sendable (Int) -> String

    public init(sources: [String: String] = [:], more: @escaping @Sendable (Int) -> String = { "… and \($0) more" }) {
        self.sources = sources
        self.more = more
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var cache: [String: [Substring]] = [:]
        return render(diagnostic, &cache)
    }

    /// Diagnostics in one pass over each file (lines split once, not once per diagnostic), at
    /// most `limit` of them and then how many more: 10,000 errors from one bad file must not take
    /// minutes or bury the first ones.
    public func render(_ diagnostics: [Diagnostic], limit: Int = 200) -> String {
        var cache: [String: [Substring]] = [:]
        var out = diagnostics.prefix(limit).map { render($0, &cache) }
        if diagnostics.count > limit { out.append(more(diagnostics.count - limit)) }
        return out.joined(separator: "\n")
    }

    /// The longest source line or message shown whole; longer ones are cut around the column.
    static let longest = 240

    private func render(_ diagnostic: Diagnostic, _ cache: inout [String: [Substring]]) -> String {
        var out = Self.elided(diagnostic.description)
        if let location = diagnostic.location, let text = sources[location.file] {
            if cache[location.file] == nil {
                cache[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            }
            let lines = cache[location.file]!
            if location.line >= 1, location.line <= lines.count {
                var line = String(lines[location.line - 1])
                var column = location.column
                // A line of a 10 MB value: show the stretch around the column, not all of it.
                if line.unicodeScalars.count > Self.longest {
                    let scalars = Array(line.unicodeScalars)
                    let start = max(0, min(column - 1 - Self.longest / 2, scalars.count - Self.longest))
                    var cut = String.UnicodeScalarView(scalars[start..<min(scalars.count, start + Self.longest)])
                    if start + Self.longest < scalars.count { cut.append(contentsOf: " …".unicodeScalars) }
                    line = (start > 0 ? "… " : "") + String(cut)
                    column = column - start + (start > 0 ? 2 : 0)
                }
                let gutter = String(location.line)
                let pad = String(repeating: " ", count: gutter.count)
                let prefix = line.unicodeScalars.prefix(max(0, column - 1))
                let indent = prefix.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
                let covered = line.unicodeScalars.dropFirst(max(0, column - 1)).prefix(min(diagnostic.length, Self.longest))
                let width = max(1, covered.reduce(0) { $0 + DisplayWidth.of($1) })
                out += "\n\(pad) |\n\(gutter) | \(line)\n\(pad) | \(indent)^\(String(repeating: "~", count: width - 1))"
            }
        }
        for note in diagnostic.notes {
            out += "\n  note: \(Self.elided(note))"
        }
        return out
    }

    /// A message quoting a huge value keeps its start and end.
    static func elided(_ text: String) -> String {
        guard text.count > Self.longest * 2 else { return text }
        return String(text.prefix(Self.longest)) + " … (\(text.count - Self.longest * 2 + Self.longest / 2) characters) … " + String(text.suffix(Self.longest / 2))
    }

}

/// Terminal column width of a character: 2 for East Asian wide/full-width, 0 for combining marks.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    public static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Pads `text` with spaces on the right to `width` display columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
