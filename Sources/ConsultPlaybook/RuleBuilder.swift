import ConsultDiagnostics
import ConsultExpression
import Yams

/// Second pass for rules, metrics and targets: everything that needs the program's fact schema.
struct RuleBuilder {
    let reader: YAMLReader
    let schema: FactSchema
    let playbook: Playbook

    static let fields = ["id", "code", "title", "when", "severity", "severity_if", "stop_the_line", "stakes", "explains",
                         "excludes", "overrides", "finding", "actions", "kpi_targets", "sources", "examples"]
    static let required = ["id", "code", "title", "when", "severity", "finding", "actions", "sources", "examples"]

    func rule(_ f: YAMLReader.Fields) -> Rule? {
        let id = reader.identifier(f["id"], "rule id")
        let code = reader.string(f["code"], "rule code")
        let label = id.map { "rule '\($0)'" } ?? "rule"
        if let code, let node = f["code"] {
            let chars = Array(code.unicodeScalars)
            let valid = chars.count == 5 && chars[2] == "-" && chars[0...1].allSatisfy { ("A"..."Z").contains($0) }
                && chars[3...4].allSatisfy { ("0"..."9").contains($0) }
            if !valid {
                reader.error("playbook.code", "rule code '\(code)' must look like SV-01", at: node)
            } else if let prefix = playbook.code, !code.hasPrefix(prefix + "-") {
                reader.error("playbook.code", "rule code '\(code)' must start with this playbook's code '\(prefix)-'", at: node)
            }
        }
        let when = reader.expression(f["when"], "condition of \(label)", schema: schema, expecting: .bool)
        let severity = reader.oneOf(f["severity"], "severity", Severity.self)
        let title = reader.text(f["title"], "title of \(label)")
        let finding = reader.text(f["finding"], "finding of \(label)")
        let actions = reader.sequence(f["actions"], "actions").compactMap(action)
        if let node = f["actions"], actions.isEmpty, node.sequence?.isEmpty ?? false {
            reader.error("playbook.missing-field", "\(label) needs at least one action", at: node)
        }
        let targets = reader.sequence(f["kpi_targets"], "kpi_targets").compactMap { kpiTargets($0, needMetric: true) }
        let sources = self.sources(f["sources"], label)
        var fire: [ExampleAnswers] = [], quiet: [ExampleAnswers] = []
        if let node = f["examples"], let ef = reader.fields(node, "examples of \(label)", allowed: ["fire", "quiet"]) {
            fire = reader.sequence(ef["fire"], "fire examples").compactMap(answers)
            quiet = reader.sequence(ef["quiet"], "quiet examples").compactMap(answers)
            if ef["fire"] == nil || fire.isEmpty {
                reader.error("playbook.examples", "\(label) needs at least one firing example (examples: fire:)", at: node)
            }
            if ef["quiet"] == nil || quiet.isEmpty {
                reader.error("playbook.examples", "\(label) needs at least one non-firing example (examples: quiet:)", at: node)
            }
        }
        let severityIf = reader.sequence(f["severity_if"], "severity_if").compactMap(severityCase)
        let stakes = reader.sequence(f["stakes"], "stakes").compactMap { reader.identifier($0, "stake") }
        guard let id, let code, let when, let severity, let title, let finding, let whenNode = f["when"] else { return nil }
        var rule = Rule(id: id, code: code, playbook: playbook.id, title: title, when: when, severity: severity,
                        stopTheLine: f["stop_the_line"].flatMap { reader.bool($0, "stop_the_line") } ?? false,
                        finding: finding, actions: actions, kpiTargets: targets, sources: sources,
                        fireExamples: fire, quietExamples: quiet, location: reader.location(f.node),
                        whenLocation: reader.location(in: whenNode, offset: 0))
        rule.severityIf = severityIf
        rule.stakes = stakes
        rule.explains = codes(f["explains"], "explains")
        rule.excludes = codes(f["excludes"], "excludes")
        rule.overrides = codes(f["overrides"], "overrides")
        return rule
    }

    /// Rule codes named by a link field; that they exist is checked once every file is loaded.
    func codes(_ node: YNode?, _ what: String) -> [String] {
        reader.sequence(node, what).compactMap { reader.string($0, "a rule code in \(what)")?.trimmingSpaces.uppercased() }
    }

    func severityCase(_ node: YNode) -> SeverityCase? {
        guard let f = reader.fields(node, "a severity case", allowed: ["when", "severity"], required: ["when", "severity"]),
              let when = reader.expression(f["when"], "severity_if condition", schema: schema, expecting: .bool),
              let severity = reader.oneOf(f["severity"], "severity", Severity.self) else { return nil }
        return SeverityCase(when: when, severity: severity)
    }

