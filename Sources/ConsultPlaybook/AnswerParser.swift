import ConsultExpression

/// Why an answer was refused, and the form that is accepted, in both languages.
public struct AnswerError: Error, Hashable, Sendable {
    public var fact: String
    public var given: String
    public var problem: Text
    public var accepted: Text

    public init(fact: String, given: String, problem: Text, accepted: Text) {
        self.fact = fact
        self.given = given
        self.problem = problem
        self.accepted = accepted
    }

    public func message(_ language: Language) -> String {
        language == .zh
            ? "\(fact)：“\(given)” \(problem.zh)；可填：\(accepted.zh)"
            : "\(fact): '\(given)' \(problem.en); accepted: \(accepted.en)"
    }
}

/// Turns an answer as typed (in a shell, a file or a CSV cell) into a typed value. Every driver
/// goes through here, so `80万`, `800,000` and `８０万` mean the same everywhere.
public enum AnswerParser {
    public static let unknownWords: Set<String> = ["", "?", "？", "unknown", "不清楚", "不知道", "未知", "n/a", "na", "-", "—"]
    static let yes: Set<String> = ["yes", "y", "true", "是", "有", "是的", "有的", "对", "会", "要", "1"]
    static let no: Set<String> = ["no", "n", "false", "否", "没有", "没", "无", "不", "不是", "不会", "不要", "0"]

    public static func parse(_ raw: String, for fact: FactDeclaration) -> Result<Value, AnswerError> {
        read(raw, for: fact).map(\.value)
    }

    /// An answer as read, with what the words around the number said about it.
    public struct Reading: Hashable, Sendable {
        public var value: Value
        /// Said as an approximation (约80万, 80万左右, about 3m): recorded as an estimate.
        public var approximate = false
        /// A rate typed as a fraction (0.46 for a percent question, no % sign): read as 0.46%,
        /// but it may mean 46%, so an interview asks and a file warns.
        public var fractionOfPercent = false
        /// Written with %, 百分之 or 个点: a percent beyond doubt.
        public var percentSign = false
    }

    public static func read(_ raw: String, for fact: FactDeclaration) -> Result<Reading, AnswerError> {
        let text = normalize(raw)
        // A choice's own id or label wins over the unknown words (belt_stage has a choice 不清楚).
        if fact.kind == .choice, let c = choice(text, in: fact) { return .success(Reading(value: .string(c.id))) }
        if unknownWords.contains(text.lowercased()) { return .success(Reading(value: .unknown)) }
        func fail(_ zh: String, _ en: String) -> Result<Reading, AnswerError> {
            .failure(AnswerError(fact: fact.id, given: raw, problem: Text(zh: zh, en: en), accepted: acceptedForm(fact)))
        }
        switch fact.kind {
        case .bool:
            if yes.contains(text.lowercased()) { return .success(Reading(value: .bool(true))) }
            if no.contains(text.lowercased()) { return .success(Reading(value: .bool(false))) }
            return fail("不是“是/否”", "is not yes or no")
        case .choice:
            return fail("不是可选项", "is not one of the choices")
        case .text:
            if let max = fact.maxLength, text.count > max {
                return fail("超过 \(max) 个字", "is longer than \(max) characters")
            }
            return .success(Reading(value: .string(text)))
        case .number, .money, .percent:
            guard let spoken = SpokenAmount(text, for: fact) else {
                return fail("不是数字", "is not a number")
            }
            let number = spoken.value
            if let range = fact.range, !range.contains(number) {
                return fail("超出范围", "is out of range")
            }
            if fact.integer && !number.isInteger {
                return fail("应为整数", "must be a whole number")
            }
            let fraction = fact.kind == .percent && !spoken.percentSign && number > 0 && number < 1
            return .success(Reading(value: .number(number), approximate: spoken.approximate, fractionOfPercent: fraction,
                                    percentSign: spoken.percentSign))
        }
    }

    /// How a duration in this unit may be written, for the accepted form.
    static func durationForms(_ unit: TimeUnit) -> Text {
        switch unit {
        case .second, .minute: Text(zh: "48、48秒、1分05秒、00:01:05", en: "48, 48s, 1:05, 00:01:05")
        case .hour: Text(zh: "48、48小时、2天", en: "48, 48h, 2 days")
        case .day, .week: Text(zh: "30、30天、两周、1个月", en: "30, 30 days, 2 weeks")
        case .month, .year: Text(zh: "18、18个月、一年半、半个月", en: "18, 18 months, 1.5 years, half a month")
        }
    }

