import ConsultDiagnostics
import ConsultExpression
import Yams

/// Second pass for rules, metrics and targets: everything that needs the program's fact schema.
struct RuleBuilder {
    let reader: YAMLReader
    let schema: FactSchema
    let playbook: Playbook

    static let fields = ["id", "code", "title", "when", "severity", "stop_the_line", "finding", "actions",
                         "kpi_targets", "sources", "examples"]
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
        guard let id, let code, let when, let severity, let title, let finding, let whenNode = f["when"] else { return nil }
        return Rule(id: id, code: code, playbook: playbook.id, title: title, when: when, severity: severity,
                    stopTheLine: f["stop_the_line"].flatMap { reader.bool($0, "stop_the_line") } ?? false,
                    finding: finding, actions: actions, kpiTargets: targets, sources: sources,
                    fireExamples: fire, quietExamples: quiet, location: reader.location(f.node),
                    whenLocation: reader.location(in: whenNode, offset: 0))
    }

    func action(_ node: YNode) -> Action? {
        guard let f = reader.fields(node, "an action", allowed: ["owner", "horizon", "text", "kpi", "scale_up"],
                                    required: ["owner", "horizon", "text", "kpi"]) else { return nil }
        guard let owner = reader.oneOf(f["owner"], "owner", Owner.self),
              let horizon = reader.oneOf(f["horizon"], "horizon", Horizon.self),
              let text = reader.text(f["text"], "action text"),
              let kpi = reader.text(f["kpi"], "action KPI") else { return nil }
        return Action(owner: owner, horizon: horizon, text: text, kpi: kpi,
                      scaleUp: f["scale_up"].flatMap { reader.bool($0, "scale_up") } ?? false)
    }

    func sources(_ node: YNode?, _ label: String) -> [SourceRef] {
        let list = reader.sequence(node, "sources").compactMap { node -> SourceRef? in
            guard let f = reader.fields(node, "a source", allowed: ["ref", "note"], required: ["ref", "note"]),
                  let ref = reader.string(f["ref"], "source ref"), let note = reader.string(f["note"], "source note") else { return nil }
            return SourceRef(ref: ref.trimmingSpaces, note: note.trimmingSpaces)
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
