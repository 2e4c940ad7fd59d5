import ConsultPlaybook
import ConsultRender
import ConsultStore

/// A follow-up visit: a consultation of a merchant the database has seen before. Each question
/// shows the last visit's answer (Enter keeps it), and the plan opens with what moved since the
/// last plan: findings resolved, persisting and new, KPIs against the targets now due.
extension Shell {
    /// `.followup [MERCHANT]`: starts a follow-up before the merchant is named, else shows what
    /// moved since the last visit.
    func followUpCommand(_ command: CommandInput) {
        guard let merchant = consultation.merchant else {
            guard !command.rest.isEmpty else {
                return fail(t("用法：", "usage: ") + CommandName.followup.usage + t("（先给商家名）", " (name the merchant)"))
            }
            startFollowUp(command.rest)
            return
        }
        guard command.rest.isEmpty || command.rest == merchant.name else {
            return fail(t("这次咨询是“\(merchant.name)”的；回访另一个商家请先 .quit，再 consult --follow-up \(command.rest)",
                          "this consultation is for '\(merchant.name)'; for another merchant's follow-up, .quit and run consult --follow-up \(command.rest)"))
        }
        guard consultation.lastVisit != nil else {
            return fail(t("数据库里没有“\(merchant.name)”更早的拜访，这是第一次拜访", "the database has no earlier visit of '\(merchant.name)': this is the first"))
        }
        let plan = consultation.plan(consultation.diagnosis())
        guard let since = plan.sinceLastVisit else { return }
        let lines = TextRenderer(color: console.color, width: console.width).sinceLastVisit(since, language)
        console.raw(Wrap.document(lines.joined(separator: "\n") + "\n", width: console.width))
    }

    /// Names the merchant the database knows by this name (or the one merchant whose name
    /// contains it) and takes up its last visit. False, with the reason said, when none fits.
    @discardableResult
    func startFollowUp(_ name: String) -> Bool {
        guard let library else {
            fail(noDatabase)
            return false
        }
        let names: [String]
        do {
            names = Array(Set(try library.sessions(merchant: name).filter { $0.answerCount > 0 }.map(\.merchant.name))).sorted()
        } catch {
            fail(storeMessage(error))
            return false
        }
        guard let chosen = names.contains(name) ? name : (names.count == 1 ? names[0] : nil) else {
            fail(names.isEmpty
                ? t("数据库里没有“\(name)”的拜访记录（.sessions 列出所有咨询）；第一次拜访直接输入商家名",
                    "the database has no visit of '\(name)' (.sessions lists them); for a first visit type the merchant's name")
                : t("“\(name)”对上了好几个商家：\(names.joined(separator: "、"))；请写全名",
                    "'\(name)' matches several merchants: \(names.joined(separator: ", ")); give the full name"))
            return false
        }
        nameMerchant(chosen)
        return true
    }

    /// The merchant's visit before the consultation on screen, from the database; nil for a
    /// first visit (or without a database). A store failure is said and treated as none.
    func findLastVisit(of name: String) -> LastVisit? {
        guard let library, !name.isEmpty else { return nil }
        do {
            guard let summary = try library.previousVisit(of: name, before: library.session) else { return nil }
            let (visit, answers, _) = try StoredPlanMaker(program: program, consultVersion: options.consultVersion)
                .visit(try library.stored(summary.id))
            return LastVisit(visit: visit, answers: answers)
        } catch {
            console.error(t("错误：", "error: ") + t("读不到上次拜访：", "could not read the last visit: ") + storeMessage(error))
            return nil
        }
    }

    /// Says once that this is a follow-up and how the questions work now.
    func announceFollowUp(_ last: LastVisit) {
        let who = last.visit.session.merchant.consultant.map { t("，\($0)", ", \($0)") } ?? ""
        let count = last.answers.raw.count
        let name = last.visit.session.merchant.name
        let line = t("回访 \(name)：上次拜访是 \(last.day)（咨询 #\(last.id)\(who)，答了 \(count) 题）。每题显示上次的答案：回车沿用，有变化就输入新值；方案开头会写自上次以来的变化（.followup 随时查看）。",
                     "Follow-up visit to \(name): the last visit was \(last.day) (consultation #\(last.id)\(who), \(count) answers). Each question shows the last answer: Enter keeps it, or type what changed; the plan opens with what moved since (.followup shows it at any time).")
        console.lines(Wrap.lines(line, width: console.width).map { console.paint($0, .cyan) })
    }
}
