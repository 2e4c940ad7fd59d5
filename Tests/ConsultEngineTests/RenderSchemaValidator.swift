import Foundation
import TestSupport

/// A JSON document as decoded for validation: numbers stay apart from booleans, which
/// JSONSerialization on Linux cannot promise.
indirect enum JSONDocument: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONDocument]), object([String: JSONDocument])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSONDocument].self) {
            self = .array(a)
        } else { self = .object(try c.decode([String: JSONDocument].self)) }
    }

    static func parse(_ text: String) throws -> JSONDocument { try JSONDecoder().decode(JSONDocument.self, from: Data(text.utf8)) }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n == n.rounded() ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// The subset of JSON Schema 2020-12 that docs/plan.schema.json uses, written here so `swift test`
/// needs nothing installed. A keyword outside the subset is reported, never skipped, so the
/// schema cannot quietly rely on something this validator ignores.
struct SchemaValidator {
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    let root: JSONDocument

    func validate(_ value: JSONDocument) -> [String] { check(value, root, "$") }

    func check(_ value: JSONDocument, _ schema: JSONDocument, _ path: String) -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): schema is not an object"] }
        var errors: [String] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) where !Self.annotations.contains(keyword) {
            errors += apply(keyword, argument, value, keywords, path)
        }
        return errors
    }

    func apply(_ keyword: String, _ argument: JSONDocument, _ value: JSONDocument,
               _ keywords: [String: JSONDocument], _ path: String) -> [String] {
        switch (keyword, argument, value) {
        case ("$ref", .string(let ref), _):
            guard let target = resolve(ref) else { return ["\(path): unresolved $ref \(ref)"] }
            return check(value, target, path)
        case ("type", _, _):
            let allowed = argument.strings
            let ok = allowed.contains(value.typeName) || (value.typeName == "integer" && allowed.contains("number"))
            return ok ? [] : ["\(path): \(value.typeName) is not \(allowed.joined(separator: "|"))"]
        case ("const", _, _): return value == argument ? [] : ["\(path): not the constant"]
        case ("enum", .array(let options), _): return options.contains(value) ? [] : ["\(path): \(value) not in enum"]
        case ("required", _, .object(let fields)):
            return argument.strings.filter { fields[$0] == nil }.map { "\(path): missing \($0)" }
        case ("properties", .object(let properties), .object(let fields)):
            return properties.sorted { $0.key < $1.key }.flatMap { name, schema in
                fields[name].map { check($0, schema, "\(path).\(name)") } ?? []
            }
        case ("additionalProperties", _, .object(let fields)):
            let declared = keywords["properties"]?.keys ?? []
            return fields.keys.sorted().filter { !declared.contains($0) }.flatMap { name -> [String] in
                if case .bool(let allowed) = argument { return allowed ? [] : ["\(path): unexpected field \(name)"] }
                return check(fields[name]!, argument, "\(path).\(name)")
            }
        case ("items", _, .array(let items)):
            return items.enumerated().flatMap { check($1, argument, "\(path)[\($0)]") }
        case ("minItems", .number(let n), .array(let items)): return items.count >= Int(n) ? [] : ["\(path): fewer than \(Int(n)) items"]
        case ("maxItems", .number(let n), .array(let items)): return items.count <= Int(n) ? [] : ["\(path): more than \(Int(n)) items"]
        case ("minLength", .number(let n), .string(let s)): return s.count >= Int(n) ? [] : ["\(path): shorter than \(Int(n))"]
        case ("minimum", .number(let n), .number(let v)): return v >= n ? [] : ["\(path): \(v) < \(n)"]
        case ("pattern", .string(let pattern), .string(let s)):
            return s.range(of: pattern, options: .regularExpression) != nil ? [] : ["\(path): '\(s)' does not match \(pattern)"]
        case ("properties", _, _), ("required", _, _), ("additionalProperties", _, _), ("items", _, _), ("minItems", _, _),
             ("maxItems", _, _), ("minLength", _, _), ("minimum", _, _), ("pattern", _, _):
            return []  // the keyword does not apply to this type of value
        default:
            return ["\(path): unsupported schema keyword \(keyword)"]
        }
    }

    func resolve(_ ref: String) -> JSONDocument? {
        guard ref.hasPrefix("#/") else { return nil }
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") {
            guard case .object(let fields) = node, let next = fields[String(part)] else { return nil }
            node = next
        }
        return node
    }
}

extension JSONDocument {
    /// An object's keys; empty for anything else.
    var keys: Set<String> {
        if case .object(let fields) = self { return Set(fields.keys) }
        return []
    }

    var strings: [String] {
        switch self {
        case .string(let s): [s]
        case .array(let items): items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: []
        }
    }
}

/// docs/plan.schema.json, loaded once.
enum PlanSchema {
    static let validator: SchemaValidator = {
        let text = (try? String(contentsOfFile: Repo.path("docs/plan.schema.json"), encoding: .utf8)) ?? "{}"
        return SchemaValidator(root: (try? JSONDocument.parse(text)) ?? .null)
    }()

    /// Every way `json` breaks the schema; empty when it is a valid consult.plan/1.
    static func errors(_ json: String) throws -> [String] { validator.validate(try JSONDocument.parse(json)) }
}
