import ConsultEngine
import ConsultPlaybook

/// Every fixed word of a rendered plan, in both languages, beside the renderers that use it.
public enum Labels {
    public static func severity(_ s: Severity, _ l: Language) -> String {
        switch s {
        case .critical: l == .zh ? "严重" : "critical"
        case .high: l == .zh ? "高" : "high"
        case .medium: l == .zh ? "中" : "medium"
        case .low: l == .zh ? "低" : "low"
        }
    }

    public static func owner(_ o: Owner, _ l: Language) -> String {
        switch o {
        case .merchant: l == .zh ? "商家" : "merchant"
        case .consultant: l == .zh ? "顾问" : "consultant"
        case .anchor: l == .zh ? "主播" : "anchor"
        case .adBuyer: l == .zh ? "投手" : "ad buyer"
        }
    }

    public static func horizon(_ h: Horizon, _ l: Language) -> String {
        switch h {
        case .thisWeek: l == .zh ? "本周" : "this week"
        case .d30: l == .zh ? "30天内" : "within 30 days"
        case .d90: l == .zh ? "90天内" : "within 90 days"
        }
    }

    public static func bucket(_ b: Bucket, _ l: Language) -> String {
        switch b {
        case .week1: l == .zh ? "第1周" : "Week 1"
        case .day30: l == .zh ? "30天内" : "By day 30"
        case .day60: l == .zh ? "60天内" : "By day 60"
        case .day90: l == .zh ? "90天内" : "By day 90"
        }
    }

    /// Where an answer came from, as a short tag; nil for the merchant's own word (the default).
    public static func provenance(_ p: Provenance?, _ l: Language) -> String? {
        switch p {
        case .data?: l == .zh ? "后台数据" : "dashboard"
        case .estimate?: l == .zh ? "估算" : "estimate"
        case .said?, nil: nil
        }
    }

    public static func role(_ r: PlaybookRole, _ l: Language) -> String {
        switch r {
        case .problems: ""
        case .context: l == .zh ? "（背景）" : " (context)"
        case .workingModel: l == .zh ? "（合作方式）" : " (working model)"
        }
    }

    /// Section headings and phrases.
    public static func text(_ key: Key, _ l: Language) -> String {
        let pair = key.pair
        return l == .zh ? pair.0 : pair.1
    }

    /// A key's name is its template name too: `{{labels.topFindings}}` (see docs/templates.md).
    public enum Key: String, CaseIterable, Sendable {
        case planTitle, summary, merchant, platform, category, belt, consultant, date, completeness
        case whereYouStand, topFindings, thisWeek, targets90, workingTogether, nextReview, fixFirst
        case details, baseline, derived, findingsByPlaybook, actionPlan, kpiTable, gaps, appendixActions
        case appendixTrace, appendixSources, evidence, sources, noFindings, metric, baselineCol, owner, rules
        case day30, day60, day90, unknownFacts, wouldCheck, assumptions, deferredNote, none, reviewInDays
        case action, kpi, horizon, severity, code, condition, value, versions, merchantCommits
        case fixFirstLead, severityLegend, providerCommits, merchantCommitsTitle, signMerchant, signConsultant
        case generatedBy, sourceRules, bucket, contextNote, confidential, toConfirm, item, restsOnEstimates
        case diagnosis, problems, leadsTo, references, peerMedian, peerTop, yours, standing
        case standingTop, standingAbove, standingBelow, whereToFind, score, setAside, assumedMark
        case keyFigures, moreFindings, funnel, decomposition, funnelSteps, reportedGMV, addsUp, doesNotAddUp, peerMedianShort, missingFactors
        case sinceLastVisit, resolvedFindings, persistingFindings, newFindings, lastVisitCol, nowCol, dueTarget
        case targetMet, targetMissed, targetUnknown

