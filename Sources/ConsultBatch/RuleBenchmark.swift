import ConsultEngine
import ConsultPlaybook

/// The benchmark workload run through the engine's column path: decode flat JSON Lines profiles,
/// evaluate every rule, count the fires. Used by `consult bench-rules`, which times it against
/// the C reference and checks it fires exactly what the reference fires.
public final class RuleBenchmark {
    public let compiled: CompiledProgram
    public let blockSize: Int

    public init(program: Program, blockSize: Int = 256) {
        compiled = CompiledProgram(program: program)
        self.blockSize = blockSize
    }

    /// A profile the decoder refused: line number and what was wrong.
    public struct DecodeError: Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads and decodes a whole file into blocks (kept for repeated evaluation).
    public func decodeAll(_ path: String) throws -> (blocks: [FactBlock], errors: [DecodeError]) {
        var blocks: [FactBlock] = []
        var errors: [DecodeError] = []
        try stream(path, errors: &errors) { block in
            blocks.append(block)
            return true
        }
        return (blocks, errors)
    }

    /// Read + decode + evaluate + count, streaming through one block: the end-to-end measure.
    public func run(_ path: String) throws -> (counts: [Int], profiles: Int, errors: [DecodeError]) {
        var counts = Array(repeating: 0, count: compiled.rules.count)
        var errors: [DecodeError] = []
        var profiles = 0
        try stream(path, reuse: true, errors: &errors) { block in
            compiled.evaluate(block)
            for r in counts.indices { counts[r] += block.fireCounts[r] }
            profiles += block.count
            return true
        }
        return (counts, profiles, errors)
    }

    /// Decodes the file block by block; `body` gets each full (and the last) block. With `reuse`
    /// one block is refilled each time, otherwise each block is new (and may be kept).
    func stream(_ path: String, reuse: Bool = false, errors: inout [DecodeError], _ body: (FactBlock) throws -> Bool) throws {
        let file = try ChunkedFile(path: path)
        let decoder = FlatJSONDecoder(compiled: compiled)
        var block = compiled.makeBlock(capacity: blockSize)
        var line = 0
        while let bytes = try file.nextLine() {
            line += 1
            if bytes.isEmpty { continue }
            let row = block.appendRow()
            let failures = decoder.decode(bytes, into: block, row: row)
            if !failures.isEmpty {
                errors.append(contentsOf: failures.map { f in
                    DecodeError(line: line, message: [f.key.map { "\($0): " }, f.value.map { "'\($0)' " }, f.problem,
                                                      f.accepted.map { "; accepted: \($0)" }].compactMap { $0 }.joined())
                })
            }
            if block.isFull {
                if try !body(block) { return }
                if reuse { block.removeAll() } else { block = compiled.makeBlock(capacity: blockSize) }
            }
        }
        if block.count > 0 { _ = try body(block) }
    }

    /// Evaluates decoded blocks and adds their fires to `counts`: the diagnosis-only measure.
    public func evaluate(_ blocks: [FactBlock], counts: inout [Int]) {
        for block in blocks {
            compiled.evaluate(block)
            for r in counts.indices { counts[r] += block.fireCounts[r] }
        }
    }

    /// The fired rule ids of the file's first profile (the start-up measure: cbench first).
    public func firstProfile(_ path: String) throws -> [String] {
        let file = try ChunkedFile(path: path)
        let block = compiled.makeBlock(capacity: 1)
        while let bytes = try file.nextLine(), !bytes.isEmpty {
            let failures = FlatJSONDecoder(compiled: compiled).decode(bytes, into: block, row: block.appendRow())
            if let f = failures.first { throw BatchError.columns("\(path):1: \(f.key ?? ""): \(f.problem)") }
            compiled.evaluate(block)
            return block.firedRules(row: 0).map { compiled.rules[$0].id.uppercased() }
        }
        return []
    }

    /// The fired rule ids of each profile, as the C reference prints them (`R01 R17`): the rule
    /// id upper-cased, in rule order. Blocks must have been evaluated.
    public func firedLines(_ blocks: [FactBlock]) -> [String] {
        let names = compiled.rules.map { $0.id.uppercased() }
        var lines: [String] = []
        for block in blocks {
            for row in 0..<block.count {
                lines.append(block.firedRules(row: row).map { names[$0] }.joined(separator: " "))
            }
        }
        return lines
    }
}
