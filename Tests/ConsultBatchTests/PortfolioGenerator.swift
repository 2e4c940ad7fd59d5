import ConsultExpression
import ConsultPlaybook
import Foundation

/// Makes a platform-export-like CSV: Chinese headers (the questions' labels, with a few dashboard
/// names instead: 成交金额, 客单价, 人均观看时长, 退款率), a merchant-name column, a column nobody
/// reads, and every answer form a consultant would type (80万, 1,200,000, 18%, 是/否, 抖音, ４.６,
/// 不清楚). Deterministic by seed.
struct PortfolioGenerator {
    let program: Program
    let fuzzer: AnswerFuzzer
    /// Column header of each question written.
    let headers: [(fact: String, header: String)]

    static let dashboardNames = ["monthly_gmv": "成交金额", "aov": "客单价", "avg_stay_seconds": "人均观看时长",
                                 "return_rate": "退款率", "monthly_ad_spend": "千川消耗", "ad_roi": "投放ROI"]

    /// What a dashboard export plus a consultant's few extra columns typically holds.
    static let exportFacts = [
        "platform", "category", "months_live_selling", "team_size", "monthly_gmv", "target_monthly_gmv", "target_months",
        "cooperation_willingness", "sku_count", "gross_margin_pct", "store_rating", "return_rate", "bad_review_rate",
        "ship_hours", "pre_ship_qc", "live_hours_per_week", "avg_viewers_per_session", "avg_stay_seconds",
        "interaction_rate", "conversion_rate", "aov", "short_videos_per_week", "monthly_ad_spend", "ad_roi",
        "repurchase_rate", "next_big_event_days",
    ]

    let questions: [Question]

    init(program: Program, facts: [String]? = exportFacts) {
        self.program = program
        fuzzer = AnswerFuzzer(program: program)
        questions = facts.map { ids in ids.compactMap { program.question($0) } } ?? program.questions
        headers = questions.map { q in (q.id, Self.dashboardNames[q.id] ?? q.label?.zh ?? q.id) }
    }

    struct Row {
        var line: Int
        var name: String
        var cells: [String]  // one per question, in `headers` order
    }

    /// `bad` maps a row index (0-based data row) to (fact, raw value) replacing a cell.
    func rows(_ count: Int, seed: UInt64, bad: [Int: (fact: String, raw: String)] = [:]) -> [Row] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { i in
            var cells: [String] = []
            for question in questions {
                if Double.random(in: 0..<1, using: &random) < 0.12 {
                    cells.append(["", "不清楚", "?"].randomElement(using: &random)!)
                    continue
                }
                let value = fuzzer.value(question.fact, &random) ?? .unknown
                cells.append(Self.form(value, question.fact, &random))
            }
            if let (fact, raw) = bad[i], let column = headers.firstIndex(where: { $0.fact == fact }) {
                cells[column] = raw
            }
            return Row(line: i + 2, name: "商家\(i + 1)号", cells: cells)
        }
    }

    func csv(_ rows: [Row]) -> String {
        var text = "店铺名称," + headers.map(\.header).joined(separator: ",") + ",备注\n"
        for row in rows {
            text += ([row.name] + row.cells + ["自动生成"]).map(Self.quote).joined(separator: ",") + "\n"
        }
        return text
    }

    static func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s
    }

    /// An answers file for `consult run` with the same raw answers as a row.
    func answersFile(_ row: Row) -> String {
        var text = "merchant: { name: \"\(row.name)\" }\nanswers:\n"
        for (i, (fact, _)) in headers.enumerated() {
            let raw = row.cells[i].replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            text += "  \(fact): \"\(raw)\"\n"
        }
        return text
    }

    /// The value written as a person might type it.
    static func form(_ value: Value, _ fact: FactDeclaration, _ random: inout SeededRandom) -> String {
        switch value {
        case .bool(let b):
            return (b ? ["是", "有", "yes", "y", "true"] : ["否", "没有", "no", "n", "false"]).randomElement(using: &random)!
        case .string(let id):
            guard fact.kind == .choice, let choice = fact.choice(id) else { return id }
            // Labels with full-width punctuation (（ ） ，) are not accepted as typed: AnswerParser
            // folds them to ASCII before comparing with the label (reported); use the id there.
            let typeable = !choice.label.zh.unicodeScalars.contains { (0xFF01...0xFF5E).contains($0.value) }
            return typeable && Bool.random(using: &random) ? choice.label.zh : id
        case .number(let n):
            let plain = n.description
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where fact.kind == .money && n >= 10_000 && (n * Number("0.0001")!).isInteger:
                return (n * Number("0.0001")!).description + "万"
            case 1 where n.isInteger && n >= 1000 && !plain.hasPrefix("-"):
                return thousands(plain)
            case 2 where fact.kind == .percent:
                return plain + "%"
            case 3:
                return String(plain.unicodeScalars.map { s in
                    ("0"..."9").contains(s) ? Character(Unicode.Scalar(s.value + 0xFEE0)!) : Character(s)
                })
            default:
                return plain
            }
        default:
            return ""
        }
    }

    static func thousands(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
