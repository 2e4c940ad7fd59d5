import ConsultExpression
import ConsultPlaybook

extension FactDeclaration {
    /// A value as the shell shows it: the plan's formatting (万元, %, choice labels) plus the unit
    /// of a plain number, so `.review` reads "2 人" rather than a bare "2".
    func shown(_ value: Value, _ language: Language) -> String {
        if case .number(let n) = value, kind == .number, let unit {
            return ValueFormatter.plain(n.rounded(places: 2)) + " " + unit[language]
        }
        return ValueFormatter.format(value, as: self, language)
    }
}