    /// 0.46 as the percent it may mean: "46".
    public static func percentOfFraction(_ fraction: Number) -> String {
        (fraction * 100).description
    }

    static func choice(_ text: String, in fact: FactDeclaration) -> Choice? {
        let lower = text.lowercased()
        // Labels are normalised like the answer, so 宽定向（仅性别/年龄/地域） matches as typed.
        if let exact = fact.choices.first(where: {
            $0.id == lower || normalize($0.label.zh) == text || normalize($0.label.en).lowercased() == lower
        }) { return exact }
        return uniquePrefix(text, in: fact)
    }

    /// What a person types for a long label: the start of it or of one of its parts (童装 for
    /// 童装童鞋/母婴, 农产品 for 生鲜/农产品, 宽定向 for 宽定向（仅性别/年龄/地域）), taken when exactly
    /// one choice matches. Two Chinese characters or three Latin letters at least, so a stray
    /// "a" never picks a choice.
    static func uniquePrefix(_ text: String, in fact: FactDeclaration) -> Choice? {
        let latin = text.allSatisfy(\.isASCII)
        guard text.count >= (latin ? 3 : 2) else { return nil }
        let lower = text.lowercased()
        func parts(_ label: String) -> [String] {
            let whole = normalize(label)
            return [whole] + whole.split(whereSeparator: { "/／、（(".contains($0) }).map(String.init)
        }
        let matches = fact.choices.filter { c in
            latin ? parts(c.label.en).contains { $0.lowercased().hasPrefix(lower) } || c.id.hasPrefix(lower)
                  : parts(c.label.zh).contains { $0.hasPrefix(text) }
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Full-width digits and punctuation folded to ASCII, surrounding spaces removed.
    public static func normalize(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars {
            switch s.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(s.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(s)
            }
        }
        return String(out).trimmingSpaces
    }

    /// What a question accepts, as shown in every error and in the shell's prompt.
    public static func acceptedForm(_ fact: FactDeclaration) -> Text {
        let unknown = Text(zh: "不清楚可填 ?", en: "? if unknown")
        switch fact.kind {
        case .bool:
            return Text(zh: "是/否（有/没有、y/n）；\(unknown.zh)", en: "yes/no (y/n, 是/否); \(unknown.en)")
        case .choice:
            let zh = fact.choices.map { "\($0.label.zh)（\($0.id)）" }.joined(separator: "、")
            let en = fact.choices.map(\.inEnglish).joined(separator: ", ")
            return Text(zh: "\(zh)；\(unknown.zh)", en: "\(en); \(unknown.en)")
        case .text:
            let max = fact.maxLength.map { $0 }
            return Text(zh: "文字\(max.map { "，最多 \($0) 个字" } ?? "")", en: "text\(max.map { " of at most \($0) characters" } ?? "")")
        case .number, .money, .percent:
            let lo = fact.range?.lowerBound.description ?? "", hi = fact.range?.upperBound.description ?? ""
            let whole = fact.integer ? Text(zh: "整数", en: "a whole number") : Text(zh: "数字", en: "a number")
            switch fact.kind {
            case .money:
                return Text(zh: "金额 \(lo)–\(hi) 元，可写 80万、1.2亿、5k；\(unknown.zh)",
                            en: "an amount from \(lo) to \(hi) CNY, e.g. 800000, 80万, 1.2亿, 5k; \(unknown.en)")
            case .percent:
                return Text(zh: "百分数 \(lo)–\(hi)，如 18 或 18%；\(unknown.zh)",
                            en: "a percentage from \(lo) to \(hi), e.g. 18 or 18%; \(unknown.en)")
            default:
                let unit = fact.unit
                let spoken = TimeUnit(of: fact).map(Self.durationForms).map { Text(zh: "，可写 " + $0.zh, en: ", e.g. " + $0.en) }
                return Text(zh: "\(whole.zh) \(lo)–\(hi)\(unit.map { " \($0.zh)" } ?? "")\(spoken?.zh ?? "")；\(unknown.zh)",
                            en: "\(whole.en) from \(lo) to \(hi)\(unit.map { " \($0.en)" } ?? "")\(spoken?.en ?? ""); \(unknown.en)")
            }
        }
    }
}


extension Choice {
    /// How an English interview shows a choice: "Not seasonal (not_seasonal)", or the id alone
    /// when the label only spells it out (douyin, not "Douyin (douyin)").
    public var inEnglish: String {
        let spelt = label.en.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        return spelt == id ? id : "\(label.en) (\(id))"
    }
}