        var pair: (String, String) {
            switch self {
            case .planTitle: ("直播电商诊断方案", "Live-commerce diagnosis plan")
            case .summary: ("诊断摘要", "One-page summary")
            case .merchant: ("商家", "Merchant")
            case .platform: ("平台", "Platform")
            case .category: ("品类", "Category")
            case .belt: ("产业带", "Industrial belt")
            case .consultant: ("顾问", "Consultant")
            case .date: ("日期", "Date")
            case .completeness: ("数据完整度", "Data completeness")
            case .whereYouStand: ("现状定位", "Where you stand")
            case .topFindings: ("核心问题", "Top findings")
            case .thisWeek: ("本周行动", "This week")
            case .targets90: ("90天目标", "90-day targets")
            case .workingTogether: ("合作方式", "How we will work together")
            case .nextReview: ("下次复盘", "Next review")
            case .fixFirst: ("先解决", "Fix first")
            case .details: ("详细诊断", "Details")
            case .baseline: ("现状数据", "Baseline snapshot")
            case .derived: ("推导指标", "Derived metrics")
            case .findingsByPlaybook: ("诊断发现", "Findings")
            case .actionPlan: ("行动计划", "Action plan")
            case .kpiTable: ("指标目标表", "KPI table")
            case .gaps: ("数据缺口与假设", "Data gaps and assumptions")
            case .appendixActions: ("附录A 其他建议行动", "Appendix A - all other recommended actions")
            case .appendixTrace: ("附录B 规则追踪", "Appendix B - rule trace")
            case .appendixSources: ("来源与版本", "Sources and versions")
            case .evidence: ("依据", "Evidence")
            case .sources: ("来源", "Sources")
            case .noFindings: ("本手册没有发现问题。", "No findings in this playbook.")
            case .metric: ("指标", "Metric")
            case .baselineCol: ("现状", "Baseline")
            case .owner: ("负责人", "Owner")
            case .rules: ("规则", "Rules")
            case .day30: ("30天", "Day 30")
            case .day60: ("60天", "Day 60")
            case .day90: ("90天", "Day 90")
            case .unknownFacts: ("待确认的数据（补齐后可能改变诊断）", "To confirm (these could change the diagnosis)")
            case .wouldCheck: ("影响规则", "Would check")
            case .assumptions: ("用到的假设阈值（按品类调整）", "Assumed thresholds used (tune per category)")
            case .deferredNote: ("（待内容/服务问题解决后再做）", "(after content/service fixes)")
            case .none: ("无", "none")
            case .reviewInDays: ("30天后", "in 30 days")
            case .action: ("行动", "Action")
            case .kpi: ("考核指标", "KPI")
            case .horizon: ("期限", "Horizon")
            case .severity: ("严重度", "Severity")
            case .code: ("编号", "Code")
            case .condition: ("条件", "Condition")
            case .value: ("数值", "Value")
            case .versions: ("手册版本", "Playbook versions")
            case .merchantCommits: ("按期完成本方案中由“商家”负责的行动，按时参加每周复盘，并如实提供复盘所需的数据。",
                                    "Complete the actions this plan gives to “merchant” on time, join the weekly review, and share the figures it needs.")
            case .fixFirstLead: ("这些问题不先解决，其他动作的效果都会打折扣。",
                                 "Until these are fixed, every other action loses most of its effect.")
            case .severityLegend: ("严重度：严重 > 高 > 中 > 低", "Severity: critical > high > medium > low")
            case .providerCommits: ("我们（服务商）会做的", "What we (the provider) will do")
            case .merchantCommitsTitle: ("商家需要承诺的", "What the merchant commits to")
            case .signMerchant: ("商家确认（签字/日期）", "Merchant sign-off (signature / date)")
            case .signConsultant: ("顾问（签字/日期）", "Consultant (signature / date)")
            case .generatedBy: ("本方案由 consult 按规则手册生成", "Generated by consult from the rule playbooks")
            case .sourceRules: ("引用规则", "Cited by")
            case .bucket: ("时间", "When")
            case .contextNote: ("背景信息，帮助理解现状，不单独安排行动。", "Context for reading the situation; no separate actions.")
            case .confidential: ("仅供商家与顾问内部使用", "Confidential: for the merchant and the consultant")
            case .toConfirm: ("需要确认", "To confirm")
            case .item: ("项目", "Item")
            case .restsOnEstimates: ("依据全是估算，行动前先核实", "Rests on estimates only: confirm before acting")
            case .diagnosis: ("一句话诊断", "The diagnosis in one line")
            case .problems: ("问题 → 原因 → 建议", "Problem → cause → advice")
            case .leadsTo: ("连带造成", "Leads to")
            case .references: ("同行同级对比", "Against peers of your category and stage")
            case .peerMedian: ("同行同级中位值", "Peer median")
            case .peerTop: ("同行同级优秀值", "Peer top quartile")
            case .yours: ("您", "You")
            case .standing: ("判断", "Standing")
            case .standingTop: ("达到优秀", "top quartile")
            case .standingAbove: ("高于中位", "above the median")
            case .standingBelow: ("低于中位", "below the median")
            case .whereToFind: ("在哪里查", "Where to find it")
            case .score: ("排序分", "Score")
            case .setAside: ("被其他结论取代", "Set aside by another finding")
            case .assumedMark: ("（参考值为假设值）", " (reference values assumed)")
            case .keyFigures: ("关键推算", "Key figures")
            case .moreFindings: ("其他发现", "Other findings")
            case .funnel: ("成交拆解与直播间漏斗", "GMV decomposition and live-room funnel")
            case .decomposition: ("成交拆解", "Decomposition")
            case .funnelSteps: ("直播间漏斗", "Live-room funnel")
            case .reportedGMV: ("和实报对照", "Against reported GMV")
            case .addsUp: ("基本对得上", "they add up")
            case .doesNotAddUp: ("对不上，先把数核实（见诊断发现）", "they do not add up: check the numbers first (see the findings)")
            case .peerMedianShort: ("同行中位", "peer median")
            case .missingFactors: ("还缺", "still missing")
            case .sinceLastVisit: ("自上次拜访以来", "Since the last visit")
            case .resolvedFindings: ("已解决", "Resolved")
            case .persistingFindings: ("仍存在", "Still open")
            case .newFindings: ("新出现", "New")
            case .lastVisitCol: ("上次", "Last visit")
            case .nowCol: ("现在", "Now")
            case .dueTarget: ("到期目标", "Target due")
            case .targetMet: ("达成", "met")
            case .targetMissed: ("未达成", "not met")
            case .targetUnknown: ("待确认", "to confirm")
            }
        }
    }

