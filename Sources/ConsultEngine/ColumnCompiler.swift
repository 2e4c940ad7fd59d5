import ConsultExpression
import ConsultPlaybook

/// Compiles checked expressions into column operations. Temporaries are columns after the facts'
/// own; a temporary is used exactly once (the tree shape), so it is freed when consumed.
struct ColumnCompiler {
    var layout: ColumnLayout
    var symbols = SymbolTable()
    var constants = ColumnConstants()
    var ops: [ColumnOp] = []
    let schema: FactSchema
    private var free: [ColumnLayout.Kind: [Int]] = [:]
    private var numberConstants: [String: Int] = [:]
    private var symbolConstants: [Int32: Int] = [:]
    private var truthConstants: [UInt8: Int] = [:]
    private var factColumns: (number: Int, truth: Int, symbol: Int)

    init(layout: ColumnLayout, schema: FactSchema) {
        self.layout = layout
        self.schema = schema
        factColumns = (layout.numberColumns, layout.truthColumns, layout.symbolColumns)
    }

    // MARK: Columns

    mutating func temporary(_ kind: ColumnLayout.Kind) -> Int {
        if let c = free[kind]?.popLast() { return c }
        switch kind {
        case .number: layout.numberColumns += 1; return layout.numberColumns - 1
        case .truth: layout.truthColumns += 1; return layout.truthColumns - 1
        case .symbol: layout.symbolColumns += 1; return layout.symbolColumns - 1
        }
    }

    /// Frees `ref` if it is a temporary (not a fact column, not a constant).
    mutating func release(_ ref: ColumnRef, _ kind: ColumnLayout.Kind) {
        guard !ref.constant else { return }
        let firstTemporary: Int
        switch kind {
        case .number: firstTemporary = factColumns.number
        case .truth: firstTemporary = factColumns.truth
        case .symbol: firstTemporary = factColumns.symbol
        }
        if ref.column >= firstTemporary { free[kind, default: []].append(ref.column) }
    }

    /// A constant: an entry of the block's constant pool (read with stride 0), one per value.
    mutating func number(constant value: ExactDecimal) -> ColumnRef {
        let key = value.exponent == FactBlock.unknownExponent ? "unknown" : value.description
        if let c = numberConstants[key] { return ColumnRef(column: c, constant: true) }
        numberConstants[key] = constants.numbers.count
        constants.numbers.append(value)
        return ColumnRef(column: constants.numbers.count - 1, constant: true)
    }

    mutating func symbol(constant text: String) -> ColumnRef {
        symbol(code: symbols.intern(text))
    }

    mutating func symbol(code: Int32) -> ColumnRef {
        if let c = symbolConstants[code] { return ColumnRef(column: c, constant: true) }
        symbolConstants[code] = constants.symbols.count
        constants.symbols.append(code)
        return ColumnRef(column: constants.symbols.count - 1, constant: true)
    }

    mutating func truth(constant value: UInt8) -> ColumnRef {
        if let c = truthConstants[value] { return ColumnRef(column: c, constant: true) }
        truthConstants[value] = constants.truths.count
        constants.truths.append(value)
        return ColumnRef(column: constants.truths.count - 1, constant: true)
    }

    func factRef(_ name: String) -> (ColumnLayout.Kind, ColumnRef)? {
        guard let slot = layout.slot(name) else { return nil }
        return (layout.kinds[slot], .column(layout.columns[slot]))
    }

    // MARK: Types

    /// The static type of a checked node (as the bound evaluator sees it).
    func type(of node: Node) -> ExpressionType? {
        switch node {
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .list: return .list
        case .fact(let name, _): return schema.type(of: name)?.expressionType
        case .unary(.not, _, _): return .bool
        case .unary(.negate, _, _): return .number
        case .binary(let op, _, _, _):
            switch op {
            case .add, .subtract, .multiply, .divide: return .number
            default: return .bool
            }
        case .call(let name, _, _):
            return name == "known" || name == "unknown" ? .bool : .number
        }
    }

    static func kind(_ type: ExpressionType?) -> ColumnLayout.Kind? {
        switch type {
        case .number?: return .number
        case .bool?: return .truth
        case .string?: return .symbol
        default: return nil
        }
    }

    /// Compiles a node of any column kind; lists and untyped nodes have no column.
    mutating func value(_ node: Node) -> (ColumnLayout.Kind, ColumnRef)? {
        switch Self.kind(type(of: node)) {
        case .number?: return (.number, number(node))
        case .truth?: return (.truth, truth(node))
        case .symbol?: return (.symbol, symbol(node))
        case nil: return nil
        }
    }

    // MARK: Symbols

    mutating func symbol(_ node: Node) -> ColumnRef {
        switch node {
        case .string(let text, _): return symbol(constant: text)
        case .fact(let name, _):
            if let (kind, ref) = factRef(name), kind == .symbol { return ref }
            return unknownSymbol()
        default: return unknownSymbol()
        }
    }

    /// A number column that is unknown in every row (a constant with the unknown marker).
    mutating func unknownNumber() -> ColumnRef {
        number(constant: ExactDecimal(significand: 0, exponent: FactBlock.unknownExponent))
    }

    /// A symbol column that is unknown in every row (a constant -1).
    mutating func unknownSymbol() -> ColumnRef { symbol(code: -1) }
}
