import ConsultExpression
import ConsultPlaybook

/// Something that happened in a consultation and is worth keeping. The shell reports every
/// accepted change here as it happens; a store only has to record these events. An event carries
/// everything the store keeps (the parsed value, the source), so a store never re-reads answers
/// against the playbooks and needs no state of the shell's.
public enum ConsultationEvent: Equatable, Sendable {
    case started(MerchantInfo, Language)
    case merchantChanged(MerchantInfo)
    /// An answer as typed (the raw text; "" or "?" mean unknown) that the playbooks accepted, the
    /// value it was read as, and where it came from (`.source`).
    case answered(fact: String, raw: String, value: Value, source: Provenance)
    /// The answer was taken back: the question counts as not asked.
    case forgotten(fact: String)
    /// `.note TEXT`.
    case noted(String)
    /// A plan or answers file was written; `format` is md, json, html, pdf, text or answers, and
    /// `path` is absolute.
    case exported(format: String, path: String)
    /// The plan as it was given to the merchant (on export and when the consultation ends).
    case planSaved(PlanRecord)
    /// The consultant ended the consultation: it is no longer offered for resuming.
    case finished
}

/// Where a consultation is kept: the port the shell talks to (the executable wires an adapter in).
/// Errors are reported to the user but never stop the consultation.
public protocol ConsultationStore: AnyObject {
    func record(_ event: ConsultationEvent) throws
    /// Where consultations are kept (a database file); nil when nothing outlives the process.
    var location: String? { get }
    /// The consultation being written, once there is one.
    var session: SessionID? { get }
    /// Makes `id` the consultation written to from now on and returns it whole; refused while
    /// another window has it open, unless `takeOver`.
    func open(_ id: SessionID, takeOver: Bool) throws -> StoredSession
    /// Consultations not finished, most recently active first (the resume offer).
    func unfinished() throws -> [SessionSummary]
    /// Every consultation, oldest first; `merchant` keeps those whose name contains it.
    func sessions(merchant: String?) throws -> [SessionSummary]
    /// One consultation, read without making it current.
    func stored(_ id: SessionID) throws -> StoredSession
}

/// Keeps the events in memory: what the shell uses with `--no-store` or when the database cannot
/// be opened (nothing outlives the process), and what tests of the loop read.
public final class MemoryConsultationStore: ConsultationStore {
    public private(set) var events: [ConsultationEvent] = []

    public init() {}

    public func record(_ event: ConsultationEvent) throws {
        events.append(event)
    }

    public var location: String? { nil }
    public var session: SessionID? { nil }
    public func unfinished() throws -> [SessionSummary] { [] }
    public func sessions(merchant: String?) throws -> [SessionSummary] { [] }
    public func open(_ id: SessionID, takeOver: Bool) throws -> StoredSession { try stored(id) }
    public func stored(_ id: SessionID) throws -> StoredSession {
        throw StoreError(operation: Text(zh: "打开咨询", en: "open a consultation"), path: "", problem: .noSuchSession(id))
    }
}

extension ConsultationStore {
    /// The merchant's visit a follow-up is judged against (see `SessionSummary.previousVisit`).
    public func previousVisit(of merchant: String, before current: SessionID?) throws -> SessionSummary? {
        SessionSummary.previousVisit(of: merchant, before: current, in: try sessions(merchant: merchant))
    }
}

extension SessionSummary {
    /// The visit a follow-up is judged against: the latest consultation of exactly this merchant
    /// name, with answers, started before `current` (before any, for one not started yet).
    /// `sessions` oldest first, as the store lists them.
    public static func previousVisit(of merchant: String, before current: SessionID?, in sessions: [SessionSummary]) -> SessionSummary? {
        guard !merchant.isEmpty else { return nil }  // consultations never named are no one's visits
        return sessions.last { summary in
            summary.merchant.name == merchant && summary.answerCount > 0
                && current.map { summary.id.rawValue < $0.rawValue } ?? true
        }
    }
}
