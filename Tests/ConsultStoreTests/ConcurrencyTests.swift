import ConsultStore
import Foundation
import Testing
import TestSupport

/// Several real `consult` processes on one file, and one killed with SIGKILL mid-consultation.
struct ConcurrencyTests {
    /// Two processes create, migrate and fill one new database at once, one commit per answer,
    /// each reading between writes: both finish and every write of both is there.
    @Test func twoProcessesWritingToOneDatabaseLoseNothing() async throws {
        let db = freshDatabase("consult-two-writers")
        let (sessions, answers) = (6, 25)
        func writer(_ label: String) -> Task<RunResult, any Error> {
            Task.detached {
                try consultDB(db, ["store-stress", "--sessions", "\(sessions)", "--answers", "\(answers)", "--label", label])
            }
        }
        let a = writer("a"), b = writer("b")
        let (ra, rb) = try await (a.value, b.value)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        let store = try SessionStore.open(path: db, create: false)
        let all = try store.sessions()
        #expect(all.count == 2 * sessions)
        for label in ["a", "b"] {
            let mine = try store.sessions(merchant: "stress-\(label)-")
            #expect(mine.count == sessions)
            for summary in mine {
                let session = try store.session(summary.id)
                #expect(session.answers.map(\.raw) == (1...answers).map(String.init))
                #expect(session.notes.count == 1 && session.plans.count == 1 && session.summary.isFinished)
            }
        }
    }

    /// What the pty test of issue 5 will show through the shell, at the store's level: every
    /// answer reported committed before SIGKILL is in the file afterwards, and the file is whole.
    @Test func killNineLosesNoCommittedAnswer() throws {
        let db = freshDatabase("consult-kill")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["store-stress", "--db", db, "--sessions", "50", "--answers", "100", "--progress"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while text.components(separatedBy: "\n").count < 60 {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .uncaughtSignal)
        let committed = text.split(separator: "\n").filter { $0.hasPrefix("committed ") }.map { $0.split(separator: " ") }
        #expect(committed.count >= 59)
        let store = try SessionStore.open(path: db, create: false)
        for line in committed {
            let session = try store.session(try #require(SessionID(String(line[1]))))
            #expect(session.answers.contains { $0.fact == line[2] }, "lost \(line[1]) \(line[2])")
        }
        #expect(try store.unfinishedSessions().count == 1)
    }
}
