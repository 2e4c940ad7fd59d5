import ConsultExpression

/// An operand of a column operation: a column of its kind's pool, or a constant (an index into
/// the block's constant pool, read with stride 0).
struct ColumnRef: Sendable, Equatable {
    var column: Int
    var constant: Bool

    static func column(_ c: Int) -> ColumnRef { ColumnRef(column: c, constant: false) }
}

/// A comparison as the truth (0 false, 2 true) of each outcome of `compare(a, b)`.
struct TruthOutcome: Sendable {
    var less: UInt8, equal: UInt8, greater: UInt8

    init(_ op: BinaryOperator) {
        func t(_ b: Bool) -> UInt8 { b ? 2 : 0 }
        switch op {
        case .equal: (less, equal, greater) = (0, 2, 0)
        case .notEqual: (less, equal, greater) = (2, 0, 2)
        case .less: (less, equal, greater) = (2, 0, 0)
        case .lessOrEqual: (less, equal, greater) = (2, 2, 0)
        case .greater: (less, equal, greater) = (0, 0, 2)
        default: (less, equal, greater) = (0, 2, 2)  // >=
        }
    }

    @inline(__always)
    func of(_ comparison: Int) -> UInt8 { comparison < 0 ? less : (comparison == 0 ? equal : greater) }
}

enum ArithmeticOperator: Sendable { case add, subtract, multiply, divide }

/// One step of a compiled program: it computes a whole column (every row of a block) from other
/// columns, so the cost of choosing the step is paid once per block, not once per merchant.
/// Number and truth results follow `Semantics` exactly (three-valued, total, exact decimals).
enum ColumnOp: Sendable {
    case arithmetic(ArithmeticOperator, ColumnRef, ColumnRef, into: Int)
    case negate(ColumnRef, into: Int)
    case extremum(isMax: Bool, ColumnRef, ColumnRef, into: Int)
    /// How many of the listed fact columns are unknown.
    case unknownCount([(kind: ColumnLayout.Kind, column: Int)], into: Int)
    case compare(TruthOutcome, ColumnRef, ColumnRef, into: Int)
    /// `x / y` compared with `z`, without computing the quotient when the comparison is clear.
    case compareQuotient(TruthOutcome, x: ColumnRef, y: ColumnRef, z: ColumnRef, into: Int)
    case symbolsEqual(Bool, ColumnRef, ColumnRef, into: Int)
    case truthsEqual(Bool, ColumnRef, ColumnRef, into: Int)
    case numberIn([ExactDecimal], negated: Bool, ColumnRef, into: Int)
    case symbolIn([Int32], negated: Bool, ColumnRef, into: Int)
    case truthIn([UInt8], negated: Bool, ColumnRef, into: Int)
    case and(ColumnRef, ColumnRef, into: Int)
    case or(ColumnRef, ColumnRef, into: Int)
    case not(ColumnRef, into: Int)
    case known(ColumnLayout.Kind, ColumnRef, negated: Bool, into: Int)
    case fillTruth(UInt8, into: Int)
    case copy(ColumnLayout.Kind, ColumnRef, into: Int)
    /// Derived-fact `cases`: the first `when` that is true gives its `then`; an unknown `when`
    /// before it makes the value unknown; `otherwise` when all are false (else unknown).
    case select(ColumnLayout.Kind, whens: [ColumnRef], thens: [ColumnRef], otherwise: ColumnRef?, into: Int)
    case fire(rule: Int, ColumnRef)
}

/// Constants a program needs in every block, by pool; a constant `ColumnRef` indexes these.
struct ColumnConstants: Sendable {
    var numbers: [ExactDecimal] = []
    var truths: [UInt8] = []
    var symbols: [Int32] = []
}
