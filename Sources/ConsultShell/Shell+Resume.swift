import ConsultStore

/// Taking up a stored consultation at start: the one `--resume` names, or the offer at a terminal.
extension Shell {
    /// At start: the consultation `--resume` names, else (at a terminal) the offer to take up the
    /// most recently active unfinished one. On a pipe nothing is asked: a transcript's first line
    /// is the merchant's name, and a question would swallow it.
    func takeUp() {
        if let prefill = options.prefill {
            // A consultation started from a file is a new one: no offer to resume another.
            fill(prefill)
        } else if let request = options.resume {
            resume(request)
        } else if let name = options.followUp {
            // `--follow-up NAME`: a new consultation of a merchant the database knows.
            guard ensureLoaded() else { return }
            if !startFollowUp(name) { refuseStart(nil) }
        } else if reader.isInteractive {
            offerResume()
        }
    }

    private func resume(_ request: ResumeRequest) {
        guard let library else {
            return refuseStart(t("--resume 需要咨询数据库，但没有打开数据库", "--resume needs the consultation database, and none is open"))
        }
        let id: SessionID
        switch request {
        case .session(let wanted):
            id = wanted
        case .last:
            do {
                guard let latest = try library.unfinished().first else {
                    return refuseStart(t("没有未结束的咨询可以继续（\((library.location ?? ""))）", "there is no unfinished consultation to resume in '\((library.location ?? ""))'"))
                }
                id = latest.id
            } catch {
                return refuseStart(storeMessage(error))
            }
        }
        if !open(id) { refuseStart(nil) }
    }

    /// The session cannot start as asked: a script must not go on answering into another consultation.
    private func refuseStart(_ message: String?) {
        if let message { console.error(t("错误：", "error: ") + message) }
        finished = true
        exitStatus = 1
    }

    private func offerResume() {
        guard let library else { return }
        let waiting: [SessionSummary]
        do {
            waiting = try library.unfinished()
        } catch {
            return console.error(t("错误：", "error: ") + storeMessage(error))
        }
        guard let latest = waiting.first else { return }
        console.line()
        console.say(t("有一次没有结束的咨询：", "A consultation was not ended:"), .bold)
        console.line("  " + offerLine(latest))
        if waiting.count > 1 {
            console.say(t("（还有 \(waiting.count - 1) 次没有结束：.sessions 列出，.open 编号 打开）",
                          "(\(waiting.count - 1) more not ended: .sessions lists them, .open ID opens one)"), .dim)
        }
        // Ctrl-C is not an answer: the question is asked again (it used to count as "n").
        while true {
            switch reader.read(prompt: t("继续这次咨询吗？[Y/n] ", "Continue it? [Y/n] "), prefill: nil, remember: false) {
            case .line(let reply) where reply.trimmed.isEmpty || Self.isYes(reply):
                open(latest.id)
            case .cancelled:
                continue
            default:
                console.say(t("开始一次新的咨询。", "Starting a new consultation."), .dim)
            }
            return
        }
    }

    /// `#12 卡丹路 · 2026-11-20 · 已答 14 题 · 11-20 16:05`
    private func offerLine(_ summary: SessionSummary) -> String {
        let name = summary.merchant.name.isEmpty ? t("（未命名）", "(unnamed)") : summary.merchant.name
        return ["#\(summary.id) \(name)", summary.day, t("已答 \(summary.answerCount) 题", "\(summary.answerCount) answers"),
                t("最后 ", "last ") + Timestamp.local(summary.lastActivity)].joined(separator: " · ")
    }
}
