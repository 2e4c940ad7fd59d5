import ConsultExpression

/// A number answer as a consultant types what the merchant says or the dashboard shows: with the
/// question's own unit (18个月, 12人, 4.4分, 2.1倍), money units (80万, 1.2亿, 5k, 1.5m, ¥3000元),
/// Chinese numerals (八十万, 三千五), approximations (约80万, 80万左右, 三十多), durations for
/// questions in time units (00:00:48, 1分05秒, 一年半, 半个月), a ratio for multiples (1:2.1),
/// percents as 18%, 百分之十八 or 18个点.
struct SpokenAmount {
    var value: Number
    /// The words said it was approximate.
    var approximate = false
    /// Written with %, 百分之 or 个点: a percent beyond doubt, never a fraction.
    var percentSign = false

    static let approximatePrefixes = ["大约", "大概", "差不多", "约莫", "估计", "将近", "接近", "约", "~", "≈",
                                      "about", "around", "approx.", "approx", "roughly", "circa"]
    static let approximateSuffixes = ["左右", "上下", "出头", "ish"]
    /// Period words before an amount ("每月80万", "平均40秒"): the question already says the period.
    static let periodPrefixes = ["每个月", "每月", "月均", "一个月", "每周", "周均", "一周", "每天", "日均", "一天", "平均", "人均"]

    init?(_ text: String, for fact: FactDeclaration) {
        // Plain decimals ("4.7", "-12", how exports and JSON write numbers) need no clean-up.
        if let plain = Number(text) {
            value = plain
            return
        }
        var s = text
        for half in ["half a ", "half an "] where s.lowercased().hasPrefix(half) { s = "半" + s.dropFirst(half.count) }
        // A comma groups thousands (1,200,000); "1,6" is a decimal comma or a typo, never 16.
        guard Self.commasGroupThousands(s) else { return nil }
        s = s.filter { $0 != "," && $0 != "，" && $0 != " " }
        for prefix in Self.approximatePrefixes where s.lowercased().hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            approximate = true
            break
        }
        for suffix in Self.approximateSuffixes where s.lowercased().hasSuffix(suffix) {
            s.removeLast(suffix.count)
            approximate = true
            break
        }
        // 80多万, 三十多, 1000多: "more than" is an approximation of the number before it.
        if let i = s.firstIndex(of: "多"), i > s.startIndex {
            let before = s[s.index(before: i)]
            let next = s.index(after: i)
            let after: Character? = next < s.endIndex ? s[next] : nil
            let digitAfter = after.map { ($0.isASCII && $0.isNumber) || "零〇一二两三四五六七八九".contains($0) } ?? false
            if before.isNumber || "十百千万".contains(before), !digitAfter {
                s.remove(at: i)
                approximate = true
            }
        }
        for prefix in Self.periodPrefixes where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        guard let number = Self.amount(&s, fact: fact, percentSign: &percentSign) else { return nil }
        value = number
    }

    private static func amount(_ s: inout String, fact: FactDeclaration, percentSign: inout Bool) -> Number? {
        if fact.kind == .percent {
            for mark in ["%", "个点", "个百分点"] where s.hasSuffix(mark) {
                s.removeLast(mark.count)
                percentSign = true
                break
            }
            if s.hasPrefix("百分之") {
                s.removeFirst(3)
                percentSign = true
            }
        }
        var factor: Number = 1
        if fact.kind == .money || fact.kind == .number {
            for prefix in ["¥", "￥", "RMB", "CNY"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        }
        if let unit = TimeUnit(of: fact), let duration = SpokenDuration.value(s, in: unit) { return duration }
        s = withoutUnit(s, of: fact)
        if fact.integer, s.count > 1, s.hasSuffix("个") { s.removeLast() }
        if s.hasPrefix(".") { s = "0" + s }
        if fact.kind == .money || fact.kind == .number, TimeUnit(of: fact) == nil {
            for suffix in ["元", "块钱", "块", "RMB", "CNY"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
            let units: [(String, Number)] = [("million", 1_000_000), ("mn", 1_000_000), ("m", 1_000_000), ("M", 1_000_000),
                                             ("w", 10_000), ("W", 10_000), ("k", 1_000), ("K", 1_000)]
            if let (suffix, f) = units.first(where: { s.hasSuffix($0.0) && s.dropLast($0.0.count).last?.isNumber == true }) {
                s.removeLast(suffix.count)
                factor = f
            }
        }
        // A multiple as a ratio: ROI 1:2.1 or 1比2.1 is 2.1.
        if isMultiple(fact), let ratio = Self.ratio(s) { return ratio * factor }
        if let n = Number(s) { return n * factor }
        guard SpokenNumber.mayBe(s[...]), let n = SpokenNumber.value(s[...]) else { return nil }
        return n * factor
    }

    /// The text without the question's unit after the number: 个月, 人, 分, 倍, 条 (of 条/周), x.
    private static func withoutUnit(_ s: String, of fact: FactDeclaration) -> String {
        guard let unit = fact.unit else { return s }
        var words = [unit.zh, unit.en]
        if let head = unit.zh.split(separator: "/").first, head.count < unit.zh.count { words.append(String(head)) }
        if unit.zh.hasPrefix("个"), unit.zh.count > 1 { words.append(String(unit.zh.dropFirst())) }
        if isMultiple(fact) { words += ["倍", "x", "times"] }
        let english = unit.en.split(separator: " ").first.map(String.init)
        if let english { words.append(english) }
        for word in words.sorted(by: { $0.count > $1.count }) where !word.isEmpty && s.count > word.count
            && s.lowercased().hasSuffix(word.lowercased().filter { $0 != " " }) {
            return String(s.dropLast(word.filter { $0 != " " }.count))
        }
        return s
    }

    /// Every comma is followed by exactly three digits (then a non-digit or the end).
    static func commasGroupThousands(_ s: String) -> Bool {
        let chars = Array(s)
        for (i, c) in chars.enumerated() where c == "," || c == "，" {
            let digits = chars[(i + 1)...].prefix { $0.isASCII && $0.isNumber }.count
            guard digits == 3, i > 0, chars[i - 1].isASCII, chars[i - 1].isNumber else { return false }
        }
        return true
    }

    /// A question in multiples (ROI: 倍, x).
    private static func isMultiple(_ fact: FactDeclaration) -> Bool {
        fact.unit.map { ["倍", "x", "times"].contains($0.zh) || ["x", "times"].contains($0.en) } ?? false
    }

    private static func ratio(_ s: String) -> Number? {
        for mark: Character in [":", "比"] {
            let parts = s.split(separator: mark, omittingEmptySubsequences: false)
            guard parts.count == 2, let a = Number(String(parts[0])), let b = Number(String(parts[1])), !a.isZero else { continue }
            return b.divided(by: a).map { $0.rounded(places: 2) }
        }
        return nil
    }
}
