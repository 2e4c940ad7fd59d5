import ConsultPlaybook

/// A consultation's number in the database: what `consult show 12` and `.open 12` name.
public struct SessionID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ value: Int64) { self.rawValue = value }

    /// "12" or "#12".
    public init?(_ text: String) {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let value = Int64(digits), value > 0 else { return nil }
        rawValue = value
    }

    public var description: String { String(rawValue) }
    public static func < (a: SessionID, b: SessionID) -> Bool { a.rawValue < b.rawValue }
}

/// One line of `consult sessions`: a consultation without its answers.
public struct SessionSummary: Sendable, Hashable {
    public var id: SessionID
    public var merchant: MerchantInfo
    public var language: Language
    /// UTC timestamps (ISO 8601, milliseconds).
    public var startedAt: String
    public var finishedAt: String?
    public var lastActivity: String
    /// Facts currently answered (taken-back answers do not count).
    public var answerCount: Int
    public var planCount: Int

    public init(id: SessionID, merchant: MerchantInfo, language: Language, startedAt: String, finishedAt: String? = nil,
                lastActivity: String, answerCount: Int, planCount: Int) {
        self.id = id
        self.merchant = merchant
        self.language = language
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.lastActivity = lastActivity
        self.answerCount = answerCount
        self.planCount = planCount
    }

    public var isFinished: Bool { finishedAt != nil }
    /// The visit's date, or the day it was started when none was given.
    public var day: String { merchant.date ?? String(startedAt.prefix(10)) }
}

/// One row of the answer log, as stored. `raw` nil means the answer was taken back.
public struct AnswerEvent: Sendable, Hashable {
    public var fact: String
    public var raw: String?
    /// The parsed value as JSON text (`4.4`, `true`, `"douyin"`); nil when unknown or taken back.
    public var value: String?
    public var provenance: Provenance
    public var recordedAt: String

    public init(fact: String, raw: String?, value: String?, provenance: Provenance, recordedAt: String) {
        self.fact = fact
        self.raw = raw
        self.value = value
        self.provenance = provenance
        self.recordedAt = recordedAt
    }
}

/// An answer as it stands now: the latest event of its fact, when not taken back.
public struct StoredAnswer: Sendable, Hashable {
    public var fact: String
    public var raw: String
    public var value: String?
    public var provenance: Provenance
    public var recordedAt: String
}

public struct StoredNote: Sendable, Hashable {
    public var text: String
    public var createdAt: String
}

public struct StoredExport: Sendable, Hashable {
    public var format: String
    public var path: String
    public var createdAt: String
}

/// A plan as produced and shown: the `consult.plan/1` JSON and what it takes to make it again.
public struct PlanRecord: Sendable, Hashable {
    public var json: String
    public var language: Language
    /// Playbook id → version, as the plan's `versions.playbooks`.
    public var playbookVersions: [String: Int]
    public var consultVersion: String
    /// The `--only` subset of rule playbooks; nil when every playbook was evaluated.
    public var only: [String]?
    /// Set by the store when it is saved.
    public var createdAt: String

    public init(json: String, language: Language, playbookVersions: [String: Int], consultVersion: String,
                only: [String]? = nil, createdAt: String = "") {
        self.json = json
        self.language = language
        self.playbookVersions = playbookVersions
        self.consultVersion = consultVersion
        self.only = only
        self.createdAt = createdAt
    }
}

/// An answer to store in one go (`consult import`).
public struct AnswerInput: Sendable, Hashable {
    public var fact: String
    public var raw: String
    public var value: String?
    public var provenance: Provenance

    public init(fact: String, raw: String, value: String?, provenance: Provenance = .said) {
        self.fact = fact
        self.raw = raw
        self.value = value
        self.provenance = provenance
    }
}

/// Everything stored about one consultation.
public struct StoredSession: Sendable {
    public var summary: SessionSummary
    /// Every answer event in the order it was committed, corrections and take-backs included.
    public var log: [AnswerEvent]
    public var notes: [StoredNote]
    public var exports: [StoredExport]
    /// Oldest first; the last one is the plan as it stands.
    public var plans: [PlanRecord]

    public var id: SessionID { summary.id }
    public var merchant: MerchantInfo { summary.merchant }
    public var answers: [StoredAnswer] { AnswerLog.current(log) }
    public var latestPlan: PlanRecord? { plans.last }
}
