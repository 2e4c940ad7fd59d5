import ConsultDiagnostics
import ConsultExpression

/// Checks that need the whole loaded program: conditions that can never hold or always hold
/// (from the bounds their `and`-ed comparisons put on each fact, within its declared range or
/// choices), follow-up questions that can never be asked, and facts nothing reads.
public enum PlaybookLint {
    /// `complete` is false for a program that loaded with errors: parts are missing, so nothing is
    /// called unused.
    public static func check(_ program: Program, complete: Bool = true) -> [Diagnostic] {
        var out: [Diagnostic] = PlanLint.check(program)
        for rule in program.rules {
            switch Satisfiability.of(rule.when.root, program) {
            case .never(let why):
                out.append(.error("lint.never-fires", "rule \(rule.code) can never fire: \(why)", at: rule.whenLocation,
                                  length: rule.when.source.unicodeScalars.count))
            case .always:
                out.append(.error("lint.always-fires", "rule \(rule.code) fires for every answer (its condition holds across the whole range)",
                                  at: rule.whenLocation, length: rule.when.source.unicodeScalars.count))
            case .sometimes: break
            }
        }
        for q in program.questions {
            guard let askIf = q.askIf else { continue }
            if case .never(let why) = Satisfiability.of(askIf.root, program) {
                out.append(.error("lint.never-asked", "question '\(q.id)' can never be asked: its ask_if is false for every allowed answer (\(why))",
                                  at: q.location, length: q.id.count))
            }
        }
        guard complete else { return out }
        var read = Set(program.position + program.header + program.snapshot)
        for rule in program.rules {
            read.formUnion(rule.when.factsRead)
            for t in rule.kpiTargets { [t.d30, t.d60, t.d90].compactMap { $0 }.forEach { read.formUnion($0.value.factsRead) } }
            for text in [rule.finding, rule.title] + rule.actions.flatMap({ [$0.text, $0.kpi] }) {
                read.formUnion(placeholders(text.zh) + placeholders(text.en))
            }
        }
        for d in program.derived { read.formUnion(d.reads) }
        for q in program.questions { read.formUnion(q.askIf?.factsRead ?? []) }
        for m in program.metrics {
            if let f = m.fact { read.insert(f) }
            for t in [m.always?.d30, m.always?.d60, m.always?.d90].compactMap({ $0 }) { read.formUnion(t.value.factsRead) }
        }
        for p in program.playbooks { read.formUnion(p.urgency?.when.factsRead ?? []) }
        for q in program.questions where !read.contains(q.id) {
            out.append(.warning("lint.unused-fact", "question '\(q.id)' is asked but no rule, derived fact or plan section reads it", at: q.location, length: q.id.count))
        }
        for d in program.derived where !read.contains(d.id) {
            out.append(.warning("lint.unused-fact", "derived fact '\(d.id)' is computed but nothing reads it", at: d.location, length: d.id.count))
        }
        return out
    }

    static func placeholders(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }
}
