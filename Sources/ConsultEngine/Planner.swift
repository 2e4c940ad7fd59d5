import ConsultExpression
import ConsultPlaybook

/// Builds the plan of domain-brief §4 from a diagnosis: deterministic prioritisation, buckets,
/// gating, focus, de-duplication and the KPI table. Everything playbook-specific comes from data.
public struct Planner: Sendable {
    public let engine: Engine
    public var consultVersion: String

    public init(engine: Engine, consultVersion: String = "0.1.0") {
        self.engine = engine
        self.consultVersion = consultVersion
    }

    var program: Program { engine.program }

    public func plan(_ diagnosis: Diagnosis, merchant: MerchantInfo, language: Language) -> Plan {
        var text = TextFiller(program: program, values: diagnosis.values, language: language)
        text.provenance = diagnosis.answers.provenance
        text.questionsBehind = { [engine] in engine.questionsBehind([$0]) }
        let findings = diagnosis.fired.map { finding($0, text) }
        let actions = self.actions(diagnosis.fired, findings, text)
        let roleOf: (Finding) -> PlaybookRole = { $0.role }
        let eligible = findings.filter { $0.severity >= .medium }
        var top = eligible.filter { roleOf($0) == .problems }.prefix(3).map(\.code)
        if top.count < 3 { top += eligible.filter { roleOf($0) == .context }.prefix(3 - top.count).map(\.code) }
        let thisWeek = actions.filter { a in
            a.bucket == .week1 && a.severity >= .medium
        }.prefix(5).map(\.rank)
        let kpis = KPITable(program: program, diagnosis: diagnosis, language: language).rows(findings: diagnosis.fired)
        var headline = kpis.filter { $0.metric == "monthly_gmv" }.map(\.metric)
        headline += kpis.filter { $0.metric != "monthly_gmv" }.prefix(5 - headline.count).map(\.metric)
        return Plan(
            language: language, merchant: merchant,
            header: program.header.compactMap { text.line($0) },
            position: program.position.compactMap { text.line($0) },
            completeness: (program.coreQuestions.filter { diagnosis.values[$0.id] != nil }.count, program.coreQuestions.count),
            playbooks: diagnosis.playbooks.filter { $0.hasRules(in: program.rules) }.map { p in
                PlaybookSection(id: p.id, title: p.title[language], role: p.role, version: p.version,
                                findings: findings.filter { $0.playbook == p.id }.map(\.code))
            },
            findings: findings,
            fixFirst: findings.filter(\.stopTheLine).map(\.code),
            topFindings: top, actions: actions, thisWeek: thisWeek,
            bodyActions: actions.prefix(12).map(\.rank),
            kpis: kpis, headlineKPIs: headline,
            unknowns: diagnosis.unknowns.map { u in
                UnknownLine(fact: u.fact, question: program.question(u.fact)?.prompt[language] ?? u.fact, wouldCheck: u.wouldCheck)
            },
            assumptions: assumptions(diagnosis.fired),
            derived: program.derived.compactMap { d in diagnosis.values[d.id] == nil ? nil : text.line(d.id) },
            snapshot: program.snapshot.compactMap { diagnosis.values[$0] == nil ? nil : text.line($0) },
            baseline: program.blocks.map { b in
                BaselineBlock(block: b.id, title: b.title[language],
                              facts: program.questions.filter { $0.block == b.id }.compactMap { q in
                                  diagnosis.values[q.id] == nil ? nil : text.line(q.id)
                              })
            }.filter { !$0.facts.isEmpty },
            reviewDate: merchant.date.flatMap { CivilDate($0)?.adding(days: 30).description },
            versions: diagnosis.playbooks.map { ($0.id, $0.version) },
            consultVersion: consultVersion)
    }

    func finding(_ fired: FiredRule, _ text: TextFiller) -> Finding {
        let rule = fired.rule
        let playbook = program.playbook(rule.playbook)
        let behind = engine.questionsBehind(fired.evidence.map(\.fact)).filter { text.values[$0] != nil }
        let estimates = !behind.isEmpty && behind.allSatisfy { text.provenance[$0] == .estimate }
        return Finding(code: rule.code, rule: rule.qualifiedId, playbook: rule.playbook, role: playbook?.role ?? .problems,
                       severity: rule.severity, priority: fired.priority, title: text.fill(rule.title),
                       text: text.fill(rule.finding), evidence: fired.evidence.compactMap { evidence($0.fact, text) },
                       sources: rule.sources, stopTheLine: rule.stopTheLine, condition: rule.when.source,
                       restsOnEstimates: estimates, checks: ThresholdChecks(text: text).of(rule))
    }

    /// A fact as evidence; a derived classification (不现实, 是) also shows the numbers behind it,
    /// so "目标预期水平 不现实" reads "目标预期水平 不现实（增长倍数 3.33，目标期限 2）".
    func evidence(_ fact: String, _ text: TextFiller) -> FactLine? {
        guard var line = text.line(fact) else { return nil }
        guard let derived = program.derivedFact(fact), !derived.fact.kind.isNumeric else { return line }
        let inputs = derived.reads.compactMap { text.line($0) }.filter { ($0.kind?.isNumeric ?? false) && $0.value.isKnown }
        guard !inputs.isEmpty else { return line }
        let list = inputs.map { "\($0.label) \($0.display)" }
        line.display += text.language == .zh ? "（\(list.joined(separator: "，"))）" : " (\(list.joined(separator: ", ")))"
        return line
    }

    /// Ranked actions: finding priority, then the rule's own order; identical owner+text merged.
    func actions(_ fired: [FiredRule], _ findings: [Finding], _ text: TextFiller) -> [PlannedAction] {
        let blocked = fired.contains { f in
            f.rule.severity >= .high && (program.playbook(f.rule.playbook)?.blocksScaling ?? false)
        }
        var result: [PlannedAction] = []
        for f in fired {
            for action in f.rule.actions {
                let body = text.fill(action.text)
                if let i = result.firstIndex(where: { $0.owner == action.owner && $0.text == body }) {
                    result[i].because.append(f.rule.code)
                    continue
                }
                var bucket: Bucket
                switch action.horizon {
                case .this_week: bucket = .week1
                case .d30: bucket = .day30
                case .d90: bucket = f.rule.severity >= .high ? .day60 : .day90
                }
                let deferred = action.scaleUp && blocked
                if deferred { bucket = bucket.later }
                let target = f.rule.kpiTargets.first
                let spec = action.horizon == .d90 ? target?.d90 : (target?.d30 ?? target?.d90)
                result.append(PlannedAction(
                    rank: 0, owner: action.owner, horizon: action.horizon, bucket: bucket, text: body,
                    kpi: text.fill(action.kpi), because: [f.rule.code], deferred: deferred, metric: target?.metric,
                    target: spec.flatMap { s in
                        s.value.evaluate(text.lookup).number.map { "\(s.comparison.rawValue) \($0.rounded(places: 2))" }
                    },
                    severity: f.rule.severity))
            }
        }
        return result.enumerated().map { i, a in
            var a = a
            a.rank = i + 1
            return a
        }
    }

    /// Every assumed threshold a fired rule rests on.
    func assumptions(_ fired: [FiredRule]) -> [Assumption] {
        var seen = Set<Assumption>()
        return fired.flatMap { f in
            f.rule.sources.filter(\.isAssumed).map { Assumption(code: f.rule.code, note: $0.note) }
        }.filter { seen.insert($0).inserted }
    }
}

extension Value {
    public var number: Number? {
        if case .number(let n) = self { return n }
        return nil
    }
}
