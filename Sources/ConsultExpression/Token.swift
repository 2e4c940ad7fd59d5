/// A lexical token with its span.
struct Token {
    enum Kind: Equatable {
        case number(Number)
        case string(String)
        case identifier(String)
        case and, or, not, `in`, `true`, `false`
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case plus, minus, star, slash
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case end
    }

    var kind: Kind
    var span: ExpressionSpan

    static let keywords: [String: Kind] = [
        "and": .and, "or": .or, "not": .not, "in": .in, "true": .true, "false": .false,
    ]

    /// How the token is named in messages: "')'", "'store_rating'", "the end of the expression".
    var described: String {
        switch kind {
        case .number(let value): return "number \(value)"
        case .string(let text): return "string \"\(text)\""
        case .identifier(let name): return "'\(name)'"
        case .end: return "the end of the expression"
        default: return "'\(kind.symbol)'"
        }
    }
}

extension Token.Kind {
    /// The source spelling of punctuation and keywords.
    var symbol: String {
        switch self {
        case .number(let value): return value.description
        case .string(let text): return "\"\(text)\""
        case .identifier(let name): return name
        case .and: return "and"
        case .or: return "or"
        case .not: return "not"
        case .in: return "in"
        case .true: return "true"
        case .false: return "false"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .comma: return ","
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .end: return ""
        }
    }

    /// The comparison operator this token spells (`not in` is handled by the parser).
    var comparison: BinaryOperator? {
        switch self {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .in: return .in
        default: return nil
        }
    }
}
