import ConsultPlaybook
import Foundation
import GRDB

/// Consultations in one SQLite file. Every write is its own transaction, committed before the
/// method returns: when `recordAnswer` returns, the answer survives `kill -9` and a power cut.
/// Several processes may hold the same file (WAL, busy timeout); each sees the others' commits.
///
/// Thread-safe (`DatabaseQueue` serialises access); errors are `StoreError`s naming the
/// operation and the file, never a client's data.
public final class SessionStore: Sendable {
    public let path: String
    let queue: DatabaseQueue
    let clock: @Sendable () -> Date
    /// Whose writes these are (this process; tests name others): a consultation whose lease
    /// another live holder has is not written to.
    public let holder: LeaseHolder

    /// Opens the database, creating it (and its directory) when `create` is true. A damaged
    /// file, another program's database or one written by a newer consult is refused untouched.
    public static func open(path: String, create: Bool = true, holder: LeaseHolder = .current,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> SessionStore {
        SessionStore(path: path, queue: try StoreFile.open(path: path, create: create), holder: holder, clock: clock)
    }

    init(path: String, queue: DatabaseQueue, holder: LeaseHolder = .current, clock: @escaping @Sendable () -> Date) {
        self.path = path
        self.queue = queue
        self.holder = holder
        self.clock = clock
    }

    /// A write into a consultation the shell has open: refused when another window took it over.
    func writeInto<T>(_ session: SessionID, _ operation: Text, _ body: (Database) throws -> T) throws -> T {
        try write(operation) { db in
            try requireLease(db, session, holder, operation: operation)
            return try body(db)
        }
    }

    var now: String { Timestamp.text(clock()) }

    /// Runs `body` in one immediate transaction; any failure becomes a `StoreError`.
    func write<T>(_ operation: Text, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    func read<T>(_ operation: Text, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    /// The merchant's row, created on first sight. Merchants are one row per name.
    func merchantID(_ db: Database, name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM merchant WHERE name = ?", arguments: [name]) { return id }
        try db.execute(sql: "INSERT INTO merchant (name, created_at) VALUES (?, ?)", arguments: [name, now])
        return db.lastInsertedRowID
    }

    func requireSession(_ db: Database, _ session: SessionID, operation: Text) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM consultation WHERE id = ?", arguments: [session.rawValue]) == true else {
            throw StoreError(operation: operation, path: path, problem: .noSuchSession(session))
        }
    }

    // MARK: - Writes the shell makes as the consultation goes

    /// Starts a visit: the merchant (found or created by name), consultant, date and language.
    /// The new consultation's lease is this store's holder's from the start.
    public func startConsultation(merchant: MerchantInfo, language: Language) throws -> SessionID {
        try write(Text(zh: "开始一次咨询", en: "start a consultation")) { db in
            let merchantID = try merchantID(db, name: merchant.name)
            try db.execute(sql: """
                INSERT INTO consultation (merchant_id, consultant, visit_date, language, started_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [merchantID, merchant.consultant, merchant.date, language.rawValue, now])
            let session = SessionID(db.lastInsertedRowID)
            try db.execute(sql: "INSERT INTO lease (consultation_id, pid, host, taken_at) VALUES (?, ?, ?, ?)",
                           arguments: [session.rawValue, holder.pid, holder.host, now])
            return session
        }
    }

    /// The merchant was renamed or the consultant or date corrected.
    public func updateMerchant(_ session: SessionID, to merchant: MerchantInfo) throws {
        let operation = Text(zh: "更新咨询的商家信息", en: "update the merchant of a consultation")
        try writeInto(session, operation) { db in
            try requireSession(db, session, operation: operation)
            try db.execute(sql: "UPDATE consultation SET merchant_id = ?, consultant = ?, visit_date = ? WHERE id = ?",
                           arguments: [try merchantID(db, name: merchant.name), merchant.consultant, merchant.date, session.rawValue])
        }
    }

    /// An accepted answer: the text as typed, its parsed value (JSON, see `ValueJSON`; nil when
    /// unknown) and where it came from. Committed before returning.
    public func recordAnswer(_ session: SessionID, fact: String, raw: String, value: String?, provenance: Provenance) throws {
        try writeInto(session, Text(zh: "记录回答", en: "record an answer")) { db in
            try insertAnswer(db, session, fact: fact, raw: raw, value: value, provenance: provenance)
        }
    }

    func insertAnswer(_ db: Database, _ session: SessionID, fact: String, raw: String?, value: String?, provenance: Provenance) throws {
        try db.execute(sql: """
            INSERT INTO answer (consultation_id, fact, raw, value, provenance, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [session.rawValue, fact, raw, value, provenance.rawValue, now])
    }

    /// The answer is taken back; the log keeps what it was.
    public func forget(_ session: SessionID, fact: String) throws {
        try writeInto(session, Text(zh: "撤回回答", en: "take back an answer")) { db in
            try insertAnswer(db, session, fact: fact, raw: nil, value: nil, provenance: .said)
        }
    }

    public func note(_ session: SessionID, _ text: String) throws {
        try writeInto(session, Text(zh: "记录备注", en: "record a note")) { db in
            try db.execute(sql: "INSERT INTO note (consultation_id, text, created_at) VALUES (?, ?, ?)",
                           arguments: [session.rawValue, text, now])
        }
    }

    public func recordExport(_ session: SessionID, format: String, path file: String) throws {
        try writeInto(session, Text(zh: "记录导出", en: "record an export")) { db in
            try db.execute(sql: "INSERT INTO export (consultation_id, format, path, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [session.rawValue, format, file, now])
        }
    }

    /// Keeps a plan as it was produced; earlier plans of the session stay.
    public func savePlan(_ session: SessionID, _ plan: PlanRecord) throws {
        try writeInto(session, Text(zh: "保存方案", en: "save a plan")) { db in try insertPlan(db, session, plan) }
    }

    func insertPlan(_ db: Database, _ session: SessionID, _ plan: PlanRecord) throws {
        let versions = plan.playbookVersions.sorted { $0.key < $1.key }
            .map { "\(ValueJSON.quoted($0.key)):\($0.value)" }.joined(separator: ",")
        try db.execute(sql: """
            INSERT INTO plan (consultation_id, json, language, playbook_versions, consult_version, only_playbooks, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [session.rawValue, plan.json, plan.language.rawValue, "{" + versions + "}",
                             plan.consultVersion, plan.only?.joined(separator: ","), now])
    }

    /// The consultation is over: it is no longer offered for resuming.
    public func markFinished(_ session: SessionID) throws {
        try writeInto(session, Text(zh: "结束咨询", en: "finish a consultation")) { db in
            try db.execute(sql: "UPDATE consultation SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                           arguments: [now, session.rawValue])
            try Self.release(db, session, holder)
        }
    }

    /// Offered for resuming again (a finished consultation reopened with `.open`).
    public func markUnfinished(_ session: SessionID) throws {
        try write(Text(zh: "重新打开咨询", en: "reopen a consultation")) { db in
            try db.execute(sql: "UPDATE consultation SET finished_at = NULL WHERE id = ?", arguments: [session.rawValue])
        }
    }

    /// A whole scripted visit in one transaction (`consult import`): all of it is stored or none.
    public func importVisit(merchant: MerchantInfo, language: Language, answers: [AnswerInput], plan: PlanRecord) throws -> SessionID {
        try write(Text(zh: "导入咨询", en: "import a consultation")) { db in
            let merchantID = try merchantID(db, name: merchant.name)
            try db.execute(sql: """
                INSERT INTO consultation (merchant_id, consultant, visit_date, language, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [merchantID, merchant.consultant, merchant.date, language.rawValue, now, now])
            let session = SessionID(db.lastInsertedRowID)
            for answer in answers {
                try insertAnswer(db, session, fact: answer.fact, raw: answer.raw, value: answer.value, provenance: answer.provenance)
            }
            try insertPlan(db, session, plan)
            return session
        }
    }
}
