import ConsultExpression
import ConsultPlaybook
import ConsultStore

/// Small text helpers for the store commands' plain-text output.
enum StoreText {
    /// Columns padded by display width (CJK characters take two cells), separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let wide = (0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                || (0xAC00...0xD7A3).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
                || (0xFE30...0xFE4F).contains(u.value) || (0xFF00...0xFF60).contains(u.value) || (0xFFE0...0xFFE6).contains(u.value)
            return n + (wide ? 2 : 1)
        }
    }

    static func merchantName(_ name: String, _ language: Language) -> String {
        name.isEmpty ? (language == .zh ? "（未命名）" : "(unnamed)") : name
    }

    /// A stored time shown to the minute, in UTC: `2026-11-20 08:15Z`.
    static func minute(_ timestamp: String) -> String {
        guard timestamp.count >= 16 else { return timestamp }
        return timestamp.prefix(10) + " " + timestamp.dropFirst(11).prefix(5) + "Z"
    }

    static func provenance(_ p: Provenance, _ language: Language) -> String {
        switch (p, language) {
        case (.said, .zh): "商家口述"
        case (.data, .zh): "平台数据"
        case (.estimate, .zh): "顾问估计"
        case (.said, _): "said"
        case (.data, _): "data"
        case (.estimate, _): "estimate"
        }
    }

    /// A value of a fact as the plan would show it, using the playbooks' declaration when there is one.
    static func value(_ value: Value, fact: String, program: Program?, _ language: Language) -> String {
        ValueFormatter.format(value, as: program?.declaration(of: fact), language)
    }

    /// The short label of a question or derived fact, else its id.
    static func label(_ fact: String, program: Program?, _ language: Language) -> String {
        if let q = program?.question(fact) { return q.label?[language] ?? fact }
        if let d = program?.derivedFact(fact) { return d.title[language] }
        return fact
    }
}
