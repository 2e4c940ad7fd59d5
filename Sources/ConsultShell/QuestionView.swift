import ConsultExpression
import ConsultPlaybook
import ConsultRender

/// How a question is shown before its prompt: the question, then one short line of what it
/// accepts (unit, range or the choices with their label and id), then the current value when
/// revisiting. The full accepted form is kept for error messages.
struct QuestionView {
    let question: Question
    let language: Language
    let width: Int

    /// `last`: the answers of the merchant's last visit (a follow-up), shown beside each question.
    func lines(current: Answers, last: Answers? = nil, paint: (String, Style) -> String) -> [String] {
        var out = Wrap.lines(question.prompt[language], width: width).map { paint($0, .bold) }
        let hint = (question.label.map { [$0[language]] } ?? []) + [question.id] + accepts
        out += Wrap.items(hint, width: width).map { paint($0, .dim) }
        if question.fact.kind == .choice {
            // The label in the interview's language; the id is what the English shorthand types.
            let items = question.fact.choices.map { language == .zh ? "\($0.label.zh) \($0.id)" : $0.inEnglish }
            out += Wrap.items(items, width: width)
        }
        if current.raw[question.id] != nil {
            let source = Labels.provenance(current.provenance[question.id], language).map { " · " + $0 } ?? ""
            let shown = question.fact.shown(current[question.id], language) + source
            let keep = language == .zh ? "（回车保留）" : " (Enter keeps it)"
            let now = language == .zh ? "当前：" : "Now: "
            out.append("  " + paint(now + shown + keep, .cyan))
        }
        if let last, last.raw[question.id] != nil {
            let shown = question.fact.shown(last[question.id], language)
            let keep = current.raw[question.id] != nil ? "" : (language == .zh ? "（回车沿用）" : " (Enter keeps it)")
            out.append("  " + paint((language == .zh ? "上次：" : "Last visit: ") + shown + keep, .cyan))
        }
        return out
    }

    /// Short phrases of what the question accepts: the form, then how to say "unknown".
    var accepts: [String] {
        let fact = question.fact
        let zh = language == .zh
        let unknown = zh ? "不清楚填 ?" : "? if unknown"
        let unit = fact.unit?[language]
        let range = fact.range.map { "\($0.lowerBound)–\($0.upperBound)" }
        let body: String
        switch fact.kind {
        case .bool: body = zh ? "是/否" : "yes/no"
        case .choice: body = zh ? "选一项：中文或 id（Tab 补全）" : "a choice: label or id (Tab completes)"
        case .text: body = zh ? "文字\(fact.maxLength.map { "，最多 \($0) 字" } ?? "")" : "text\(fact.maxLength.map { ", at most \($0) characters" } ?? "")"
        case .money: body = (zh ? "金额" : "amount") + (unit.map { zh ? "（\($0)）" : " (\($0))" } ?? "") + (zh ? "，可写 80万、1.2亿、5k" : ", e.g. 800000, 80万, 5k")
        case .percent: body = (range.map { $0 + " " } ?? "") + (zh ? "百分数，可写 18 或 18%" : "percent, e.g. 18 or 18%")
        case .number:
            let whole = fact.integer ? (zh ? "整数 " : "whole number ") : ""
            body = whole + (range ?? "") + (unit.map { " " + $0 } ?? "")
        }
        return [body, unknown]
    }
}
