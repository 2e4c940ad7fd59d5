import ConsultPlaybook
@testable import ConsultStore
import Foundation
import GRDB
import Testing

/// Opening files written by other versions, and files that are not ours or not whole.
struct MigrationTests {
    @Test func upgradesADatabaseOfTheFirstSchemaVersion() throws {
        let path = freshDatabase()
        try makeVersion1Database(at: path)
        let store = try SessionStore.open(path: path, create: false)
        let session = try store.session(SessionID(1))
        #expect(session.merchant == MerchantInfo(name: "卡丹路", consultant: "李顾问", date: "2026-11-20"))
        #expect(session.answers.map(\.fact) == ["store_rating", "monthly_gmv"])
        #expect(session.answers.allSatisfy { $0.provenance == .said })
        #expect(session.plans.first?.playbookVersions == ["after_sales": 1])
        #expect(session.plans.first?.only == nil)
        // What v2 added works on the upgraded file.
        try store.note(session.id, "follow up in 30 days")
        try store.recordAnswer(session.id, fact: "repurchase_rate", raw: "18", value: "18", provenance: .estimate)
        let again = try store.session(session.id)
        #expect(again.notes.map(\.text) == ["follow up in 30 days"])
        #expect(again.answers.last?.provenance == .estimate)
        let applied = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == Schema.migrations.map(\.id))
    }

    @Test func theFrozenFirstSchemaIsTheShippedOne() {
        #expect(Schema.migrations.first?.sql == schemaV1)
    }

    @Test func refusesADatabaseWrittenByANewerConsult() throws {
        let path = freshDatabase()
        _ = try SessionStore.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v4')") }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = bytes(path)
        let error = try #require(throws: StoreError.self) { try SessionStore.open(path: path) }
        #expect(error.problem == .newerSchema(unknown: ["v4"], known: "v3"))
        #expect(error.description.contains("newer version of consult"))
        #expect(error.description.contains(path))
        #expect(bytes(path) == before)
    }

    @Test func refusesAFileThatIsNotADatabaseAndLeavesItAlone() throws {
        let path = freshDatabase()
        let text = Data("merchant: 卡丹路\nanswers: {store_rating: 4.4}\n".utf8 + Array(repeating: UInt8(ascii: "x"), count: 200))
        try text.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try SessionStore.open(path: path) }
        #expect(error.problem == .damaged("not an SQLite database"))
        #expect(error.description.contains("damaged") && error.description.contains(path))
        #expect(bytes(path) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func reportsADamagedDatabaseAndLeavesItAlone() throws {
        let path = freshDatabase()
        do {
            let store = try SessionStore.open(path: path)
            let answers = (1...20).map { AnswerInput(fact: "fact_\($0)", raw: String(repeating: "x", count: 50), value: nil) }
            let plan = PlanRecord(json: "{}", language: .en, playbookVersions: [:], consultVersion: "test")
            for n in 1...40 {
                _ = try store.importVisit(merchant: MerchantInfo(name: "merchant \(n)"), language: .en, answers: answers, plan: plan)
            }
        }
        // Overwrite the middle of the file: pages of the answer table become garbage.
        var damaged = bytes(path)
        #expect(damaged.count > 8 * 4096)
        let start = damaged.count / 2
        damaged.replaceSubrange(start..<(start + 4096), with: Array(repeating: 0xA5, count: 4096))
        try damaged.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try SessionStore.open(path: path) }
        guard case .damaged = error.problem else { Issue.record("expected damaged, got \(error)"); return }
        #expect(bytes(path) == damaged)
        // The command line says the same, with exit status 1, and writes nothing.
        let r = try consultDB(path, ["sessions"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("damaged") && r.stderr.contains(path))
        #expect(bytes(path) == damaged)
    }

    @Test func refusesAnotherProgramsDatabase() throws {
        let path = freshDatabase()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE contacts (name TEXT)") }
        let before = bytes(path)
        let error = try #require(throws: StoreError.self) { try SessionStore.open(path: path) }
        #expect(error.problem == .foreign)
        #expect(bytes(path) == before)
    }

    @Test func readCommandsDoNotCreateADatabase() throws {
        let path = freshDatabase()
        let r = try consultDB(path, ["sessions"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("no consultations stored yet"))
        let show = try consultDB(path, ["show", "1"])
        #expect(show.status == 1)
        #expect(show.stderr.contains("no consultation database at '\(path)'"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
