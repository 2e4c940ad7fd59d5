/// Column headers that platform dashboards (抖音电商罗盘, 快手生意通, 千川, 淘宝直播中控台 …) and
/// service providers' own sheets use for intake facts, beyond each question's own id and labels,
/// which are always accepted. Data, not logic: add a synonym here, or map a one-off header with
/// `--columns`. A synonym applies only when its fact exists in the loaded playbooks; a header
/// matched by a question's own label wins over a synonym.
enum DashboardHeaders {
    /// What a column of an export is.
    enum Meaning: Equatable {
        case fact(String), merchantName, merchantID, date, ignore
        /// A column of a table with one row per ad plan, not per merchant (千川's plan report).
        case perPlan
    }

    struct Column {
        var header: String
        var meaning: Meaning
        var note: String?
        init(_ header: String, _ meaning: Meaning, note: String? = nil) {
            self.header = header
            self.meaning = meaning
            self.note = note
        }
    }

    /// An export a consultant downloads from a platform, with the headers it really uses
    /// (docs/exports.md prints these tables; a test keeps the two the same).
    struct Export {
        var id: String
        var title: String
        /// Where in the platform it is exported.
        var path: String
        var columns: [Column]
    }

    static let exports: [Export] = [
        Export(id: "compass_live", title: "抖音电商罗盘 · 直播列表", path: "罗盘 → 直播 → 直播列表 → 导出（按账号汇总一个月）", columns: [
            Column("抖音号", .merchantID),
            Column("账号名称", .merchantName),
            Column("直播间成交金额", .fact("monthly_gmv"), note: "统计周期一个月时即月成交额"),
            Column("成交金额", .fact("monthly_gmv")),
            Column("成交订单数", .ignore),
            Column("累计观看人数", .ignore, note: "总人数，不是场均"),
            Column("场均观看人数", .fact("avg_viewers_per_session")),
            Column("最高在线人数", .fact("peak_online_viewers")),
            Column("人均观看时长", .fact("avg_stay_seconds"), note: "00:00:48、48秒、1分05秒都可"),
            Column("观看-成交率", .fact("conversion_rate"), note: "（人数）口径"),
            Column("互动率", .fact("interaction_rate")),
            Column("客单价", .fact("aov")),
            Column("曝光-观看率", .fact("exposure_entry_rate")),
            Column("商品曝光-点击率", .fact("product_click_rate")),
            Column("商品点击-成交率", .fact("click_conversion_rate")),
            Column("千次观看成交金额", .ignore, note: "GPM，由其他答案计算"),
            Column("直播场次", .ignore),
            Column("直播时长", .ignore),
            Column("新增粉丝数", .ignore),
            Column("统计日期", .date),
        ]),
        Export(id: "compass_service", title: "抖音电商罗盘 · 服务/体验分", path: "罗盘 → 服务 → 体验分 → 导出", columns: [
            Column("店铺ID", .merchantID),
            Column("店铺名称", .merchantName),
            Column("商家体验分", .fact("store_rating")),
            Column("店铺体验分", .fact("store_rating")),
            Column("差评率", .fact("bad_review_rate")),
            Column("商品差评率", .fact("bad_review_rate")),
            Column("品质退货率", .fact("return_rate")),
            Column("退货退款率", .fact("return_rate")),
            Column("平均发货时长", .fact("ship_hours"), note: "26.5小时、2天都可"),
            Column("揽收及时率", .ignore),
            Column("违规次数", .fact("violations_90d"), note: "近90天"),
        ]),
        Export(id: "compass_product", title: "抖音电商罗盘 · 商品", path: "罗盘 → 商品 → 商品列表/商品概览 → 导出", columns: [
            Column("店铺名称", .merchantName),
            Column("在售商品数", .fact("sku_count")),
            Column("动销率", .fact("sell_through_rate")),
            Column("商品退款率", .fact("return_rate")),
            Column("毛利率", .fact("gross_margin_pct")),
        ]),
        Export(id: "qianchuan_account", title: "巨量千川 · 账户报表（全域推广）", path: "千川 → 数据 → 账户报表 → 导出（两行表头：整体 / 净成交 分组）", columns: [
            Column("账户ID", .merchantID),
            Column("账户名称", .merchantName),
            Column("整体消耗", .fact("monthly_ad_spend"), note: "统计周期一个月时即月消耗"),
            Column("整体支付ROI", .fact("ad_roi")),
            Column("整体成交金额", .fact("monthly_gmv"), note: "全域推广的整体成交，含自然流量"),
            Column("整体成交订单数", .ignore),
            Column("整体成交订单成本", .ignore),
            Column("整体千次展现费用", .ignore),
            Column("整体点击率", .ignore, note: "广告点击率，不是商品点击率"),
            Column("整体转化率", .ignore, note: "广告转化率"),
            Column("净成交ROI", .fact("net_roi"), note: "扣除退款后"),
            Column("净成交金额", .ignore),
            Column("净成交金额结算率", .ignore),
            Column("1小时内退款率", .ignore, note: "口径与退货退款率不同"),
        ]),
        Export(id: "kuaishou_sytong", title: "快手生意通 · 直播数据", path: "生意通 → 直播 → 直播明细 → 导出", columns: [
            Column("快手号", .merchantID),
            Column("主播昵称", .merchantName),
            Column("店铺名称", .merchantName),
            Column("支付金额", .fact("monthly_gmv")),
            Column("直播成交金额", .fact("monthly_gmv")),
            Column("场均观看人数", .fact("avg_viewers_per_session")),
            Column("人均观看时长", .fact("avg_stay_seconds")),
            Column("订单退款率", .fact("return_rate")),
            Column("直播转化率", .fact("conversion_rate")),
            Column("客单价", .fact("aov")),
        ]),
        Export(id: "taobao_live", title: "淘宝直播 · 中控台", path: "淘宝直播中控台 → 数据 → 直播数据 → 下载", columns: [
            Column("主播名称", .merchantName),
            Column("直播间ID", .merchantID),
            Column("成交金额", .fact("monthly_gmv")),
            Column("场均观看次数", .fact("avg_viewers_per_session"), note: "观看次数口径，近似场观"),
            Column("人均观看时长", .fact("avg_stay_seconds")),
            Column("成交转化率", .fact("conversion_rate")),
            Column("客单价", .fact("aov")),
        ]),
        Export(id: "qianchuan_plan", title: "巨量千川 · 计划报表", path: "千川 → 数据 → 计划报表（每行一个计划，不是商家：不能直接诊断，请导出账户报表）", columns: [
            Column("计划ID", .perPlan), Column("计划名称", .perPlan),
        ]),
    ]

    /// Headers of the consultancy's own sheets and of other pages, beyond the exports above.
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
    static let name = ["商家名称", "商家名", "商家", "店铺名称", "店铺名", "店铺", "账号名称", "达人昵称", "主播昵称", "主播名称",
                       "账户名称", "merchant", "merchant_name", "name", "shop", "shop_name", "store"]
    /// Columns identifying the merchant by a number: never its name while a name column exists.
    static let merchantID = ["merchant_id", "shop_id", "商家ID", "店铺ID", "账户ID", "抖音号", "快手号", "直播间ID", "账号ID", "ID"]
    static let consultant = ["顾问", "负责顾问", "服务顾问", "consultant"]
    static let date = ["日期", "诊断日期", "统计日期", "date"]

    /// Units a header may carry in brackets, as the suffix appended to a bare number in its column:
    /// `成交金额(万元)` with `80` means 80万.
    static let unitSuffixes: [String: String] = [
        "万": "万", "万元": "万", "w": "万", "亿": "亿", "亿元": "亿", "千": "千", "千元": "千", "k": "千",
    ]
}