    func action(_ node: YNode) -> Action? {
        guard let f = reader.fields(node, "an action", allowed: ["owner", "horizon", "text", "kpi", "scale_up", "lever", "metric"],
                                    required: ["owner", "horizon", "text", "kpi"]) else { return nil }
        guard let owner = reader.oneOf(f["owner"], "owner", Owner.self),
              let horizon = reader.oneOf(f["horizon"], "horizon", Horizon.self),
              let text = reader.text(f["text"], "action text"),
              let kpi = reader.text(f["kpi"], "action KPI") else { return nil }
        var levers: [String: Stance] = [:]
        if let node = f["lever"] {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let lever = reader.identifier(key, "lever") else { continue }
                    if !Self.levers.contains(lever) {
                        reader.error("playbook.value", "lever '\(lever)' is not one of \(Self.levers.joined(separator: ", "))\(Suggestion.didYouMean(lever, in: Self.levers))", at: key)
                    }
                    if let stance = reader.oneOf(value, "direction of lever '\(lever)'", Stance.self) { levers[lever] = stance }
                }
            } else {
                reader.error("playbook.type", "lever must be a mapping such as { ad_spend: down }", at: node)
            }
        }
        var action = Action(owner: owner, horizon: horizon, text: text, kpi: kpi,
                            scaleUp: f["scale_up"].flatMap { reader.bool($0, "scale_up") } ?? false)
        action.levers = levers
        action.metric = f["metric"].flatMap { reader.identifier($0, "metric") }
        return action
    }

    /// What an action can move; contradictions are two actions moving one of these different ways.
    static let levers = ["ad_spend", "growth_target", "sku_range", "live_hours", "new_listings", "price", "team",
                         "stock_depth", "service_level"]

    func sources(_ node: YNode?, _ label: String) -> [SourceRef] {
        let list = reader.sequence(node, "sources").compactMap { node -> SourceRef? in
            guard let f = reader.fields(node, "a source", allowed: ["ref", "note"], required: ["ref", "note"]),
                  let ref = reader.string(f["ref"], "source ref"), let noteNode = f["note"] else { return nil }
            if noteNode.mapping != nil {
                guard let note = reader.text(noteNode, "source note") else { return nil }
                return SourceRef(ref: ref.trimmingSpaces, note: note, bilingual: true, location: reader.location(noteNode))
            }
            guard let note = reader.string(noteNode, "source note") else { return nil }
            return SourceRef(ref: ref.trimmingSpaces, note: .same(note.trimmingSpaces), bilingual: false,
                             location: reader.location(noteNode))
        }
        if let node, list.isEmpty, node.sequence?.isEmpty ?? false {
            reader.error("playbook.missing-source", "\(label) needs at least one source", at: node)
        }
        return list
    }

    func answers(_ node: YNode) -> ExampleAnswers? {
        guard let mapping = node.mapping else {
            reader.error("playbook.type", "an example must be a mapping of fact: answer", at: node)
            return nil
        }
        var list: [(fact: String, raw: String, location: SourceLocation)] = []
        for (key, value) in mapping {
            guard let fact = key.string else { continue }
            let raw = value.scalar?.string ?? ""
            if value.scalar == nil { reader.error("playbook.type", "the answer for '\(fact)' must be a single value", at: value) }
            list.append((fact, YAMLReader.isNull(value) ? "" : raw, reader.location(key)))
        }
        return ExampleAnswers(answers: list, location: reader.location(node))
    }

    func kpiTargets(_ node: YNode, needMetric: Bool) -> KPITargets? {
        let allowed = needMetric ? ["metric", "d30", "d60", "d90"] : ["d30", "d60", "d90"]
        guard let f = reader.fields(node, "KPI targets", allowed: allowed, required: needMetric ? ["metric", "d90"] : ["d90"]) else { return nil }
        let metric = needMetric ? reader.identifier(f["metric"], "metric") : ""
        guard let metric else { return nil }
        return KPITargets(metric: metric, d30: target(f["d30"]), d60: target(f["d60"]), d90: target(f["d90"]),
                          location: reader.location(f["metric"] ?? node))
    }

    /// `">= breakeven_roi * 1.2"`: the operator, then an expression.
    func target(_ node: YNode?) -> TargetSpec? {
        guard let node, let text = reader.string(node, "KPI target") else { return nil }
        let trimmed = text.trimmingSpaces
        guard let op = ComparisonOperator.allCases.first(where: { trimmed.hasPrefix($0.rawValue) }) else {
            reader.error("playbook.target", "a KPI target starts with one of >= <= > < ==, got '\(text)'", at: node)
            return nil
        }
        let rest = String(trimmed.dropFirst(op.rawValue.count))
        switch Expression.compile(rest, schema: schema, expecting: .number) {
        case .success(let e): return TargetSpec(comparison: op, value: e)
        case .failure(let errors):
            let lead = text.unicodeScalars.count - rest.unicodeScalars.count
            for e in errors {
                reader.error(e.id, "KPI target: \(e.message)", at: reader.location(in: node, offset: lead + e.span.start),
                             length: e.span.length, notes: e.notes)
            }
            return nil
        }
    }
}
