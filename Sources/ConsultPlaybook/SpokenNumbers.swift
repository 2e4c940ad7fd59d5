import ConsultExpression

/// Numbers as people say and write them in Chinese: 八十万, 三千五, 两万五, 一百零五, 四点四, and
/// digits mixed with units (1.5万, 1万2). One reader for every driver, through `AnswerParser`.
enum SpokenNumber {
    private static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let small: [Character: Int] = ["十": 10, "百": 100, "千": 1_000]
    private static let large: [Character: Int] = ["万": 10_000, "亿": 100_000_000]

    /// True when `text` has a Chinese numeral or unit character, so it is worth reading as one.
    static func mayBe(_ text: Substring) -> Bool {
        text.contains { digits[$0] != nil || small[$0] != nil || large[$0] != nil }
    }

    /// The value of a whole numeral; nil unless every character belongs to it. A digit straight
    /// after a unit counts in the next lower place, as people say it: 两万五 is 25,000, 三千五 3,500,
    /// 一百二 120, 1万2 12,000.
    static func value(_ text: Substring) -> Number? {
        var total: Number = 0       // whole 亿 and 万 groups so far
        var section: Number = 0     // below the current 万
        var pending: Number?        // digits not yet given a place
        var pendingIsOneDigit = false
        var lastUnit: Int?          // the unit just before `pending`, for 两万五
        var afterUnit = false
        var sawSomething = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isASCII, c.isNumber {
                var j = i
                while j < text.endIndex, text[j].isASCII, text[j].isNumber || text[j] == "." { j = text.index(after: j) }
                guard pending == nil, let n = Number(String(text[i..<j])) else { return nil }
                pending = n
                pendingIsOneDigit = text.distance(from: i, to: j) == 1
                lastUnit = afterUnit ? lastUnit : nil
                afterUnit = false
                sawSomething = true
                i = j
                continue
            }
            if let d = digits[c] {
                if d == 0 {
                    // 一百零五: a zero after a unit only marks a skipped place; after digits it is one.
                    if let p = pending, !afterUnit { pending = p * 10; pendingIsOneDigit = false }
                    lastUnit = nil
                    afterUnit = false
                } else {
                    if let p = pending, !afterUnit { pending = p * 10 + Number(d); pendingIsOneDigit = false } else {
                        pending = Number(d)
                        pendingIsOneDigit = true
                        if !afterUnit { lastUnit = nil }
                    }
                    afterUnit = false
                }
                sawSomething = true
            } else if c == "点" {
                // 四点四, 一点五万: the digits after 点 are the fraction of what came before.
                var fraction = ""
                var j = text.index(after: i)
                while j < text.endIndex, let d = digits[text[j]] { fraction.append(Character(String(d))); j = text.index(after: j) }
                guard !fraction.isEmpty, let f = Number("0." + fraction) else { return nil }
                pending = (pending ?? 0) + f
                pendingIsOneDigit = false
                afterUnit = false
                lastUnit = nil
                i = j
                continue
            } else if let unit = small[c] {
                section = section + (pending ?? 1) * Number(unit)
                pending = nil
                lastUnit = unit
                afterUnit = true
                sawSomething = true
            } else if let unit = large[c] {
                let group = section + (pending ?? (section.isZero && total.isZero ? 1 : 0))
                total = unit == 100_000_000 ? (total + group) * Number(unit) : total + group * Number(unit)
                section = 0
                pending = nil
                lastUnit = unit
                afterUnit = true
            } else {
                return nil
            }
            i = text.index(after: i)
        }
        guard sawSomething else { return nil }
        if let p = pending {
            // 两万五: one digit straight after a unit of 100 or more is in the next lower place.
            if pendingIsOneDigit, let unit = lastUnit, unit >= 100, p.isInteger {
                section = section + p * Number(unit / 10)
            } else {
                section = section + p
            }
        }
        return total + section
    }
}

/// A time unit of a question (秒, 小时, 天, 个月), for answers given as durations: 00:00:48,
/// 1分05秒, 2小时, 一年半, 半个月.
enum TimeUnit: CaseIterable {
    case second, minute, hour, day, week, month, year

    /// The question's unit, when it is a time: `unit: { zh: 秒 }`, `小时/周` (per week, in hours).
    /// Read from the English unit, which names time unambiguously (the Chinese 分 is both a
    /// minute and a score point).
    init?(of fact: FactDeclaration) {
        guard let unit = fact.unit, let first = unit.en.split(separator: " ").first,
              let found = TimeUnit.word(String(first)) else { return nil }
        self = found
    }

