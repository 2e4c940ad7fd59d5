import ConsultDiagnostics
import ConsultExpression

/// Checks of what the plan will say: advice that contradicts (two rules that can fire together
/// pull one lever different ways with no declared resolution), assumptions without a translation,
/// and text meant for people that shows a fact id, a rule code, expression syntax or 你.
enum PlanLint {
    static func check(_ program: Program) -> [Diagnostic] {
        contradictions(program) + translations(program) + hygiene(program)
    }

    static func contradictions(_ program: Program) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rules = program.rules
        for (i, a) in rules.enumerated() {
            let pullsA = a.actions.flatMap { $0.levers.map { ($0.key, $0.value) } }
            guard !pullsA.isEmpty else { continue }
            for b in rules[(i + 1)...] {
                let pullsB = b.actions.flatMap { $0.levers.map { ($0.key, $0.value) } }
                guard let clash = pullsA.first(where: { pa in pullsB.contains { $0.0 == pa.0 && $0.1 != pa.1 } }) else { continue }
                let resolved = a.excludes.contains(b.code) || a.overrides.contains(b.code)
                    || b.excludes.contains(a.code) || b.overrides.contains(a.code)
                guard !resolved else { continue }
                let both = Node.binary(.and, a.when.root, b.when.root, a.when.root.span)
                if case .never = Satisfiability.of(both, program) { continue }
                let other = pullsB.first { $0.0 == clash.0 }!.1
                out.append(.error("lint.contradiction",
                                  "\(a.code) and \(b.code) can fire together and pull '\(clash.0)' different ways (\(clash.1.rawValue) / \(other.rawValue)); declare which wins with excludes or overrides",
                                  at: a.location))
            }
        }
        return out
    }

    static func translations(_ program: Program) -> [Diagnostic] {
        let sources = program.rules.flatMap(\.sources) + program.derived.flatMap(\.sources) + program.references.flatMap(\.sources)
        return sources.filter { $0.isAssumed && !$0.bilingual }.map {
            .error("lint.missing-translation", "an assumption is listed in the plan: write its note as { zh: …, en: … }", at: $0.location)
        }
    }

    /// Every text a merchant reads, with where it was written.
    static func texts(_ program: Program) -> [(Text, SourceLocation, String)] {
        var out: [(Text, SourceLocation, String)] = []
        for r in program.rules {
            out.append((r.title, r.location, "title of \(r.code)"))
            out.append((r.finding, r.location, "finding of \(r.code)"))
            for a in r.actions {
                out.append((a.text, r.location, "an action of \(r.code)"))
                out.append((a.kpi, r.location, "an action KPI of \(r.code)"))
            }
            for s in r.sources where s.bilingual { out.append((s.note, s.location, "a source note of \(r.code)")) }
        }
        for t in program.terms {
            for (_, words) in t.values { out.append((words, t.location, "term '\(t.id)'")) }
            out.append((t.otherwise, t.location, "term '\(t.id)'"))
        }
        return out
    }

    static func hygiene(_ program: Program) -> [Diagnostic] {
        let facts = Set(program.questions.map(\.id) + program.derived.map(\.id)).filter { $0.contains("_") }
        var out: [Diagnostic] = []
        for (text, location, what) in texts(program) {
            for (language, raw) in [("zh", text.zh), ("en", text.en)] {
                let visible = withoutPlaceholders(raw)
                var problems: [String] = []
                if let id = words(visible).first(where: { facts.contains($0) }) { problems.append("the fact id '\(id)'") }
                if let code = ruleCode(in: visible) { problems.append("the rule code '\(code)'") }
                if let op = ["==", "!=", ">=", "<="].first(where: { visible.contains($0) }) { problems.append("expression syntax '\(op)' (write ≥ or ≤)") }
                if language == "zh", visible.contains("你") { problems.append("你 (address the merchant as 您)") }
                for p in problems {
                    out.append(.error("lint.document-text", "\(what) (\(language)) shows \(p); a merchant reads this text", at: location))
                }
            }
        }
        return out
    }

    static func withoutPlaceholders(_ text: String) -> String {
        var out = "", depth = 0
        for c in text {
            if c == "{" { depth += 1; continue }
            if c == "}" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    static func words(_ text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }.map(String.init)
    }

    /// `SV-01`: two capitals, a hyphen, two digits.
    static func ruleCode(in text: String) -> String? {
        let chars = Array(text)
        guard chars.count >= 5 else { return nil }
        for i in 0...(chars.count - 5) {
            let c = chars[i..<(i + 5)]
            let s = Array(c)
            if s[0].isUppercase, s[0].isASCII, s[1].isUppercase, s[1].isASCII, s[2] == "-", s[3].isNumber, s[4].isNumber, s[3].isASCII,
               i == 0 || !chars[i - 1].isLetter { return String(c) }
        }
        return nil
    }
}
