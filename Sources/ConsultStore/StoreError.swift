import ConsultPlaybook
import Foundation
import GRDB

/// A store failure, worded for the consultant: the operation, the database file, and what went
/// wrong. It may carry the SQL that failed but never its arguments, so no answer, name or note of
/// a client ever reaches an error message, a log or a bug report.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Problem: Sendable, Equatable {
        /// The file does not exist and the command only reads.
        case missing
        /// Not an SQLite file, or one whose pages fail the integrity check.
        case damaged(String)
        /// An SQLite file, but some other program's.
        case foreign
        /// Written by a newer consult: the migrations it has that we do not know.
        case newerSchema(unknown: [String], known: String)
        case noSuchSession(SessionID)
        /// The file or its directory cannot be written (`needsUpgrade`: and its schema is older).
        case readOnly(needsUpgrade: Bool)
        /// Another process held the write lock for the whole busy timeout.
        case busy(seconds: Int)
        /// The path is a directory.
        case isDirectory
        case full
        /// SQLite refused otherwise: its result code and message, and the statement (without arguments).
        /// Another window (process, possibly on another host) has this consultation open.
        case heldElsewhere(SessionID, Lease)
        /// This window's consultation was taken over by another (which still has it, or ended it).
        case takenOver(SessionID, Lease?)
        case sqlite(code: Int32, message: String, sql: String?)
        case io(Text)
    }

    /// What was being done, as a phrase in both languages: "记录回答" / "record an answer".
    public var operation: Text
    public var path: String
    public var problem: Problem

    public init(operation: Text, path: String, problem: Problem) {
        self.operation = operation
        self.path = path
        self.problem = problem
    }

    public var description: String { message(.en) }

    /// The whole message, "错误：…" / "error: …", in the user's words: a busy, read-only,
    /// unopenable or full database says what happened and what to do, not SQLite's code.
    public func message(_ language: Language) -> String {
        let zh = language == .zh
        let place = operation.zh.contains("数据库") ? "“\(path)”" : "数据库“\(path)”"
        let head = zh ? "错误：无法\(operation.zh)（\(place)）" : "error: cannot \(operation.en) in '\(path)'"
        func say(_ zhText: String, _ enText: String) -> String { head + (zh ? "：" + zhText : ": " + enText) }
        switch problem {
        case .missing:
            return zh ? "错误：“\(path)”没有咨询数据库（还没有存过咨询）；要用别的数据库，请加 --db 文件"
                      : "error: no consultation database at '\(path)' (nothing has been stored yet); pass --db FILE to use another"
        case .damaged(let why):
            return say("文件已损坏（\(why)），没有改动它。请从备份恢复，或用 --db 指定另一个数据库",
                       "the file is damaged (\(why)); it was left untouched. Restore it from a backup, or pass --db FILE to use another database")
        case .foreign:
            return say("这是别的程序的 SQLite 数据库，不是 consult 的；没有改动它",
                       "it is an SQLite database of another program, not a consult database; it was left untouched")
        case .newerSchema(let unknown, let known):
            return say("它是更新版本的 consult 写的（结构 \(unknown.joined(separator: ", "))；这个 consult 只认到 \(known)）。请升级 consult 后再打开；文件没有改动",
                       "it was written by a newer version of consult (schema \(unknown.joined(separator: ", ")); this consult knows up to \(known)). Upgrade consult to open it; the file was left untouched")
        case .noSuchSession(let id):
            return say("没有编号为 \(id) 的咨询；consult sessions 列出所有咨询", "there is no consultation \(id); `consult sessions` lists them")
        case .readOnly(let needsUpgrade):
            return needsUpgrade
                ? say("它是旧版本 consult 写的，需要升级结构，但文件或所在目录是只读的；请在可写的位置打开一次",
                      "it was written by an older consult and needs an upgrade, but the file or its directory is read-only; open it once where it can be written")
                : say("文件或所在目录是只读的，无法写入；查看仍然可以（consult sessions、show、history），记录咨询请换一个可写的位置（--db 文件）",
                      "the file or its directory is read-only, so nothing can be written; it can still be read (consult sessions, show, history); pass --db FILE in a writable place to record")
        case .busy(let seconds):
            return say("另一个 consult 进程正在写这个数据库，等了 \(seconds) 秒仍未结束；请等它完成后再试（什么都没有丢）",
                       "another consult process is writing to this database and did not finish within \(seconds) s; try again when it is done (nothing was lost)")
        case .isDirectory:
            return say("这是一个目录，不是数据库文件；请用 --db 指定文件，例如 \(path.hasSuffix("/") ? path : path + "/")consult.sqlite",
                       "it is a directory, not a database file; pass --db FILE, e.g. \(path.hasSuffix("/") ? path : path + "/")consult.sqlite")
        case .full:
            return say("磁盘已满；这一步没有写入，之前存的都还在。腾出空间后再试",
                       "the disk is full; this step was not written, everything stored before is intact. Free some space and try again")
        case .takenOver(let id, let lease?):
            let who = Self.who(lease)
            return say("咨询 #\(id) 已在另一个窗口里被接手（\(who.zh)，\(Timestamp.local(lease.since)) 起），这个窗口不再写入它；.open \(id) take 可以拿回来",
                       "consultation #\(id) was taken over in another window (\(who.en), since \(Timestamp.local(lease.since))); this window no longer writes to it; .open \(id) take takes it back")
        case .takenOver(let id, nil):
            return say("咨询 #\(id) 已在另一个窗口里被接手，这个窗口不再写入它；.open \(id) 可以重新打开",
                       "consultation #\(id) was taken over in another window; this window no longer writes to it; .open \(id) opens it again")
        case .heldElsewhere(let id, let lease):
            let who = Self.who(lease)
            let since = Timestamp.local(lease.since)
            return say("咨询 #\(id) 正在另一个窗口里（\(who.zh)，\(since) 起）；.open \(id) take 可以接手（那个窗口就不再写入它），consult show \(id) 只看",
                       "consultation #\(id) is open in another window (\(who.en), since \(since)); .open \(id) take takes it over (that window stops writing to it), consult show \(id) only looks")
        case .sqlite(let code, let message, let sql):
            let statement = sql.map { zh ? "（执行 `\(Self.abbreviated($0))` 时）" : " while executing `\(Self.abbreviated($0))`" } ?? ""
            return zh ? head + "：\(message)（SQLite 错误 \(code)）\(statement)" : head + ": \(message) (SQLite error \(code))\(statement)"
        case .io(let why):
            return head + (zh ? "：" + why.zh : ": " + why.en)
        }
    }

    /// "进程 1234" / "process 1234 on laptop-2".
    static func who(_ lease: Lease) -> Text {
        lease.holder.host == LeaseHolder.current.host
            ? Text(zh: "进程 \(lease.holder.pid)", en: "process \(lease.holder.pid)")
            : Text(zh: "\(lease.holder.host) 上的进程 \(lease.holder.pid)", en: "process \(lease.holder.pid) on \(lease.holder.host)")
    }

    /// Wraps any error thrown by GRDB or SQLite, keeping only what is safe to show.
    static func wrapping(_ error: any Error, operation: Text, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else {
            return StoreError(operation: operation, path: path, problem: .io(.same(String(describing: type(of: error)))))
        }
        let problem: Problem
        switch db.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: problem = .damaged(db.message ?? "SQLite error \(db.resultCode.rawValue)")
        case .SQLITE_BUSY, .SQLITE_LOCKED: problem = .busy(seconds: StoreFile.busySeconds)
        case .SQLITE_READONLY: problem = .readOnly(needsUpgrade: false)
        case .SQLITE_FULL: problem = .full
        case .SQLITE_CANTOPEN:
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { problem = .isDirectory; break }
            problem = .io(SystemProblem.text(access(parentDirectory(of: path), W_OK) == 0 ? EACCES : ENOENT))
        default:
            problem = .sqlite(code: db.extendedResultCode.rawValue, message: db.message ?? "unknown error", sql: db.sql)
        }
        return StoreError(operation: operation, path: path, problem: problem)
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// One line of SQL, long statements cut: enough to find it in the source.
    static func abbreviated(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > 160 ? String(line.prefix(157)) + "…" : line
    }
}
