import ConsultExpression
@testable import ConsultPlaybook
import Testing

/// Answers as consultants type what merchants say and dashboards show, against the bundled
/// intake's real questions: each row is the question, what was typed, and the value and
/// provenance expected, or the refusal. Errors are checked in both languages.
struct SpokenAnswerTests {
    static let program = PlaybookLoader.load(try! LoaderTests.bundled()).program!

    enum Expect {
        /// The value; `estimate` when the words made it approximate.
        case value(String, estimate: Bool = false)
        /// A rate typed as a fraction: read as that percent, flagged to ask "46% or 0.46%?".
        case fraction(String)
        case unknown
        case choice(String)
        /// Refused: the English and Chinese problem.
        case refused(en: String, zh: String)
    }

    static let rows: [(fact: String, typed: String, expect: Expect)] = [
        // The question's own unit after the number.
        ("months_live_selling", "18个月", .value("18")), ("months_live_selling", "18月", .value("18")),
        ("months_live_selling", "18 months", .value("18")), ("team_size", "12人", .value("12")),
        ("team_size", "12 people", .value("12")), ("store_rating", "4.4分", .value("4.4")),
        ("store_rating", "4.4 points", .value("4.4")), ("ad_roi", "2.1倍", .value("2.1")),
        ("ad_roi", "2.1x", .value("2.1")), ("ad_roi", "2.1X", .value("2.1")), ("ad_roi", "2.1 times", .value("2.1")),
        ("price_spread_ratio", "3倍", .value("3")), ("sku_count", "85个", .value("85")), ("sku_count", "85 SKUs", .value("85")),
        ("account_count", "7个账号", .value("7")), ("account_count", "7个", .value("7")), ("account_count", "7账号", .value("7")),
        ("violations_90d", "2次", .value("2")), ("short_videos_per_week", "12条/周", .value("12")),
        ("short_videos_per_week", "12条", .value("12")), ("new_plans_per_day", "20条", .value("20")),
        ("sessions_per_week", "6场", .value("6")), ("sessions_per_week", "每周6场", .value("6")),
        ("avg_viewers_per_session", "300人", .value("300")), ("live_reservations", "5000人", .value("5000")),
        ("inventory_cover_days", "45天", .value("45")), ("next_big_event_days", "30 days", .value("30")),
        ("aov", "88元/单", .value("88")), ("aov", "88元", .value("88")), ("aov", "88块", .value("88")), ("aov", "88块钱", .value("88")),
        ("monthly_gmv", "每月80万", .value("800000")), ("monthly_gmv", "月均80万", .value("800000")),
        ("monthly_gmv", "80万元", .value("800000")), ("monthly_gmv", "80万元/月", .value("800000")),
        // A multiple as a ratio.
        ("ad_roi", "1:2.1", .value("2.1")), ("ad_roi", "1：2.1", .value("2.1")), ("ad_roi", "1比2.5", .value("2.5")),
        ("ad_roi", "2:5", .value("2.5")), ("net_roi", "1:1.8", .value("1.8")),
        // Durations, as dashboards and people write them, in the question's unit.
        ("avg_stay_seconds", "00:00:48", .value("48")), ("avg_stay_seconds", "00:01:05", .value("65")),
        ("avg_stay_seconds", "1:05", .value("65")), ("avg_stay_seconds", "1分05秒", .value("65")),
        ("avg_stay_seconds", "1分5秒", .value("65")), ("avg_stay_seconds", "1分05", .value("65")),
        ("avg_stay_seconds", "48秒", .value("48")), ("avg_stay_seconds", "48秒钟", .value("48")),
        ("avg_stay_seconds", "1分钟", .value("60")), ("avg_stay_seconds", "一分钟", .value("60")),
        ("avg_stay_seconds", "48s", .value("48")), ("avg_stay_seconds", "48 sec", .value("48")),
        ("avg_stay_seconds", "1 min 5 s", .value("65")), ("avg_stay_seconds", "半分钟", .value("30")),
        ("avg_stay_seconds", "平均40秒", .value("40")), ("avg_stay_seconds", "人均40秒", .value("40")),
        ("ship_hours", "48小时", .value("48")), ("ship_hours", "2天", .value("48")), ("ship_hours", "两天", .value("48")),
        ("ship_hours", "1天半", .value("36")), ("ship_hours", "半天", .value("12")), ("ship_hours", "36h", .value("36")),
        ("ship_hours", "24 hours", .value("24")), ("ship_hours", "一个半小时", .value("1.5")), ("ship_hours", "半小时", .value("0.5")),
        ("ship_hours", "1小时30分", .value("1.5")), ("ship_hours", "2:30", .value("2.5")), ("ship_hours", "72个小时", .value("72")),
        ("live_hours_per_week", "20小时", .value("20")), ("live_hours_per_week", "每周20小时", .value("20")),
        ("live_hours_per_week", "一周30个小时", .value("30")),
        ("months_live_selling", "一年半", .value("18")), ("months_live_selling", "半年", .value("6")),
        ("months_live_selling", "半个月", .value("0.5")), ("months_live_selling", "0.5", .value("0.5")),
        ("months_live_selling", "两年", .value("24")), ("months_live_selling", "1年", .value("12")),
        ("months_live_selling", "1.5年", .value("18")), ("months_live_selling", "3个半月", .value("3.5")),
        ("months_live_selling", "两个月", .value("2")), ("months_live_selling", "half a month", .value("0.5")),
        ("months_live_selling", "2 years", .value("24")), ("target_months", "半年", .value("6")),
        ("target_months", "一年", .value("12")), ("inventory_cover_days", "两周", .value("14")),
        ("inventory_cover_days", "1个月", .value("30")), ("inventory_cover_days", "半个月", .value("15")),
        ("next_big_event_days", "3周", .value("21")),
        // Chinese numerals, and digits mixed with units.
        ("monthly_gmv", "八十万", .value("800000")), ("monthly_gmv", "三千", .value("3000")),
        ("monthly_gmv", "两万五", .value("25000")), ("monthly_gmv", "一万二", .value("12000")),
        ("monthly_gmv", "1万2", .value("12000")), ("monthly_gmv", "十万", .value("100000")),
        ("monthly_gmv", "一百二十万", .value("1200000")), ("monthly_gmv", "一千二百万", .value("12000000")),
        ("monthly_gmv", "1.5万", .value("15000")), ("monthly_gmv", "一点五万", .value("15000")),
        ("monthly_gmv", "12万5千", .value("125000")), ("monthly_gmv", "1亿2000万", .value("120000000")),
        ("monthly_gmv", "两亿", .value("200000000")), ("monthly_gmv", "三千五", .value("3500")),
        ("team_size", "十二", .value("12")), ("team_size", "十二个人", .value("12")), ("team_size", "二十", .value("20")),
        ("team_size", "一百零五", .value("105")), ("team_size", "一百二", .value("120")), ("team_size", "两人", .value("2")),
        ("store_rating", "四点四", .value("4.4")), ("store_rating", "四点六分", .value("4.6")),
        ("sku_count", "三百个", .value("300")), ("return_rate", "百分之十八", .value("18")),
        // Money the English way.
        ("monthly_gmv", "1.5m", .value("1500000")), ("monthly_gmv", "3m", .value("3000000")),
        ("monthly_gmv", "3 million", .value("3000000")), ("monthly_gmv", "800k", .value("800000")),
        ("monthly_gmv", "¥3000元", .value("3000")),
        // Approximations: accepted, and recorded as an estimate.
        ("monthly_gmv", "约80万", .value("800000", estimate: true)), ("monthly_gmv", "80万左右", .value("800000", estimate: true)),
        ("monthly_gmv", "大概80万", .value("800000", estimate: true)), ("monthly_gmv", "大约八十万", .value("800000", estimate: true)),
        ("monthly_gmv", "差不多80万", .value("800000", estimate: true)), ("monthly_gmv", "80多万", .value("800000", estimate: true)),
        ("monthly_gmv", "三十多万", .value("300000", estimate: true)), ("monthly_gmv", "80万上下", .value("800000", estimate: true)),
        ("monthly_gmv", "~80万", .value("800000", estimate: true)), ("monthly_gmv", "～80万", .value("800000", estimate: true)),
        ("monthly_gmv", "about 3m", .value("3000000", estimate: true)), ("monthly_gmv", "around 800k", .value("800000", estimate: true)),
        ("team_size", "十多个人", .value("10", estimate: true)), ("team_size", "估计12人", .value("12", estimate: true)),
        ("avg_stay_seconds", "大概48秒", .value("48", estimate: true)), ("store_rating", "4.5左右", .value("4.5", estimate: true)),
        ("return_rate", "大概18%", .value("18", estimate: true)), ("sku_count", "1000多", .value("1000", estimate: true)),
        ("months_live_selling", "一年半左右", .value("18", estimate: true)), ("ad_roi", "约2.1倍", .value("2.1", estimate: true)),
        // Percents: with a sign or the spoken forms, beyond doubt; a bare fraction is flagged.
        ("return_rate", "18%", .value("18")), ("return_rate", "18", .value("18")), ("return_rate", "18个点", .value("18")),
        ("return_rate", "0.46%", .value("0.46")), ("return_rate", "0.46", .fraction("0.46")),
        ("conversion_rate", "0.8", .fraction("0.8")), ("conversion_rate", "0.8%", .value("0.8")),
        ("sell_through_rate", "0.35", .fraction("0.35")), ("bad_review_rate", ".5", .fraction("0.5")),
        ("return_rate", "1", .value("1")), ("return_rate", "0", .value("0")),
        // A unique start of a choice label.
        ("category", "童装", .choice("kids_mother_baby")), ("targeting_mode", "宽定向", .choice("wide")),
        ("category", "appar", .choice("apparel")), ("platform", "抖音", .choice("douyin")),
        // Unknown stays unknown.
        ("monthly_gmv", "不清楚", .unknown), ("avg_stay_seconds", "?", .unknown), ("ad_roi", "不知道", .unknown),
        // Refusals, with the question's accepted form.
        ("monthly_gmv", "很多", .refused(en: "is not a number", zh: "不是数字")),
        ("monthly_gmv", "约", .refused(en: "is not a number", zh: "不是数字")),
        ("monthly_gmv", "万", .refused(en: "is not a number", zh: "不是数字")),
        ("monthly_gmv", "八十万万万x", .refused(en: "is not a number", zh: "不是数字")),
        ("avg_stay_seconds", "2小时", .refused(en: "is out of range", zh: "超出范围")),
        ("avg_stay_seconds", "1分钟半秒x", .refused(en: "is not a number", zh: "不是数字")),
        ("team_size", "十二点五", .refused(en: "must be a whole number", zh: "应为整数")),
        ("target_months", "半个月", .refused(en: "is out of range", zh: "超出范围")),
        ("store_rating", "五点一", .refused(en: "is out of range", zh: "超出范围")),
        ("ad_roi", "1:0:2", .refused(en: "is not a number", zh: "不是数字")),
        ("ad_roi", "0:2", .refused(en: "is not a number", zh: "不是数字")),
        ("return_rate", "百分之一百八", .refused(en: "is out of range", zh: "超出范围")),
        ("team_size", "12只", .refused(en: "is not a number", zh: "不是数字")),
        ("category", "家", .refused(en: "is not one of the choices", zh: "不是可选项")),
        // A comma only groups thousands: "1,6" is not 16.
        ("conversion_rate", "1,6", .refused(en: "is not a number", zh: "不是数字")),
        ("monthly_gmv", "80,0000", .refused(en: "is not a number", zh: "不是数字")),
        ("monthly_gmv", "1,200,000", .value("1200000")), ("monthly_gmv", "¥12,500元", .value("12500")),
    ]

