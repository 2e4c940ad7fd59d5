/// Column headers that platform dashboards (抖音电商罗盘, 快手生意通, 千川, 淘宝直播中控台 …) and
/// service providers' own sheets use for intake facts, beyond each question's own id and labels,
/// which are always accepted. Data, not logic: add a synonym here, or map a one-off header with
/// `--columns`. A synonym applies only when its fact exists in the loaded playbooks; a header
/// matched by a question's own label wins over a synonym.
enum DashboardHeaders {
    static let synonyms: [(fact: String, headers: [String])] = [
        ("monthly_gmv", ["成交金额", "成交额", "月成交金额", "月成交额", "GMV", "月GMV", "销售额", "月销售额",
                         "支付金额", "直播成交金额", "直播间成交金额", "总成交金额"]),
        ("aov", ["客单价", "平均客单价", "成交客单价", "笔单价"]),
        ("avg_stay_seconds", ["人均观看时长", "平均观看时长", "人均停留时长", "平均停留时长", "人均停留", "停留时长"]),
        ("store_rating", ["店铺体验分", "体验分", "商家体验分", "店铺评分", "DSR"]),
        ("return_rate", ["退款率", "退货率", "退货退款率", "成交退款率", "品退率"]),
        ("bad_review_rate", ["差评率", "商品差评率"]),
        ("ship_hours", ["发货时长", "平均发货时长", "发货时效", "平均发货时效"]),
        ("conversion_rate", ["转化率", "成交转化率", "观看成交转化率", "观看-成交转化率", "直播间转化率"]),
        ("interaction_rate", ["互动率", "直播间互动率"]),
        ("avg_viewers_per_session", ["场观", "场均观看人数", "场均观看", "平均场观", "场均场观人数"]),
        ("live_hours_per_week", ["周直播时长", "每周开播时长", "周开播时长"]),
        ("monthly_ad_spend", ["千川消耗", "投放消耗", "广告消耗", "月消耗", "消耗", "投流花费", "投流金额", "推广费"]),
        ("ad_roi", ["ROI", "投放ROI", "千川ROI", "广告ROI", "投产比", "支付ROI"]),
        ("natural_traffic_share", ["自然流量占比", "自然流量比例"]),
        ("repurchase_rate", ["复购率", "老客复购率", "回购率"]),
        ("sku_count", ["商品数", "在售商品数", "SKU数", "在售SKU", "SKU"]),
        ("sell_through_rate", ["动销率", "商品动销率"]),
        ("gross_margin_pct", ["毛利率", "毛利"]),
        ("team_size", ["团队人数", "员工数", "运营人数"]),
        ("short_videos_per_week", ["周短视频数", "短视频发布数", "每周短视频"]),
        ("months_live_selling", ["开播月数", "直播月数", "开播时长（月）"]),
        ("platform", ["平台", "渠道", "直播平台"]),
        ("category", ["类目", "主营类目", "一级类目", "品类"]),
        ("industrial_belt", ["产业带", "所属产业带"]),
        ("violations_90d", ["违规次数", "近90天违规", "违规扣分次数"]),
        ("live_reservations", ["预约人数", "直播预约", "预约观看人数"]),
        ("next_big_event_days", ["距大促天数", "距大促"]),
        ("target_monthly_gmv", ["目标成交额", "目标GMV", "目标月成交额"]),
    ]

    /// Columns naming the merchant (the plan's title), not a fact.
    static let name = ["商家名称", "商家名", "商家", "店铺名称", "店铺名", "店铺", "账号名称", "达人昵称",
                       "merchant", "merchant_name", "name", "shop", "shop_name", "store", "merchant_id", "商家ID", "店铺ID"]
    static let consultant = ["顾问", "负责顾问", "服务顾问", "consultant"]
    static let date = ["日期", "诊断日期", "统计日期", "date"]

    /// Units a header may carry in brackets, as the suffix appended to a bare number in its column:
    /// `成交金额(万元)` with `80` means 80万.
    static let unitSuffixes: [String: String] = [
        "万": "万", "万元": "万", "w": "万", "亿": "亿", "亿元": "亿", "千": "千", "千元": "千", "k": "千",
    ]
}
