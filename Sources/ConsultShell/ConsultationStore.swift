import ConsultPlaybook

/// Something that happened in a consultation and is worth keeping. The shell reports every
/// accepted change here as it happens, so a durable store (SQLite, a later issue) can be plugged
/// in without touching the shell: it only has to record these events.
public enum ConsultationEvent: Equatable, Sendable {
    case started(MerchantInfo, Language)
    case merchantChanged(MerchantInfo)
    /// An answer as typed (the raw text; "" or "?" mean unknown) that the playbooks accepted.
    case answered(fact: String, raw: String)
    /// The answer was taken back: the question counts as not asked.
    case forgotten(fact: String)
    /// A plan or answers file was written; `format` is md, json, text or answers.
    case exported(format: String, path: String)
}

/// Where a consultation is kept. Errors are reported to the user but never stop the consultation.
public protocol ConsultationStore: AnyObject {
    func record(_ event: ConsultationEvent) throws
}

/// Keeps the events in memory: the store until the SQLite one lands, and the one tests read.
public final class MemoryConsultationStore: ConsultationStore {
    public private(set) var events: [ConsultationEvent] = []

    public init() {}

    public func record(_ event: ConsultationEvent) throws {
        events.append(event)
    }
}
