import ConsultDiagnostics
import ConsultExpression
import Yams

/// Program-wide sections that need the fact schema: the ranking model, platform/category terms,
/// peer reference values, and the plan-level expectations of examples.
struct SectionBuilder {
    let reader: YAMLReader
    let schema: FactSchema
    let declarations: [String: FactDeclaration]
    let rules: RuleBuilder

    func ranking(_ node: YNode) -> RankingModel? {
        guard let f = reader.fields(node, "ranking", allowed: ["severity", "stop_the_line", "per_symptom", "stakes"],
                                    required: ["severity", "stakes"]) else { return nil }
        var points: [Severity: Int] = [:]
        if let sf = f["severity"].flatMap({ reader.fields($0, "severity points", allowed: Severity.allCases.map(\.rawValue),
                                                              required: Severity.allCases.map(\.rawValue)) }) {
            for s in Severity.allCases { points[s] = reader.int(sf[s.rawValue], "points of \(s.rawValue)") }
        }
        var stakes: [Stake] = []
        for node in reader.sequence(f["stakes"], "stakes") {
            guard let sf = reader.fields(node, "a stake", allowed: ["id", "label", "points", "cases"], required: ["id", "label"]),
                  let id = reader.identifier(sf["id"], "stake id"), let label = reader.text(sf["label"], "label of stake '\(id)'") else { continue }
            var cases: [(when: Expression?, points: Int)] = []
            if let p = sf["points"].flatMap({ reader.int($0, "stake points") }) { cases.append((nil, p)) }
            for c in reader.sequence(sf["cases"], "cases of stake '\(id)'") {
                guard let cf = reader.fields(c, "a stake case", allowed: ["when", "points"], required: ["when", "points"]),
                      let when = reader.expression(cf["when"], "stake condition", schema: schema, expecting: .bool),
                      let p = reader.int(cf["points"], "stake points") else { continue }
                cases.append((when, p))
            }
            if sf["points"] != nil && sf["cases"] != nil {
                reader.error("playbook.value", "stake '\(id)' takes either points or cases, not both", at: sf.node)
            }
            if stakes.contains(where: { $0.id == id }) { reader.error("playbook.duplicate", "stake '\(id)' appears twice", at: node) }
            stakes.append(Stake(id: id, label: label, cases: cases))
        }
        return RankingModel(severityPoints: points, stopTheLine: f["stop_the_line"].flatMap { reader.int($0, "stop_the_line points") } ?? 0,
                            perSymptom: f["per_symptom"].flatMap { reader.int($0, "per_symptom points") } ?? 0, stakes: stakes)
    }

    func term(_ node: YNode) -> Term? {
        guard let f = reader.fields(node, "a term", allowed: ["id", "by", "values", "else"], required: ["id", "by", "values", "else"]),
              let id = reader.identifier(f["id"], "term id"), let by = reader.identifier(f["by"], "term's fact"),
              let otherwise = reader.text(f["else"], "fallback words of term '\(id)'") else { return nil }
        guard let fact = declarations[by], fact.kind == .choice else {
            reader.error("playbook.value", "term '\(id)' must be picked by a choice fact; '\(by)' is not one", at: f["by"]!)
            return nil
        }
        var values: [String: Text] = [:]
        if let mapping = f["values"]?.mapping {
            for (key, value) in mapping {
                guard let choice = key.string else { continue }
                if fact.choice(choice) == nil {
                    reader.error("expr.unknown-choice", "'\(choice)' is not a choice of '\(by)'\(Suggestion.didYouMean(choice, in: fact.choices.map(\.id)))", at: key)
                    continue
                }
                if let text = reader.text(value, "words of term '\(id)' for \(choice)") { values[choice] = text }
            }
        } else if let node = f["values"] {
            reader.error("playbook.type", "values of term '\(id)' must map choices of '\(by)' to { zh, en }", at: node)
        }
        return Term(id: id, by: by, values: values, otherwise: otherwise, location: reader.location(f["id"] ?? node))
    }

    func reference(_ node: YNode) -> Reference? {
        guard let f = reader.fields(node, "a reference", allowed: ["metric", "lower_is_better", "rows", "sources"],
                                    required: ["metric", "rows", "sources"]),
              let metric = reader.identifier(f["metric"], "reference fact") else { return nil }
        guard let fact = declarations[metric], fact.kind.isNumeric else {
            reader.error("playbook.value", "reference '\(metric)' must name a numeric fact", at: f["metric"]!)
            return nil
        }
        var rows: [Reference.Row] = []
        for r in reader.sequence(f["rows"], "reference rows") {
            guard let rf = reader.fields(r, "a reference row", allowed: ["when", "median", "top"], required: ["median", "top"]),
                  let median = reader.number(rf["median"], "median"), let top = reader.number(rf["top"], "top quartile") else { continue }
            let when = rf["when"].flatMap { reader.expression($0, "reference condition", schema: schema, expecting: .bool) }
            if rf["when"] != nil && when == nil { continue }
            rows.append(Reference.Row(when: when, median: median, top: top))
        }
        let lower = f["lower_is_better"].flatMap { reader.bool($0, "lower_is_better") } ?? false
        for row in rows where lower ? row.top > row.median : row.top < row.median {
            reader.error("playbook.value", "reference '\(metric)': the top quartile must be \(lower ? "below" : "above") the median", at: f["rows"]!)
            break
        }
        return Reference(metric: metric, lowerIsBetter: lower, rows: rows, sources: rules.sources(f["sources"], "reference '\(metric)'"),
                         location: reader.location(f["metric"]!))
    }

    /// `plan: { top: EV-02, causes: { SV-04: SV-12 }, absent: [EX-11], never_both: [[EX-05, EX-11]], not_containing: [千川] }`
    func expectation(_ node: YNode) -> PlanExpectation? {
        guard let f = reader.fields(node, "plan expectations",
                                    allowed: ["top", "top3", "causes", "absent", "never_both", "not_containing"]) else { return nil }
        func code(_ n: YNode) -> String? { reader.string(n, "rule code")?.trimmingSpaces.uppercased() }
        var e = PlanExpectation(location: reader.location(node))
        e.top = f["top"].flatMap(code)
        if let n = f["top3"] { e.top3 = reader.sequence(n, "top3").compactMap(code) }
        if let mapping = f["causes"]?.mapping {
            for (k, v) in mapping {
                if let s = code(k), let c = code(v) { e.causes.append((s, c)) }
            }
        }
        e.absent = reader.sequence(f["absent"], "absent").compactMap(code)
        for pair in reader.sequence(f["never_both"], "never_both") {
            let codes = reader.sequence(pair, "a pair of rule codes").compactMap(code)
            if codes.count == 2 { e.neverBoth.append((codes[0], codes[1])) } else {
                reader.error("playbook.value", "never_both takes pairs such as [EX-05, EX-11]", at: pair)
            }
        }
        e.notContaining = reader.sequence(f["not_containing"], "not_containing").compactMap { reader.string($0, "words") }
        return e
    }
}
