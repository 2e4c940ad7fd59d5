import ConsultDiagnostics
import ConsultExpression
import Yams

/// Reads one YAML document into typed pieces, turning every shape problem into a located
/// diagnostic and carrying on, so that a whole file's problems are reported in one run.
typealias YNode = Yams.Node

final class YAMLReader {
    let file: String
    let text: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Every `{…}` placeholder in a text read so far, with where it stands: the names are checked once
    /// all files are loaded (facts and terms may be declared in any file), including texts of rules
    /// that failed to build for another reason.
    private(set) var placeholders: [(name: String, at: SourceLocation, length: Int)] = []

    /// The language of the reader's own messages (syntax, shape): the consultant's for an answers
    /// file; English for playbooks, whose diagnostics speak of ids and expressions.
    let language: Language

    init(file: String, text: String, language: Language = .en) {
        self.language = language
        self.file = file
        self.text = text
    }

    /// The document's root node, or nil with a diagnostic for a YAML syntax error.
    func root() -> YNode? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                error("playbook.empty", say("文件是空的", "the file is empty"), at: SourceLocation(file: file, line: 1, column: 1))
                return nil
            }
            return node
        } catch let YamlError.scanner(context, problem, mark, _), let YamlError.parser(context, problem, mark, _),
                let YamlError.composer(context, problem, mark, _) {
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            error("yaml.syntax", syntax(YAMLProblem.words(what)), at: SourceLocation(file: file, line: mark.line, column: mark.column))
            return nil
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            let first = duplicates.sorted()[0]
            let names = duplicates.sorted()
            error("playbook.duplicate-field", say("字段\(names.map { "“\($0)”" }.joined(separator: "、"))在同一处写了两次",
                                                  "field \(names.map { "'\($0)'" }.joined(separator: ", ")) appears twice in one mapping"),
                  at: secondOccurrence(of: first, from: context.mark) ?? SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                  length: first.unicodeScalars.count)
            return nil
        } catch let YamlError.reader(problem, offset, value, _) {
            // libyaml's reader counts bytes; the consultant needs the line and column.
            let code = "U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4))"
            let what = value >= 0 && value < 0x20 || value == 0x7F
                ? Text(zh: "YAML 文字里不能有控制字符 \(code)", en: "control character \(code) is not allowed in YAML text")
                : YAMLProblem.words(problem)
            error("yaml.syntax", syntax(what), at: location(ofByte: offset ?? 0))
            return nil
        } catch {
            self.error("yaml.syntax", syntax(.same("\(error)")), at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
    }

    func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    private func syntax(_ what: Text) -> String { say("YAML 语法错误：\(what.zh)", "YAML syntax: \(what.en)") }

    /// Line and column (in Unicode scalars, as Yams counts) of UTF-8 byte `offset` of the text.
    func location(ofByte offset: Int) -> SourceLocation {
        var line = 1, column = 1
        for (i, byte) in text.utf8.enumerated() {
            if i >= offset { break }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Where a key given twice in a mapping is given the second time: the later line that has
    /// it at the column of the first (Yams reports only the mapping).
    func secondOccurrence(of key: String, from mark: Mark) -> SourceLocation? {
        // Lines as libyaml counts them: CR, LF and CRLF each end one.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        var seen = 0
        var column: Int?
        for index in min(max(0, mark.line - 1), lines.count)..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if let column, indent < column - 1, !scalars.allSatisfy({ $0 == " " }), seen > 0 { break }
            let rest = String(String.UnicodeScalarView(scalars.dropFirst(indent)))
            let bare = rest.hasPrefix("- ") ? String(rest.dropFirst(2)) : rest
            let offset = rest.hasPrefix("- ") ? 2 : 0
            for form in [key, "\"\(key)\"", "'\(key)'"] where bare.hasPrefix(form + ":") || bare.hasPrefix(form + " :") {
                if column == nil { column = indent + offset + 1 }
                guard indent + offset + 1 == column else { continue }
                seen += 1
                if seen == 2 { return SourceLocation(file: file, line: index + 1, column: indent + offset + 1) }
            }
        }
        return secondInFlow(of: key, from: mark, lines: lines)
    }

    /// The same for a flow mapping (`{ name: 甲, name: 乙 }`): the second `key:` after a `{` or `,`
    /// from the mapping's line on.
    private func secondInFlow(of key: String, from mark: Mark, lines: [Substring]) -> SourceLocation? {
        var seen = 0
        let end = min(lines.count, mark.line + 50)
        for index in min(max(0, mark.line - 1), end)..<end {
            let scalars = Array(lines[index].unicodeScalars)
            var previous: Unicode.Scalar = index == mark.line - 1 ? " " : ","
            for (i, s) in scalars.enumerated() {
                defer { if s != " " { previous = s } }
                guard previous == "{" || previous == "," else { continue }
                for form in [key, "\"\(key)\"", "'\(key)'"] {
                    let formScalars = Array(form.unicodeScalars)
                    let end = i + formScalars.count
                    guard end < scalars.count, Array(scalars[i..<end]) == formScalars else { continue }
                    let after = scalars[end...].drop { $0 == " " }
                    guard after.first == ":" else { continue }
                    seen += 1
                    if seen == 2 { return SourceLocation(file: file, line: index + 1, column: i + 1) }
                }
            }
        }
        return nil
    }

    /// With the basic resolver every scalar is text, so null is spelt out here: `~`, `null` or nothing.
    static func isNull(_ node: YNode) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func location(_ node: YNode) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ id: String, _ message: String, at location: SourceLocation, length: Int = 1, notes: [String] = []) {
        diagnostics.append(.error(id, message, at: location, length: length, notes: notes))
    }

    func warning(_ id: String, _ message: String, at location: SourceLocation, length: Int = 1) {
        diagnostics.append(.warning(id, message, at: location, length: length))
    }

    func error(_ id: String, _ message: String, at node: YNode, notes: [String] = []) {
        error(id, message, at: location(node), length: Self.length(of: node), notes: notes)
    }

    static func length(of node: YNode) -> Int {
        if let scalar = node.scalar, !scalar.string.contains("\n") {
            let quotes = (scalar.style == .singleQuoted || scalar.style == .doubleQuoted) ? 2 : 0
            return max(1, scalar.string.unicodeScalars.count + quotes)
        }
        return 1
    }

    // MARK: Mappings

    /// The fields of a mapping, after reporting unknown fields (with "did you mean") and missing required ones.
    func fields(_ node: YNode, _ what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard let mapping = node.mapping else {
            error("playbook.type", say("\(what)应当是“名称: 值”的映射", "\(what) must be a mapping"), at: node)
            return nil
        }
        var result = Fields(node: node)
        var explained = Set<String>()
        for (key, value) in mapping {
            guard let name = key.string else {
                error("playbook.type", say("\(what)：字段名必须是文字（不能是列表或映射）", "\(what): field names must be text"), at: key)
                continue
            }
            if !allowed.contains(name) {
                if let guess = Suggestion.closest(to: name, in: allowed) { explained.insert(guess) }
                let guess = Suggestion.closest(to: name, in: allowed)
                error("playbook.unknown-field", say("\(what)里没有“\(name)”这个字段", "unknown field '\(name)' in \(what)") + Text.didYouMean(guess)[language], at: key,
                      notes: guess == nil ? [say("可用的字段：", "accepted fields: ") + allowed.joined(separator: ", ")] : [])
                continue
            }
            if result.values[name] != nil {
                error("playbook.duplicate-field", say("字段“\(name)”在\(what)里写了两次", "field '\(name)' appears twice in \(what)"), at: key)
            }
            result.values[name] = value
            result.keys[name] = key
        }
        // A misspelt required field is reported once, as the misspelling.
        for name in required where result.values[name] == nil && !explained.contains(name) {
            error("playbook.missing-field", say("\(what)缺少必填的字段“\(name)”", "\(what) is missing the required field '\(name)'"), at: node)
        }
        return result
    }

    struct Fields {
        let node: YNode
        var values: [String: YNode] = [:]
        var keys: [String: YNode] = [:]
        subscript(_ name: String) -> YNode? { values[name] }
    }

    // MARK: Scalars

    func string(_ node: YNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            error("playbook.type", say("\(what)应当是一个值（不能是列表或映射）", "\(what) must be text"), at: node)
            return nil
        }
        return scalar.string
    }

    /// A snake_case id; choice ids may start with a digit (`3c_digital`).
    func identifier(_ node: YNode?, _ what: String, leadingDigit: Bool = false) -> String? {
        guard let value = string(node, what), let node else { return nil }
        let ok = !value.isEmpty && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && (leadingDigit || !("0"..."9").contains(value.unicodeScalars.first!))
        if !ok { error("playbook.identifier", "\(what) '\(value)' must be snake_case (a-z, 0-9, _)", at: node) }
        return ok ? value : nil
    }

    func int(_ node: YNode?, _ what: String) -> Int? {
        guard let text = string(node, what), let node else { return nil }
        guard let value = Int(text) else {
            error("playbook.type", "\(what) must be a whole number, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    func number(_ node: YNode?, _ what: String) -> Number? {
        guard let text = string(node, what), let node else { return nil }
        guard let value = Number(text.trimmingSpaces) else {
            error("playbook.type", "\(what) must be a number, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: YNode?, _ what: String) -> Bool? {
        guard let text = string(node, what), let node else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("playbook.type", "\(what) must be true or false, got '\(text)'", at: node)
            return nil
        }
    }

    func oneOf<E: RawRepresentable & CaseIterable>(_ node: YNode?, _ what: String, _: E.Type) -> E? where E.RawValue == String {
        guard let text = string(node, what), let node else { return nil }
        if let value = E(rawValue: text) { return value }
        let accepted = E.allCases.map(\.rawValue)
        error("playbook.value", "\(what) '\(text)' is not one of \(accepted.joined(separator: ", "))\(Suggestion.didYouMean(text, in: accepted))", at: node)
        return nil
    }

    /// A `{ zh: …, en: … }` pair; both are required and must not be empty.
    func text(_ node: YNode?, _ what: String) -> Text? {
        guard let node else { return nil }
        guard let f = fields(node, what, allowed: ["zh", "en"]) else { return nil }
        var ok = true
        for lang in ["zh", "en"] {
            let value = f[lang]?.string?.trimmingSpaces ?? ""
            if value.isEmpty {
                error("playbook.missing-translation", "\(what) has no \(lang == "zh" ? "Chinese (zh)" : "English (en)") text", at: f[lang] ?? node)
                ok = false
            }
        }
        for lang in ["zh", "en"] { if let value = f[lang] { notePlaceholders(in: value) } }
        guard ok else { return nil }
        return Text(zh: Self.joinCJK(f["zh"]!.string!.trimmingSpaces), en: f["en"]!.string!.trimmingSpaces)
    }

    /// Folded YAML turns line breaks into spaces, which Chinese text never has between characters.
    static func joinCJK(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: " ")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if s == " ", i > 0, i + 1 < scalars.count, DisplayWidth.of(scalars[i - 1]) == 2, DisplayWidth.of(scalars[i + 1]) == 2 { continue }
            out.append(s)
        }
        return String(out)
    }

    private func notePlaceholders(in node: YNode) {
        guard let text = node.scalar?.string else { return }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "{", let close = scalars[(i + 1)...].firstIndex(of: "}") else { i += 1; continue }
            let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            placeholders.append((name, location(in: node, offset: i), close - i + 1))
            i = close + 1
        }
    }

    func sequence(_ node: YNode?, _ what: String) -> [YNode] {
        guard let node else { return [] }
        if let seq = node.sequence { return Array(seq) }
        error("playbook.type", "\(what) must be a list", at: node)
        return []
    }

    // MARK: Expressions

    /// Where character `offset` of a scalar's text sits in the file (exact for one-line scalars).
    func location(in node: YNode, offset: Int) -> SourceLocation {
        var loc = location(node)
        guard let scalar = node.scalar, !scalar.string.contains("\n") else { return loc }
        switch scalar.style {
        case .plain: loc.column += offset
        case .singleQuoted, .doubleQuoted: loc.column += offset + 1
        default: break
        }
        return loc
    }

    func expression(_ node: YNode?, _ what: String, schema: FactSchema, expecting: ExpressionType?) -> Expression? {
        guard let source = string(node, what), let node else { return nil }
        switch Expression.compile(source, schema: schema, expecting: expecting) {
        case .success(let expression):
            return expression
        case .failure(let errors):
            for e in errors {
                error(e.id, "\(what): \(e.message)", at: location(in: node, offset: e.span.start), length: e.span.length, notes: e.notes)
            }
            return nil
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
