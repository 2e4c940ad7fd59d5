import ConsultExpression

/// The two languages every user-facing text exists in; Chinese first.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en

    /// The language a locale string (`LC_ALL`, `LANG`) asks for: Chinese locales give zh, the rest en.
    public static func from(locale: String?) -> Language {
        guard let locale, !locale.isEmpty else { return .en }
        return locale.lowercased().hasPrefix("zh") ? .zh : .en
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
}
