#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConsultEngine
import ConsultExpression
import ConsultPlaybook

/// Decodes flat JSON Lines (`{"fact": value, …}`, one merchant per line) straight into a
/// `FactBlock` row: no dictionaries, no strings for numbers or choice ids, keys matched by bytes
/// with a "same order as the last line" guess, and tables in raw memory so the loop does no
/// reference counting. Values are checked as `AnswerParser` checks them (range, whole numbers,
/// choices); anything that is not the plain form (a label such as 抖音, a string such as "80万",
/// a number for a yes/no fact) goes through `AnswerParser` itself, so this path accepts exactly
/// what every other path accepts, only faster.
final class FlatJSONDecoder {
    /// What the decoder needs of one key, as plain data.
    struct Key {
        var start: Int, length: Int
        /// -1: not a fact (merchant_id): skipped.
        var slot: Int
        var kind: ColumnLayout.Kind?
        var choicesStart: Int, choicesCount: Int
        var low: ExactDecimal?, high: ExactDecimal?
        var integer: Bool
    }

    struct Choice {
        var start: Int, length: Int
        var code: Int32
    }

    static let learnable = 64

    private let compiled: CompiledProgram
    private let keys: UnsafeMutablePointer<Key>
    private let keyBytes: UnsafeMutablePointer<UInt8>
    private let keyBytesCapacity: Int
    private let choices: UnsafeMutablePointer<Choice>
    private let choiceBytes: UnsafeMutablePointer<UInt8>
    /// [0] keys in use, [1] key bytes in use, [2] the key expected next.
    private let state: UnsafeMutablePointer<Int>
    private let questions: [Question]
    private let keyCapacity: Int

    init(compiled: CompiledProgram) {
        self.compiled = compiled
        questions = compiled.program.questions.filter { compiled.layout.slot($0.id) != nil }
        keyCapacity = questions.count + Self.learnable
        keys = .allocate(capacity: keyCapacity)
        keyBytesCapacity = questions.reduce(0) { $0 + $1.id.utf8.count } + Self.learnable * 64
        keyBytes = .allocate(capacity: keyBytesCapacity)
        let allChoices = questions.flatMap(\.fact.choices)
        choices = .allocate(capacity: max(1, allChoices.count))
        choiceBytes = .allocate(capacity: max(1, allChoices.reduce(0) { $0 + $1.id.utf8.count }))
        state = .allocate(capacity: 3)
        state.initialize(repeating: 0, count: 3)
        var bytesUsed = 0, choicesUsed = 0, choiceBytesUsed = 0
        for (i, question) in questions.enumerated() {
            let slot = compiled.layout.slot(question.id)!
            let id = Array(question.id.utf8)
            (keyBytes + bytesUsed).initialize(from: id, count: id.count)
            let first = choicesUsed
            for choice in question.fact.choices {
                guard let code = compiled.symbols.code(choice.id) else { continue }
                let bytes = Array(choice.id.utf8)
                (choiceBytes + choiceBytesUsed).initialize(from: bytes, count: bytes.count)
                (choices + choicesUsed).initialize(to: Choice(start: choiceBytesUsed, length: bytes.count, code: code))
                choiceBytesUsed += bytes.count
                choicesUsed += 1
            }
            (keys + i).initialize(to: Key(
                start: bytesUsed, length: id.count, slot: slot, kind: compiled.layout.kinds[slot],
                choicesStart: first, choicesCount: choicesUsed - first,
                low: question.fact.range.flatMap { ExactDecimal($0.lowerBound) },
                high: question.fact.range.flatMap { ExactDecimal($0.upperBound) }, integer: question.fact.integer))
            bytesUsed += id.count
        }
        state[0] = questions.count
        state[1] = bytesUsed
    }

    deinit {
        keys.deinitialize(count: state[0])
        keys.deallocate()
        keyBytes.deallocate()
        choices.deallocate()
        choiceBytes.deallocate()
        state.deallocate()
    }

    struct Failure: Error {
        var key: String?
        var value: String?
        var problem: String
        var accepted: String?
    }

