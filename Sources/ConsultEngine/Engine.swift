import ConsultExpression
import ConsultPlaybook

/// A rule whose condition held, with the facts its condition read (the evidence).
public struct FiredRule: Sendable {
    public var rule: Rule
    public var evidence: [(fact: String, value: Value)]
    public var priority: Int
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
    /// Fired rules by priority (highest first), ties by code.
    public var fired: [FiredRule]
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
        var values = answers.values
        for derived in program.derived {
            let value = Self.compute(derived, values)
            if value.isKnown { values[derived.id] = value } else { values.removeValue(forKey: derived.id) }
        }
        return values
    }

    static func compute(_ derived: DerivedFact, _ values: [String: Value]) -> Value {
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        func outcome(_ o: DerivedFact.Outcome) -> Value {
            switch o {
            case .choice(let id): return .string(id)
            case .expression(let e): return e.evaluate(lookup)
            }
        }
        switch derived.definition {
        case .formula(let e):
            return e.evaluate(lookup)
        case .cases(let cases, let otherwise):
            for c in cases {
                switch c.when.evaluate(lookup) {
                case .bool(true): return outcome(c.then)
                case .bool(false): continue
                default: return .unknown
                }
            }
            return otherwise.map(outcome) ?? .unknown
        }
    }

    public func diagnose(_ answers: Answers) -> Diagnosis {
        let values = facts(answers)
        let lookup: (String) -> Value = { values[$0] ?? .unknown }
        var outcomes: [String: Value] = [:]
        var fired: [FiredRule] = []
        for rule in rules {
            var reads: [String] = []
            let outcome = rule.when.evaluate(lookup, reads: &reads)
            outcomes[rule.code] = outcome
            guard outcome == .bool(true) else { continue }
            var evidence: [(String, Value)] = []
            for fact in reads where !evidence.contains(where: { $0.0 == fact }) {
                if let v = values[fact] { evidence.append((fact, v)) }
            }
            fired.append(FiredRule(rule: rule, evidence: evidence, priority: priority(of: rule, lookup)))
        }
        fired.sort { $0.priority != $1.priority ? $0.priority > $1.priority : $0.rule.code < $1.rule.code }
        return Diagnosis(answers: answers, values: values, outcomes: outcomes, fired: fired,
                         unknowns: unknowns(outcomes, values), playbooks: playbooks)
    }

    /// Severity points + playbook points + urgency points while the playbook's urgency holds.
    func priority(of rule: Rule, _ lookup: (String) -> Value) -> Int {
        guard let playbook = program.playbook(rule.playbook) else { return rule.severity.points }
        var points = rule.severity.points + playbook.priority
        if let urgency = playbook.urgency, urgency.when.evaluate(lookup) == .bool(true) { points += urgency.points }
        return points
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
        var result: [String] = [], seen = Set<String>()
        for fact in facts {
            for q in behind[fact] ?? [fact] where seen.insert(q).inserted { result.append(q) }
        }
        return result
    }
}
