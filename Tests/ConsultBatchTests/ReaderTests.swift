@testable import ConsultBatch
import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import Foundation
import Testing
import TestSupport

/// The streaming readers: RFC 4180 CSV, column headers, flat JSON Lines.
@Suite struct ReaderTests {
    func records(_ text: String, chunk: Int = 1 << 20) throws -> [CSVRecord] {
        let directory = Repo.temporaryDirectory("consult-csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        let reader = CSVReader(file: try ChunkedFile(path: url.path, chunk: chunk))
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    @Test(arguments: [1 << 20, 7])  // a tiny buffer forces lines across chunk boundaries
    func readsRFC4180(chunk: Int) throws {
        let text = "\u{FEFF}名称,备注,金额\r\n\"卡丹路, 旗舰店\",\"他说\"\"好\"\"\n第二行\",80万\r\n\n白沟,,1\n末行,\"\",2"
        let r = try records(text, chunk: chunk)
        #expect(r.map(\.fields) == [["名称", "备注", "金额"], ["卡丹路, 旗舰店", "他说\"好\"\n第二行", "80万"],
                                    ["白沟", "", "1"], ["末行", "", "2"]])
        #expect(r.map(\.line) == [1, 2, 5, 6], "rows are numbered as a spreadsheet shows them")
    }

    @Test func detectsTabsAndRejectsOtherEncodings() throws {
        #expect(try records("a\tb\n1\t2\n").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\tc\n").map(\.fields) == [["a", "b\tc"]])
        let directory = Repo.temporaryDirectory("consult-csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("gbk.csv")
        try Data([0x61, 0x0A, 0xC9, 0xCC, 0xBC, 0xD2, 0x0A]).write(to: url)  // "商家" in GBK
        // Detected as GB18030 (GBK): the Chinese reads as written.
        let reader = CSVReader(file: try ChunkedFile(path: url.path))
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["商家"])
        // Told it is UTF-8, the row is a bad row with its line, and reading goes on.
        let strict = CSVReader(file: try ChunkedFile(path: url.path, encoding: .utf8))
        _ = try strict.next()
        let bad = try #require(try strict.next())
        #expect(bad.line == 2 && bad.failure != nil)
        #expect(try strict.next() == nil)
    }

    @Test func mapsHeadersToFacts() throws {
        let program = try loadProgram("playbooks")
        let map = ColumnMap(program: program)
        #expect(map.target("店铺体验分") == .fact("store_rating", suffix: nil))
        #expect(map.target("  店铺体验分 ") == .fact("store_rating", suffix: nil))
        #expect(map.target("成交金额") == .fact("monthly_gmv", suffix: nil))
        #expect(map.target("成交金额（万元）") == .fact("monthly_gmv", suffix: "万"))
        #expect(map.target("客单价(元)") == .fact("aov", suffix: nil))
        #expect(map.target("人均观看时长") == .fact("avg_stay_seconds", suffix: nil))
        #expect(map.target("退款率(%)") == .fact("return_rate", suffix: nil))
        #expect(map.target("Store score") == .fact("store_rating", suffix: nil))
        #expect(map.target("STORE_RATING") == .fact("store_rating", suffix: nil))
        #expect(map.target("目标期限（月）") == .fact("target_months", suffix: nil))
        #expect(map.target("店铺名称") == .merchantName)
        #expect(map.target("UV价值") == nil, "derived facts are not read")
        let custom = try ColumnMap.custom(csv: "column,fact\nGMV(千元),monthly_gmv,千\n# note\n", program: program)
        #expect(ColumnMap(program: program, custom: custom).target("GMV(千元)") == .fact("monthly_gmv", suffix: "千"))
        #expect(throws: BatchError.self) { try ColumnMap.custom(csv: "x,monthly_gvm\n", program: program) }
    }

    /// Hostile JSON Lines rows: each is refused with a reason (the row is bad, the run goes on);
    /// none traps. Valid escapes decode to the characters they name.
    @Test(arguments: [
        (#"{"a":"\uD800\u0041"}"#, "lone UTF-16 surrogate"),
        (#"{"a":"\uD800"}"#, "lone UTF-16 surrogate"),
        (#"{"a":"\uDBFF\uDBFF"}"#, "lone UTF-16 surrogate"),
        (#"{"a":"\uDC00"}"#, "lone UTF-16 surrogate"),
        (#"{"a":"\uD83D\u"}"#, "invalid \\u escape"),
        (#"{"a":"\u12"}"#, "invalid \\u escape"),
        (#"{"a":"\x41"}"#, "invalid escape"),
        (#"{"a":"tab\#tin"}"#, "control character"),
        (#"{"a":"open"#, "unterminated string"),
        (#"{"a":1}x"#, "unexpected text after the value"),
        (#"{"a":tru}"#, "invalid literal"),
    ])
    func hostileJSONIsRefusedWithAReason(_ line: String, _ reason: String) {
        let bytes = Array(line.utf8)
        let error = bytes.withUnsafeBufferPointer { buffer -> String? in
            do { _ = try JSONParser.parse(buffer); return nil } catch { return "\(error)" }
        }
        #expect(error?.contains(reason) == true, "\(line): \(error ?? "accepted")")
    }

    @Test func surrogatePairsAndEscapesDecode() throws {
        let bytes = Array(#"{"name":"d\uD83D\uDE00\u5E97\n","n":1.50}"#.utf8)
        let value = try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
        guard case .object(let fields) = value else { Issue.record("not an object"); return }
        #expect(fields.first?.value.answerText == "d😀店\n")
        #expect(fields.last?.value.answerText == "1.50")
    }
}