    /// Keys of the input that are not facts, learnt on the way (up to `learnable` of them).
    var ignoredKeys: [String] {
        (questions.count..<state[0]).map { i in
            String(decoding: UnsafeBufferPointer(start: keyBytes + keys[i].start, count: keys[i].length), as: UTF8.self)
        }
    }

    /// Decodes one line into row `row` of `block`; on failure the row keeps what was read and the
    /// errors are returned (the caller drops or reports the row).
    func decode(_ line: UnsafeBufferPointer<UInt8>, into block: FactBlock, row: Int) -> [Failure] {
        guard let base = line.baseAddress, line.count > 0 else { return [Failure(problem: "empty line")] }
        var p = base
        let end = base + line.count
        var failures: [Failure] = []
        p = Self.skipSpace(p, end)
        guard p < end, p.pointee == UInt8(ascii: "{") else { return [Failure(problem: "is not a JSON object")] }
        p += 1
        while true {
            p = Self.skipSpace(p, end)
            guard p < end else { return failures + [Failure(problem: "unterminated object")] }
            if p.pointee == UInt8(ascii: "}") { break }
            if p.pointee == UInt8(ascii: ",") { p = Self.skipSpace(p + 1, end) }
            guard p < end, p.pointee == UInt8(ascii: "\"") else { return failures + [Failure(problem: "expected a key in quotes")] }
            let keyStart = p + 1
            guard let keyEnd = Self.find(UInt8(ascii: "\""), from: keyStart, to: end) else {
                return failures + [Failure(problem: "unterminated key")]
            }
            let index = lookup(keyStart, keyEnd - keyStart)
            p = Self.skipSpace(keyEnd + 1, end)
            guard p < end, p.pointee == UInt8(ascii: ":") else { return failures + [Failure(problem: "expected ':'")] }
            p = Self.skipSpace(p + 1, end)
            guard p < end else { return failures + [Failure(problem: "missing value")] }
            if let failure = value(&p, end, index, block, row) { failures.append(failure) }
        }
        return failures
    }

    @inline(__always)
    static func skipSpace(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        while q < end, q.pointee == 0x20 || q.pointee == 0x09 { q += 1 }
        return q
    }

    @inline(__always)
    static func find(_ byte: UInt8, from: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        memchr(from, Int32(byte), end - from).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The key's index: the one after the previous key's (the generator's order), else a scan;
    /// an unknown key is learnt as skipped (index -1 when there is no room to learn it).
    @inline(__always)
    private func lookup(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int {
        let expect = state[2], count = state[0]
        if expect < count, matches(expect, bytes, length) {
            state[2] = expect &+ 1
            return expect
        }
        for i in 0..<count where matches(i, bytes, length) {
            state[2] = i &+ 1
            return i
        }
        guard count < keyCapacity, state[1] + length <= keyBytesCapacity else { return -1 }
        (keyBytes + state[1]).update(from: bytes, count: length)
        (keys + count).initialize(to: Key(start: state[1], length: length, slot: -1, kind: nil, choicesStart: 0,
                                          choicesCount: 0, low: nil, high: nil, integer: false))
        state[1] += length
        state[0] = count + 1
        state[2] = count + 1
        return count
    }

    @inline(__always)
    private func matches(_ i: Int, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        keys[i].length == length && memcmp(keyBytes + keys[i].start, bytes, length) == 0
    }

    func key(_ index: Int) -> Key? { index >= 0 ? keys[index] : nil }

    func keyName(_ index: Int) -> String? {
        guard index >= 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: keyBytes + keys[index].start, count: keys[index].length), as: UTF8.self)
    }

    func question(_ index: Int) -> Question? { index >= 0 && index < questions.count ? questions[index] : nil }

    /// The interned code of a choice id given as bytes, if it is one of the key's choices.
    @inline(__always)
    func choiceCode(_ key: Key, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
        var c = key.choicesStart
        let stop = c + key.choicesCount
        while c < stop {
            let choice = choices[c]
            if choice.length == length && memcmp(choiceBytes + choice.start, bytes, length) == 0 { return choice.code }
            c += 1
        }
        return nil
    }
}
