import ConsultExpression
import ConsultPlaybook

/// The KPI table of domain-brief §4.4: a row per metric touched by a fired rule (or marked
/// `always`), with baseline and day-30/60/90 targets; missing 30/60 targets are interpolated.
struct KPITable {
    let program: Program
    let diagnosis: Diagnosis
    let language: Language

    func rows(findings fired: [FiredRule]) -> [KPIRow] {
        var rows: [KPIRow] = []
        for metric in program.metrics {
            let touching = fired.filter { f in f.rule.kpiTargets.contains { $0.metric == metric.id } }
            let baseline = metric.fact.flatMap { diagnosis.values[$0] } ?? .unknown
            let targets: KPITargets
            let owner: Owner
            if let first = touching.first, let t = first.rule.kpiTargets.first(where: { $0.metric == metric.id }) {
                targets = t
                owner = first.rule.actions.first?.owner ?? .merchant
            } else if let always = metric.always, baseline.isKnown {
                targets = always
                owner = .merchant
            } else {
                continue
            }
            let declaration = metric.fact.flatMap { program.declaration(of: $0) }
            let unit = (metric.unit ?? declaration?.unit)?[language]
            // A metric with no fact behind it takes its kind from its unit: 元 is money (1亿元, not 100000000).
            let kind = declaration?.kind ?? (unit == "%" ? .percent : metric.unit?.zh == "元" ? .money : .number)
            // Whole yuan for GMV-sized amounts; UV value (0.72 元) keeps its fen.
            let whole = declaration?.integer == true || (kind == .money && (baseline.number.map { $0 >= 1000 || $0 <= -1000 } ?? true))
            let places = whole ? 0 : 2
            let d90 = evaluate(targets.d90, places)
            let staged = Self.neverLooser(baseline: baseline.number, [
                evaluate(targets.d30, places) ?? interpolate(baseline, d90, 1, places),
                evaluate(targets.d60, places) ?? interpolate(baseline, d90, 2, places),
                d90])
            if staged.allSatisfy({ $0 == nil }) { continue }
            rows.append(KPIRow(
                metric: metric.id, label: Self.label(metric.label[language], unit: unit, kind: kind, language), unit: unit,
                kind: kind, baseline: baseline, d30: staged[0], d60: staged[1], d90: staged[2],
                owner: owner, because: touching.map(\.rule.code)))
        }
        // Rows driven by the most urgent findings first; `always` rows (GMV) lead.
        let rank = Dictionary(fired.enumerated().map { ($1.rule.code, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.enumerated().sorted { a, b in
            let ra = a.element.because.compactMap { rank[$0] }.min() ?? -1
            let rb = b.element.because.compactMap { rank[$0] }.min() ?? -1
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// Targets are never looser than today and never loosen from day 30 to day 90: a `>=` target
    /// is at least the baseline and the target before it; a `<=` target at most.
    static func neverLooser(baseline: Number?, _ targets: [KPITarget?]) -> [KPITarget?] {
        var floor = baseline
        return targets.map { t in
            guard var t else { return nil }
            if let f = floor {
                switch t.comparison {
                case .greaterOrEqual, .greater: if t.value < f { t.value = f }
                case .lessOrEqual, .less: if t.value > f { t.value = f }
                case .equal: break
                }
            }
            floor = t.value
            return t
        }
    }

    /// Money and percent carry their unit in the value; counts and seconds show it in the label.
    static func label(_ label: String, unit: String?, kind: FactKind, _ language: Language) -> String {
        guard let unit, kind == .number, !unit.isEmpty else { return label }
        return language == .zh ? "\(label)（\(unit)）" : "\(label) (\(unit))"
    }

    func evaluate(_ spec: TargetSpec?, _ places: Int) -> KPITarget? {
        guard let spec, let n = spec.value.evaluate({ diagnosis.values[$0] ?? .unknown }).number else { return nil }
        return KPITarget(comparison: spec.comparison, value: n.rounded(places: places))
    }

    /// Linear interpolation between the baseline and the day-90 target: step 1 of 3 is day 30.
    func interpolate(_ baseline: Value, _ d90: KPITarget?, _ step: Int, _ places: Int) -> KPITarget? {
        guard let d90, let b = baseline.number else { return nil }
        let value = b + ((d90.value - b) * Number(step)).divided(by: 3)!
        return KPITarget(comparison: d90.comparison, value: value.rounded(places: places))
    }
}
