import ConsultDiagnostics
import ConsultExpression
import Yams

/// Loads a set of playbook files into one checked Program, or reports every problem found.
/// Pure: the caller reads the files and prints the diagnostics.
public enum PlaybookLoader {
    public struct Result: Sendable {
        public var program: Program?
        /// Errors and warnings, in file order.
        public var diagnostics: [Diagnostic]
        /// Everything that did load, even when there were errors, so lint can look deeper in one run.
        public var partial: Program?
    }

    public static func load(_ sources: [PlaybookSource]) -> Result {
        let files = sources.sorted { $0.name < $1.name }.compactMap(PlaybookFile.parse)
        // A file that is not YAML declares nothing, so every other check would report its facts
        // missing everywhere (230 errors for one typo, the cause among them): the syntax errors
        // alone, until they are fixed.
        let unreadable = files.filter(\.unreadable)
        if !unreadable.isEmpty {
            let found = unreadable.flatMap(\.reader.diagnostics).map { d -> Diagnostic in
                var d = d
                if d.severity == .error { d.notes.append("the other checks wait until every playbook file reads as YAML") }
                return d
            }
            return Result(program: nil, diagnostics: found.sortedByLocation(), partial: nil)
        }
        var diagnostics: [Diagnostic] = []
        var report: (Diagnostic) -> Void = { diagnostics.append($0) }

        // Facts first: every file's questions and derived facts form one schema.
        var declarations: [String: (FactDeclaration, SourceLocation)] = [:]
        for file in files {
            for (fact, f) in file.questions + file.derived {
                let here = file.reader.location(f["id"] ?? f.node)
                if let (_, first) = declarations[fact.id] {
                    file.reader.error("playbook.duplicate", "fact '\(fact.id)' is declared twice (first at \(first))", at: here)
                } else {
                    declarations[fact.id] = (fact, here)
                }
            }
        }
        let schema = FactSchema(declarations.mapValues { $0.0.type })
        let facts = declarations.mapValues { $0.0 }
        var ranking: RankingModel?, terms: [Term] = [], references: [Reference] = [], funnel: FunnelSpec?

        var playbooks: [Playbook] = [], blocks: [Block] = [], questions: [Question] = [], derived: [DerivedFact] = []
        var metrics: [Metric] = [], rules: [Rule] = [], examples: [ProgramExample] = [], position: [String] = [], header: [String] = [], snapshot: [String] = []
        for var file in files {
            let reader = file.reader
            if let (node, points) = file.urgency,
               let when = reader.expression(node, "urgency condition", schema: schema, expecting: .bool) {
                file.header.urgency = (when, points)
            }
            playbooks.append(file.header)
            blocks += file.blocks
            questions += file.questions.compactMap { question($0.fact, $0.fields, file: file, schema: schema) }
            derived += file.derived.compactMap { derivedFact($0.fact, $0.fields, file: file, schema: schema) }
            let builder = RuleBuilder(reader: reader, schema: schema, playbook: file.header)
            metrics += file.metrics.compactMap { metric($0, builder: builder) }
            rules += file.rules.compactMap(builder.rule)
            let sections = SectionBuilder(reader: reader, schema: schema, declarations: facts, rules: builder)
            examples += file.examples.compactMap { example($0, builder: builder, sections: sections) }
            if let node = file.ranking {
                if ranking != nil { reader.error("playbook.duplicate", "only one playbook may give the ranking", at: node) }
                ranking = sections.ranking(node)
            }
            for node in file.terms {
                guard let term = sections.term(node) else { continue }
                if terms.contains(where: { $0.id == term.id }) { reader.error("playbook.duplicate", "term '\(term.id)' is defined twice", at: node) }
                terms.append(term)
            }
            references += file.references.compactMap(sections.reference)
            if let node = file.funnel {
                if funnel != nil { reader.error("playbook.duplicate", "only one playbook may give the funnel", at: node) }
                funnel = sections.funnel(node)
            }
            position += file.position
            header += file.headerFacts
            snapshot += file.snapshot
        }
        for file in files {
            diagnostics += file.reader.diagnostics
            diagnostics += unknownPlaceholders(file.reader, schema: schema, terms: Set(terms.map(\.id)))
        }

        let ordered = DerivedOrder.sort(derived, report: &report)
        let checks = ProgramChecks(playbooks: playbooks, blocks: blocks, questions: questions, derived: derived,
                                   metrics: metrics, rules: rules, examples: examples, position: position,
                                   files: Dictionary(files.map { ($0.header.file, $0.reader) }, uniquingKeysWith: { a, _ in a }))
        // Codes as written, even of rules that failed to build, so a broken rule's links do not echo its error.
        let written = Set(files.flatMap { $0.rules.compactMap { $0["code"]?.scalar?.string.uppercased() } })
        diagnostics += checks.run() + checks.links(ranking: ranking, written: written)
        playbooks.sort { a, b in
            let (ra, rb) = (a.hasRules(in: rules), b.hasRules(in: rules))
            if ra != rb { return !ra }
            return a.priority != b.priority ? a.priority > b.priority : a.id < b.id
        }
        let program = Program(playbooks: playbooks, blocks: blocks, questions: questions, derived: ordered ?? derived,
                              metrics: metrics, rules: rules, examples: examples, position: position, header: header, snapshot: snapshot,
                              schema: schema, ranking: ranking ?? .standard, terms: terms, references: references,
                              funnel: funnel)
        let ok = !diagnostics.hasErrors && ordered != nil
        return Result(program: ok ? program : nil, diagnostics: diagnostics.sortedByLocation(), partial: program)
    }

