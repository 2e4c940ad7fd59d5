import ConsultExpression
import ConsultPlaybook

/// A rule whose condition held, with the facts its condition read (the evidence).
public struct FiredRule: Sendable {
    public var rule: Rule
    public var evidence: [(fact: String, value: Value)]
    /// The ranking score (`score.total`).
    public var priority: Int
    /// The severity in this merchant's context (`severity_if`).
    public var severity: Severity
    public var score: ScoreBreakdown
    /// Fired rules this one explains, and fired rules that explain it.
    public var symptoms: [String] = []
    public var causes: [String] = []
}

/// A fired rule left out of the plan because another fired rule excludes it.
public struct SetAside: Sendable {
    public var code: String
    public var by: String
}

/// Facts that, once known, could change which rules fire.
public struct UnknownFact: Sendable, Hashable {
    public var fact: String
    public var wouldCheck: [String]
}

/// Program x answers: every derived fact, every rule's outcome, and what is missing.
public struct Diagnosis: Sendable {
    public var answers: Answers
    /// Answers and derived facts; unknown facts are absent.
    public var values: [String: Value]
    /// Every rule's condition value by code: true, false or unknown.
    public var outcomes: [String: Value]
    /// Fired rules by score (highest first), ties by playbook priority, then code; without those
    /// another fired rule excludes.
    public var fired: [FiredRule]
    /// Rules that fired but were excluded by another fired rule, and by which.
    public var setAside: [SetAside] = []
    public var unknowns: [UnknownFact]
    /// The playbooks whose rules were evaluated, in gate order.
    public var playbooks: [Playbook]

    public subscript(_ fact: String) -> Value { values[fact] ?? .unknown }
}

/// Runs a program over answers. Pure and deterministic: same answers, same diagnosis.
public struct Engine: Sendable {
    public let program: Program
    public let rules: [Rule]
    public let playbooks: [Playbook]
    /// For every derived fact, the questions it rests on (answers behind answers behind …).
    private let behind: [String: [String]]

    /// `only` limits the rule playbooks evaluated (ids); nil evaluates all.
    public init(program: Program, only: Set<String>? = nil) {
        self.program = program
        let keep: (String) -> Bool = { only == nil || only!.contains($0) }
        self.rules = program.rules.filter { keep($0.playbook) }
        self.playbooks = program.playbooks.filter { keep($0.id) || !$0.hasRules(in: program.rules) }
        var behind: [String: [String]] = [:]
        for derived in program.derived {   // dependency order: what a fact reads is already resolved
            var list: [String] = []
            for fact in derived.reads {
                for q in behind[fact] ?? [fact] where !list.contains(q) { list.append(q) }
            }
            behind[derived.id] = list
        }
        self.behind = behind
    }

    /// Answers plus every derived fact that is known, computed in dependency order.
    public func facts(_ answers: Answers) -> [String: Value] {
        var pending: Set<String> = []
        return facts(answers, pending: &pending)
    }

    /// Same; `pending` collects the facts not asked yet and the derived facts left unknown because
    /// they read one.
    func facts(_ answers: Answers, pending: inout Set<String>) -> [String: Value] {
        var values = answers.values
        var waiting = answers.pending
        for derived in program.derived {
            let value = Self.compute(derived, values, pending: waiting)
            if value.isKnown {
                values[derived.id] = value
            } else {
                values.removeValue(forKey: derived.id)
                if !waiting.isEmpty, derived.reads.contains(where: waiting.contains) { waiting.insert(derived.id) }
            }
        }
        pending = waiting
        return values
    }

    /// The questions that apply to this merchant: every core question, and each follow-up whose
    /// condition holds. One definition for the interview's progress, its end and the plan's data
    /// completeness.
    public func applicable(_ answers: Answers, values: [String: Value]? = nil) -> [Question] {
        let values = values ?? facts(answers)
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        return program.questions.filter { q in
            guard let askIf = q.askIf else { return true }
            return askIf.evaluate(lookup) == .bool(true)
        }
    }

    /// The questions that apply and have no answer yet, in interview order: what an interview in
    /// progress has still to ask (`Answers.pending`).
    public func notAsked(_ answers: Answers) -> [String] {
        applicable(answers).lazy.map(\.id).filter { answers.raw[$0] == nil }
    }

