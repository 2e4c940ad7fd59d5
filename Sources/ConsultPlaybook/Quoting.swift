/// One way to write a string as a JSON string literal, shared by the JSON plan, the stored values
/// and the answers files (a JSON string is also a valid YAML double-quoted scalar).
public enum Quoting {
    public static func json(_ s: String) -> String {
        var out = ""
        json(s, into: &out)
        return out
    }

    public static func json(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
