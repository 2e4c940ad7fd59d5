import ConsultExpression
import ConsultPlaybook
import Foundation
import TestSupport

/// A small deterministic generator (SplitMix64), so a failing case can be replayed by seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random answers for a program, biased towards the values its conditions compare with, so that
/// thresholds, equalities and unknowns are all exercised.
struct AnswerFuzzer {
    let program: Program
    let literals: [Number]

    init(program: Program) {
        self.program = program
        var found = Set<Number>()
        func walk(_ node: Node) {
            if case .number(let n, _) = node { found.insert(n) }
            node.children.forEach(walk)
        }
        for rule in program.rules { walk(rule.when.root) }
        for derived in program.derived {
            switch derived.definition {
            case .formula(let e): walk(e.root)
            case .cases(let cases, _): cases.forEach { walk($0.when.root) }
            }
        }
        literals = found.sorted()
    }

    func answers(_ random: inout SeededRandom, unknownShare: Double = 0.15) -> Answers {
        var answers = Answers()
        for question in program.questions {
            if Double.random(in: 0..<1, using: &random) < unknownShare { continue }
            if let value = value(question.fact, &random) { answers.values[question.id] = value }
        }
        return answers
    }

    func value(_ fact: FactDeclaration, _ random: inout SeededRandom) -> Value? {
        switch fact.kind {
        case .bool: return .bool(Bool.random(using: &random))
        case .choice: return fact.choices.randomElement(using: &random).map { .string($0.id) }
        case .text: return .string(["义乌", "白沟箱包", "织里童装", "x"].randomElement(using: &random)!)
        case .number, .money, .percent:
            let range = fact.range ?? Number(0)...Number(1_000_000)
            var candidate: Number
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4 where !literals.isEmpty:
                // A literal, or a hair beside it.
                let base = literals.randomElement(using: &random)!
                let nudge = [Number(0), Number("0.01")!, Number("-0.01")!, Number(1), Number(-1)].randomElement(using: &random)!
                candidate = base + nudge
            case 4: candidate = range.lowerBound
            case 5: candidate = range.upperBound
            default:
                let low = range.lowerBound.doubleValue, high = range.upperBound.doubleValue
                let x = low + (high - low) * pow(Double.random(in: 0...1, using: &random), 3)
                candidate = Number(String(format: "%.\(Int.random(in: 0...4, using: &random))f", x)) ?? range.lowerBound
            }
            if fact.integer { candidate = candidate.rounded(places: 0) }
            guard range.contains(candidate) else { return .number(range.lowerBound) }
            return .number(candidate)
        }
    }
}

/// Loads a playbook directory of the repository.
func loadProgram(_ directory: String) throws -> Program {
    let path = Repo.path(directory)
    let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".yaml") }.sorted()
    let sources = try names.map { name in
        PlaybookSource(name: path + "/" + name, text: try String(contentsOfFile: path + "/" + name, encoding: .utf8))
    }
    let result = PlaybookLoader.load(sources)
    guard let program = result.program else {
        throw TestFailure("playbooks in \(directory) do not load: \(result.diagnostics.map(\.message))")
    }
    return program
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
