import ArgumentParser
import ConsultDiagnostics
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a rule (by code or id) or a fact: condition, inputs, actions, sources, examples.")

    @Argument(help: "A rule code (SV-01), rule id (after_sales.rating_critical) or fact id (store_rating).")
    var name: String

    @OptionGroup var options: PlaybookOptions

    func run() throws {
        let (program, _) = try Files.program(options.playbooks)
        let l = options.language
        if let rule = program.rule(named: name) {
            print(RuleExplainer(program: program, language: l).explain(rule))
        } else if program.declaration(of: name) != nil {
            print(RuleExplainer(program: program, language: l).explainFact(name))
        } else {
            let names = program.rules.map(\.code) + program.questions.map(\.id) + program.derived.map(\.id)
            let hint = Text.didYouMean(Suggestion.closest(to: name, in: names))
            throw Failure(Text(zh: "没有叫“\(name)”的规则或事实\(hint.zh)；可填：规则编号如 SV-01、规则 id 如 after_sales.rating_critical，或事实 id",
                               en: "no rule or fact named '\(name)'\(hint.en); accepted: a rule code like SV-01, a rule id like after_sales.rating_critical, or a fact id"))
        }
    }
}

/// Text for `explain`: everything a playbook author needs to see about one rule or fact.
struct RuleExplainer {
    let program: Program
    let language: Language

    func explain(_ rule: Rule) -> String {
        let engine = Engine(program: program)
        var out = "\(rule.code)  \(rule.qualifiedId)  [\(rule.severity.rawValue)]\(rule.stopTheLine ? "  stop-the-line" : "")\n"
        out += "\(program.generalText(rule.title, .zh)) / \(program.generalText(rule.title, .en))\n\n"
        out += "when: \(rule.when.source)\n"
        let numbers = thresholds(rule.when.root)
        if !numbers.isEmpty { out += "thresholds: \(numbers.joined(separator: ", "))\n" }
        out += "reads: \(rule.when.factsRead.joined(separator: ", "))\n"
        let questions = engine.questionsBehind(rule.when.factsRead)
        out += "questions behind it: \(questions.joined(separator: ", "))\n\n"
        out += "finding (zh): \(program.generalText(rule.finding, .zh))\nfinding (en): \(program.generalText(rule.finding, .en))\n\nactions:\n"
        for (i, a) in rule.actions.enumerated() {
            out += "  \(i + 1). [\(a.owner.rawValue) | \(a.horizon.rawValue)]\(a.scaleUp ? " (scale-up)" : "") \(program.generalText(a.text, language))\n"
            out += "     KPI: \(program.generalText(a.kpi, language))\n"
        }
        for t in rule.kpiTargets {
            let parts = [("d30", t.d30), ("d60", t.d60), ("d90", t.d90)].compactMap { name, spec in
                spec.map { "\(name) \($0.comparison.rawValue) \($0.value.source)" }
            }
            out += "KPI table: \(t.metric): \(parts.joined(separator: ", "))\n"
        }
        out += "\nsources:\n" + rule.sources.map { "  - \($0.ref): \($0.note.en)" }.joined(separator: "\n") + "\n"
        out += "\nexamples:\n"
        for e in rule.fireExamples { out += "  fires:  \(describe(e))\n" }
        for e in rule.quietExamples { out += "  quiet:  \(describe(e))\n" }
        out += "\ndefined at \(rule.location)"
        return out
    }

    func explainFact(_ fact: String) -> String {
        var out = ""
        if let q = program.question(fact) {
            out += "\(q.id)  (\(q.fact.kind.rawValue), block \(q.block))\(q.judgement ? "  consultant's judgement" : "")\n"
            out += "  \(q.prompt.zh)\n  \(q.prompt.en)\n"
            if let help = q.help { out += "  \(help[language])\n" }
            out += "accepted: \(AnswerParser.acceptedForm(q.fact)[language])\n"
            if let askIf = q.askIf { out += "asked only if: \(askIf.source)\n" }
        } else if let d = program.derivedFact(fact) {
            out += "\(d.id)  derived \(d.code ?? "")  (\(d.fact.kind.rawValue))\n  \(d.title.zh) / \(d.title.en)\n"
            switch d.definition {
            case .formula(let e): out += "formula: \(e.source)\n"
            case .cases(let cases, let otherwise):
                for c in cases { out += "  when \(c.when.source) -> \(outcome(c.then))\n" }
                if let otherwise { out += "  else -> \(outcome(otherwise))\n" }
            }
            out += "reads: \(d.reads.joined(separator: ", "))\n"
        }
        let engine = Engine(program: program)
        let direct = program.rules.filter { $0.when.factsRead.contains(fact) }.map(\.code)
        let indirect = program.rules.filter { !$0.when.factsRead.contains(fact) && engine.questionsBehind($0.when.factsRead).contains(fact) }.map(\.code)
        let derived = program.derived.filter { $0.reads.contains(fact) }.map(\.id)
        out += "read by rules: \(direct.isEmpty ? "none" : direct.joined(separator: ", "))\n"
        if !indirect.isEmpty { out += "feeds through derived facts: \(indirect.joined(separator: ", "))\n" }
        if !derived.isEmpty { out += "used by derived facts: \(derived.joined(separator: ", "))\n" }
        return out
    }

    func outcome(_ o: DerivedFact.Outcome) -> String {
        switch o {
        case .choice(let id): return id
        case .expression(let e): return e.source
        }
    }

    func describe(_ e: ExampleAnswers) -> String {
        e.answers.map { "\($0.fact)=\($0.raw)" }.joined(separator: ", ")
    }

    /// Every comparison with a literal: `store_rating <= 4.4`.
    func thresholds(_ node: Node) -> [String] {
        switch node {
        case .binary(let op, .fact(let f, _), .number(let n, _), _) where op != .add && op != .subtract && op != .multiply && op != .divide:
            return ["\(f) \(op.rawValue) \(n)"]
        case .binary(_, let l, let r, _): return thresholds(l) + thresholds(r)
        case .unary(_, let e, _): return thresholds(e)
        case .call(_, let args, _): return args.flatMap(thresholds)
        default: return []
        }
    }
}
