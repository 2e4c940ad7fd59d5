import ConsultDiagnostics
import ConsultExpression
import ConsultPlaybook

/// Runs every example of a program as a test: rule examples must fire or stay quiet, program
/// examples must give the stated derived values and codes. Also gathers coverage.
public struct ExampleRunner: Sendable {
    public struct Outcome: Sendable {
        public var name: String
        public var location: SourceLocation
        /// nil when the example passed.
        public var failure: String?
    }

    public struct Report: Sendable {
        public var outcomes: [Outcome]
        public var coverage: Coverage
        public var passed: Int { outcomes.filter { $0.failure == nil }.count }
        public var failed: Int { outcomes.count - passed }
    }

    public struct Coverage: Sendable {
        public var neverFired: [String]
        public var neverQuiet: [String]
        public var unusedQuestions: [String]
        public var unusedChoices: [String]
        public var derivedNeverKnown: [String]
        public var isComplete: Bool { neverFired.isEmpty && neverQuiet.isEmpty }
    }

    struct Problem: Error { var message: String }

    let engine: Engine
    public init(program: Program) { engine = Engine(program: program) }
    var program: Program { engine.program }

    public func run() -> Report {
        var outcomes: [Outcome] = []
        var fired = Set<String>(), quiet = Set<String>(), answered = Set<String>(), chosen = Set<String>(), known = Set<String>()
        func facts(_ example: ExampleAnswers) -> Result<[String: Value], Problem> {
            var answers = Answers()
            for a in example.answers {
                guard let q = program.question(a.fact) else { return .failure(Problem(message: "unknown fact '\(a.fact)'")) }
                switch AnswerParser.parse(a.raw, for: q.fact) {
                case .success(let v):
                    if v.isKnown { answers.values[a.fact] = v }
                    answered.insert(a.fact)
                    if case .string(let s) = v, q.fact.kind == .choice { chosen.insert("\(a.fact)=\(s)") }
                case .failure(let e): return .failure(Problem(message: e.message(.en)))
                }
            }
            let values = engine.facts(answers)
            for d in program.derived where values[d.id] != nil { known.insert(d.id) }
            return .success(values)
        }
        for rule in program.rules {
            for (examples, expectFire) in [(rule.fireExamples, true), (rule.quietExamples, false)] {
                for (i, example) in examples.enumerated() {
                    let name = "\(rule.code) \(expectFire ? "fire" : "quiet") #\(i + 1)"
                    switch facts(example) {
                    case .failure(let problem):
                        outcomes.append(Outcome(name: name, location: example.location, failure: problem.message))
                    case .success(let values):
                        let result = rule.when.evaluate { values[$0] ?? .unknown }
                        let didFire = result == .bool(true)
                        if didFire { fired.insert(rule.code) } else { quiet.insert(rule.code) }
                        let failure = didFire == expectFire ? nil
                            : "\(rule.code) \(expectFire ? "should fire but its condition is \(result)" : "should stay quiet but fired") — \(rule.when.source); given \(describe(example))"
                        outcomes.append(Outcome(name: name, location: example.location, failure: failure))
                    }
                }
            }
        }
        for example in program.examples {
            switch facts(example.given) {
            case .failure(let problem):
                outcomes.append(Outcome(name: example.name, location: example.location, failure: problem.message))
            case .success(let values):
                outcomes.append(Outcome(name: example.name, location: example.location, failure: check(example, values)))
            }
        }
        let coverage = Coverage(
            neverFired: program.rules.map(\.code).filter { !fired.contains($0) },
            neverQuiet: program.rules.map(\.code).filter { !quiet.contains($0) },
            unusedQuestions: program.questions.map(\.id).filter { !answered.contains($0) },
            unusedChoices: program.questions.flatMap { q in q.fact.choices.map { "\(q.id)=\($0.id)" } }.filter { !chosen.contains($0) },
            derivedNeverKnown: program.derived.map(\.id).filter { !known.contains($0) })
        return Report(outcomes: outcomes, coverage: coverage)
    }

    func check(_ example: ProgramExample, _ values: [String: Value]) -> String? {
        var problems: [String] = []
        for d in example.derived {
            guard let declaration = program.declaration(of: d.fact) else { continue }
            let actual = values[d.fact] ?? .unknown
            let expected: Value
            if AnswerParser.unknownWords.contains(d.raw.lowercased()) {
                expected = .unknown
            } else if declaration.kind == .choice {
                expected = .string(d.raw)
            } else if case .success(let v) = AnswerParser.parse(d.raw, for: FactDeclaration(id: d.fact, kind: declaration.kind, choices: [], range: nil, integer: false)) {
                expected = v
            } else {
                problems.append("\(d.fact): cannot read expected value '\(d.raw)'")
                continue
            }
            if !Self.matches(actual, expected) { problems.append("\(d.fact) is \(actual), expected \(expected)") }
        }
        let diagnosis = engine.diagnose(Answers(values: values.filter { program.question($0.key) != nil }))
        for (code, _) in example.fire where diagnosis.outcomes[code] != .bool(true) {
            problems.append("\(code) should fire but its condition is \(diagnosis.outcomes[code] ?? .unknown)")
        }
        for (code, _) in example.quiet where diagnosis.outcomes[code] == .bool(true) {
            problems.append("\(code) should stay quiet but fired")
        }
        if let expectation = example.plan {
            problems += PlanCheck.problems(expectation, engine: engine, diagnosis: diagnosis, merchant: MerchantInfo(name: example.name))
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Numbers match when equal to the precision the example wrote them with.
    static func matches(_ actual: Value, _ expected: Value) -> Bool {
        if case .number(let a) = actual, case .number(let e) = expected {
            let places = e.description.split(separator: ".").dropFirst().first?.count ?? 0
            return a == e || a.rounded(places: places) == e
        }
        return actual == expected
    }

    func describe(_ example: ExampleAnswers) -> String {
        "{" + example.answers.map { "\($0.fact): \($0.raw)" }.joined(separator: ", ") + "}"
    }
}
