import ConsultExpression
import ConsultPlaybook

/// Where each fact of a compiled program lives in a `FactBlock`: one typed column per fact.
/// Numbers are significand/exponent columns, yes/no facts a truth column (0 no, 1 unknown, 2 yes:
/// Kleene `and` is then `min` and `or` is `max`), choice and text facts a symbol column of interned
/// codes, so that comparing a choice is comparing two integers.
public struct ColumnLayout: Sendable {
    public enum Kind: Sendable { case number, truth, symbol }

    /// Every fact, asked first (in program order), then derived (in dependency order).
    public let facts: [String]
    public let kinds: [Kind]
    /// Column of each fact within its kind's pool.
    public let columns: [Int]
    let slotOf: [String: Int]
    /// Columns per pool, facts and evaluator registers together.
    var numberColumns: Int, truthColumns: Int, symbolColumns: Int

    init(program: Program) {
        var facts: [String] = [], kinds: [Kind] = [], columns: [Int] = [], counts = [0, 0, 0]
        let declarations = program.questions.map(\.fact) + program.derived.map(\.fact)
        for fact in declarations {
            let kind: Kind
            switch fact.type {
            case .number: kind = .number
            case .bool: kind = .truth
            case .text, .choice: kind = .symbol
            }
            let pool = kind == .number ? 0 : (kind == .truth ? 1 : 2)
            facts.append(fact.id)
            kinds.append(kind)
            columns.append(counts[pool])
            counts[pool] += 1
        }
        self.facts = facts
        self.kinds = kinds
        self.columns = columns
        self.slotOf = Dictionary(facts.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        (numberColumns, truthColumns, symbolColumns) = (counts[0], counts[1], counts[2])
    }

    /// The slot of a fact id, or nil.
    public func slot(_ fact: String) -> Int? { slotOf[fact] }
}

/// Interned strings: every choice id and every string literal of a program gets a code >= 0.
/// A text value outside the table is kept in the block's side table under a code <= -2, and
/// -1 is unknown; two different codes are two different strings.
public struct SymbolTable: Sendable {
    public private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]

    @discardableResult
    mutating func intern(_ s: String) -> Int32 {
        if let code = codes[s] { return code }
        let code = Int32(strings.count)
        strings.append(s)
        codes[s] = code
        return code
    }

    public func code(_ s: String) -> Int32? { codes[s] }
}
