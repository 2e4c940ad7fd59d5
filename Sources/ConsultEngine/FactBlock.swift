import ConsultExpression
import ConsultPlaybook

/// Facts of up to `capacity` merchants in columns, plus the evaluator's working columns.
/// Storage is allocated once, as raw memory (no reference counting or exclusivity checks on the
/// hot path); reuse a block for the next rows with `removeAll()`. Not thread-safe: one block per worker.
public final class FactBlock {
    public let capacity: Int
    let layout: ColumnLayout
    let symbols: SymbolTable
    let ruleWords: Int
    @usableFromInline let significands: UnsafeMutablePointer<Int64>
    @usableFromInline let exponents: UnsafeMutablePointer<Int>
    @usableFromInline let truths: UnsafeMutablePointer<UInt8>
    @usableFromInline let codes: UnsafeMutablePointer<Int32>
    /// Column of each fact slot within its pool.
    @usableFromInline let slotColumns: UnsafeMutablePointer<Int>
    /// Fact columns per pool, to reset a row: numbers, then truths, then symbols.
    @usableFromInline let factColumns: (number: Int, truth: Int, symbol: Int)
    /// Per number column, what `ColumnMachine.uniformExponent` found: `unchecked`, `mixed`, or the
    /// exponent every known row of the column has.
    @usableFromInline let uniform: UnsafeMutablePointer<Int>
    static let unchecked = Int.min, mixed = Int.max
    /// [0]: rows in use; then the fires of each rule in this block.
    @usableFromInline let counters: UnsafeMutablePointer<Int>
    /// Fired rules, `ruleWords` 64-bit words per row: bit r of row i is rule r.
    let firedWords: UnsafeMutablePointer<UInt64>
    /// The program's constants (operands read with stride 0).
    let constantSignificands: UnsafeMutablePointer<Int64>
    let constantExponents: UnsafeMutablePointer<Int>
    let constantTruths: UnsafeMutablePointer<UInt8>
    let constantCodes: UnsafeMutablePointer<Int32>
    /// Text values that are not interned, for codes <= -2.
    var texts: [String] = []

    /// Marks an unknown number in the exponent column.
    public static let unknownExponent = Int.min

    /// Rules of the program this block is for.
    public let ruleCount: Int

    init(layout: ColumnLayout, symbols: SymbolTable, rules: Int, capacity: Int, constants: ColumnConstants) {
        self.capacity = capacity
        self.ruleCount = rules
        self.layout = layout
        self.symbols = symbols
        self.ruleWords = Swift.max(1, (rules + 63) / 64)
        let numbers = Swift.max(1, layout.numberColumns * capacity)
        let truthCount = Swift.max(1, layout.truthColumns * capacity)
        let symbolCount = Swift.max(1, layout.symbolColumns * capacity)
        significands = .allocate(capacity: numbers)
        exponents = .allocate(capacity: numbers)
        truths = .allocate(capacity: truthCount)
        codes = .allocate(capacity: symbolCount)
        firedWords = .allocate(capacity: ruleWords * capacity)
        significands.initialize(repeating: 0, count: numbers)
        exponents.initialize(repeating: Self.unknownExponent, count: numbers)
        truths.initialize(repeating: 1, count: truthCount)
        codes.initialize(repeating: -1, count: symbolCount)
        firedWords.initialize(repeating: 0, count: ruleWords * capacity)
        uniform = .allocate(capacity: Swift.max(1, layout.numberColumns))
        uniform.initialize(repeating: Self.unchecked, count: Swift.max(1, layout.numberColumns))
        slotColumns = .allocate(capacity: Swift.max(1, layout.facts.count))
        slotColumns.initialize(from: layout.columns, count: layout.columns.count)
        factColumns = (layout.kinds.filter { $0 == .number }.count, layout.kinds.filter { $0 == .truth }.count,
                       layout.kinds.filter { $0 == .symbol }.count)
        counters = .allocate(capacity: rules + 1)
        counters.initialize(repeating: 0, count: rules + 1)
        constantSignificands = .allocate(capacity: Swift.max(1, constants.numbers.count))
        constantSignificands.initialize(from: constants.numbers.map(\.significand), count: constants.numbers.count)
        constantExponents = .allocate(capacity: Swift.max(1, constants.numbers.count))
        constantExponents.initialize(from: constants.numbers.map(\.exponent), count: constants.numbers.count)
        constantTruths = .allocate(capacity: Swift.max(1, constants.truths.count))
        constantTruths.initialize(from: constants.truths, count: constants.truths.count)
        constantCodes = .allocate(capacity: Swift.max(1, constants.symbols.count))
        constantCodes.initialize(from: constants.symbols, count: constants.symbols.count)
    }