    /// A `{name}` that is neither a fact nor `{term:id}` of a known term would print as "unknown" in
    /// every plan; it is an error where it is written.
    static func unknownPlaceholders(_ reader: YAMLReader, schema: FactSchema, terms: Set<String>) -> [Diagnostic] {
        reader.placeholders.compactMap { p in
            if p.name.hasPrefix("term:") {
                let id = String(p.name.dropFirst(5))
                if terms.contains(id) { return nil }
                return .error("playbook.unknown-term", "'{\(p.name)}': no term '\(id)' is defined\(Suggestion.didYouMean(id, in: terms.sorted()))",
                              at: p.at, length: p.length)
            }
            if schema.type(of: p.name) != nil { return nil }
            return .error("playbook.unknown-placeholder", "'{\(p.name)}' in a text is not a fact\(Suggestion.didYouMean(p.name, in: schema.names))",
                          at: p.at, length: p.length)
        }
    }

    static func question(_ fact: FactDeclaration, _ f: YAMLReader.Fields, file: PlaybookFile, schema: FactSchema) -> Question? {
        let r = file.reader
        let block = r.identifier(f["block"], "block")
        let prompt = r.text(f["prompt"], "prompt of '\(fact.id)'")
        let help = r.text(f["help"], "help of '\(fact.id)'")
        let askIf = f["ask_if"].flatMap { r.expression($0, "ask_if of '\(fact.id)'", schema: schema, expecting: .bool) }
        guard let block, let prompt else { return nil }
        if f["ask_if"] != nil && askIf == nil { return nil }
        var q = Question(fact: fact, label: r.text(f["label"], "label of '\(fact.id)'"), block: block, prompt: prompt, help: help,
                         judgement: f["judgement"].flatMap { r.bool($0, "judgement") } ?? false,
                         askIf: askIf, playbook: file.header.id, location: r.location(f["id"] ?? f.node))
        q.find = r.text(f["find"], "find of '\(fact.id)'")
        return q
    }

