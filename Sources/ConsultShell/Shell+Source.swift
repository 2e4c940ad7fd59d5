import ConsultPlaybook
import ConsultRender

/// `.note` and `.source`: what the consultant adds beside the answers. The source is sticky: a
/// consultant reading figures off the merchant's dashboard says `.source data` once, answers a
/// block of questions, then goes back with `.source said`; the prompt shows it meanwhile.
extension Shell {
    func note(_ command: CommandInput) {
        guard !command.rest.isEmpty else {
            return fail(t("用法：", "usage: ") + CommandName.note.usage)
        }
        consultation.note(command.rest)
        let kept = library == nil ? t("（只在内存中）", " (in memory only)") : ""
        console.say(t("已记下第 \(consultation.notes.count) 条笔记\(kept)。", "Note \(consultation.notes.count) taken\(kept)."))
    }

    func setSource(_ command: CommandInput) {
        guard let word = command.arguments.first else {
            console.say(t("现在的答案来源：", "Answers now come from: ") + describe(consultation.source))
            console.say(t("可改为：", "Change it with: ") + CommandName.source.usage, .dim)
            return
        }
        guard let source = Self.provenance(word) else {
            return fail(t("“\(word)” 不是答案来源。可填：口述 said（商家说的）、数据 data（平台后台）、估算 estimate（顾问估的）",
                          "'\(word)' is not a source. Accepted: said (the merchant said), data (platform data), estimate (your estimate)"))
        }
        consultation.source = source
        console.say(t("之后的答案记为：", "Answers from now on are recorded as: ") + describe(source))
    }

    func describe(_ source: Provenance) -> String {
        switch source {
        case .said: t("商家口述（默认）", "the merchant said (the default)")
        case .data: t("平台数据（后台、报表）", "platform data (dashboard, reports)")
        case .estimate: t("顾问估算（方案会标出只依据估算的发现）", "your estimate (the plan marks findings resting only on estimates)")
        }
    }

    /// The tag the prompt shows while answers are not the merchant's own word: `（估算）`.
    var sourceTag: String? {
        Labels.provenance(consultation.source, language).map { t("（\($0)）", " (\($0))") }
    }

    /// ` · 估算` after a value that is not the merchant's word.
    func tag(_ source: Provenance?) -> String {
        Labels.provenance(source, language).map { " · " + $0 } ?? ""
    }

    /// Each source's id and the Chinese word Tab offers for it.
    static let sourceWords: [(id: String, zh: String)] = [("said", "口述"), ("data", "数据"), ("estimate", "估算")]

    /// The id, or the Chinese words a consultant would type for it.
    static func provenance(_ word: String) -> Provenance? {
        let words: [Provenance: [String]] = [
            .said: ["said", "商家口述", "口述", "商家", "商家说"],
            .data: ["data", "平台数据", "后台数据", "数据", "后台", "平台"],
            .estimate: ["estimate", "估算", "估计", "顾问估算", "顾问估计"],
        ]
        let lower = word.lowercased()
        return Provenance.allCases.first { words[$0]?.contains(lower) == true }
    }
}
