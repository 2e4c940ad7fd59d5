import ConsultDiagnostics
import ConsultExpression
import Yams

/// A playbook file's text and the name to report it by; the caller does the reading.
public struct PlaybookSource: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// First pass over one file: its shape checked, expressions still as YAML nodes, because they
/// can only be checked once every file's facts are known.
struct PlaybookFile {
    var header: Playbook
    var reader: YAMLReader
    var urgency: (node: YNode, points: Int)?
    var blocks: [Block] = []
    var questions: [(fact: FactDeclaration, fields: YAMLReader.Fields)] = []
    var derived: [(fact: FactDeclaration, fields: YAMLReader.Fields)] = []
    var metrics: [YAMLReader.Fields] = []
    var rules: [YAMLReader.Fields] = []
    var examples: [YAMLReader.Fields] = []
    var position: [String] = []
    var headerFacts: [String] = []
    var snapshot: [String] = []
    var ranking: YNode?
    var terms: [YNode] = []
    var references: [YNode] = []
    var funnel: YNode?

    static let topFields = ["playbook", "version", "code", "title", "summary", "priority", "role", "blocks_scaling",
                            "urgency", "blocks", "questions", "derived", "metrics", "rules", "examples", "position", "header", "snapshot",
                            "ranking", "terms", "references", "funnel"]
    static let questionFields = ["id", "label", "block", "type", "prompt", "help", "unit", "range", "integer", "judgement",
                                 "ask_if", "choices", "max_length", "find"]
    static let derivedFields = ["id", "code", "type", "title", "unit", "choices", "formula", "cases", "else", "sources", "range", "integer"]

    static func parse(_ source: PlaybookSource) -> PlaybookFile? {
        let reader = YAMLReader(file: source.name, text: source.text)
        guard let root = reader.root() else { return PlaybookFile(header: .placeholder(source.name), reader: reader, unreadable: true) }
        guard let top = reader.fields(root, "the playbook", allowed: topFields, required: ["playbook", "version", "title"]) else {
            return PlaybookFile(header: .placeholder(source.name), reader: reader)
        }
        let id = reader.identifier(top["playbook"], "playbook id") ?? "?"
        let expected = source.name.split(separator: "/").last.map { String($0.dropLast(5)) } ?? id
        if let node = top["playbook"], id != "?", source.name.hasSuffix(".yaml"), id != expected {
            reader.error("playbook.id-mismatch", "playbook id '\(id)' must equal the file name '\(expected)'", at: node)
        }
        let version = reader.int(top["version"], "version") ?? 0
        if let node = top["version"], version < 1 { reader.error("playbook.value", "version must be 1 or more", at: node) }
        var header = Playbook(
            id: id, version: version, code: reader.string(top["code"], "code"),
            title: reader.text(top["title"], "title") ?? .same(id),
            summary: reader.text(top["summary"], "summary"),
            priority: top["priority"].flatMap { reader.int($0, "priority") } ?? 0,
            role: top["role"].flatMap { reader.oneOf($0, "role", PlaybookRole.self) } ?? .problems,
            blocksScaling: top["blocks_scaling"].flatMap { reader.bool($0, "blocks_scaling") } ?? false,
            urgency: nil, file: source.name)
        header.urgency = nil
        var file = PlaybookFile(header: header, reader: reader)
        if let node = top["urgency"], let f = reader.fields(node, "urgency", allowed: ["when", "points"], required: ["when", "points"]),
           let when = f["when"], let points = reader.int(f["points"], "urgency points") {
            file.urgency = (when, points)
        }
        file.blocks = reader.sequence(top["blocks"], "blocks").compactMap { (node: YNode) -> Block? in
            guard let f = reader.fields(node, "a block", allowed: ["id", "title"], required: ["id", "title"]),
                  let id = reader.identifier(f["id"], "block id"), let title = reader.text(f["title"], "block title") else { return nil }
            return Block(id: id, title: title)
        }
        for node in reader.sequence(top["questions"], "questions") {
            guard let f = reader.fields(node, "a question", allowed: questionFields, required: ["id", "block", "type", "prompt"]),
                  let fact = file.declaration(f, "question") else { continue }
            file.questions.append((fact, f))
        }
        for node in reader.sequence(top["derived"], "derived") {
            guard let f = reader.fields(node, "a derived fact", allowed: derivedFields, required: ["id", "type", "title"]),
                  let fact = file.declaration(f, "derived fact") else { continue }
            if fact.kind == FactKind.text { reader.error("playbook.value", "a derived fact cannot be text", at: f["type"]!) }
            file.derived.append((fact, f))
        }
        file.metrics = reader.sequence(top["metrics"], "metrics").compactMap {
            reader.fields($0, "a metric", allowed: ["id", "label", "fact", "unit", "always"], required: ["id", "label"])
        }
        file.rules = reader.sequence(top["rules"], "rules").compactMap {
            reader.fields($0, "a rule", allowed: RuleBuilder.fields, required: RuleBuilder.required)
        }
        file.examples = reader.sequence(top["examples"], "examples").compactMap {
            reader.fields($0, "an example", allowed: ["name", "given", "derived", "fire", "quiet", "plan"], required: ["name", "given"])
        }
        file.position = reader.sequence(top["position"], "position").compactMap { reader.identifier($0, "position fact") }
        file.headerFacts = reader.sequence(top["header"], "header").compactMap { reader.identifier($0, "header fact") }
        file.snapshot = reader.sequence(top["snapshot"], "snapshot").compactMap { reader.identifier($0, "snapshot fact") }
        file.ranking = top["ranking"]
        file.terms = reader.sequence(top["terms"], "terms")
        file.references = reader.sequence(top["references"], "references")
        file.funnel = top["funnel"]
        return file
    }

