import ConsultExpression
import ConsultPlaybook

/// The engine's fast path for portfolios: every derived fact and rule condition compiled once into
/// column operations over a `FactBlock` of merchants, so a portfolio is evaluated a block at a
/// time with no per-merchant dictionaries, boxing or allocation.
///
/// It decides exactly what `Engine.diagnose` decides — the same derived values and the same rules
/// fired for the same answers (the tests hold it to that on random answers) — but records no
/// evidence, priorities or unknowns: use `Engine` for a plan, this for counting and screening.
public struct CompiledProgram: Sendable {
    public let program: Program
    /// The rules evaluated, in program order; rule indexes refer to this list.
    public let rules: [Rule]
    public let layout: ColumnLayout
    public let symbols: SymbolTable
    let ops: [ColumnOp]
    let constants: ColumnConstants
    /// Whether each slot is an intake question (only those take answers).
    let asked: [Bool]

    /// `only` limits the rule playbooks evaluated, as `Engine(program:only:)` does.
    public init(program: Program, only: Set<String>? = nil) {
        self.program = program
        let rules = program.rules.filter { only == nil || only!.contains($0.playbook) }
        var compiler = ColumnCompiler(layout: ColumnLayout(program: program), schema: program.schema)
        // Every choice id is interned, so a choice answer is always a code >= 0.
        for question in program.questions { for choice in question.fact.choices { compiler.symbols.intern(choice.id) } }
        for derived in program.derived { for choice in derived.fact.choices { compiler.symbols.intern(choice.id) } }
        for derived in program.derived { compiler.derive(derived) }
        for (index, rule) in rules.enumerated() {
            let condition = compiler.truth(rule.when.root)
            compiler.ops.append(.fire(rule: index, condition))
            compiler.release(condition, .truth)
        }
        self.rules = rules
        self.layout = compiler.layout
        self.symbols = compiler.symbols
        self.ops = compiler.ops
        self.constants = compiler.constants
        let questions = Set(program.questions.map(\.id))
        self.asked = compiler.layout.facts.map { questions.contains($0) }
    }

    /// A block for up to `capacity` merchants (a few hundred keeps a block's columns in cache).
    public func makeBlock(capacity: Int = 256) -> FactBlock {
        FactBlock(layout: layout, symbols: symbols, rules: rules.count, capacity: capacity, constants: constants)
    }

    /// Computes every derived fact and rule for the block's rows: afterwards `block.fired`,
    /// `firedRules(row:)`, `fireCounts` and `value(_:row:)` of derived facts hold the results.
    public func evaluate(_ block: FactBlock) {
        precondition(block.layout.facts.count == layout.facts.count, "block of another program")
        (block.counters + 1).update(repeating: 0, count: block.ruleCount)
        block.uniform.update(repeating: FactBlock.unchecked, count: layout.numberColumns)
        block.firedWords.update(repeating: 0, count: block.ruleWords * block.count)
        ExactDecimal.powers.withUnsafeBufferPointer { p10 in
            ExactDecimal.doublePowers.withUnsafeBufferPointer { d10 in
                let machine = ColumnMachine(block: block, p10: p10.baseAddress!, d10: d10.baseAddress!)
                for op in ops { machine.run(op) }
            }
        }
    }

    /// Adds a row holding validated answers (facts it does not know are ignored); returns the row.
    @discardableResult
    public func append(_ answers: Answers, to block: FactBlock) -> Int {
        let row = block.appendRow()
        for (fact, value) in answers.values {
            if let slot = layout.slot(fact), asked[slot] { block.set(slot, row: row, value) }
        }
        return row
    }

    /// One merchant: the rules that fire and every known fact (answers and derived), as
    /// `Engine.diagnose` would give them. Convenient, not fast: use blocks for many merchants.
    public func diagnose(_ answers: Answers) -> (fired: [Rule], values: [String: Value]) {
        let block = makeBlock(capacity: 1)
        append(answers, to: block)
        evaluate(block)
        var values: [String: Value] = [:]
        for (slot, fact) in layout.facts.enumerated() {
            let v = block.value(slot, row: 0)
            if v.isKnown { values[fact] = v }
        }
        return (block.firedRules(row: 0).map { rules[$0] }, values)
    }
}

extension ColumnCompiler {
    /// Compiles a derived fact into its own column.
    mutating func derive(_ derived: DerivedFact) {
        guard let (kind, target) = factRef(derived.id) else { return }
        switch derived.definition {
        case .formula(let expression):
            guard let (valueKind, ref) = value(expression.root), valueKind == kind else { return }
            ops.append(.copy(kind, ref, into: target.column))
            release(ref, kind)
        case .cases(let cases, let otherwise):
            var whens: [ColumnRef] = [], thens: [ColumnRef] = []
            for c in cases {
                whens.append(truth(c.when.root))
                thens.append(outcome(c.then, kind))
            }
            let other = otherwise.map { outcome($0, kind) }
            ops.append(.select(kind, whens: whens, thens: thens, otherwise: other, into: target.column))
            for w in whens { release(w, .truth) }
            for t in thens + (other.map { [$0] } ?? []) { release(t, kind) }
        }
    }

    private mutating func outcome(_ outcome: DerivedFact.Outcome, _ kind: ColumnLayout.Kind) -> ColumnRef {
        switch outcome {
        case .choice(let id): return symbol(constant: id)
        case .expression(let e):
            switch kind {
            case .number: return number(e.root)
            case .truth: return truth(e.root)
            case .symbol: return symbol(e.root)
            }
        }
    }
}