    static func derivedFact(_ fact: FactDeclaration, _ f: YAMLReader.Fields, file: PlaybookFile, schema: FactSchema) -> DerivedFact? {
        let r = file.reader
        let what = "derived fact '\(fact.id)'"
        let expected: ExpressionType = fact.kind == .bool ? .bool : .number
        func outcome(_ node: YNode) -> DerivedFact.Outcome? {
            if fact.kind == .choice {
                guard let id = r.string(node, "value") else { return nil }
                if fact.choice(id) == nil {
                    r.error("expr.unknown-choice", "'\(id)' is not a choice of \(what)\(Suggestion.didYouMean(id, in: fact.choices.map(\.id)))", at: node)
                    return nil
                }
                return .choice(id)
            }
            return r.expression(node, "value of \(what)", schema: schema, expecting: expected).map { .expression($0) }
        }
        let definition: DerivedFact.Definition
        switch (f["formula"], f["cases"]) {
        case (let formula?, nil):
            if fact.kind == .choice { r.error("playbook.value", "\(what) is a choice: give cases, not a formula", at: formula); return nil }
            guard let e = r.expression(formula, "formula of \(what)", schema: schema, expecting: expected) else { return nil }
            definition = .formula(e)
        case (nil, let casesNode?):
            var cases: [(when: Expression, then: DerivedFact.Outcome)] = []
            var ok = true
            for node in r.sequence(casesNode, "cases") {
                guard let cf = r.fields(node, "a case", allowed: ["when", "then"], required: ["when", "then"]),
                      let when = r.expression(cf["when"], "case of \(what)", schema: schema, expecting: .bool),
                      let then = cf["then"].flatMap(outcome) else { ok = false; continue }
                cases.append((when, then))
            }
            let otherwise = f["else"].flatMap(outcome)
            guard ok, f["else"] == nil || otherwise != nil else { return nil }
            definition = .cases(cases, otherwise: otherwise)
        default:
            r.error("playbook.missing-field", "\(what) needs exactly one of 'formula' or 'cases'", at: f.node)
            return nil
        }
        guard let title = r.text(f["title"], "title of \(what)") else { return nil }
        let builder = RuleBuilder(reader: r, schema: schema, playbook: file.header)
        return DerivedFact(fact: fact, code: r.string(f["code"], "code"), title: title, definition: definition,
                           sources: f["sources"].map { builder.sources($0, what) } ?? [], playbook: file.header.id,
                           location: r.location(f["id"] ?? f.node), reads: definition.reads)
    }

    static func metric(_ f: YAMLReader.Fields, builder: RuleBuilder) -> Metric? {
        let r = builder.reader
        guard let id = r.identifier(f["id"], "metric id"), let label = r.text(f["label"], "label of metric '\(id)'") else { return nil }
        var always = f["always"].flatMap { builder.kpiTargets($0, needMetric: false) }
        always?.metric = id
        return Metric(id: id, label: label, fact: f["fact"].flatMap { r.identifier($0, "metric fact") },
                      unit: r.text(f["unit"], "unit of metric '\(id)'"), always: always, location: r.location(f["id"] ?? f.node))
    }

    static func example(_ f: YAMLReader.Fields, builder: RuleBuilder, sections: SectionBuilder) -> ProgramExample? {
        let r = builder.reader
        guard let name = r.string(f["name"], "example name"), let givenNode = f["given"],
              let given = builder.answers(givenNode) else { return nil }
        let derived = f["derived"].flatMap(builder.answers)?.answers ?? []
        func codes(_ node: YNode?) -> [(code: String, location: SourceLocation)] {
            r.sequence(node, "rule codes").compactMap { n in r.string(n, "rule code").map { ($0, r.location(n)) } }
        }
        return ProgramExample(name: name, given: given, derived: derived, fire: codes(f["fire"]), quiet: codes(f["quiet"]),
                              playbook: builder.playbook.id, location: r.location(f.node),
                              plan: f["plan"].flatMap(sections.expectation))
    }
}

extension Playbook {
    public func hasRules(in rules: [Rule]) -> Bool { rules.contains { $0.playbook == id } }
}

extension DerivedFact.Definition {
    var reads: [String] {
        var seen: [String] = []
        func add(_ e: Expression) { for f in e.factsRead where !seen.contains(f) { seen.append(f) } }
        switch self {
        case .formula(let e): add(e)
        case .cases(let cases, let otherwise):
            for c in cases {
                add(c.when)
                if case .expression(let e) = c.then { add(e) }
            }
            if case .expression(let e)? = otherwise { add(e) }
        }
        return seen
    }
}
