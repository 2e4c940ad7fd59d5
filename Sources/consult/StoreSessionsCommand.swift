import ArgumentParser
import ConsultPlaybook
import ConsultRender
import ConsultStore
import Foundation

/// `consult sessions`: the stored consultations, oldest first.
struct StoreSessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List stored consultations (visits), optionally of one merchant.")

    @Option(name: .long, help: "Only merchants whose name contains this text.")
    var merchant: String?

    @Option(name: .long, help: "Only consultations of a consultant whose name contains this text.")
    var consultant: String?

    @Option(name: .long, help: "table (the default) or json, for other programs.")
    var format: ListingFormat = .table

    @Option(name: .long, help: "Language of the headings: zh or en (default: from LC_ALL/LANG).")
    var lang: Language?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let language = lang ?? Environment.language
        let sessions: [SessionSummary]
        do {
            sessions = try SessionStore.open(path: try store.path(), create: false).sessions(merchant: merchant, consultant: consultant)
        } catch let error as StoreError {
            if error.problem == .missing {
                if format == .json { print("[]") }
                FileHandle.writeError(Text(zh: "还没有存过咨询（“\(error.path)”没有数据库）", en: "no consultations stored yet (no database at '\(error.path)')")[language])
                return
            }
            throw Failure(message: error.message(language))
        }
        if format == .json {
            print(JSONValue.array(sessions.map(Self.json)).serialized())
            return
        }
        if sessions.isEmpty {
            let path = try store.path()
            let filtered = merchant.map { Text(zh: "没有与“\($0)”相符的商家的咨询", en: "no consultations of a merchant matching '\($0)'") }
                ?? consultant.map { Text(zh: "没有顾问“\($0)”的咨询", en: "no consultations of a consultant matching '\($0)'") }
            FileHandle.writeError((filtered ?? Text(zh: "“\(path)”里还没有咨询", en: "no consultations stored in '\(path)'"))[language])
            return
        }
        let zh = language == .zh
        var rows = [zh ? ["编号", "日期", "商家", "顾问", "答案", "方案", "状态"]
                       : ["ID", "DATE", "MERCHANT", "CONSULTANT", "ANSWERS", "PLANS", "STATUS"]]
        for s in sessions {
            rows.append([s.id.description, s.day, StoreText.merchantName(s.merchant.name, language), s.merchant.consultant ?? "-",
                         String(s.answerCount), String(s.planCount),
                         s.isFinished ? (zh ? "已完成" : "finished") : (zh ? "未完成" : "open")])
        }
        print(StoreText.table(rows), terminator: "")
    }

    /// One consultation for other programs: ids and times as stored (UTC).
    static func json(_ s: SessionSummary) -> JSONValue {
        .object([
            "id": .int(Int(s.id.rawValue)), "date": .string(s.day), "merchant": .string(s.merchant.name),
            "consultant": s.merchant.consultant.map(JSONValue.string) ?? .null, "language": .string(s.language.rawValue),
            "answers": .int(s.answerCount), "plans": .int(s.planCount), "finished": .bool(s.isFinished),
            "started_at": .string(s.startedAt), "finished_at": s.finishedAt.map(JSONValue.string) ?? .null,
            "last_activity": .string(s.lastActivity),
        ])
    }
}

enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `consult show SESSION`: one consultation as stored: who, when, every answer with its source, notes, plans.
struct StoreShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a stored consultation: merchant, answers as typed with their source, notes, plans, exports.")

    @Argument(help: "The consultation's number (see `consult sessions`).")
    var session: SessionID

    @Flag(name: .long, help: "Also list corrected and taken-back answers, in the order they were given.")
    var log = false

    @OptionGroup var options: PlaybookOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let language = options.language
        let database = try store.open(create: false)
        let stored = try storeCall { try database.session(session) }
        let program = try? Files.program(options.playbooks).0
        print(StoreShowText(session: stored, program: program, language: language, log: log).text(), terminator: "")
    }
}

/// The text of `consult show`.
struct StoreShowText {
    let session: StoredSession
    let program: Program?
    let language: Language
    let log: Bool

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func text() -> String {
        let s = session.summary
        var out = t("咨询 ", "Consultation ") + "\(s.id) · \(StoreText.merchantName(s.merchant.name, language)) · \(s.day)"
        if let consultant = s.merchant.consultant { out += " · " + consultant }
        out += "\n" + t("开始 ", "started ") + StoreText.minute(s.startedAt)
        out += s.finishedAt.map { t(" · 完成 ", " · finished ") + StoreText.minute($0) } ?? t(" · 未完成", " · not finished")
        out += " · \(s.language.rawValue)\n"
        out += section(t("答案", "Answers") + " (\(s.answerCount))", answerRows())
        if !session.notes.isEmpty {
            out += "\n" + t("备注", "Notes") + "\n"
            for note in session.notes { out += "  \(StoreText.minute(note.createdAt))  \(note.text)\n" }
        }
        if !session.plans.isEmpty {
            out += section(t("方案", "Plans"), session.plans.map { p in
                [StoreText.minute(p.createdAt), p.language.rawValue,
                 "consult " + p.consultVersion + (p.only.map { " --only " + $0.joined(separator: ",") } ?? ""),
                 p.playbookVersions.sorted { $0.key < $1.key }.map { "\($0.key) v\($0.value)" }.joined(separator: ", ")]
            })
        }
        if !session.exports.isEmpty {
            out += section(t("导出", "Exports"), session.exports.map { [StoreText.minute($0.createdAt), $0.format, $0.path] })
        }
        return out
    }

    func section(_ title: String, _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        let body = StoreText.table(rows).split(separator: "\n", omittingEmptySubsequences: false)
        return "\n" + title + "\n" + body.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    func answerRows() -> [[String]] {
        if log {
            return session.log.map { e in
                [StoreText.minute(e.recordedAt), e.fact, e.raw ?? t("（撤回）", "(taken back)"), StoreText.provenance(e.provenance, language)]
            }
        }
        return session.answers.map { a in
            [StoreText.label(a.fact, program: program, language) + (program?.question(a.fact)?.label == nil ? "" : " (\(a.fact))"),
             a.raw.isEmpty ? "?" : a.raw, StoreText.provenance(a.provenance, language), StoreText.minute(a.recordedAt)]
        }
    }
}
