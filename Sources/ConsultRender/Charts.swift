import ConsultCharts
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// The plan's numbers as the charts take them: positions from the values, every label and value
/// text as the plan's tables write it, so a chart and its table never disagree.
enum Charts {
    /// The headline KPIs (page 1's targets) from today's value through day 30, 60 and 90.
    static func trajectory(_ plan: Plan) -> String? {
        let l = plan.language
        let rows = plan.headlineKPIs.compactMap { m in plan.kpis.first { $0.metric == m } }
        let series = rows.map { row in
            let declaration = row.kind.map { FactDeclaration(id: "", kind: $0) }
            // On the chart a target is its value alone, money in short form; the table under it has the full text.
            let targets = [(Labels.Key.day30, row.d30), (.day60, row.d60), (.day90, row.d90)].map { key, target in
                TrajectoryChart.Point(label: Labels.text(key, l), value: target?.value.doubleValue,
                                      text: target.map { short($0.value, row.kind, declaration, l) } ?? "—")
            }
            return TrajectoryChart.Series(label: row.label, points: [
                TrajectoryChart.Point(label: Labels.text(.baselineCol, l), value: row.baseline.number?.doubleValue,
                                      text: row.baseline.number.map { short($0, row.kind, declaration, l) } ?? ValueFormatter.format(row.baseline, as: declaration, l)),
            ] + targets)
        }
        return TrajectoryChart(id: "chart-kpi", title: Labels.text(.targets90, l), series: series).html()
    }

    /// A follow-up's KPIs: last visit → now → the target due, one small panel each.
    static func sinceLastVisit(_ since: SinceLastVisit, _ l: Language) -> String? {
        let series = since.kpis.prefix(SinceLastVisitView.kpiRows).map { k in
            TrajectoryChart.Series(label: k.label, points: [
                TrajectoryChart.Point(label: Labels.text(.lastVisitCol, l), value: k.values.before?.doubleValue, text: k.before),
                TrajectoryChart.Point(label: Labels.text(.nowCol, l), value: k.values.now?.doubleValue, text: k.now),
                TrajectoryChart.Point(label: Labels.text(.dueTarget, l), value: k.values.target?.doubleValue,
                                      text: k.values.target == nil ? "—" : String(k.target.drop { $0 != " " }.dropFirst())),
            ])
        }
        return TrajectoryChart(id: "chart-since", title: Labels.text(.sinceLastVisit, l), series: Array(series)).html()
    }

    /// The actions of the plan's body over twelve weeks, one lane per owner.
    static func roadmap(_ plan: Plan) -> String? {
        let l = plan.language
        let weeks: [Bucket: (Int, Int)] = [.week1: (1, 1), .day30: (2, 4), .day60: (5, 8), .day90: (9, 12)]
        let body = Set(plan.bodyActions)
        let actions = plan.actions.filter { body.contains($0.rank) }
        let lanes = Owner.allCases.map { owner in
            RoadmapChart.Lane(label: Labels.owner(owner, l), spans: Bucket.allCases.compactMap { bucket in
                let n = actions.filter { $0.owner == owner && $0.bucket == bucket }.count
                guard n > 0, let (from, to) = weeks[bucket] else { return nil }
                return RoadmapChart.Span(from: from, to: to, text: l == .zh ? "\(n)项" : "\(n)")
            })
        }
        return RoadmapChart(id: "chart-roadmap", title: Labels.text(.actionPlan, l), weekLabel: l == .zh ? "周" : "week", lanes: lanes).svg()
    }

    /// A value as short as a chart label must be: money as 11.3万 / 112.5k, anything else as the plan writes it.
    static func short(_ value: Number, _ kind: FactKind?, _ declaration: FactDeclaration?, _ l: Language) -> String {
        guard kind == .money else { return ValueFormatter.format(.number(value), as: declaration, l) }
        let amount = value.doubleValue
        let one = SVG.number
        if l == .zh { return abs(amount) >= 10_000 ? one(amount / 10_000) + "万" : one(amount) + "元" }
        return abs(amount) >= 1_000_000 ? one(amount / 1_000_000) + "m" : abs(amount) >= 1_000 ? one(amount / 1_000) + "k" : one(amount)
    }

    /// Each funnel step with a known value, against its peer median where there is one.
    static func funnel(_ funnel: Funnel, _ l: Language) -> String? {
        let steps = funnel.steps.compactMap { step -> FunnelChart.Step? in
            guard let value = step.value.value.number?.doubleValue else { return nil }
            return FunnelChart.Step(label: step.value.label, value: value, text: step.value.display,
                                    reference: step.reference?.medianValue?.doubleValue,
                                    referenceText: step.reference.map { PlanFormatter(language: l).peerMedian($0.median) })
        }
        return FunnelChart(id: "chart-funnel", title: Labels.text(.funnelSteps, l), referenceName: Labels.text(.peerMedianShort, l), steps: steps).svg()
    }
}
