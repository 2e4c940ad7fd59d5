import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import Testing

/// The plan of domain-brief §4.7's illustration merchant, built by the bundled playbooks.
struct IllustrationPlanTests {
    let plan = Bundled.plan("examples/bag_stall.yaml")

    @Test func whereTheMerchantStands() {
        let position = Dictionary(uniqueKeysWithValues: plan.position.map { ($0.fact, $0.value) })
        #expect(position["live_stage"] == .string("growth"))
        #expect(position["merchant_type"] == .string("small_main"))
        #expect(position["expectation_level"] == .string("unrealistic"))
        #expect(position["capacity_ready"] == .bool(false))
    }

    @Test func firesTheBriefsRules() {
        let codes = Set(plan.findings.map(\.code))
        for code in ["EX-01", "EX-05", "SV-02", "PL-01", "PL-04", "IN-01", "IN-02", "LC-06", "LC-10", "AC-05", "AC-09"] {
            #expect(codes.contains(code), "\(code) should fire")
        }
    }

    @Test func fixFirstBannerAndTopThree() {
        #expect(plan.fixFirst.contains("EX-01") && plan.fixFirst.contains("IN-02"))
        // A 28 s stay is why the ads lose money: the weak room ranks above the loss it causes, and the
        // loss is shown under it (docs/diagnosis-model.md). The unrealistic target comes next.
        #expect(plan.topFindings == ["PL-01", "EX-01", "SV-02"])
        #expect(plan.finding("IN-02")?.causes.contains("PL-01") == true)
        #expect(plan.finding("EX-05")?.causes == ["EX-01"])
        let score = { (code: String) in plan.finding(code)?.priority ?? 0 }
        #expect(score("PL-01") > score("IN-02") && score("EX-01") > score("EX-05"))
        #expect(plan.finding("IN-02")?.score.stakes.contains { $0.stake == "margin" && $0.points == 50 } == true)
    }

    @Test func gmvMilestonesAreCappedAtTwiceCurrent() throws {
        let gmv = try #require(plan.kpis.first { $0.metric == "monthly_gmv" })
        #expect(gmv.baseline == .number(120_000))
        #expect(gmv.d30?.value == 160_000)
        #expect(gmv.d60?.value == 200_000)
        #expect(gmv.d90?.value == 240_000)
        #expect(plan.headlineKPIs.first == "monthly_gmv")
    }

    @Test func thisWeekFollowsFindingPriority() {
        let week = plan.thisWeek.compactMap { plan.action(rank: $0) }
        #expect(week.count == 5)
        #expect(week.first?.because.first == "PL-01")
        #expect(week.contains { $0.owner == .adBuyer && $0.because.contains("IN-02") }, "pausing the losing plans is a Week-1 action")
    }

    @Test func everyActionHasOneOwnerHorizonAndKPI() {
        for a in plan.actions {
            #expect(!a.kpi.isEmpty && !a.text.isEmpty)
            #expect(!a.because.isEmpty)
        }
        #expect(plan.actions.map(\.rank) == Array(1...plan.actions.count))
        #expect(plan.bodyActions.count == min(12, plan.actions.count))
    }
}

struct PlanRulesTests {
    @Test func scaleUpActionsWaitForContentFixes() {
        // Mature room, profitable ads, but a high SV finding: IN-13's scale-up action moves a bucket later.
        let program = Bundled.program
        let engine = Engine(program: program)
        var answers = Answers()
        let given: [String: String] = [
            "avg_stay_seconds": "90", "viewer_trend_in_session": "stable", "conversion_rate": "2", "gross_margin_pct": "50",
            "ad_roi": "4", "monthly_ad_spend": "100000", "monthly_gmv": "1000000", "target_monthly_gmv": "2000000",
            "gmv_trend": "growing", "store_rating": "4.5", "return_rate": "10",
        ]
        for (fact, raw) in given { answers.values[fact] = try! AnswerParser.parse(raw, for: program.question(fact)!.fact).get() }
        let plan = Planner(engine: engine).plan(engine.diagnose(answers), merchant: MerchantInfo(name: "t"), language: .en)
        let scale = plan.actions.first { $0.because.contains("IN-13") }
        #expect(scale?.deferred == true)
        #expect(scale?.bucket == .day60)
        answers.values["store_rating"] = .number(Number("4.8")!)
        let calm = Planner(engine: engine).plan(engine.diagnose(answers), merchant: MerchantInfo(name: "t"), language: .en)
        #expect(calm.actions.first { $0.because.contains("IN-13") }?.deferred == false)
    }

