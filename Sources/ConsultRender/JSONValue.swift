import ConsultExpression
import ConsultPlaybook

/// A JSON document with exact decimal numbers and sorted keys, so the same plan is the same
/// bytes every time (Foundation's encoder would print 2.7 as 2.7000000000000002 from a Double).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func number(_ n: Number) -> JSONValue { .number(n.description) }
    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }

    public static func from(_ value: Value) -> JSONValue {
        switch value {
        case .unknown: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(from))
        }
    }

    /// Pretty-printed with two-space indents and a final newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = fields.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += ": "
                fields[key]!.write(to: &out, indent: indent + 1)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) { Quoting.json(s, into: &out) }
}