    /// What a source tag stands for: the five source articles of design.md, `assumed` and
    /// `standard practice`; nil for anything else (a URL is its own title).
    public static func source(_ ref: String, _ l: Language) -> String? {
        let zh = l == .zh
        switch ref.lowercased() {
        case "000_e4a837f2233e5392.txt": return zh ? "千川投放策略与产业带营收计划" : "Qianchuan ad strategies, industrial-belt revenue program"
        case "001_b62d3f3984911d46.txt": return zh ? "818 期间服务商案例" : "Service-provider case studies around the 818 festival"
        case "002_b3be8f931f85f0d1.txt": return zh ? "快手服务商与直播运营" : "Kuaishou service providers and live operations"
        case "003_518f599fe2c37de2.txt": return zh ? "精细化运营" : "Fine-grained operations"
        case "004_22f5ef705ea094be.txt": return zh ? "产业带生命周期与 AESPI 服务能力模型" : "Industrial-belt lifecycle and the AESPI service-capability model"
        case "assumed": return zh ? "假设阈值（按品类调整）" : "Assumed threshold (tune per category)"
        case "standard practice": return zh ? "行业通行做法" : "Standard practice"
        default: return nil
        }
    }

    /// "上次拜访：2026-11-20（相隔 30 天），按上次方案的30天目标对照：已解决 2 项，仍存在 3 项，新出现 1 项；指标达成 2/5。"
    public static func sinceLastVisitLead(_ s: SinceLastVisit, _ l: Language) -> String {
        let kpis = s.kpis.isEmpty ? "" : (l == .zh ? "；指标达成 \(s.metCount)/\(s.kpis.count)" : "; KPIs met: \(s.metCount) of \(s.kpis.count)")
        if l == .zh {
            let gap = s.days.map { $0 == 0 ? "（同一天）" : "（相隔 \($0) 天）" } ?? ""
            return "上次拜访 \(s.date)\(gap)，按上次方案的\(s.dueDay)天目标对照：已解决 \(s.resolved.count) 项，仍存在 \(s.persisting.count) 项，新出现 \(s.new.count) 项\(kpis)。"
        }
        let gap = s.days.map { $0 == 0 ? " (the same day)" : $0 == 1 ? " (1 day ago)" : " (\($0) days ago)" } ?? ""
        return "Last visit \(s.date)\(gap), judged by the last plan's day-\(s.dueDay) targets: \(s.resolved.count) resolved, \(s.persisting.count) still open, \(s.new.count) new\(kpis)."
    }

