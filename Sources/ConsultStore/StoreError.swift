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
        /// SQLite refused: its result code and message, and the statement (without arguments).
        case sqlite(code: Int32, message: String, sql: String?)
        case io(String)
    }

    /// What was being done, as a phrase: "open", "record an answer", "list consultations".
    public var operation: String
    public var path: String
    public var problem: Problem

    public init(operation: String, path: String, problem: Problem) {
        self.operation = operation
        self.path = path
        self.problem = problem
    }

    public var description: String {
        let head = "error: cannot \(operation) in '\(path)'"
        switch problem {
        case .missing:
            return "error: no consultation database at '\(path)' (nothing has been stored yet); pass --db FILE to use another"
        case .damaged(let why):
            return "\(head): the file is damaged (\(why)); it was left untouched. Restore it from a backup, or pass --db FILE to use another database"
        case .foreign:
            return "\(head): it is an SQLite database of another program, not a consult database; it was left untouched"
        case .newerSchema(let unknown, let known):
            return "\(head): it was written by a newer version of consult (schema \(unknown.joined(separator: ", ")); this consult knows up to \(known)). Upgrade consult to open it; the file was left untouched"
        case .noSuchSession(let id):
            return "\(head): there is no consultation \(id)"
        case .sqlite(let code, let message, let sql):
            let statement = sql.map { " while executing `\(Self.abbreviated($0))`" } ?? ""
            return "\(head): \(message) (SQLite error \(code))\(statement)"
        case .io(let why):
            return "\(head): \(why)"
        }
    }

    /// Wraps any error thrown by GRDB or SQLite, keeping only what is safe to show.
    static func wrapping(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else {
            return StoreError(operation: operation, path: path, problem: .io(String(describing: type(of: error))))
        }
        let primary = db.resultCode.primaryResultCode
        if primary == .SQLITE_CORRUPT || primary == .SQLITE_NOTADB {
            return StoreError(operation: operation, path: path, problem: .damaged(db.message ?? "SQLite error \(db.resultCode.rawValue)"))
        }
        return StoreError(operation: operation, path: path,
                          problem: .sqlite(code: db.extendedResultCode.rawValue, message: db.message ?? "unknown error", sql: db.sql))
    }

    /// One line of SQL, long statements cut: enough to find it in the source.
    static func abbreviated(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > 160 ? String(line.prefix(157)) + "…" : line
    }
}
