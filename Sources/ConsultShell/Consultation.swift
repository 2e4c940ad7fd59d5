import ConsultEngine
import ConsultExpression
import ConsultPlaybook
import ConsultStore

/// One consultation in memory: who it is for, the answers as given, and the program they are read
/// against. Every change goes through here and on to the store; the plan is always recomputed
/// from scratch from the answers, so it never depends on the order they were given in.
public final class Consultation {
    public private(set) var program: Program
    public private(set) var engine: Engine
    public private(set) var merchant: MerchantInfo?
    /// Visited questions have a raw text (unknown ones "" or "?"); known values are in `values`.
    public private(set) var answers = Answers()
    public var language: Language
    /// Where the answers given from now on come from (`.source`); kept in `answers.provenance`
    /// so the plan marks findings that rest only on estimates.
    public var source: Provenance = .said
    /// Where answers filled in from a file came from ("compass_live.xlsx 第3行"), by fact; an
    /// answer changed by hand afterwards is no longer the file's.
    public var origins: [String: String] = [:]
    /// The merchant's visit before this one, for a follow-up: its answers are offered question by
    /// question, and the plan opens with what moved since. Nil for a first visit.
    public var lastVisit: LastVisit?
    /// `.note`s of this consultation, oldest first.
    public private(set) var notes: [String] = []
    /// The JSON of the plan last kept, so ending right after an export does not keep it twice.
    private var savedPlan: String?
    let consultVersion: String
    let store: ConsultationStore
    /// Store failures not yet shown to the user.
    private(set) var storeProblems: [any Error] = []

    public init(program: Program, language: Language, consultVersion: String, store: ConsultationStore) {
        self.program = program
        self.engine = Engine(program: program)
        self.language = language
        self.consultVersion = consultVersion
        self.store = store
    }

    public var interview: Interview { Interview(program: program, engine: engine) }

    /// Names the merchant; the first call starts the consultation.
    public func name(_ info: MerchantInfo) {
        let first = merchant == nil
        merchant = info
        record(first ? .started(info, language) : .merchantChanged(info))
    }

    /// Parses `raw` against the question and records it when accepted.
    @discardableResult
    public func answer(_ fact: String, raw: String) -> Result<Value, AnswerError> {
        guard let question = program.question(fact) else {
            return .failure(AnswerError(fact: fact, given: raw, problem: Text(zh: "不是访谈问题", en: "is not an interview question"),
                                        accepted: Text(zh: "问题编号，如 store_rating", en: "a question id such as store_rating")))
        }
        let result = AnswerParser.read(raw, for: question.fact)
        if case .success(let reading) = result {
            origins[fact] = nil
            // 约80万 is an estimate whoever gave it.
            let provenance = reading.approximate ? .estimate : source
            answers.raw[fact] = raw
            answers.values[fact] = reading.value.isKnown ? reading.value : nil
            answers.provenance[fact] = provenance == .said ? nil : provenance
            record(.answered(fact: fact, raw: raw, value: reading.value, source: provenance))
        }
        return result.map(\.value)
    }

    /// Takes an answer back: the question is unanswered again and the interview will ask it.
    public func forget(_ fact: String) {
        guard answers.raw[fact] != nil else { return }
        answers.raw[fact] = nil
        answers.values[fact] = nil
        answers.provenance[fact] = nil
        record(.forgotten(fact: fact))
    }

    /// Takes up a stored consultation where it stopped. Nothing is recorded: the store already
    /// has these answers, and recording them again would double the log. `plan` is the JSON of
    /// the plan it last kept.
    public func restore(merchant: MerchantInfo?, answers: Answers, notes: [String] = [], plan: String? = nil) {
        self.merchant = merchant
        self.answers = answers
        self.notes = notes
        savedPlan = plan
        source = .said
    }

    public func note(_ text: String) {
        notes.append(text)
        record(.noted(text))
    }

    public func exported(format: String, path: String) {
        record(.exported(format: format, path: path))
    }

    /// Keeps `plan` with the consultation unless it is the one kept last.
    public func keep(_ plan: Plan) {
        let record = PlanRecord(plan)
        guard record.json != savedPlan else { return }
        savedPlan = record.json
        self.record(.planSaved(record))
    }

    /// The consultant ended the consultation: the plan as it stands is kept, and it is no longer
    /// offered for resuming. A consultation never named has nothing to keep.
    public func finish() {
        guard merchant != nil || !answers.raw.isEmpty else { return }
        keep(plan(diagnosis()))
        record(.finished)
    }

    /// The diagnosis of the answers so far: questions that apply and are not answered yet are
    /// pending (not asked is not "the merchant cannot say"), so the plan says it is preliminary.
    public func diagnosis(_ answers: Answers? = nil) -> Diagnosis {
        var given = answers ?? self.answers
        given.pending = Set(engine.notAsked(given))
        return engine.diagnose(given)
    }

    /// A finding's title in this consultation's language, with its terms filled in.
    public func title(of fired: FiredRule, in diagnosis: Diagnosis) -> String {
        Planner(engine: engine).title(of: fired, in: diagnosis, language: language)
    }

    public func plan(_ diagnosis: Diagnosis) -> Plan {
        var plan = Planner(engine: engine, consultVersion: consultVersion)
            .plan(diagnosis, merchant: merchant ?? MerchantInfo(name: ""), language: language)
        plan.sinceLastVisit = sinceLastVisit(plan)
        return plan
    }

    /// What moved since the last visit (`LastVisit.since`).
    private func sinceLastVisit(_ plan: Plan) -> SinceLastVisit? {
        lastVisit?.since(plan, id: store.session, values: engine.facts(answers), program: program)
    }

    /// Swaps in re-read playbooks and keeps every answer they still accept; returns the others
    /// (fact, raw, why), which are dropped.
    public func replace(program newProgram: Program) -> [(fact: String, raw: String, why: String)] {
        var orphans: [(String, String, String)] = []
        var kept = Answers()
        for (fact, raw) in answers.raw.sorted(by: { $0.key < $1.key }) {
            guard let question = newProgram.question(fact) else {
                orphans.append((fact, raw, language == .zh ? "问题已不存在" : "the question no longer exists"))
                continue
            }
            switch AnswerParser.parse(raw, for: question.fact) {
            case .success(let value):
                kept.raw[fact] = raw
                if value.isKnown { kept.values[fact] = value }
                kept.provenance[fact] = answers.provenance[fact]
            case .failure(let error):
                orphans.append((fact, raw, language == .zh ? error.problem.zh : error.problem.en))
            }
        }
        program = newProgram
        engine = Engine(program: newProgram)
        answers = kept
        for orphan in orphans { record(.forgotten(fact: orphan.0)) }
        return orphans
    }

    /// Problems the store reported since the last call.
    func takeStoreProblems() -> [any Error] {
        defer { storeProblems = [] }
        return storeProblems
    }

    private func record(_ event: ConsultationEvent) {
        do { try store.record(event) } catch { storeProblems.append(error) }
    }
}
