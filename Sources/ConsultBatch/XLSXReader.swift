import ConsultBase
import ConsultEngine
import ConsultExpression
import Foundation
import ZIPFoundation

/// Rows of one worksheet of an .xlsx file, as the cells display: shared and inline strings,
/// numbers in plain decimals, percent-formatted cells as `1.6%`, dates as `2026-10-31`, times as
/// `00:00:48`, booleans as true/false. The zip container is ZIPFoundation's; the sheet's XML is
/// unpacked to an unlinked temporary file and scanned chunk by chunk, so memory stays flat in
/// the number of rows (only the shared strings, one copy of each distinct text, are held).
final class XLSXReader: TableRowReader {
    let path: String
    private let file: ChunkedFile
    private var scanner = XMLScanner()
    private let sharedStrings: [String]
    private let styles: [CellStyle]
    private var finished = false

    enum CellStyle { case general, percent, date, time }

    init(path: String, sheet: String?) throws {
        self.path = path
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw BatchError.unreadable(path, Text(zh: "不是 .xlsx 工作簿（\(error)）", en: "not an .xlsx workbook (\(error))"))
        }
        func entry(_ name: String) -> Entry? { archive[name] }
        func bytes(_ name: String) throws -> [UInt8]? {
            guard let e = entry(name) else { return nil }
            var out: [UInt8] = []
            _ = try archive.extract(e, skipCRC32: true) { out.append(contentsOf: $0) }
            return out
        }
        guard let workbook = try bytes("xl/workbook.xml") else { throw BatchError.unreadable(path, Text(zh: "不是 .xlsx 工作簿（缺少 xl/workbook.xml）", en: "not an .xlsx workbook (no xl/workbook.xml)")) }
        let sheets = try Self.sheets(workbook)
        guard !sheets.isEmpty else { throw BatchError.unreadable(path, Text(zh: "工作簿里没有工作表", en: "the workbook has no worksheet")) }
        let chosen: (name: String, id: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.name == sheet }) else {
                let names = sheets.map(\.name).joined(separator: ", ")
                throw BatchError.unreadable(path, Text(zh: "没有名为“\(sheet)”的工作表；工作簿里有：\(names)", en: "no worksheet '\(sheet)'; the workbook has: \(names)"))
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        let relations = try bytes("xl/_rels/workbook.xml.rels").map(Self.relations) ?? [:]
        var target = relations[chosen.id] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetEntry = entry(target) else { throw BatchError.unreadable(path, Text(zh: "工作表“\(chosen.name)”缺失（\(target)）", en: "worksheet '\(chosen.name)' is missing (\(target))")) }
        sharedStrings = try bytes("xl/sharedStrings.xml").map(Self.sharedStrings) ?? []
        styles = try bytes("xl/styles.xml").map(Self.styles) ?? []

        // The sheet's XML goes to a temporary file that is unlinked as soon as it is open.
        let temporary = NSTemporaryDirectory() + "/consult-sheet-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).xml"
        guard let handle = FileHandle(forWritingAtPath: temporary) ?? {
            FileManager.default.createFile(atPath: temporary, contents: nil) ? FileHandle(forWritingAtPath: temporary) : nil
        }() else { throw BatchError.unreadable(path, Text(zh: "无法在 \(NSTemporaryDirectory()) 写临时文件", en: "cannot write a temporary file in \(NSTemporaryDirectory())")) }
        defer { unlink(temporary) }
        do {
            _ = try archive.extract(sheetEntry, skipCRC32: true) { handle.write($0) }
            try handle.close()
        } catch {
            throw BatchError.unreadable(path, Text(zh: "工作表“\(chosen.name)”无法解压（\(error)）", en: "worksheet '\(chosen.name)' cannot be unpacked (\(error))"))
        }
        file = try ChunkedFile(path: temporary, encoding: .utf8)
    }

    var bytesConsumed: Int { file.consumed }

    /// The next row that has a value, with its row number; nil at the end.
    func next() throws -> CSVRecord? {
        var row: [Int: String] = [:]
        var rowNumber = 0
        var inRow = false
        var column = 0
        var cell: (type: String, style: Int, text: String, inValue: Bool)?
        while true {
            guard let event = try scanner.next() else {
                if finished { return nil }
                guard let chunk = try file.nextChunk() else {
                    finished = true
                    continue
                }
                scanner.feed(chunk)
                continue
            }
            switch event {
            case .start("row", let attributes, let selfClosing):
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                row = [:]
                column = 0
                inRow = !selfClosing
            case .start("c", let attributes, let selfClosing) where inRow:
                column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
                cell = (attributes["t"] ?? "n", attributes["s"].flatMap { Int($0) } ?? 0, "", false)
                if selfClosing { cell = nil }
            case .start("v", _, false), .start("t", _, false):
                cell?.inValue = true
            case .start("rPh", _, false):
                cell?.inValue = false
            case .text(let text):
                if cell?.inValue == true { cell!.text += text }
            case .end("v"), .end("t"):
                cell?.inValue = false
            case .end("c"):
                if let c = cell { row[column] = display(c.type, c.style, c.text) }
                cell = nil
            case .end("row"):
                inRow = false
                guard let last = row.keys.max(), row.values.contains(where: { !$0.isEmpty }) else { continue }
                let fields = (1...last).map { row[$0] ?? "" }
                return CSVRecord(line: rowNumber, fields: fields)
            default:
                break
            }
        }
    }

    /// A cell as Excel shows it, in the forms consult reads.
    private func display(_ type: String, _ style: Int, _ text: String) -> String {
        switch type {
        case "s": return Int(text).flatMap { $0 < sharedStrings.count ? sharedStrings[$0] : nil } ?? ""
        case "inlineStr", "str": return text
        case "b": return text == "1" ? "true" : "false"
        case "e": return ""
        case "d": return String(text.prefix(10))
        default:
            guard let number = Number(json: text.trimmingCharacters()) else { return text }
            switch style < styles.count ? styles[style] : .general {
            case .general: return Self.plain(number)
            case .percent: return Self.plain((number * 100).rounded(places: 6)) + "%"
            case .date: return CivilDate(spreadsheetSerial: Int(number.doubleValue.rounded(.down))).description
            case .time: return DayFraction.clock(number)
            }
        }
    }

    /// A decimal without a trailing `.0` and rounded where binary floats left noise (0.1+0.2).
    static func plain(_ number: Number) -> String {
        number.rounded(places: 9).description
    }

    /// `BC12` → 55 (1-based), from a cell reference.
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0
        for c in reference.unicodeScalars {
            guard c.value >= 65, c.value <= 90 || (c.value >= 97 && c.value <= 122) else { break }
            n = n * 26 + Int((c.value & 0xDF) - 64)
        }
        return n > 0 ? n : nil
    }

    private static func events(_ bytes: [UInt8]) throws -> [XMLScanner.Event] {
        var scanner = XMLScanner()
        scanner.feed(bytes)
        var events: [XMLScanner.Event] = []
        while let e = try scanner.next() { events.append(e) }
        return events
    }

    static func sheets(_ xml: [UInt8]) throws -> [(name: String, id: String)] {
        try events(xml).compactMap { e in
            if case .start("sheet", let a, _) = e, let name = a["name"] { return (name, a["id"] ?? "") }
            return nil
        }
    }

    static func relations(_ xml: [UInt8]) throws -> [String: String] {
        var map: [String: String] = [:]
        for e in try events(xml) {
            if case .start("Relationship", let a, _) = e, let id = a["Id"], let target = a["Target"] { map[id] = target }
        }
        return map
    }

    /// Every `<si>`: its text runs joined, phonetic runs (`<rPh>`) left out.
    static func sharedStrings(_ xml: [UInt8]) throws -> [String] {
        var strings: [String] = []
        var current: String?
        var inText = false, inPhonetic = false
        for e in try events(xml) {
            switch e {
            case .start("si", _, let selfClosing): current = ""; if selfClosing { strings.append(""); current = nil }
            case .start("rPh", _, false): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, false): inText = !inPhonetic
            case .end("t"): inText = false
            case .text(let t): if inText, current != nil { current! += t }
            case .end("si"): strings.append(current ?? ""); current = nil
            default: break
            }
        }
        return strings
    }

    /// The display kind of each cell style (`cellXfs`), from its number format.
    static func styles(_ xml: [UInt8]) throws -> [CellStyle] {
        var formats: [Int: String] = [:]
        var styles: [CellStyle] = []
        var inCellXfs = false
        for e in try events(xml) {
            switch e {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { formats[id] = code }
            case .start("cellXfs", _, false): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                styles.append(kind(a["numFmtId"].flatMap { Int($0) } ?? 0, formats))
            default: break
            }
        }
        return styles
    }

    /// Built-in formats 9–10 are percents, 14–17 and 22 dates, 18–21 and 45–47 times; a custom
    /// code is a percent with `%`, a date with y or d, a time with h or s (quoted text ignored).
    static func kind(_ id: Int, _ formats: [Int: String]) -> CellStyle {
        switch id {
        case 9, 10: return .percent
        case 14...17, 22: return .date
        case 18...21, 45...47: return .time
        default:
            guard let code = formats[id] else { return .general }
            var unquoted = ""
            var inQuote = false
            for c in code.lowercased() {
                if c == "\"" { inQuote.toggle() } else if !inQuote { unquoted.append(c) }
            }
            unquoted = unquoted.replacing(/\[[^\]]*\]/, with: { m in m.output.contains("h") || m.output.contains("m") || m.output.contains("s") ? "h" : "" })
            if unquoted.contains("%") { return .percent }
            if unquoted.contains("y") || unquoted.contains("d") { return .date }
            if unquoted.contains("h") || unquoted.contains("s") { return .time }
            return .general
        }
    }
}

/// A fraction of a day (or more, for durations) as HH:MM:SS, to the second: how a time cell reads.
enum DayFraction {
    static func clock(_ value: Number) -> String {
        let seconds = Int((value.doubleValue * 86_400).rounded())
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
