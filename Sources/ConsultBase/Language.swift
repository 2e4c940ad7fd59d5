/// The two languages every user-facing text exists in; Chinese first.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en

    /// The language a locale string (`LC_ALL`, `LANG`) asks for: Chinese locales give zh, the rest en.
    public static func from(locale: String?) -> Language {
        guard let locale, !locale.isEmpty else { return .en }
        return locale.lowercased().hasPrefix("zh") ? .zh : .en
    }

    /// A whole error message without its leading "error: " / "错误：", for a caller that words its own.
    public static func withoutErrorPrefix(_ text: String) -> String {
        for prefix in ["error: ", "错误："] where text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        return text
    }
}

/// A user-facing text in both languages; playbooks must give both.
public struct Text: Hashable, Sendable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public subscript(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    public static func same(_ s: String) -> Text { Text(zh: s, en: s) }

    /// "（是不是“x”？）" / " (did you mean 'x'?)" for a guess, nothing without one.
    public static func didYouMean(_ guess: String?) -> Text {
        guard let guess else { return .same("") }
        return Text(zh: "（是不是“\(guess)”？）", en: " (did you mean '\(guess)'?)")
    }
}
