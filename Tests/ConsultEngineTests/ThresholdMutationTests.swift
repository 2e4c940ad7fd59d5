import Foundation
import ConsultEngine
import ConsultPlaybook
import Testing

/// Examples are the rules' tests: nudging any threshold of any rule by one step (the smallest
/// step its literal is written with) must make at least one example fail.
struct ThresholdMutationTests {
    struct Mutation: CustomStringConvertible, Sendable {
        var file: String
        var code: String
        var original: String
        var mutated: String
        var description: String { "\(code): \(original) -> \(mutated)" }
    }

    static let mutations: [Mutation] = {
        var out: [Mutation] = []
        for rule in Bundled.program.rules {
            let file = Bundled.program.playbook(rule.playbook)!.file
            for literal in numbers(in: rule.when.source) {
                for n in nudged(literal) {
                    out.append(Mutation(file: file, code: rule.code, original: literal, mutated: n))
                }
            }
            for (literal, other) in choiceSwaps(rule) {
                out.append(Mutation(file: file, code: rule.code, original: "\"\(literal)\"", mutated: "\"\(other)\""))
            }
        }
        return out
    }()

    /// Number literals in a condition, in order.
    static func numbers(in source: String) -> [String] {
        var result: [String] = [], current = "", word = false
        for c in source + " " {
            if word {
                word = c.isLetter || c.isNumber || c == "_"
            } else if c.isNumber || (c == "." && !current.isEmpty) {
                current.append(c)
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
                word = c.isLetter || c == "_"
            }
        }
        return result
    }

    /// For each choice literal, another value of the same fact that the condition does not mention.
    static func choiceSwaps(_ rule: Rule) -> [(String, String)] {
        let literals = rule.when.source.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        return literals.compactMap { literal in
            let fact = rule.when.factsRead.compactMap { Bundled.program.declaration(of: $0) }
                .first { $0.choice(literal) != nil }
            guard let other = fact?.choices.map(\.id).first(where: { !literals.contains($0) }) else { return nil }
            return (literal, other)
        }
    }

    static func nudged(_ literal: String) -> [String] {
        let parts = literal.split(separator: ".")
        let places = parts.count > 1 ? parts[1].count : 0
        let scale = pow10(places)
        let value = Double(literal)!
        let step = 1 / scale
        return [value + step, value - step].filter { $0 >= 0 }.map { v in
            places == 0 ? String(Int(v.rounded())) : String(format: "%.\(places)f", v)
        }
    }

    @Test func thereAreThresholdsInEveryPlaybook() {
        let playbooks = Set(Self.mutations.map { Bundled.program.rule(named: $0.code)!.playbook })
        #expect(playbooks.count == 8)
    }

    @Test(arguments: mutations)
    func nudgingAThresholdBreaksAnExample(_ m: Mutation) throws {
        let rule = Bundled.program.rule(named: m.code)!
        let mutatedWhen = replacingFirst(m.original, in: rule.when.source, with: m.mutated)
        var sources = Bundled.sources.filter { $0.name == m.file || $0.name.hasSuffix("/intake.yaml") }
        let index = sources.firstIndex { $0.name == m.file }!
        let text = sources[index].text
        let needle = "when: \(rule.when.source)"
        #expect(text.contains(needle), "cannot find the condition of \(m.code) written on one line")
        sources[index].text = replacingFirst(needle, in: text, with: "when: \(mutatedWhen)")
        let program = try #require(PlaybookLoader.load(sources).program)
        let report = ExampleRunner(program: program).run()
        let failures = report.outcomes.filter { $0.failure != nil && $0.name.hasPrefix(m.code + " ") }
        #expect(!failures.isEmpty, "\(m): no example of \(m.code) notices")
    }

    func replacingFirst(_ target: String, in text: String, with replacement: String) -> String {
        guard let range = text.range(of: target) else { return text }
        return text.replacingCharacters(in: range, with: replacement)
    }
}

func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
