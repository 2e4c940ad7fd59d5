import ConsultPlaybook
import Foundation
import GRDB

/// Queries. Each runs in one read transaction, so it sees a consistent file even while another
/// process is writing.
extension SessionStore {
    static let summarySQL = """
        SELECT c.id, m.name, c.consultant, c.visit_date, c.language, c.started_at, c.finished_at,
            (SELECT COUNT(*) FROM answer a WHERE a.consultation_id = c.id AND a.raw IS NOT NULL
                AND a.id = (SELECT MAX(b.id) FROM answer b WHERE b.consultation_id = c.id AND b.fact = a.fact)) AS answers,
            (SELECT COUNT(*) FROM plan p WHERE p.consultation_id = c.id) AS plans,
            max(c.started_at,
                COALESCE((SELECT MAX(a.recorded_at) FROM answer a WHERE a.consultation_id = c.id), ''),
                COALESCE((SELECT MAX(n.created_at) FROM note n WHERE n.consultation_id = c.id), '')) AS last_activity
        FROM consultation c JOIN merchant m ON m.id = c.merchant_id
        """

    static func summary(_ row: Row) -> SessionSummary {
        SessionSummary(
            id: SessionID(row["id"]),
            merchant: MerchantInfo(name: row["name"], consultant: row["consultant"], date: row["visit_date"]),
            language: Language(rawValue: row["language"] ?? "") ?? .en,
            startedAt: row["started_at"], finishedAt: row["finished_at"], lastActivity: row["last_activity"],
            answerCount: row["answers"], planCount: row["plans"])
    }

    /// Every consultation, oldest first; `merchant` keeps those whose merchant's name contains it.
    public func sessions(merchant: String? = nil, consultant: String? = nil) throws -> [SessionSummary] {
        try read(Text(zh: "列出咨询", en: "list consultations")) { db in
            try Row.fetchAll(db, sql: Self.summarySQL + """
                 WHERE (:merchant IS NULL OR instr(m.name, :merchant) > 0)
                   AND (:consultant IS NULL OR instr(c.consultant, :consultant) > 0) ORDER BY c.id
                """, arguments: ["merchant": merchant, "consultant": consultant]).map(Self.summary)
        }
    }

    /// Consultations not marked finished, most recently active first: what the shell offers to resume.
    public func unfinishedSessions() throws -> [SessionSummary] {
        try read(Text(zh: "列出未结束的咨询", en: "list unfinished consultations")) { db in
            try Row.fetchAll(db, sql: Self.summarySQL + " WHERE c.finished_at IS NULL ORDER BY last_activity DESC, c.id DESC")
                .map(Self.summary)
        }
    }

    /// The visits of one merchant (exact name) in the order they happened.
    public func visits(merchant: String) throws -> [SessionSummary] {
        try read(Text(zh: "列出商家的历次到访", en: "list a merchant's visits")) { db in
            try Row.fetchAll(db, sql: Self.summarySQL + " WHERE m.name = ? ORDER BY COALESCE(c.visit_date, substr(c.started_at, 1, 10)), c.id",
                             arguments: [merchant]).map(Self.summary)
        }
    }

    /// Merchant names, sorted; `containing` filters them.
    public func merchantNames(containing part: String? = nil) throws -> [String] {
        try read(Text(zh: "列出商家", en: "list merchants")) { db in
            try String.fetchAll(db, sql: "SELECT name FROM merchant WHERE :part IS NULL OR instr(name, :part) > 0 ORDER BY name",
                                arguments: ["part": part])
        }
    }

    /// Everything about one consultation.
    public func session(_ id: SessionID) throws -> StoredSession {
        let operation = Text(zh: "读取咨询 \(id)", en: "read consultation \(id)")
        return try read(operation) { db in
            guard let row = try Row.fetchOne(db, sql: Self.summarySQL + " WHERE c.id = ?", arguments: [id.rawValue]) else {
                throw StoreError(operation: operation, path: path, problem: .noSuchSession(id))
            }
            let log = try Row.fetchAll(db, sql: """
                SELECT fact, raw, value, provenance, recorded_at FROM answer WHERE consultation_id = ? ORDER BY id
                """, arguments: [id.rawValue]).map { r in
                AnswerEvent(fact: r["fact"], raw: r["raw"], value: r["value"],
                            provenance: Provenance(rawValue: r["provenance"] ?? "") ?? .said, recordedAt: r["recorded_at"])
            }
            let notes = try Row.fetchAll(db, sql: "SELECT text, created_at FROM note WHERE consultation_id = ? ORDER BY id",
                                         arguments: [id.rawValue]).map { StoredNote(text: $0["text"], createdAt: $0["created_at"]) }
            let exports = try Row.fetchAll(db, sql: "SELECT format, path, created_at FROM export WHERE consultation_id = ? ORDER BY id",
                                           arguments: [id.rawValue])
                .map { StoredExport(format: $0["format"], path: $0["path"], createdAt: $0["created_at"]) }
            let plans = try Row.fetchAll(db, sql: """
                SELECT json, language, playbook_versions, consult_version, only_playbooks, created_at
                FROM plan WHERE consultation_id = ? ORDER BY id
                """, arguments: [id.rawValue]).map(Self.plan)
            return StoredSession(summary: Self.summary(row), log: log, notes: notes, exports: exports, plans: plans)
        }
    }

    static func plan(_ row: Row) -> PlanRecord {
        let only: String? = row["only_playbooks"]
        return PlanRecord(json: row["json"], language: Language(rawValue: row["language"] ?? "") ?? .en,
                          playbookVersions: PlaybookVersions.parse(row["playbook_versions"] ?? "{}"),
                          consultVersion: row["consult_version"],
                          only: only.map { $0.split(separator: ",").map(String.init) }, createdAt: row["created_at"])
    }
}

/// The `plan.playbook_versions` column: a flat JSON object of playbook id → integer version.
enum PlaybookVersions {
    static func parse(_ text: String) -> [String: Int] {
        guard let data = text.data(using: .utf8),
              let object = try? JSONDecoder().decode([String: Int].self, from: data) else { return [:] }
        return object
    }
}
