import ConsultEngine
import ConsultPlaybook

/// The `ConsultationStore` backed by the SQLite `SessionStore`: every event the shell
/// reports is committed before `record` returns, so the next prompt never appears before the
/// answer is on disk. A fresh shell starts a consultation at `.started`; a resumed one (`open`)
/// continues appending to the consultation it reopened.
public final class SQLiteConsultationStore: ConsultationStore {
    public let store: SessionStore
    /// The consultation being written; nil until the merchant is named (or one is opened).
    public private(set) var session: SessionID?
    var language: Language

    public init(store: SessionStore, language: Language, resuming session: SessionID? = nil) {
        self.store = store
        self.language = language
        self.session = session
    }

    public func record(_ event: ConsultationEvent) throws {
        switch event {
        case .started(let merchant, let language):
            self.language = language
            if let session {
                try store.updateMerchant(session, to: merchant)
            } else {
                session = try store.startConsultation(merchant: merchant, language: language)
            }
        case .merchantChanged(let merchant):
            try store.updateMerchant(try current(), to: merchant)
        case .answered(let fact, let raw, let value, let source):
            try store.recordAnswer(try current(), fact: fact, raw: raw, value: ValueJSON.text(value), provenance: source)
        case .forgotten(let fact):
            try store.forget(try current(), fact: fact)
        case .noted(let text):
            try store.note(try current(), text)
        case .exported(let format, let path):
            try store.recordExport(try current(), format: format, path: path)
        case .planSaved(let plan):
            try store.savePlan(try current(), plan)
        case .finished:
            if let session { try store.markFinished(session) }
        }
    }

    /// Makes `id` the consultation written to from now on, offered again for resuming
    /// (`markUnfinished`), and returns it whole. Read first, so an unknown id changes nothing.
    /// The lease is taken first: a consultation another window has open is not written to.
    /// The one left is released, so another window may take it up.
    public func open(_ id: SessionID, takeOver: Bool) throws -> StoredSession {
        let stored = try store.session(id)
        if let lease = try store.take(id, force: takeOver) {
            throw StoreError(operation: Text(zh: "打开咨询 \(id)", en: "open consultation \(id)"), path: store.path,
                             problem: .heldElsewhere(id, lease))
        }
        try store.markUnfinished(id)
        if let previous = session, previous != id { try? store.release(previous) }
        session = id
        return stored
    }

    /// Consultations not finished and not open in another window, most recently active first
    /// (the resume offer: a second window must not be offered the first one's consultation).
    public func unfinished() throws -> [SessionSummary] {
        let held = try store.liveLeases()
        return try store.unfinishedSessions().filter { held[$0.id].map { $0.holder == store.holder } ?? true }
    }

    /// Every consultation, oldest first; `merchant` keeps those whose name contains it.
    public func sessions(merchant: String?) throws -> [SessionSummary] {
        try store.sessions(merchant: merchant)
    }

    public func stored(_ id: SessionID) throws -> StoredSession {
        try store.session(id)
    }

    public var location: String? { store.path }

    /// An answer before the merchant is named still must not be lost: it opens an unnamed consultation.
    func current() throws -> SessionID {
        if let session { return session }
        let started = try store.startConsultation(merchant: MerchantInfo(name: ""), language: language)
        session = started
        return started
    }
}
