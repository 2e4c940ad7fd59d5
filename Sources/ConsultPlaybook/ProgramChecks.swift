import ConsultDiagnostics
import ConsultExpression

/// Checks that span files: unique ids and codes, references to blocks, metrics, facts and rules.
struct ProgramChecks {
    var playbooks: [Playbook]
    var blocks: [Block]
    var questions: [Question]
    var derived: [DerivedFact]
    var metrics: [Metric]
    var rules: [Rule]
    var examples: [ProgramExample]
    var position: [String]
    var files: [String: YAMLReader]

    func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var ids: [String: SourceLocation] = [:]
        for p in playbooks where p.id != "?" {
            if let first = ids[p.id] {
                out.append(.error("playbook.duplicate", "playbook id '\(p.id)' is used twice (also \(first))", at: SourceLocation(file: p.file, line: 1, column: 1)))
            }
            ids[p.id] = SourceLocation(file: p.file, line: 1, column: 1)
        }
        var codes: [String: Rule] = [:], ruleIds: [String: Rule] = [:]
        for rule in rules {
            if let first = codes[rule.code] {
                out.append(.error("playbook.duplicate-code", "rule code '\(rule.code)' is used twice (first by \(first.qualifiedId) at \(first.location))",
                                  at: rule.location, notes: ["every code must exist exactly once"]))
            } else { codes[rule.code] = rule }
            if let first = ruleIds[rule.qualifiedId] {
                out.append(.error("playbook.duplicate", "rule id '\(rule.id)' is used twice in \(rule.playbook) (first at \(first.location))", at: rule.location))
            } else { ruleIds[rule.qualifiedId] = rule }
        }
        let blockIds = Set(blocks.map(\.id))
        for q in questions where !blockIds.contains(q.block) {
            out.append(.error("playbook.unknown-block", "question '\(q.id)' names block '\(q.block)', which no playbook declares\(Suggestion.didYouMean(q.block, in: blockIds))", at: q.location))
        }
        let metricIds = Set(metrics.map(\.id))
        let facts = Set(questions.map(\.id) + derived.map(\.id))
        for m in metrics {
            if let fact = m.fact, !facts.contains(fact) {
                out.append(.error("expr.unknown-fact", "metric '\(m.id)' reads unknown fact '\(fact)'\(Suggestion.didYouMean(fact, in: facts))", at: m.location))
            }
        }
        for rule in rules {
            for t in rule.kpiTargets where !metricIds.contains(t.metric) {
                out.append(.error("playbook.unknown-metric", "unknown metric '\(t.metric)'\(Suggestion.didYouMean(t.metric, in: metricIds))", at: t.location,
                                  length: t.metric.count))
            }
            for example in rule.fireExamples + rule.quietExamples {
                out += unknownFacts(example, facts: facts)
            }
        }
        for example in examples {
            out += unknownFacts(example.given, facts: facts)
            for d in example.derived where !derived.contains(where: { $0.id == d.fact }) {
                out.append(.error("expr.unknown-fact", "'\(d.fact)' is not a derived fact\(Suggestion.didYouMean(d.fact, in: derived.map(\.id)))", at: d.location, length: d.fact.count))
            }
            let loaded = Set(playbooks.compactMap(\.code))
            for (code, location) in example.fire + example.quiet
            where !rules.contains(where: { $0.code == code }) && loaded.contains(String(code.prefix(2))) {
                out.append(.error("playbook.unknown-rule", "unknown rule code '\(code)'\(Suggestion.didYouMean(code, in: rules.map(\.code)))", at: location, length: code.count))
            }
        }
        return out
    }

    func unknownFacts(_ example: ExampleAnswers, facts: Set<String>) -> [Diagnostic] {
        example.answers.compactMap { answer in
            if derived.contains(where: { $0.id == answer.fact }) {
                return .error("playbook.example", "example gives derived fact '\(answer.fact)'; give the answers it is computed from", at: answer.location, length: answer.fact.count)
            }
            guard !facts.contains(answer.fact) else { return nil }
            return .error("expr.unknown-fact", "example answers unknown fact '\(answer.fact)'\(Suggestion.didYouMean(answer.fact, in: facts))", at: answer.location, length: answer.fact.count)
        }
    }
}
