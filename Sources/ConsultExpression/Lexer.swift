/// Turns source text into tokens. It never fails: a bad character is reported and skipped, and
/// common slips (`=`, `!`, `&&`, `||`) are reported but read as what was meant, so the parser
/// can go on and find the remaining errors in the same pass.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private(set) var tokens: [Token] = []
    private(set) var errors: [ExpressionError] = []
    /// Runs of characters that produced no token.
    private(set) var skipped: [ExpressionSpan] = []

    static func tokenize(_ scalars: [Unicode.Scalar])
        -> (tokens: [Token], errors: [ExpressionError], skipped: [ExpressionSpan]) {
        var lexer = Lexer(scalars: scalars)
        while lexer.position < scalars.count { lexer.scanToken() }
        lexer.tokens.append(Token(kind: .end, span: ExpressionSpan(start: scalars.count, length: 0)))
        return (lexer.tokens, lexer.errors, lexer.skipped)
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func emit(_ kind: Token.Kind, from start: Int) {
        tokens.append(Token(kind: kind, span: ExpressionSpan(start: start, length: position - start)))
    }

    private mutating func report(_ message: String, from start: Int) {
        errors.append(.syntax(message, ExpressionSpan(start: start, length: Swift.max(1, position - start))))
    }

    private mutating func scanToken() {
        let start = position
        let c = scalars[position]
        if c == " " || c == "\t" || c == "\n" || c == "\r" {
            position += 1
        } else if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
            scanNumber()
        } else if Self.isIdentifierStart(c) {
            while let next = peek(), Self.isIdentifierPart(next) { position += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<position]))
            emit(Token.keywords[word] ?? .identifier(word), from: start)
        } else if c == "\"" || c == "'" {
            scanString(quote: c)
        } else if let kind = Self.single[c] {
            position += 1
            emit(kind, from: start)
        } else {
            scanOperator(c)
        }
    }

    private static let single: [Unicode.Scalar: Token.Kind] = [
        "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket, ",": .comma,
        "+": .plus, "-": .minus, "*": .star, "/": .slash,
    ]

    private mutating func scanOperator(_ c: Unicode.Scalar) {
        let start = position
        let doubled = peek(1) == "="
        position += doubled ? 2 : 1
        switch (c, doubled) {
        case ("=", true): emit(.equal, from: start)
        case ("!", true): emit(.notEqual, from: start)
        case ("<", _): emit(doubled ? .lessOrEqual : .less, from: start)
        case (">", _): emit(doubled ? .greaterOrEqual : .greater, from: start)
        case ("=", false):
            report("'=' is not an operator; use '==' to compare", from: start)
            emit(.equal, from: start)
        case ("!", false):
            report("'!' is not an operator; use 'not'", from: start)
            emit(.not, from: start)
        case ("&", false), ("|", false):
            if peek() == c { position += 1 }
            let word = c == "&" ? "and" : "or"
            report("'\(String(String.UnicodeScalarView(scalars[start..<position])))' is not an operator; use '\(word)'", from: start)
            emit(c == "&" ? .and : .or, from: start)
        default:
            position = start + 1
            skipUnexpected(from: start)
        }
    }

    /// Reports a run of characters the language has no use for (e.g. non-ASCII letters) once.
    private mutating func skipUnexpected(from start: Int) {
        while let next = peek(), !Self.canStartToken(next) { position += 1 }
        let run = text(from: start)
        var notes: [String] = []
        if run.unicodeScalars.contains(where: { $0.value > 0x7F }) {
            notes.append("fact ids use ASCII letters, digits and '_'; text values go in quotes")
        }
        let plural = run.unicodeScalars.count > 1 ? "characters" : "character"
        errors.append(.syntax("unexpected \(plural) '\(run)'", ExpressionSpan(start: start, length: position - start),
                              notes: notes))
        skipped.append(ExpressionSpan(start: start, length: position - start))
    }

    private static func canStartToken(_ c: Unicode.Scalar) -> Bool {
        isIdentifierPart(c) || c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\"" || c == "'"
            || single[c] != nil || "=!<>&|.".unicodeScalars.contains(c)
    }

    private mutating func scanNumber() {
        let start = position
        if scalars[position] == "." {
            position += 1
            while let next = peek(), Self.isDigit(next) { position += 1 }
            report("a number must start with a digit; write '0\(text(from: start))'", from: start)
            emit(.number(Number("0" + text(from: start)) ?? .zero), from: start)
            return
        }
        while let next = peek(), Self.isDigit(next) { position += 1 }
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            position += 1
            while let next = peek(), Self.isDigit(next) { position += 1 }
        } else if peek() == "." {
            position += 1
            report("expected digits after '.' in '\(text(from: start))'", from: start)
        }
        let numberEnd = position
        let value = Number(String(String.UnicodeScalarView(scalars[start..<numberEnd]))
            .trimmingSuffix(".")) ?? .zero
        if let next = peek(), Self.isIdentifierPart(next) || next == "." {
            while let next = peek(), Self.isIdentifierPart(next) || next == "." { position += 1 }
            report("invalid number '\(text(from: start))'; write plain decimals such as 1000000 or 0.05", from: start)
        }
        tokens.append(Token(kind: .number(value), span: ExpressionSpan(start: start, length: position - start)))
    }

    private mutating func scanString(quote: Unicode.Scalar) {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while let c = peek(), c != quote {
            position += 1
            if c == "\\", let escaped = peek() {
                position += 1
                text.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            } else {
                text.append(c)
            }
        }
        if peek() == quote {
            position += 1
        } else {
            report("unterminated string; add the closing \(quote)", from: start)
        }
        emit(.string(String(text)), from: start)
    }

    private func text(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<position]))
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
