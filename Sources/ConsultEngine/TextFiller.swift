import ConsultExpression
import ConsultPlaybook

/// Fills `{fact_id}` placeholders in playbook texts with formatted values.
struct TextFiller {
    let program: Program
    let values: [String: Value]
    let language: Language
    var provenance: [String: Provenance] = [:]
    var questionsBehind: (String) -> [String] = { [$0] }

    var lookup: (String) -> Value { { values[$0] ?? .unknown } }

    func fill(_ text: Text) -> String {
        let source = text[language]
        guard source.utf8.contains(UInt8(ascii: "{")) else { return source }
        var out = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if name.hasPrefix("term:"), let term = program.term(String(name.dropFirst(5))) {
                let choice: String? = if case .string(let c)? = values[term.by] { c } else { nil }
                out += term.words(for: choice)[language]
            } else if program.declaration(of: name) != nil {
                out += ValueFormatter.format(values[name] ?? .unknown, as: program.declaration(of: name), language)
            } else {
                out += "{\(name)}"
            }
            rest = after[after.index(after: close)...]
        }
        out += rest
        // A term that opens an English sentence ("{term:store_score} under 4.6") starts with a capital.
        if language == .en, source.hasPrefix("{term:"), let first = out.first, first.isLowercase {
            out = first.uppercased() + out.dropFirst()
        }
        return out
    }

    /// A fact with its label and display value; nil for a fact the program does not declare.
    func line(_ fact: String) -> FactLine? {
        guard let declaration = program.declaration(of: fact) else { return nil }
        let label = program.question(fact).map { shortLabel($0) } ?? program.derivedFact(fact)?.title[language] ?? fact
        let value = values[fact] ?? .unknown
        return FactLine(fact: fact, label: label, value: value,
                        display: ValueFormatter.format(value, as: declaration, language), kind: declaration.kind,
                        provenance: source(of: fact))
    }

    /// The provenance shared by every answer behind a fact; mixed sources count as the weakest
    /// (estimate over data over said) so nothing looks firmer than it is.
    func source(of fact: String) -> Provenance? {
        let sources = questionsBehind(fact).filter { values[$0] != nil }.map { provenance[$0] ?? .said }
        guard !sources.isEmpty, sources.contains(where: { $0 != .said }) else { return nil }
        if sources.allSatisfy({ $0 == .estimate }) { return .estimate }
        return sources.contains(.said) ? nil : .data
    }

    /// Metric labels are short; questions have only prompts, so metrics name them where they can.
    func shortLabel(_ q: Question) -> String {
        if let label = q.label { return label[language] }
        if let m = program.metrics.first(where: { $0.fact == q.id }) { return m.label[language] }
        return q.fact.id
    }
}

extension Program {
    /// A text with no merchant behind it (a portfolio table's rule titles): terms take their
    /// fallback words ("店铺评分"), never the raw `{term:…}`.
    public func generalText(_ text: Text, _ language: Language) -> String {
        self.text(text, values: [:], language)
    }

    /// A playbook text for one merchant: `{fact}` and `{term:…}` filled from `values`.
    public func text(_ text: Text, values: [String: Value], _ language: Language) -> String {
        TextFiller(program: self, values: values, language: language).fill(text)
    }
}
