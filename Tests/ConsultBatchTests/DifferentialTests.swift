import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultRender
import Foundation
import Testing
import TestSupport

/// Every path that evaluates a condition gives the same outcome for every rule, on 10,000 random
/// answer sets per playbook directory: the engine's diagnosis (evidence reads), plain evaluation,
/// the `.why` trace, and an independent tree walker over the syntax tree written here, with its own
/// derived facts. Values are drawn near every number the conditions compare against, so the
/// thresholds themselves are crossed; about a fifth of the answers are left unknown.
@Suite struct DifferentialTests {
    @Test(arguments: ["playbooks", "bench/playbooks"])
    func everyPathAgreesOnEveryRule(_ directory: String) throws {
        let program = try loadProgram(directory)
        let engine = Engine(program: program)
        let planner = Planner(engine: engine, consultVersion: "test")
        let fuzzer = AnswerFuzzer(program: program)
        var random = SeededRandom(seed: 20261204)
        var disagreements: [String] = []
        var fired = 0
        for set in 0..<10_000 {
            let answers = fuzzer.answers(&random, unknownShare: 0.2)
            let diagnosis = engine.diagnose(answers)
            let reference = ReferenceWalker(program: program, answers: answers.values)
            for rule in engine.rules {
                let expected = reference.evaluate(rule.when.root)
                let lookup: (String) -> Value = { diagnosis.values[$0] ?? .unknown }
                let paths: [(String, Value)] = [
                    ("diagnosis", diagnosis.outcomes[rule.code] ?? .unknown),
                    ("evaluate", rule.when.evaluate(lookup)),
                    ("trace", rule.when.trace(lookup).value),
                ]
                for (path, value) in paths where value != expected {
                    disagreements.append("set \(set) \(rule.code) \(path): \(value), reference \(expected)")
                }
                if expected == .bool(true) { fired += 1 }
            }
            // The plan of the same answers is the same bytes every time it is made.
            if set % 500 == 0 {
                let merchant = MerchantInfo(name: "商家\(set)")
                let first = JSONRenderer.render(planner.plan(diagnosis, merchant: merchant, language: .zh))
                let again = JSONRenderer.render(planner.plan(engine.diagnose(answers), merchant: merchant, language: .zh))
                if first != again { disagreements.append("set \(set): two plans of the same answers differ") }
            }
            if disagreements.count > 20 { break }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
        #expect(fired > 10_000, "the random answers fire rules (\(fired) fires)")
    }
}

/// An evaluator written separately from the product's, over the syntax tree: Kleene logic, an
/// unknown operand makes arithmetic and comparisons unknown, division by zero is unknown, a value
/// of another kind than declared reads as unknown. Derived facts are computed here too.
struct ReferenceWalker {
    let program: Program
    private var values: [String: Value]

    init(program: Program, answers: [String: Value]) {
        self.program = program
        self.values = answers
        for derived in program.derived {
            values[derived.id] = compute(derived)
        }
    }

    private func compute(_ derived: DerivedFact) -> Value {
        func outcome(_ o: DerivedFact.Outcome) -> Value {
            switch o {
            case .choice(let id): return .string(id)
            case .expression(let e): return evaluate(e.root)
            }
        }
        switch derived.definition {
        case .formula(let e): return evaluate(e.root)
        case .cases(let cases, let otherwise):
            for c in cases {
                let v = evaluate(c.when.root)
                if v == .bool(true) { return outcome(c.then) }
                if v != .bool(false) { return .unknown }
            }
            return otherwise.map(outcome) ?? .unknown
        }
    }

    private func read(_ fact: String) -> Value {
        let value = values[fact] ?? .unknown
        let kind = program.declaration(of: fact)?.kind
        switch (value, kind) {
        case (.number, .number?), (.number, .money?), (.number, .percent?), (.bool, .bool?),
             (.string, .choice?), (.string, .text?):
            return value
        default:
            return .unknown
        }
    }

    func evaluate(_ node: Node) -> Value {
        switch node {
        case .number(let n, _): return .number(n)
        case .string(let s, _): return .string(s)
        case .bool(let b, _): return .bool(b)
        case .list(let items, _): return .list(items.map(evaluate))
        case .fact(let name, _): return read(name)
        case .unary(.not, let x, _):
            if case .bool(let b) = evaluate(x) { return .bool(!b) }
            return .unknown
        case .unary(.negate, let x, _):
            if case .number(let n) = evaluate(x) { return .number(Number(0) - n) }
            return .unknown
        case .binary(let op, let l, let r, _):
            return binary(op, evaluate(l), evaluate(r))
        case .call(let name, let args, _):
            let values = args.map(evaluate)
            switch name {
            case "known": return .bool(values[0] != .unknown)
            case "unknown": return .bool(values[0] == .unknown)
            case "unknown_count":
                guard case .list(let items) = values[0] else { return .unknown }
                return .number(Number(items.filter { $0 == .unknown }.count))
            case "max", "min":
                guard case .number(let a) = values[0], case .number(let b) = values[1] else { return .unknown }
                return .number(name == "max" ? (a < b ? b : a) : (a < b ? a : b))
            default: return .unknown
            }
        }
    }

    private func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .and:
            if a == .bool(false) || b == .bool(false) { return .bool(false) }
            return a == .bool(true) && b == .bool(true) ? .bool(true) : .unknown
        case .or:
            if a == .bool(true) || b == .bool(true) { return .bool(true) }
            return a == .bool(false) && b == .bool(false) ? .bool(false) : .unknown
        case .add, .subtract, .multiply, .divide:
            guard case .number(let x) = a, case .number(let y) = b else { return .unknown }
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            default: return y.isZero ? .unknown : (x.divided(by: y).map(Value.number) ?? .unknown)
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard case .number(let x) = a, case .number(let y) = b else { return .unknown }
            switch op {
            case .less: return .bool(x < y)
            case .lessOrEqual: return .bool(!(y < x))
            case .greater: return .bool(y < x)
            default: return .bool(!(x < y))
            }
        case .equal, .notEqual:
            guard a != .unknown, b != .unknown else { return .unknown }
            return .bool((a == b) == (op == .equal))
        case .in, .notIn:
            guard a != .unknown, case .list(let items) = b else { return .unknown }
            if items.contains(a) { return .bool(op == .in) }
            return items.contains(.unknown) ? .unknown : .bool(op == .notIn)
        }
    }
}
