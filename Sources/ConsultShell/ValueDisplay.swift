import ConsultExpression
import ConsultPlaybook

extension FactDeclaration {
    /// A value as the shell shows it: the plan's formatting (万元, %, choice labels) plus the unit
    /// of a plain number, so `.review` reads "2 人" rather than a bare "2".
    func shown(_ value: Value, _ language: Language) -> String {
        if case .number(let n) = value, kind == .number, let unit {
            let one = language == .en && n == Number(1)
            return ValueFormatter.plain(n.rounded(places: 2)) + " " + (one ? Self.singular(unit.en) : unit[language])
        }
        return ValueFormatter.format(value, as: self, language)
    }

    /// "1 account", "1 video per week", "1 person": the English unit's first word made singular.
    static func singular(_ unit: String) -> String {
        var words = unit.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let first = words.first else { return unit }
        let irregular = ["people": "person", "times": "time", "x": "x"]
        if let word = irregular[first] {
            words[0] = word
        } else if first.count > 2, first.hasSuffix("s"), !first.hasSuffix("ss") {
            words[0] = String(first.dropLast())
        }
        return words.joined(separator: " ")
    }
}