    @Test func unknownFactsListTheRulesTheyWouldDecide() {
        // The consultant edition lists every gap; the merchant's keeps the six that decide the most.
        let plan = Bundled.plan("examples/bag_stall.yaml", edition: .consultant)
        let gaps = Dictionary(uniqueKeysWithValues: plan.unknowns.map { ($0.fact, $0.wouldCheck) })
        let merchant = Bundled.plan("examples/bag_stall.yaml")
        #expect(merchant.unknowns.map(\.fact) == plan.unknowns.prefix(Plan.merchantGaps).map(\.fact))
        #expect(merchant.moreUnknowns == plan.unknowns.count - Plan.merchantGaps)
        #expect(MarkdownRenderer.render(merchant).contains("\(merchant.moreUnknowns) more gaps of smaller weight"))
        #expect(gaps["return_rate"] != nil)
        #expect(gaps["store_rating"] == nil)
        // The merchant buys traffic, so the ad follow-ups are real gaps.
        #expect(gaps["natural_traffic_share"]?.contains("IN-11") == true)
        #expect(gaps["return_rate"]?.contains("SV-04") == true)
        // A follow-up whose ask_if is false is no gap: no ads bought, no event planned.
        let cold = Dictionary(uniqueKeysWithValues: Bundled.plan("examples/cold_start_stall.yaml", edition: .consultant).unknowns.map { ($0.fact, $0.wouldCheck) })
        #expect(cold["repurchase_rate"] != nil)
        for followUp in ["ad_roi", "natural_traffic_share", "new_plans_per_day", "event_gmv_target", "live_reservations"] {
            #expect(cold[followUp] == nil, "\(followUp) does not apply")
        }
    }

    @Test func onlyRestrictsThePlaybooksEvaluated() {
        let parsed = Bundled.answers("examples/midtier_after_sales.yaml")
        let engine = Engine(program: Bundled.program, only: ["after_sales"])
        let diagnosis = engine.diagnose(parsed.answers)
        #expect(!diagnosis.fired.isEmpty)
        #expect(diagnosis.fired.allSatisfy { $0.rule.playbook == "after_sales" })
    }

    @Test func everyPlaybookHasAFindingForTheAllPlaybooksMerchant() {
        for language in Language.allCases {
            // The consultant edition explains every finding; the merchant's lists the later ones by title.
            let plan = Bundled.plan("examples/every_playbook.yaml", language, edition: .consultant)
            #expect(plan.playbooks.count == 8)
            for section in plan.playbooks { #expect(!section.findings.isEmpty, "\(section.id) has no finding") }
            let md = MarkdownRenderer.render(plan)
            // Findings read problem by problem; every playbook's findings are there by title.
            for f in plan.findings { #expect(md.contains(f.title), "\(f.code) is not in the Markdown plan") }
        }
    }

    /// Actions a program can track: at least 90% of the actions across the example plans name
    /// the metric their KPI moves (the JSON `kpi.metric`).
    @Test func ninetyPercentOfActionsCarryAMetric() {
        let plans = DocumentLanguageTests.examples.map { Bundled.plan($0, .zh, edition: .consultant) }
        let actions = plans.flatMap(\.actions)
        let tracked = actions.filter { $0.metric != nil }
        #expect(actions.count > 100)
        #expect(tracked.count * 10 >= actions.count * 9, "\(tracked.count) of \(actions.count) actions carry a metric")
    }
}
