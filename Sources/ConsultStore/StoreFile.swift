import ConsultBase
import Foundation
import GRDB

/// Opening a database file safely. Nothing is written until the file has proved to be a healthy
/// consult database of a schema we know: a damaged file, another program's database or one from
/// a newer consult is reported and left byte for byte as it was.
enum StoreFile {
    static let header = Array("SQLite format 3\u{0}".utf8)

    /// A connection configured for several consult processes on one file: a busy timeout instead
    /// of an immediate "database is locked", foreign keys on, and `synchronous = FULL` so a
    /// committed answer survives a crash of the machine, not only of the process.
    static let busySeconds = 15

    static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(TimeInterval(busySeconds))
        config.foreignKeysEnabled = true
        config.label = "consult.store"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Checks the first bytes before SQLite sees the file: SQLite would refuse a foreign file too,
    /// but only after creating journal files beside it.
    static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(operation: Text(zh: "打开数据库", en: "open the database"), path: path, problem: .io(SystemProblem.text(errno)))
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        if bytes.isEmpty { return }
        if bytes.count < 100 || Array(bytes.prefix(16)) != header {
            throw StoreError(operation: Text(zh: "打开数据库", en: "open the database"), path: path, problem: .damaged("not an SQLite database"))
        }
    }

    /// What a read of the file says before anything is written.
    struct Inspection {
        var applied: Set<String>
        var complete: Bool
    }

    static func inspect(_ db: Database, path: String) throws -> Inspection {
        let operation = Text(zh: "打开数据库", en: "open the database")
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        if check != ["ok"] {
            throw StoreError(operation: operation, path: path, problem: .damaged("integrity check: \(check.first ?? "failed")"))
        }
        // GRDB creates grdb_migrations before the first migration sets the application id: not yet a foreign table.
        let userTables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'") ?? 0
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if userTables > 0, applicationID != Schema.applicationID {
            throw StoreError(operation: operation, path: path, problem: .foreign)
        }
        let migrator = Schema.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let known = Schema.migrations.map(\.id)
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty {
            throw StoreError(operation: operation, path: path, problem: .newerSchema(unknown: unknown, known: known.last ?? "v0"))
        }
        return Inspection(applied: applied, complete: Set(known).isSubset(of: applied))
    }

    /// Opens (creating when allowed), inspects, switches to WAL and migrates.
    static func open(path: String, create: Bool) throws -> DatabaseQueue {
        let operation = Text(zh: "打开数据库", en: "open the database")
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            try checkHeader(path)
        } else if !create {
            throw StoreError(operation: operation, path: path, problem: .missing)
        } else {
            try makeDirectory(of: path)
            try createPrivately(path)
        }
        // A read (sessions, show, history) of a file nobody here may write still works: SQLite
        // opens it read-only, and immutable when WAL's side files could not be created beside it.
        if !create, !writable(path) { return try openReadOnly(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            let inspection = try queue.read { try inspect($0, path: path) }
            try enableWAL(queue)
            if !inspection.complete { try migrate(queue, path: path) }
            return queue
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    static func writable(_ path: String) -> Bool {
        access(path, W_OK) == 0 && access(StoreError.parentDirectory(of: path), W_OK) == 0
    }

    static func openReadOnly(path: String) throws -> DatabaseQueue {
        let operation = Text(zh: "打开数据库", en: "open the database")
        var config = Configuration()
        config.readonly = true
        config.label = "consult.store"
        let sideFiles = FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path + "-shm")
        let canCreateSideFiles = access(StoreError.parentDirectory(of: path), W_OK) == 0
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? path
        let uri = "file:\(encoded)?mode=ro" + (!sideFiles && !canCreateSideFiles ? "&immutable=1" : "")
        do {
            let queue = try DatabaseQueue(path: uri, configuration: config)
            let inspection = try queue.read { try inspect($0, path: path) }
            // Reading needs only what every listing reads; a file one migration behind that adds
            // only what the shell writes (leases) is read as it is.
            let missing = Set(Schema.migrations.map(\.id)).subtracting(inspection.applied)
            if !missing.isSubset(of: Schema.notNeededForReading) {
                throw StoreError(operation: operation, path: path, problem: .readOnly(needsUpgrade: true))
            }
            return queue
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    /// WAL lets readers and one writer of different processes work at once. The switch needs the
    /// file to itself, and SQLite answers "locked" at once rather than wait when another process
    /// holds it (a deadlock guard), so it is retried here for up to the busy timeout.
    static func enableWAL(_ queue: DatabaseQueue) throws {
        for attempt in 0... {
            do {
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                if attempt >= 300 { throw error }
                usleep(50_000)
            }
        }
    }

    /// GRDB's migrator reads what is applied outside the transaction that applies the next step,
    /// so two processes upgrading one file at once can both try the same step; the loser's step
    /// fails and rolls back whole. It then looks again, and stops once the other has finished.
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        let migrator = Schema.migrator
        for attempt in 1...5 {
            do {
                try migrator.migrate(queue)
                return
            } catch {
                let inspection = try queue.read { try inspect($0, path: path) }
                if inspection.complete { return }
                if attempt == 5 { throw StoreError.wrapping(error, operation: Text(zh: "升级数据库", en: "upgrade the database"), path: path) }
                usleep(useconds_t(20_000 * attempt))
            }
        }
    }

    /// An empty file is an empty database; creating it ourselves makes it 0600 (SQLite would use
    /// 0644), and SQLite gives its -wal and -shm files the same mode. Another process may win the
    /// race to create it, which is fine.
    static func createPrivately(_ path: String) throws {
        let fd = createFile(path, mode: 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw StoreError(operation: Text(zh: "创建数据库", en: "create the database"), path: path, problem: .io(SystemProblem.text(errno)))
        }
    }

    /// The directories above the default database, created private: the file holds clients' figures.
    static func makeDirectory(of path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if FileManager.default.fileExists(atPath: directory) { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(operation: Text(zh: "创建数据库", en: "create the database"), path: path, problem: .io(Text(zh: "无法创建目录“\(directory)”", en: "cannot create the directory '\(directory)'")))
        }
    }
}

/// open(2) with O_CREAT|O_EXCL, outside `StoreFile` whose own `open` would shadow it.
private func createFile(_ path: String, mode: mode_t) -> Int32 {
    open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
}
