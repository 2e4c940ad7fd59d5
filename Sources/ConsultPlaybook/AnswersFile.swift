import ConsultDiagnostics
import ConsultExpression
import Yams

/// Who a consultation is about; session metadata, not facts.
public struct MerchantInfo: Hashable, Sendable {
    public var name: String
    public var consultant: String?
    public var date: String?

    public init(name: String, consultant: String? = nil, date: String? = nil) {
        self.name = name
        self.consultant = consultant
        self.date = date
    }
}

/// Where an answer came from; a finding that rests only on estimates is marked in the plan.
public enum Provenance: String, Sendable, Hashable, CaseIterable {
    /// The merchant said so (the default).
    case said
    /// Read off the platform's dashboard or an export.
    case data
    /// The consultant's estimate.
    case estimate
}

/// Validated answers: each fact's typed value (unknown facts are absent), the text as given, and
/// where answers came from when it is not simply "the merchant said".
public struct Answers: Sendable, Hashable {
    public var values: [String: Value]
    public var raw: [String: String]
    public var provenance: [String: Provenance]
    /// Questions an interview in progress has not reached yet. Their unknown is "not asked", not
    /// "the merchant cannot say": `known()`, `unknown()` and `unknown_count()` over them are
    /// undecided, so no rule about missing data fires before the question has been asked. Empty
    /// for an answers file or an export row, which are complete as given.
    public var pending: Set<String> = []

    public init(values: [String: Value] = [:], raw: [String: String] = [:], provenance: [String: Provenance] = [:]) {
        self.values = values
        self.raw = raw
        self.provenance = provenance
    }

    public subscript(_ fact: String) -> Value { values[fact] ?? .unknown }
}

/// An answers file (YAML or JSON) for scripted runs: `merchant:` and `answers:` (design.md).
public enum AnswersFile {
    public struct Parsed: Sendable {
        public var merchant: MerchantInfo
        public var answers: Answers
        /// What a consultant expects of the plan (`expect:`); `consult test` checks it, `run` ignores it.
        public var expectation: PlanExpectation?
    }

    /// Reads and validates a whole file against the program; every bad answer is reported, none is guessed.

