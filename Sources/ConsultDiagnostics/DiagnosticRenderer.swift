/// Prints diagnostics the way compilers do: the one-line message, then the source line with a
/// gutter and a caret under the offending columns. Source text comes in as a value (no file I/O).
public struct DiagnosticRenderer: Sendable {
    /// File name -> full text of that file.
    public var sources: [String: String]

    public init(sources: [String: String] = [:]) {
        self.sources = sources
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description
        if let location = diagnostic.location, let text = sources[location.file],
           let line = Self.line(location.line, of: text) {
            let gutter = String(location.line)
            let pad = String(repeating: " ", count: gutter.count)
            let prefix = line.unicodeScalars.prefix(max(0, location.column - 1))
            let indent = prefix.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
            let covered = line.unicodeScalars.dropFirst(max(0, location.column - 1)).prefix(diagnostic.length)
            let width = max(1, covered.reduce(0) { $0 + DisplayWidth.of($1) })
            out += "\n\(pad) |\n\(gutter) | \(line)\n\(pad) | \(indent)^\(String(repeating: "~", count: width - 1))"
        }
        for note in diagnostic.notes {
            out += "\n  note: \(note)"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" || text[index] == "\r\n" {
                if current == number { return String(text[start..<index]) }
                current += 1
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number ? String(text[start..<text.endIndex]) : nil
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
