import ConsultDiagnostics
import ConsultExpression

/// Checks of the links between rules (explains, excludes, overrides), the stakes they name and the
/// metrics their actions move: every name resolves, and cause links never form a cycle.
extension ProgramChecks {
    func links(ranking: RankingModel?, written: Set<String> = []) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let codes = Set(rules.map(\.code)).union(written)
        // A link into a playbook that is not loaded (a subset, `--only`) simply never fires; a link
        // into a loaded playbook must name one of its rules.
        let loadedPrefixes = Set(playbooks.compactMap(\.code))
        let metricIds = Set(metrics.map(\.id))
        var seen = [String: Int]()
        for rule in rules { seen[rule.code, default: 0] += 1 }
        // A rule whose code is used twice is already an error; its links would only echo it.
        for rule in rules where seen[rule.code] == 1 {
            for (field, list) in [("explains", rule.explains), ("excludes", rule.excludes), ("overrides", rule.overrides)] {
                for code in list where (!codes.contains(code) && loadedPrefixes.contains(String(code.prefix(2)))) || code == rule.code {
                    let why = code == rule.code ? "a rule cannot name itself" : "unknown rule code\(Suggestion.didYouMean(code, in: codes))"
                    out.append(.error("playbook.unknown-rule", "\(rule.code) \(field) '\(code)': \(why)", at: rule.location))
                }
            }
            for stake in rule.stakes where ranking?.stake(stake) == nil {
                let known = ranking?.stakes.map(\.id) ?? []
                out.append(.error("playbook.value", "\(rule.code): stake '\(stake)' is not in the ranking\(Suggestion.didYouMean(stake, in: known))",
                                  at: rule.location))
            }
            for action in rule.actions {
                if let m = action.metric, !metricIds.contains(m) {
                    out.append(.error("playbook.unknown-metric", "\(rule.code): an action moves unknown metric '\(m)'\(Suggestion.didYouMean(m, in: metricIds))",
                                      at: rule.location))
                }
            }
        }
        out += causeCycles()
        return out
    }

    /// Depth-first search with an explicit stack, so a long chain cannot overflow the call stack.
    func causeCycles() -> [Diagnostic] {
        let byCode = Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]   // 1 on the path, 2 done
        var out: [Diagnostic] = []
        for start in rules.map(\.code) where state[start] == nil {
            var stack: [(code: String, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let symptoms = byCode[top.code]?.explains ?? []
                if top.next < symptoms.count {
                    stack[stack.count - 1].next += 1
                    let s = symptoms[top.next]
                    guard byCode[s] != nil else { continue }
                    if state[s] == 1 {
                        let path = stack.map(\.code).drop { $0 != s } + [s]
                        out.append(.error("playbook.cause-cycle", "cause links form a cycle: \(path.joined(separator: " → "))",
                                          at: byCode[top.code]!.location))
                    } else if state[s] == nil {
                        state[s] = 1
                        stack.append((s, 0))
                    }
                } else {
                    state[top.code] = 2
                    stack.removeLast()
                }
            }
        }
        return out
    }
}