    /// Words for each unit, longest first within a unit so 分钟 wins over 分.
    static let words: [(String, TimeUnit)] = [
        ("秒钟", .second), ("秒", .second), ("seconds", .second), ("second", .second), ("secs", .second), ("sec", .second), ("s", .second),
        ("分钟", .minute), ("分", .minute), ("minutes", .minute), ("minute", .minute), ("mins", .minute), ("min", .minute),
        ("个小时", .hour), ("小时", .hour), ("个钟头", .hour), ("钟头", .hour), ("hours", .hour), ("hour", .hour), ("hrs", .hour), ("hr", .hour), ("h", .hour),
        ("天", .day), ("日", .day), ("days", .day), ("day", .day), ("d", .day),
        ("个星期", .week), ("星期", .week), ("个礼拜", .week), ("礼拜", .week), ("周", .week), ("weeks", .week), ("week", .week), ("wk", .week), ("w", .week),
        ("个月", .month), ("月", .month), ("months", .month), ("month", .month), ("mo", .month),
        ("年", .year), ("years", .year), ("year", .year), ("yrs", .year), ("yr", .year), ("y", .year),
    ]

    static func word(_ text: String) -> TimeUnit? {
        words.first { $0.0 == text.lowercased() }?.1
    }

    /// The unit in seconds, on one scale with months of 30 days; years are twelve months, so
    /// 一年半 is exactly 18个月.
    var seconds: Number {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3_600
        case .day: 86_400
        case .week: 604_800
        case .month: 2_592_000
        case .year: 31_104_000
        }
    }

    /// The next smaller unit, for a bare number after a unit: 1分05 is 1 minute 5 seconds.
    var smaller: TimeUnit? {
        switch self {
        case .second: nil
        case .minute: .second
        case .hour: .minute
        case .day: .hour
        case .week: .day
        case .month: .day
        case .year: .month
        }
    }
}

enum SpokenDuration {
    /// A duration in `unit`: clock form (00:00:48; two parts are minutes:seconds for a question in
    /// seconds or minutes, else hours:minutes), or amounts with units (1分05秒, 2小时, 一个半小时,
    /// 一年半, 半个月, 1.5 months). Nil when the text is not a duration.
    static func value(_ text: String, in unit: TimeUnit) -> Number? {
        if text.contains(":") { return clock(text, in: unit) }
        var rest = Substring(text)
        var total: Number = 0
        var last: TimeUnit?
        var sawUnit = false
        while !rest.isEmpty {
            // An amount: digits or a numeral, then 个 and 半 as in 一个半小时.
            var amountEnd = rest.startIndex
            while amountEnd < rest.endIndex, rest[amountEnd].isNumber || "点零〇一二两三四五六七八九十百千.".contains(rest[amountEnd]) {
                amountEnd = rest.index(after: amountEnd)
            }
            let amount: Number? = amountEnd > rest.startIndex ? SpokenNumber.value(rest[..<amountEnd]) : nil
            if amountEnd > rest.startIndex, amount == nil { return nil }
            rest = rest[amountEnd...].drop { $0 == " " }
            var half = false
            if rest.hasPrefix("个半") {
                half = true
                rest = rest.dropFirst(2)
            } else if amount == nil, rest.hasPrefix("半") {
                half = true
                rest = rest.dropFirst()
            }
            if amount == nil, !half {
                return nil
            }
            // The unit word; without one, a bare amount after a unit is in the next smaller unit.
            let word = TimeUnit.words.first { rest.lowercased().hasPrefix($0.0) && !(rest.dropFirst($0.0.count).first?.isLetter == true && $0.0.allSatisfy(\.isASCII)) }
            let found: TimeUnit
            if let word {
                found = word.1
                rest = rest.dropFirst(word.0.count).drop { $0 == " " }
            } else if rest.isEmpty, let previous = last?.smaller, amount != nil {
                found = previous
            } else {
                return nil
            }
            sawUnit = sawUnit || word != nil
            var value = (amount ?? 0) + (half ? Number("0.5")! : 0)
            // 一年半: 半 after the unit adds half of it.
            if rest.hasPrefix("半") { value = value + Number("0.5")!; rest = rest.dropFirst() }
            total = total + value * found.seconds
            last = found
        }
        guard sawUnit else { return nil }
        return total.divided(by: unit.seconds).map { $0.rounded(places: 2) }
    }

    private static func clock(_ text: String, in unit: TimeUnit) -> Number? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }),
              let numbers = Optional(parts.compactMap { Number(String($0)) }), numbers.count == parts.count else { return nil }
        let seconds: Number
        if numbers.count == 3 {
            seconds = numbers[0] * 3_600 + numbers[1] * 60 + numbers[2]
        } else if unit == .second || unit == .minute {
            seconds = numbers[0] * 60 + numbers[1]
        } else {
            seconds = numbers[0] * 3_600 + numbers[1] * 60
        }
        return seconds.divided(by: unit.seconds).map { $0.rounded(places: 2) }
    }
}
