import ConsultDiagnostics
import ConsultPlaybook

/// What a column of an input holds.
public enum ColumnTarget: Sendable, Equatable {
    /// An intake fact; `suffix` (万, 亿, 千) is appended to bare numbers (from `成交金额(万元)`).
    case fact(String, suffix: String?)
    case merchantName, consultant, date
    /// A number identifying the merchant (店铺ID, 抖音号): its name only when no column names it.
    case merchantID
    /// The table has a row per ad plan (千川's plan report), not per merchant.
    case perPlan
    /// Known and deliberately not read.
    case ignore
}

/// Maps column headers (or JSON keys) to facts: each question's id and its zh and en labels,
/// dashboard synonyms (`DashboardHeaders`), and the user's `--columns` file, which wins.
/// Headers are compared after folding full-width characters, case and spaces, and a bracketed
/// unit (`客单价(元)`, `退款率（%）`) is set aside.
public struct ColumnMap: Sendable {
    private var targets: [String: ColumnTarget] = [:]
    let program: Program

    public init(program: Program, custom: [(header: String, target: ColumnTarget)] = []) {
        self.program = program
        func add(_ header: String, _ target: ColumnTarget, override: Bool = false) {
            let key = Self.normalize(header).key
            if override || targets[key] == nil { targets[key] = target }
        }
        for question in program.questions {
            add(question.id, .fact(question.id, suffix: nil))
        }
        for question in program.questions {
            if let label = question.label {
                add(label.zh, .fact(question.id, suffix: nil))
                add(label.en, .fact(question.id, suffix: nil))
            }
        }
        for export in DashboardHeaders.exports {
            for column in export.columns {
                switch column.meaning {
                case .fact(let fact): if program.question(fact) != nil { add(column.header, .fact(fact, suffix: nil)) }
                case .merchantName: add(column.header, .merchantName)
                case .merchantID: add(column.header, .merchantID)
                case .date: add(column.header, .date)
                case .ignore: add(column.header, .ignore)
                case .perPlan: add(column.header, .perPlan)
                }
            }
        }
        for (fact, headers) in DashboardHeaders.synonyms where program.question(fact) != nil {
            for header in headers { add(header, .fact(fact, suffix: nil)) }
        }
        for header in DashboardHeaders.name { add(header, .merchantName) }
        for header in DashboardHeaders.merchantID { add(header, .merchantID) }
        for header in DashboardHeaders.consultant { add(header, .consultant) }
        for header in DashboardHeaders.date { add(header, .date) }
        for (header, target) in custom { add(header, target, override: true) }
    }

    /// The target of a header, with the unit suffix its brackets give; nil when unknown.
    public func target(_ header: String) -> ColumnTarget? {
        let (key, unit) = Self.normalize(header)
        guard let target = targets[key] ?? targets[Self.normalize(header, keepBrackets: true).key] else { return nil }
        if case .fact(let fact, nil) = target, let unit, let suffix = DashboardHeaders.unitSuffixes[unit],
           let kind = program.question(fact)?.fact.kind, kind == .money || kind == .number {
            return .fact(fact, suffix: suffix)
        }
        return target
    }

    /// Every header the map knows, for "did you mean" suggestions.
    public var knownHeaders: [String] { targets.keys.sorted() }

    /// The comparison key of a header and the unit in its trailing brackets, if any.
    static func normalize(_ header: String, keepBrackets: Bool = false) -> (key: String, unit: String?) {
        var folded = AnswerParser.normalize(header).lowercased()
        folded = folded.replacing("（", with: "(").replacing("）", with: ")")
        var unit: String?
        if !keepBrackets, folded.hasSuffix(")"), let open = folded.lastIndex(of: "("), open != folded.startIndex {
            unit = String(folded[folded.index(after: open)..<folded.index(before: folded.endIndex)])
                .filter { !$0.isWhitespace }
            folded = String(folded[..<open])
        }
        return (folded.filter { !$0.isWhitespace }, unit)
    }

    /// Reads a `--columns` file: CSV lines `header,target[,unit]` where target is a fact id,
    /// `name`, `consultant`, `date` or `ignore`; an optional first line `column,fact`.
    public static func custom(csv text: String, program: Program) throws -> [(header: String, target: ColumnTarget)] {
        var result: [(String, ColumnTarget)] = []
        var parserLines: [[String]] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var parser = FieldParser(delimiter: UInt8(ascii: ","))
            let bytes = Array(line.utf8)
            parser.consume(bytes[...])
            parserLines.append(parser.finish().map { String(decoding: $0, as: UTF8.self).trimmingCharacters() })
        }
        for (index, fields) in parserLines.enumerated() {
            let n = index + 1
            if fields.allSatisfy(\.isEmpty) || fields.first?.hasPrefix("#") == true { continue }
            if n == 1, fields.count >= 2, fields[0].lowercased() == "column", fields[1].lowercased() == "fact" { continue }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw BatchError.columns(Text(zh: "--columns 第 \(n) 行：应写“表头,事实”（例如 成交金额,monthly_gmv）",
                                              en: "--columns line \(n): expected 'header,fact' (e.g. 成交金额,monthly_gmv)"))
            }
            let target: ColumnTarget
            switch fields[1] {
            case "name": target = .merchantName
            case "id": target = .merchantID
            case "consultant": target = .consultant
            case "date": target = .date
            case "ignore", "-": target = .ignore
            default:
                guard program.question(fields[1]) != nil else {
                    let ids = program.questions.map(\.id)
                    let hint = Text.didYouMean(Suggestion.closest(to: fields[1], in: ids))
                    throw BatchError.columns(Text(zh: "--columns 第 \(n) 行：“\(fields[1])”不是访谈里的事实\(hint.zh)；可填：事实 id，或 name、id、consultant、date、ignore",
                                                  en: "--columns line \(n): '\(fields[1])' is not an intake fact\(hint.en); accepted: a fact id, name, id, consultant, date or ignore"))
                }
                let unit = fields.count > 2 ? fields[2] : ""
                if !unit.isEmpty, DashboardHeaders.unitSuffixes[unit.lowercased()] == nil {
                    throw BatchError.columns(Text(zh: "--columns 第 \(n) 行：不认识的单位“\(unit)”；可填：万、亿、千（或留空）",
                                                  en: "--columns line \(n): unknown unit '\(unit)'; accepted: 万, 亿, 千 (or empty)"))
                }
                target = .fact(fields[1], suffix: unit.isEmpty ? nil : DashboardHeaders.unitSuffixes[unit.lowercased()])
            }
            result.append((fields[0], target))
        }
        return result
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