    deinit {
        significands.deallocate()
        exponents.deallocate()
        truths.deallocate()
        codes.deallocate()
        firedWords.deallocate()
        slotColumns.deallocate()
        counters.deallocate()
        uniform.deallocate()
        constantSignificands.deallocate()
        constantExponents.deallocate()
        constantTruths.deallocate()
        constantCodes.deallocate()
    }

    /// Rows in use.
    @inlinable public var count: Int { counters[0] }

    public var isFull: Bool { count == capacity }

    /// Fires per rule in this block, after `CompiledProgram.evaluate`.
    public var fireCounts: [Int] { Array(UnsafeBufferPointer(start: counters + 1, count: ruleCount)) }

    /// Empties the block (storage is kept).
    public func removeAll() {
        counters[0] = 0
        texts.removeAll(keepingCapacity: true)
    }

    /// Adds a row with every fact unknown and returns its index.
    @inlinable
    public func appendRow() -> Int {
        let row = counters[0]
        precondition(row < capacity, "FactBlock is full")
        counters[0] = row &+ 1
        var i = row
        for _ in 0..<factColumns.number {
            exponents[i] = Self.unknownExponent
            i &+= capacity
        }
        i = row
        for _ in 0..<factColumns.truth {
            truths[i] = 1
            i &+= capacity
        }
        i = row
        for _ in 0..<factColumns.symbol {
            codes[i] = -1
            i &+= capacity
        }
        return row
    }

    // MARK: Writing facts (the slot must be of the kind written)

    @inlinable
    public func setNumber(_ slot: Int, row: Int, _ value: ExactDecimal) {
        let i = slotColumns[slot] &* capacity &+ row
        significands[i] = value.significand
        exponents[i] = value.exponent
    }

    @inlinable
    public func setBool(_ slot: Int, row: Int, _ value: Bool) {
        truths[slotColumns[slot] &* capacity &+ row] = value ? 2 : 0
    }

    /// An interned code (from `CompiledProgram.symbols`).
    @inlinable
    public func setSymbol(_ slot: Int, row: Int, code: Int32) {
        codes[slotColumns[slot] &* capacity &+ row] = code
    }

    public func setText(_ slot: Int, row: Int, _ text: String) {
        if let code = symbols.code(text) {
            setSymbol(slot, row: row, code: code)
        } else {
            texts.append(text)
            setSymbol(slot, row: row, code: -1 - Int32(texts.count))
        }
    }

    /// Any value; one of the wrong kind for the fact reads as unknown (as in the engine).
    public func set(_ slot: Int, row: Int, _ value: Value) {
        switch (layout.kinds[slot], value) {
        case (.number, .number(let n)):
            if let d = ExactDecimal(n) { setNumber(slot, row: row, d) }
        case (.truth, .bool(let b)): setBool(slot, row: row, b)
        case (.symbol, .string(let s)): setText(slot, row: row, s)
        default: break
        }
    }

    // MARK: Reading

    /// The value of a fact (asked or derived) in a row.
    public func value(_ slot: Int, row: Int) -> Value {
        let i = layout.columns[slot] * capacity + row
        switch layout.kinds[slot] {
        case .number:
            if exponents[i] == Self.unknownExponent { return .unknown }
            return .number(ExactDecimal(significand: significands[i], exponent: exponents[i]).number)
        case .truth:
            let t = truths[i]
            return t == 1 ? .unknown : .bool(t == 2)
        case .symbol:
            let c = codes[i]
            if c == -1 { return .unknown }
            return .string(c >= 0 ? symbols.strings[Int(c)] : texts[Int(-2 - c)])
        }
    }

    /// Indexes (in program order) of the rules that fired for a row, after evaluation.
    public func firedRules(row: Int) -> [Int] {
        var result: [Int] = []
        for w in 0..<ruleWords {
            var bits = firedWords[row * ruleWords + w]
            while bits != 0 {
                result.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// Whether rule `rule` fired for a row.
    @inline(__always)
    public func fired(_ rule: Int, row: Int) -> Bool {
        firedWords[row * ruleWords + rule >> 6] & (1 << UInt64(rule & 63)) != 0
    }
}
