import ConsultEngine
import ConsultPlaybook
import ConsultRender
import ConsultStore

/// The shell's `ConsultationStore` backed by the SQLite `SessionStore`: every event the shell
/// reports is committed before `record` returns, so the next prompt never appears before the
/// answer is on disk. A fresh shell starts a consultation at `.started`; a resumed one passes the
/// session it reopened and continues appending to it.
public final class SQLiteConsultationStore: ConsultationStore {
    public let store: SessionStore
    /// The consultation being written; nil until the merchant is named (or one is resumed).
    public private(set) var session: SessionID?
    /// Provenance of the answers that follow (`.source said|data|estimate`).
    public var provenance: Provenance = .said
    /// The questions answers are parsed against, to store their value beside the text as typed;
    /// replaced on `.reload`.
    public var program: Program
    var language: Language

    public init(store: SessionStore, program: Program, language: Language, resuming session: SessionID? = nil) {
        self.store = store
        self.program = program
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
        case .answered(let fact, let raw):
            try store.recordAnswer(try current(), fact: fact, raw: raw, value: value(fact, raw), provenance: provenance)
        case .forgotten(let fact):
            try store.forget(try current(), fact: fact)
        case .exported(let format, let path):
            try store.recordExport(try current(), format: format, path: path)
        }
    }

    /// `.note TEXT`.
    public func note(_ text: String) throws {
        try store.note(try current(), text)
    }

    /// Keeps the plan as shown (on export and when the consultation ends).
    public func savePlan(_ plan: Plan, only: [String]? = nil) throws {
        let record = PlanRecord(json: JSONRenderer.render(plan), language: plan.language,
                                playbookVersions: Dictionary(plan.versions.map { ($0.playbook, $0.version) }, uniquingKeysWith: { a, _ in a }),
                                consultVersion: plan.consultVersion, only: only)
        try store.savePlan(try current(), record)
    }

    /// The consultation ended normally (`.quit` after the plan): it is no longer offered for resuming.
    public func finish() throws {
        if let session { try store.markFinished(session) }
    }

    /// An answer before the merchant is named still must not be lost: it opens an unnamed consultation.
    func current() throws -> SessionID {
        if let session { return session }
        let started = try store.startConsultation(merchant: MerchantInfo(name: ""), language: language)
        session = started
        return started
    }

    func value(_ fact: String, _ raw: String) -> String? {
        guard let question = program.question(fact), case .success(let value) = AnswerParser.parse(raw, for: question.fact) else {
            return nil
        }
        return ValueJSON.text(value)
    }
}