    /// Not YAML at all (a syntax error): nothing it declares is known.
    var unreadable = false

    init(header: Playbook, reader: YAMLReader, unreadable: Bool = false) {
        self.header = header
        self.reader = reader
        self.unreadable = unreadable
    }

    /// The part of a question or derived fact that describes its values.
    func declaration(_ f: YAMLReader.Fields, _ what: String) -> FactDeclaration? {
        guard let id = reader.identifier(f["id"], "\(what) id"),
              let kind = reader.oneOf(f["type"], "type of '\(id)'", FactKind.self) else { return nil }
        var fact = FactDeclaration(id: id, kind: kind, choices: [], unit: reader.text(f["unit"], "unit of '\(id)'"),
                                   range: nil, integer: false, maxLength: nil)
        if let node = f["integer"] { fact.integer = reader.bool(node, "integer") ?? false }
        if let node = f["max_length"] { fact.maxLength = reader.int(node, "max_length") }
        if let node = f["range"] {
            let bounds = reader.sequence(node, "range of '\(id)'").compactMap { reader.number($0, "range bound") }
            if bounds.count == 2, bounds[0] <= bounds[1] {
                fact.range = bounds[0]...bounds[1]
            } else {
                reader.error("playbook.range", "range of '\(id)' must be [low, high] with low <= high", at: node)
            }
        } else if kind.isNumeric && what == "question" {
            reader.error("playbook.missing-field", "question '\(id)' of type \(kind.rawValue) needs a range: [low, high]", at: f.node)
        }
        if kind == .choice {
            guard let node = f["choices"] else {
                reader.error("playbook.missing-field", "'\(id)' is a choice and needs choices", at: f.node)
                return fact
            }
            var seen = Set<String>()
            for c in reader.sequence(node, "choices of '\(id)'") {
                guard let cf = reader.fields(c, "a choice", allowed: ["id", "zh", "en"], required: ["id", "zh", "en"]),
                      let cid = reader.identifier(cf["id"], "choice id", leadingDigit: true),
                      let zh = reader.string(cf["zh"], "choice label"), let en = reader.string(cf["en"], "choice label") else { continue }
                if !seen.insert(cid).inserted { reader.error("playbook.duplicate", "choice '\(cid)' appears twice in '\(id)'", at: c) }
                fact.choices.append(Choice(id: cid, label: Text(zh: zh, en: en)))
            }
        } else if let node = f["choices"] {
            reader.error("playbook.value", "only a choice has choices; '\(id)' is \(kind.rawValue)", at: node)
        }
        return fact
    }
}

extension Playbook {
    static func placeholder(_ file: String) -> Playbook {
        Playbook(id: "?", version: 0, code: nil, title: .same("?"), summary: nil, priority: 0, role: .problems,
                 blocksScaling: false, urgency: nil, file: file)
    }
}
