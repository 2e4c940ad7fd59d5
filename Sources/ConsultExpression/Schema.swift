import ConsultDiagnostics

/// What a fact can hold, as declared by the playbooks.
public enum FactType: Hashable, Sendable {
    case number
    case bool
    case text
    case choice([String])   // the allowed ids

    /// The expression type a read of such a fact has (text and choice facts are strings).
    public var expressionType: ExpressionType {
        switch self {
        case .number: return .number
        case .bool: return .bool
        case .text, .choice: return .string
        }
    }

    /// "number", "bool", "text" or "choice", as used in messages ("choice 'platform'").
    var kindName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .text: return "text"
        case .choice: return "choice"
        }
    }
}

/// Static type of an expression.
public enum ExpressionType: Hashable, Sendable, CustomStringConvertible {
    case number, bool, string, list

    public var description: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .string: return "string"
        case .list: return "list"
        }
    }
}

/// The declared facts an expression may read; the checker resolves every identifier against it.
/// A fact's slot is its position in `names`: expressions compiled against one schema read their
/// facts from one vector of values indexed by slot.
public struct FactSchema: Sendable {
    private let types: [String: FactType]
    private let slots: [String: Int]
    /// All fact ids, sorted.
    public let names: [String]

    public init(_ types: [String: FactType]) {
        self.types = types
        self.names = types.keys.sorted()
        self.slots = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    public func type(of fact: String) -> FactType? {
        types[fact]
    }

    /// The index of `fact`'s value in a fact vector.
    public func slot(of fact: String) -> Int? {
        slots[fact]
    }

    /// Choice facts that accept `id` as a value, sorted (for "did you forget the quotes?" notes).
    func choiceFacts(accepting id: String) -> [String] {
        names.filter { name in
            if case .choice(let ids)? = types[name] { return ids.contains(id) }
            return false
        }
    }
}