    /// An unquoted number in exponent form (`1e2`, `1.5E6`) is a number in YAML and JSON alike,
    /// as `consult batch` reads it in JSON Lines; it reaches the answer parser as plain decimals.
    /// Quoted, it stays text a consultant typed.
    static func plainNumber(_ scalar: Yams.Node.Scalar) -> String {
        let text = scalar.string
        guard scalar.style == .plain, text.contains(where: { $0 == "e" || $0 == "E" }),
              let number = Number(json: text) else { return text }
        return number.description
    }
    public static func parse(_ source: PlaybookSource, program: Program, language: Language = .en) -> (Parsed?, [Diagnostic]) {
        let reader = YAMLReader(file: source.name, text: source.text, language: language)
        let say = reader.say
        guard let root = reader.root() else { return (nil, reader.diagnostics) }
        guard let top = reader.fields(root, say("答案文件", "the answers file"), allowed: ["merchant", "answers", "provenance", "not_asked", "expect"], required: ["answers"]) else {
            return (nil, reader.diagnostics)
        }
        var merchant = MerchantInfo(name: "")
        var entries: [(fact: String, raw: String, node: YNode, key: YNode)] = []
        if let node = top["merchant"] {
            if let name = node.scalar?.string {
                merchant.name = name
            } else if let f = reader.fields(node, say("merchant（商家）", "merchant"), allowed: ["name", "platform", "category", "industrial_belt", "consultant", "date"]) {
                merchant.name = reader.string(f["name"], say("商家名称", "merchant name")) ?? ""
                merchant.consultant = reader.string(f["consultant"], say("顾问", "consultant"))
                merchant.date = reader.string(f["date"], say("日期", "date"))
                for fact in ["platform", "category", "industrial_belt"] {
                    if let v = f[fact], let k = f.keys[fact] { entries.append((fact, v.scalar?.string ?? "", v, k)) }
                }
            }
        }
        let fromMerchant = Set(entries.map(\.fact))
        if let node = top["answers"] {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let fact = key.string else {
                        // `? [a, b]: 1` is valid YAML, but no question has such a name.
                        reader.error("answers.type", say("问题名必须是文字（问题 id，如 store_rating），不能是列表或映射",
                                                         "a question must be named by text (its id, e.g. store_rating), not a list or mapping"), at: key)
                        continue
                    }
                    // An answer overrides the same fact given under merchant: (only those three).
                    if fromMerchant.contains(fact), let i = entries.firstIndex(where: { $0.fact == fact }) { entries.remove(at: i) }
                    if value.scalar == nil {
                        reader.error("answers.type", say("\(fact)：答案必须是一个值，不能是列表或映射", "\(fact): the answer must be a single value, not a list or mapping"), at: value)
                        continue
                    }
                    entries.append((fact, YAMLReader.isNull(value) ? "" : Self.plainNumber(value.scalar!), value, key))
                }
            } else if !YAMLReader.isNull(node) {
                reader.error("answers.type", say("answers 应当是“问题 id: 答案”的映射", "answers must be a mapping of fact id: value"), at: node)
            }
        }
        var answers = Answers()
        let askable = program.questions.map(\.id)
        for entry in entries {
            guard let question = program.question(entry.fact) else {
                let isDerived = program.derivedFact(entry.fact) != nil
                reader.error(isDerived ? "answers.derived-fact" : "answers.unknown-fact",
                             isDerived ? say("“\(entry.fact)”由其他答案算出，不能直接填", "'\(entry.fact)' is derived from other answers and cannot be given")
                                       : say("没有“\(entry.fact)”这个问题", "unknown fact '\(entry.fact)'")
                                         + Text.didYouMean(Suggestion.closest(to: entry.fact, in: askable))[language],
                             at: entry.key)
                continue
            }
            switch AnswerParser.read(entry.raw, for: question.fact) {
            case .success(let reading):
                answers.raw[entry.fact] = entry.raw
                if reading.value.isKnown { answers.values[entry.fact] = reading.value }
                if reading.approximate { answers.provenance[entry.fact] = .estimate }
                if reading.fractionOfPercent, case .number(let n) = reading.value {
                    let whole = AnswerParser.percentOfFraction(n)
                    reader.warning("answers.fraction", language == .zh
                        ? "\(entry.fact)：“\(entry.raw)” 按 \(n)% 读；如果是 \(whole)%，请写 \(whole)%，是 \(n)% 请写 \(n)%"
                        : "\(entry.fact): '\(entry.raw)' is read as \(n)%; if it means \(whole)%, write \(whole)% (or \(n)% to keep this reading)",
                        at: reader.location(entry.node))
                }
            case .failure(let problem):
                reader.error("answers.invalid", problem.message(language), at: entry.node)
            }
        }
        if let node = top["provenance"], let mapping = node.mapping {
            for (key, value) in mapping {
                guard let fact = key.string else { continue }
                guard answers.raw[fact] != nil else {
                    reader.error("answers.provenance", say("provenance 里写了“\(fact)”，但这个文件没有它的答案", "provenance given for '\(fact)', which has no answer in this file"), at: key)
                    continue
                }
                if let p = reader.oneOf(value, "provenance of '\(fact)'", Provenance.self) { answers.provenance[fact] = p }
            }
        } else if let node = top["provenance"], !YAMLReader.isNull(node) {
            reader.error("answers.type", say("provenance 应当是“问题 id: said|data|estimate”的映射", "provenance must be a mapping of fact id: said|data|estimate"), at: node)
        }
        // An interview written down before it ended: the questions it had still to ask.
        if let node = top["not_asked"] {
            if let items = node.sequence {
                for item in items {
                    guard let fact = item.string, program.question(fact) != nil else {
                        reader.error("answers.not-asked", say("not_asked：“\(item.string ?? "")”不是这些手册里的问题", "not_asked: '\(item.string ?? "")' is not a question of these playbooks"), at: item)
                        continue
                    }
                    if answers.raw[fact] != nil {
                        reader.error("answers.not-asked", say("not_asked：“\(fact)”在这个文件里已经有答案", "not_asked: '\(fact)' has an answer in this file"), at: item)
                        continue
                    }
                    answers.pending.insert(fact)
                }
            } else if !YAMLReader.isNull(node) {
                reader.error("answers.type", say("not_asked 应当是问题 id 的列表", "not_asked must be a list of question ids"), at: node)
            }
        }
        let expectation = top["expect"].flatMap {
            SectionBuilder(reader: reader, schema: program.schema, declarations: [:],
                           rules: RuleBuilder(reader: reader, schema: program.schema, playbook: .placeholder(source.name))).expectation($0)
        }
        if let e = expectation {
            let codes = Set(program.rules.map(\.code))
            let named = [e.top].compactMap { $0 } + (e.top3 ?? []) + e.causes.flatMap { [$0.symptom, $0.cause] } + e.absent
                + e.neverBoth.flatMap { [$0.0, $0.1] }
            for code in named where !codes.contains(code) {
                reader.error("playbook.unknown-rule", "expect: unknown rule code '\(code)'\(Suggestion.didYouMean(code, in: codes))", at: top["expect"]!)
            }
        }
        if reader.diagnostics.hasErrors { return (nil, reader.diagnostics) }
        return (Parsed(merchant: merchant, answers: answers, expectation: expectation), reader.diagnostics)
    }
}

/// Text both answers-file writers share.
public enum AnswersFileText {
    /// The `not_asked:` list of an interview written down before it ended; empty when it did.
    public static func notAsked(_ facts: [String], _ language: Language) -> String {
        guard !facts.isEmpty else { return "" }
        let comment = language == .zh ? "# 还没问到的问题：答完之前，方案是初步结论" : "# Questions not asked yet: until they are answered the plan is preliminary"
        return comment + "\nnot_asked: [" + facts.joined(separator: ", ") + "]\n"
    }
}
