import ConsultExpression

/// Shows a fact's value the way a consultant would write it: 12万 / 120,000 CNY, 18%, labels for choices.
public enum ValueFormatter {
    public static func format(_ value: Value, as fact: FactDeclaration?, _ language: Language) -> String {
        switch value {
        case .unknown: return language == .zh ? "未知" : "unknown"
        case .bool(let b): return language == .zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .string(let s):
            return fact?.choice(s)?.label[language] ?? s
        case .list(let items): return items.map { format($0, as: nil, language) }.joined(separator: ", ")
        case .number(let n):
            switch fact?.kind {
            case .money?: return money(n, language)
            case .percent?: return plain(n.rounded(places: 2)) + "%"
            default:
                // People, orders and shows are whole: 806,452 reservations, not 806451.61.
                if fact?.integer == true { return language == .zh ? plain(n.rounded(places: 0)) : grouped(n.rounded(places: 0)) }
                return plain(n.rounded(places: 2))
            }
        }
    }

    public static func money(_ n: Number, _ language: Language) -> String {
        if language == .zh {
            let abs = n < 0 ? -n : n
            if abs >= 100_000_000 { return plain(n.divided(by: 100_000_000)!.rounded(places: 2)) + "亿元" }
            if abs >= 10_000 { return plain(n.divided(by: 10_000)!.rounded(places: 2)) + "万元" }
            return plain(n.rounded(places: 2)) + "元"
        }
        return grouped(n.rounded(places: 2)) + " CNY"
    }

    /// A number without exponent or trailing zeros.
    public static func plain(_ n: Number) -> String { n.description }

    /// 1234567.5 -> "1,234,567.5"
    public static func grouped(_ n: Number) -> String {
        let text = n.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + groups.joined(separator: ",") + fraction
    }
}
