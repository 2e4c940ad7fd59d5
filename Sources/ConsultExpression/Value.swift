/// A runtime value of the condition language. `unknown` is a first-class value because merchant
/// answers are often missing, and rules must say "unknown" rather than guess.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case unknown
    case number(Number)
    case bool(Bool)
    case string(String)
    case list([Value])

    public var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }

    /// "unknown", "4.5", "true", "\"douyin\"", "[1, 2]".
    public var description: String {
        switch self {
        case .unknown: return "unknown"
        case .number(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text): return "\"" + text + "\""
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// The value when it has type `type`, otherwise `unknown`: a fact answered with the wrong
    /// kind of value reads as unknown instead of failing.
    func conforming(to type: ExpressionType?) -> Value {
        switch (self, type) {
        case (.number, .number?), (.bool, .bool?), (.string, .string?), (.list, .list?): return self
        default: return .unknown
        }
    }
}
