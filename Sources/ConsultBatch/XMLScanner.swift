/// The few XML events a spreadsheet reader needs, read incrementally from UTF-8 bytes: element
/// starts with their attributes, ends, and text with entities decoded. Enough for the parts of
/// an .xlsx (SpreadsheetML: workbook, styles, shared strings, sheets), which use no DTDs; a sheet
/// is fed chunk by chunk so memory stays flat whatever its size. Namespace prefixes are dropped
/// (`x:row` is `row`). Written by hand because Foundation's XMLParser needs the whole document
/// (or libxml2 linked into the static binary) and XMLCoder builds a tree of it.
struct XMLScanner {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private var bytes: [UInt8] = []
    private var cursor = 0

    /// Adds the next chunk of the document.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        if cursor > 0 {
            bytes.removeFirst(cursor)
            cursor = 0
        }
        bytes.append(contentsOf: chunk)
    }

    mutating func feed(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { feed($0) }
    }

    /// The next complete event; nil when more bytes are needed (or the document is over).
    mutating func next() throws -> Event? {
        while cursor < bytes.count {
            if bytes[cursor] != UInt8(ascii: "<") {
                guard let stop = index(of: UInt8(ascii: "<"), from: cursor) else { return nil }
                let text = try Self.decode(bytes[cursor..<stop])
                cursor = stop
                return .text(text)
            }
            guard cursor + 1 < bytes.count else { return nil }
            switch bytes[cursor + 1] {
            case UInt8(ascii: "?"):
                guard let stop = find([UInt8(ascii: "?"), UInt8(ascii: ">")], from: cursor + 2) else { return nil }
                cursor = stop + 2
            case UInt8(ascii: "!"):
                if starts(with: "<!--") {
                    guard let stop = find(Array("-->".utf8), from: cursor + 4) else { return nil }
                    cursor = stop + 3
                } else if starts(with: "<![CDATA[") {
                    guard let stop = find(Array("]]>".utf8), from: cursor + 9) else { return nil }
                    let text = String(decoding: bytes[(cursor + 9)..<stop], as: UTF8.self)
                    cursor = stop + 3
                    return .text(text)
                } else {
                    guard let stop = index(of: UInt8(ascii: ">"), from: cursor) else { return nil }
                    cursor = stop + 1
                }
            case UInt8(ascii: "/"):
                guard let stop = index(of: UInt8(ascii: ">"), from: cursor) else { return nil }
                let name = Self.localName(bytes[(cursor + 2)..<stop])
                cursor = stop + 1
                return .end(name: name)
            default:
                guard let stop = tagEnd(from: cursor + 1) else { return nil }
                let selfClosing = bytes[stop - 1] == UInt8(ascii: "/")
                let event = try Self.startTag(bytes[(cursor + 1)..<(selfClosing ? stop - 1 : stop)], selfClosing: selfClosing)
                cursor = stop + 1
                return event
            }
        }
        return nil
    }

    private func starts(with prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        return cursor + p.count <= bytes.count && bytes[cursor..<(cursor + p.count)].elementsEqual(p)
    }

    private func index(of byte: UInt8, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The `>` closing a start tag, skipping any inside quoted attribute values.
    private func tagEnd(from: Int) -> Int? {
        var quote: UInt8?
        var i = from
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return nil
    }

    private static func localName(_ raw: ArraySlice<UInt8>) -> String {
        let trimmed = raw.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        let name = trimmed.lastIndex(of: UInt8(ascii: ":")).map { Array(trimmed[($0 + 1)...]) } ?? trimmed
        return String(decoding: name, as: UTF8.self)
    }

    private static func startTag(_ raw: ArraySlice<UInt8>, selfClosing: Bool) throws -> Event {
        var i = raw.startIndex
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < raw.endIndex, !isSpace(raw[i]) { i += 1 }
        let name = localName(raw[raw.startIndex..<i])
        var attributes: [String: String] = [:]
        while i < raw.endIndex {
            while i < raw.endIndex, isSpace(raw[i]) { i += 1 }
            guard i < raw.endIndex else { break }
            let keyStart = i
            while i < raw.endIndex, raw[i] != UInt8(ascii: "="), !isSpace(raw[i]) { i += 1 }
            let key = localName(raw[keyStart..<i])
            while i < raw.endIndex, raw[i] != UInt8(ascii: "\"") && raw[i] != UInt8(ascii: "'") { i += 1 }
            guard i < raw.endIndex else { break }
            let quote = raw[i]
            i += 1
            let valueStart = i
            while i < raw.endIndex, raw[i] != quote { i += 1 }
            attributes[key] = try decode(raw[valueStart..<min(i, raw.endIndex)])
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// Text with the five entities and character references decoded.
    static func decode(_ raw: ArraySlice<UInt8>) throws -> String {
        guard raw.contains(UInt8(ascii: "&")) else {
            guard let s = String(validating: raw, as: UTF8.self) else { throw XMLError.notUTF8 }
            return s
        }
        guard let text = String(validating: raw, as: UTF8.self) else { throw XMLError.notUTF8 }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var code: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { code = UInt32(entity.dropFirst(2), radix: 16) } else if entity.hasPrefix("#") { code = UInt32(entity.dropFirst()) }
                if let code, let scalar = Unicode.Scalar(code) { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

enum XMLError: Error {
    case notUTF8
}
