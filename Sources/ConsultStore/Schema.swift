import GRDB

/// The database schema as an append-only list of migrations in plain SQL. A migration that has
/// shipped is never edited: a file written by an older consult upgrades by running the ones it
/// lacks, and the SQL is readable by anyone holding the file and the `sqlite3` shell.
public enum Schema {
    /// `PRAGMA application_id` of a consult database ('cons'): tells our file from any other SQLite file.
    public static let applicationID: Int32 = 0x636F_6E73

    /// (identifier, SQL) in order. Identifiers are `v1`, `v2`, … so a newer file can say how new it is.
    public static let migrations: [(id: String, sql: String)] = [("v1", v1), ("v2", v2), ("v3", v3)]

    /// The first schema: who was consulted, when, what was answered, and the plans produced.
    /// Answers are a log: the latest row of a fact is its answer; a row with `raw` NULL takes it back.
    static let v1 = """
        PRAGMA application_id = 1668247155;
        CREATE TABLE merchant (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE consultation (
            id           INTEGER PRIMARY KEY,
            merchant_id  INTEGER NOT NULL REFERENCES merchant(id),
            consultant   TEXT,
            visit_date   TEXT,
            language     TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            finished_at  TEXT
        );
        CREATE INDEX consultation_by_merchant ON consultation(merchant_id, visit_date);
        CREATE TABLE answer (
            id               INTEGER PRIMARY KEY,
            consultation_id  INTEGER NOT NULL REFERENCES consultation(id),
            fact             TEXT NOT NULL,
            raw              TEXT,
            value            TEXT,
            recorded_at      TEXT NOT NULL
        );
        CREATE INDEX answer_by_consultation ON answer(consultation_id, fact, id);
        CREATE TABLE plan (
            id                 INTEGER PRIMARY KEY,
            consultation_id    INTEGER NOT NULL REFERENCES consultation(id),
            json               TEXT NOT NULL,
            language           TEXT NOT NULL,
            playbook_versions  TEXT NOT NULL,
            consult_version    TEXT NOT NULL,
            created_at         TEXT NOT NULL
        );
        CREATE INDEX plan_by_consultation ON plan(consultation_id, id);
        """

    /// Issue 5 §3: where each answer came from, the consultant's notes, the files exported, and
    /// the playbook subset (`--only`) a plan was made with, so it can be made again.
    static let v2 = """
        ALTER TABLE answer ADD COLUMN provenance TEXT NOT NULL DEFAULT 'said'
            CHECK (provenance IN ('said', 'data', 'estimate'));
        ALTER TABLE plan ADD COLUMN only_playbooks TEXT;
        CREATE TABLE note (
            id               INTEGER PRIMARY KEY,
            consultation_id  INTEGER NOT NULL REFERENCES consultation(id),
            text             TEXT NOT NULL,
            created_at       TEXT NOT NULL
        );
        CREATE INDEX note_by_consultation ON note(consultation_id, id);
        CREATE TABLE export (
            id               INTEGER PRIMARY KEY,
            consultation_id  INTEGER NOT NULL REFERENCES consultation(id),
            format           TEXT NOT NULL,
            path             TEXT NOT NULL,
            created_at       TEXT NOT NULL
        );
        """

    /// Issue 13 §4: one writer per consultation. The shell that has a consultation open holds
    /// its lease (process and host); another window is not offered it and may take it over only
    /// when asked to. A lease of a process that is gone (same host) is free.
    static let v3 = """
        CREATE TABLE lease (
            consultation_id  INTEGER PRIMARY KEY REFERENCES consultation(id),
            pid              INTEGER NOT NULL,
            host             TEXT NOT NULL,
            taken_at         TEXT NOT NULL
        );
        """

    /// Migrations that only add what a writing shell uses: a read-only file without them is still read.
    static let notNeededForReading: Set<String> = ["v3"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (id, sql) in migrations {
            migrator.registerMigration(id) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// "v7" → 7; identifiers of another shape count as newer than any we know.
    static func version(_ identifier: String) -> Int? {
        identifier.hasPrefix("v") ? Int(identifier.dropFirst()) : nil
    }
}
