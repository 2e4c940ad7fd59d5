import ConsultPlaybook
import Foundation
import GRDB

/// Who is writing a consultation: one shell at a time (issue 13 §4). Two windows on one
/// database used to write into the same live consultation, each overwriting the other's answers,
/// and the second window's `.quit` ended the consultation the first was still answering.
public struct LeaseHolder: Hashable, Sendable {
    public var pid: Int32
    public var host: String

    public init(pid: Int32, host: String) {
        self.pid = pid
        self.host = host
    }

    /// This process.
    public static let current = LeaseHolder(pid: getpid(), host: hostName())

    static func hostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Still running: on this host the process is asked; a holder on another host counts as alive.
    var isAlive: Bool {
        guard pid > 0 else { return false }  // released
        guard host == Self.current.host else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// A consultation's lease as stored: its holder and since when.
public struct Lease: Equatable, Sendable {
    public var holder: LeaseHolder
    /// When it was taken (a stored UTC time; `Timestamp.local` shows it).
    public var since: String
}

extension SessionStore {
    /// Takes the lease of `session` for this store's holder: free, already ours, left by a process that is
    /// gone, or `force` (an explicit take-over). Otherwise returns who holds it and takes nothing.
    @discardableResult
    public func take(_ session: SessionID, force: Bool = false) throws -> Lease? {
        try write(Text(zh: "占用咨询", en: "take a consultation")) { db in
            if !force, let lease = try Self.lease(db, session), lease.holder != holder, lease.holder.isAlive { return lease }
            try db.execute(sql: """
                INSERT INTO lease (consultation_id, pid, host, taken_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (consultation_id) DO UPDATE SET pid = excluded.pid, host = excluded.host, taken_at = excluded.taken_at
                """, arguments: [session.rawValue, holder.pid, holder.host, now])
            return nil
        }
    }

    /// Gives the lease back (only when this store's holder has it). The row stays, holder-less
    /// (pid 0): a consultation once leased is written only by whoever takes it next, so a window
    /// that lost it does not write into it again after the other window left it.
    public func release(_ session: SessionID) throws {
        try write(Text(zh: "释放咨询", en: "release a consultation")) { db in try Self.release(db, session, holder) }
    }

    static func release(_ db: Database, _ session: SessionID, _ holder: LeaseHolder) throws {
        try db.execute(sql: "UPDATE lease SET pid = 0 WHERE consultation_id = ? AND pid = ? AND host = ?",
                       arguments: [session.rawValue, holder.pid, holder.host])
    }

    /// Every consultation a live holder has, in one read (the resume offer at start-up must not
    /// cost a query per open consultation).
    public func liveLeases() throws -> [SessionID: Lease] {
        try read(Text(zh: "查看咨询由谁占用", en: "look up who has a consultation")) { db in
            var leases: [SessionID: Lease] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT consultation_id, pid, host, taken_at FROM lease WHERE pid > 0") {
                let lease = Lease(holder: LeaseHolder(pid: row["pid"], host: row["host"]), since: row["taken_at"])
                if lease.holder.isAlive { leases[SessionID(row["consultation_id"] as Int64)] = lease }
            }
            return leases
        }
    }

    static func lease(_ db: Database, _ session: SessionID) throws -> Lease? {
        guard let row = try Row.fetchOne(db, sql: "SELECT pid, host, taken_at FROM lease WHERE consultation_id = ?",
                                         arguments: [session.rawValue]) else { return nil }
        return Lease(holder: LeaseHolder(pid: row["pid"], host: row["host"]), since: row["taken_at"])
    }

    /// A write the shell makes into `session`: only while `holder` has its lease. Taken over by
    /// another window (and perhaps ended there), it is not written to again until reopened. A
    /// consultation never leased (imported, or from a file older than leases) is written freely.
    func requireLease(_ db: Database, _ session: SessionID, _ holder: LeaseHolder, operation: Text) throws {
        guard let lease = try Self.lease(db, session), lease.holder != holder else { return }
        throw StoreError(operation: operation, path: path, problem: .takenOver(session, lease.holder.isAlive ? lease : nil))
    }
}
