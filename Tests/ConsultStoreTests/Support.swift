import ConsultStore
import Foundation
import GRDB
import TestSupport

/// A fresh database path in a fresh temporary directory, for one test.
func freshDatabase(_ label: String = "consult-store") -> String {
    Repo.temporaryDirectory(label).appendingPathComponent("consult.sqlite").path
}

/// The bytes of a file, to prove it was left untouched.
func bytes(_ path: String) -> Data {
    FileManager.default.contents(atPath: path) ?? Data()
}

/// `consult` with the repository's playbooks and `--db`.
func consultDB(_ db: String, _ arguments: [String]) throws -> RunResult {
    try consult(arguments + ["--db", db], environment: ["CONSULT_PLAYBOOKS": Repo.path("playbooks")])
}

/// A fixed clock, so stored times are predictable.
let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_000_000) }

/// The first schema exactly as consult shipped it (Schema.swift `v1`), frozen here: a migration
/// test must keep opening files of that shape even if someone edits the source by mistake.
let schemaV1 = """
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

/// A database as consult with only the first schema left it: migrated by GRDB to `v1`, holding
/// one unfinished consultation with two answers (one taken back) and a plan.
func makeVersion1Database(at path: String) throws {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in try db.execute(sql: schemaV1) }
    let queue = try DatabaseQueue(path: path)
    try migrator.migrate(queue)
    try queue.write { db in
        try db.execute(sql: """
            INSERT INTO merchant (id, name, created_at) VALUES (1, '卡丹路', '2026-11-20T08:00:00.000Z');
            INSERT INTO consultation (id, merchant_id, consultant, visit_date, language, started_at)
                VALUES (1, 1, '李顾问', '2026-11-20', 'zh', '2026-11-20T08:00:00.000Z');
            INSERT INTO answer (consultation_id, fact, raw, value, recorded_at) VALUES
                (1, 'store_rating', '4.4', '4.4', '2026-11-20T08:01:00.000Z'),
                (1, 'monthly_gmv', '80万', '800000', '2026-11-20T08:02:00.000Z'),
                (1, 'return_rate', '46%', '46', '2026-11-20T08:03:00.000Z'),
                (1, 'return_rate', NULL, NULL, '2026-11-20T08:04:00.000Z');
            INSERT INTO plan (consultation_id, json, language, playbook_versions, consult_version, created_at)
                VALUES (1, '{}', 'zh', '{"after_sales":1}', '0.1.0', '2026-11-20T08:05:00.000Z');
            """)
    }
}