    /// Finding titles on one line: the first `limit`, then how many more ("……等另外 18 项").
    public static func titleList(_ titles: [String], limit: Int = 5, _ l: Language) -> String {
        let shown = titles.prefix(limit).joined(separator: l == .zh ? "；" : "; ")
        let more = titles.count - min(limit, titles.count)
        guard more > 0 else { return shown }
        return shown + (l == .zh ? "……等另外 \(more) 项" : "; and \(more) more")
    }

    /// A KPI target's state at this visit, as a word.
    public static func targetState(_ met: Bool?, _ l: Language) -> String {
        text(met.map { $0 ? .targetMet : .targetMissed } ?? .targetUnknown, l)
    }

    /// How many judgements a missing number would decide, in words.
    /// The merchant edition's note under its data gaps; nil when none was left out.
    public static func moreGaps(_ count: Int, _ l: Language) -> String? {
        guard count > 0 else { return nil }
        return l == .zh ? "另有 \(count) 项影响较小的数据待补。" : (count == 1 ? "1 more gap of smaller weight." : "\(count) more gaps of smaller weight.")
    }

    public static func decides(_ count: Int, _ l: Language) -> String {
        l == .zh ? "影响 \(count) 条判断" : (count == 1 ? "decides 1 finding" : "decides \(count) findings")
    }

    public static func standing(_ s: ReferenceLine.Standing, _ l: Language) -> String {
        switch s {
        case .top: text(.standingTop, l)
        case .aboveMedian: text(.standingAbove, l)
        case .belowMedian: text(.standingBelow, l)
        }
    }

    /// The plan's verdict in one sentence: the first problem, what it leads to, and what follows.
    /// The plan's one-sentence diagnosis; while the interview goes on, it says it is preliminary.
    public static func diagnosisLine(_ plan: Plan) -> String {
        guard let interview = plan.interview else { return finalDiagnosisLine(plan) }
        return plan.language == .zh
            ? "（访谈进行中：已答 \(interview.answered)/\(interview.total) 题，以下为初步结论）" + finalDiagnosisLine(plan)
            : "(Interview in progress: \(interview.answered) of \(interview.total) questions answered; preliminary.) " + finalDiagnosisLine(plan)
    }

    private static func finalDiagnosisLine(_ plan: Plan) -> String {
        let zh = plan.language == .zh
        guard let code = plan.topFindings.first, let top = plan.finding(code) else {
            return zh ? "没有发现必须马上处理的问题：守住现在的节奏，按目标表推进。"
                : "Nothing needs fixing right away: keep the current rhythm and work through the targets."
        }
        let symptoms = top.symptoms.compactMap { plan.finding($0)?.title }.prefix(3)
        let rest = plan.topFindings.dropFirst().compactMap { plan.finding($0)?.title }
        if zh {
            var s = "最要紧的是“\(top.title)”"
            if !symptoms.isEmpty { s += "，它连带造成了" + symptoms.map { "“\($0)”" }.joined(separator: "、") }
            s += "；先解决它"
            if !rest.isEmpty { s += "，再处理" + rest.map { "“\($0)”" }.joined(separator: "和") }
            return s + "。"
        }
        var s = "First fix: \(top.title.lowercasedFirst)"
        if !symptoms.isEmpty { s += ", which leads to " + symptoms.map(\.lowercasedFirst).joined(separator: ", ") }
        if !rest.isEmpty { s += "; then " + rest.map(\.lowercasedFirst).joined(separator: " and ") }
        return s + "."
    }

    public static func target(_ t: KPITarget?, kind: FactKind?, _ l: Language) -> String {
        guard let t else { return "—" }
        let op = t.comparison.symbol
        let value = ValueFormatter.format(.number(t.value), as: kind.map { FactDeclaration(id: "", kind: $0) }, l)
        return "\(op) \(value)"
    }
}

extension String {
    /// "Store score under 4.6" → "store score under 4.6" inside a sentence; acronyms stay.
    var lowercasedFirst: String {
        guard let first = first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}