    @Test func theTableCoversEveryForm() {
        #expect(Self.rows.count >= 120)
    }

    @Test(arguments: rows.indices)
    func reads(_ i: Int) throws {
        let row = Self.rows[i]
        let fact = try #require(Self.program.question(row.fact)?.fact, "no question \(row.fact)")
        let reading = AnswerParser.read(row.typed, for: fact)
        switch (row.expect, reading) {
        case (.value(let text, let estimate), .success(let r)):
            #expect(r.value == .number(Number(text)!), "\(row.fact) '\(row.typed)' read as \(r.value)")
            #expect(r.approximate == estimate, "\(row.fact) '\(row.typed)': approximate \(r.approximate)")
            #expect(!r.fractionOfPercent, "\(row.fact) '\(row.typed)' flagged as a fraction")
        case (.fraction(let text), .success(let r)):
            #expect(r.value == .number(Number(text)!) && r.fractionOfPercent, "\(row.fact) '\(row.typed)': \(r)")
        case (.unknown, .success(let r)):
            #expect(r.value == .unknown, "\(row.fact) '\(row.typed)': \(r.value)")
        case (.choice(let id), .success(let r)):
            #expect(r.value == .string(id), "\(row.fact) '\(row.typed)': \(r.value)")
        case (.refused(let en, let zh), .failure(let error)):
            #expect(error.message(.en).contains(en) && error.message(.en).contains("accepted:"), "\(error.message(.en))")
            #expect(error.message(.zh).contains(zh) && error.message(.zh).contains("可填"), "\(error.message(.zh))")
            #expect(error.message(.zh).contains(row.typed), "the error quotes what was typed")
        case (.refused, .success(let r)):
            Issue.record("\(row.fact) '\(row.typed)' was accepted as \(r.value)")
        case (_, .failure(let error)):
            Issue.record("\(row.fact) '\(row.typed)' was refused: \(error.message(.en))")
        }
    }
}