    static func compute(_ derived: DerivedFact, _ values: [String: Value], pending: Set<String> = []) -> Value {
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        func outcome(_ o: DerivedFact.Outcome) -> Value {
            switch o {
            case .choice(let id): return .string(id)
            case .expression(let e): return e.evaluate(lookup, pending: pending)
            }
        }
        switch derived.definition {
        case .formula(let e):
            return e.evaluate(lookup, pending: pending)
        case .cases(let cases, let otherwise):
            for c in cases {
                switch c.when.evaluate(lookup, pending: pending) {
                case .bool(true): return outcome(c.then)
                case .bool(false): continue
                default: return .unknown
                }
            }
            return otherwise.map(outcome) ?? .unknown
        }
    }

    public func diagnose(_ answers: Answers) -> Diagnosis {
        var waiting: Set<String> = []
        let values = facts(answers, pending: &waiting)
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        // Every condition was compiled against the program's schema: a read is an array index.
        var vector = FactVector(count: program.schema.names.count)
        for (fact, value) in values {
            if let slot = program.schema.slot(of: fact) { vector.values[slot] = value }
        }
        for fact in waiting {
            if let slot = program.schema.slot(of: fact) { vector.pending.insert(slot) }
        }
        var outcomes: [String: Value] = [:]
        var fired: [FiredRule] = []
        let ranker = Ranker(program: program)
        for rule in rules {
            var reads: [String] = []
            let outcome = rule.when.evaluate(vector, reads: &reads)
            outcomes[rule.code] = outcome
            guard outcome == .bool(true) else { continue }
            var evidence: [(String, Value)] = []
            for fact in reads where !evidence.contains(where: { $0.0 == fact }) {
                if let v = values[fact] { evidence.append((fact, v)) }
            }
            let severity = ranker.severity(of: rule, lookup)
            let score = ranker.base(of: rule, severity: severity, lookup)
            fired.append(FiredRule(rule: rule, evidence: evidence, priority: score.total, severity: severity, score: score))
        }
        let (kept, setAside) = Self.resolveExclusions(fired)
        var ranked = Self.link(kept)
        ranker.rank(&ranked)
        var diagnosis = Diagnosis(answers: answers, values: values, outcomes: outcomes, fired: ranked,
                                  unknowns: unknowns(outcomes, values), playbooks: playbooks)
        diagnosis.setAside = setAside
        return diagnosis
    }

    /// A rule named in the `excludes` of another fired rule leaves the plan (and says by whom).
    static func resolveExclusions(_ fired: [FiredRule]) -> ([FiredRule], [SetAside]) {
        let codes = Set(fired.map(\.rule.code))
        var by: [String: String] = [:]
        for f in fired {
            for code in f.rule.excludes where codes.contains(code) && by[code] == nil { by[code] = f.rule.code }
        }
        let kept = fired.filter { by[$0.rule.code] == nil }
        return (kept, by.keys.sorted().map { SetAside(code: $0, by: by[$0]!) })
    }

    /// Fills in which fired rules explain which.
    static func link(_ fired: [FiredRule]) -> [FiredRule] {
        let codes = Set(fired.map(\.rule.code))
        var causes: [String: [String]] = [:]
        var result = fired
        for i in result.indices {
            result[i].symptoms = result[i].rule.explains.filter { codes.contains($0) }
            for s in result[i].symptoms { causes[s, default: []].append(result[i].rule.code) }
        }
        for i in result.indices { result[i].causes = causes[result[i].rule.code] ?? [] }
        return result
    }

    /// For every rule left undecided, the unanswered questions it depends on (through derived facts too),
    /// skipping follow-ups that do not apply. Most decisive first, then interview order.
    func unknowns(_ outcomes: [String: Value], _ values: [String: Value]) -> [UnknownFact] {
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        var checks: [String: [String]] = [:]
        for rule in rules where outcomes[rule.code] == .unknown {
            for fact in questionsBehind(rule.when.factsRead) where values[fact] == nil {
                if let askIf = program.question(fact)?.askIf, askIf.evaluate(lookup) == .bool(false) { continue }
                checks[fact, default: []].append(rule.code)
            }
        }
        let order = Dictionary(program.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return checks.map { UnknownFact(fact: $0.key, wouldCheck: $0.value.sorted()) }
            .sorted { a, b in
                a.wouldCheck.count != b.wouldCheck.count ? a.wouldCheck.count > b.wouldCheck.count
                    : (order[a.fact] ?? 0) < (order[b.fact] ?? 0)
            }
    }

    /// The questions a list of facts rests on, following derived facts down to answers.
    public func questionsBehind(_ facts: [String]) -> [String] {
        // One fact (every line of a plan asks this): its list is already distinct.
        if facts.count == 1 { return behind[facts[0]] ?? facts }
        var result: [String] = [], seen = Set<String>()
        for fact in facts {
            for q in behind[fact] ?? [fact] where seen.insert(q).inserted { result.append(q) }
        }
        return result
    }
}
