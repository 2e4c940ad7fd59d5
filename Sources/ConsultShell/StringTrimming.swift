import ConsultDiagnostics

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }

    /// Surrounding spaces, tabs and ideographic spaces removed.
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\u{3000}" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\u{3000}" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
