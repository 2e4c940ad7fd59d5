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

    /// The plan of one edition: the merchant's (default) keeps the body's 12 actions in every format.
    public func plan(_ diagnosis: Diagnosis, merchant: MerchantInfo, language: Language, edition: Edition = .merchant) -> Plan {
        fullPlan(diagnosis, merchant: merchant, language: language).forEdition(edition)
    }

    /// A fired rule's title as the plan shows it (terms and facts filled in), for the shell's live lines.
    public func title(of fired: FiredRule, in diagnosis: Diagnosis, language: Language) -> String {
        TextFiller(program: program, values: diagnosis.values, language: language).fill(fired.rule.title)
    }

    func fullPlan(_ diagnosis: Diagnosis, merchant: MerchantInfo, language: Language) -> Plan {
        var text = TextFiller(program: program, values: diagnosis.values, language: language)
        text.provenance = diagnosis.answers.provenance
        text.questionsBehind = { [engine] in engine.questionsBehind([$0]) }
        let problems = Problem.group(diagnosis.fired)
        let byCode = Dictionary(diagnosis.fired.map { ($0.rule.code, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = problems.flatMap(\.members).compactMap { byCode[$0] }
        let rootOf = Dictionary(problems.flatMap { p in p.members.map { ($0, p.root) } }, uniquingKeysWith: { a, _ in a })
        let findings = ordered.map { finding($0, text, problem: rootOf[$0.rule.code] ?? $0.rule.code) }
        let kpis = KPITable(program: program, diagnosis: diagnosis, language: language).rows(findings: diagnosis.fired)
        let actions = self.actions(ordered, text, kpis: kpis)
        let roots = problems.compactMap { p in findings.first { $0.code == p.root } }.filter { $0.severity >= .medium }
        var top = roots.filter { $0.role == .problems }.prefix(3).map(\.code)
        if top.count < 3 { top += roots.filter { $0.role == .context }.prefix(3 - top.count).map(\.code) }
        let thisWeek = actions.filter { a in
            a.bucket == .week1 && a.severity >= .medium
        }.prefix(5).map(\.rank)
        var headline = kpis.filter { $0.metric == "monthly_gmv" }.map(\.metric)
        headline += kpis.filter { $0.metric != "monthly_gmv" }.prefix(5 - headline.count).map(\.metric)
        // One count everywhere: the questions that apply to this merchant (core and follow-ups).
        let applicable = engine.applicable(diagnosis.answers, values: diagnosis.values)
        var plan = Plan(
            language: language, merchant: merchant,
            header: program.header.compactMap { text.line($0) },
            position: program.position.compactMap { text.line($0) },
            completeness: (applicable.filter { diagnosis.values[$0.id] != nil }.count, applicable.count),
            playbooks: diagnosis.playbooks.filter { $0.hasRules(in: program.rules) }.map { p in
                PlaybookSection(id: p.id, title: p.title[language], role: p.role, version: p.version,
                                findings: findings.filter { $0.playbook == p.id }.map(\.code))
            },
            findings: findings,
            problems: problems,
            setAside: diagnosis.setAside,
            fixFirst: findings.filter(\.stopTheLine).map(\.code),
            topFindings: top, actions: actions, thisWeek: thisWeek,
            bodyActions: actions.prefix(12).map(\.rank),
            kpis: kpis, headlineKPIs: headline,
            unknowns: diagnosis.unknowns.map { u in
                UnknownLine(fact: u.fact, question: program.question(u.fact)?.prompt[language] ?? u.fact, wouldCheck: u.wouldCheck,
                            label: text.line(u.fact)?.label ?? u.fact,
                            find: program.question(u.fact)?.find.map { text.fill($0) })
            },
            assumptions: assumptions(diagnosis.fired, language),
            derived: program.derived.compactMap { d in diagnosis.values[d.id] == nil ? nil : text.line(d.id) },
            snapshot: program.snapshot.compactMap { diagnosis.values[$0] == nil ? nil : text.line($0) },
            baseline: program.blocks.map { b in
                BaselineBlock(block: b.id, title: b.title[language],
                              facts: program.questions.filter { $0.block == b.id }.compactMap { q in
                                  diagnosis.values[q.id] == nil ? nil : text.line(q.id)
                              })
            }.filter { !$0.facts.isEmpty },
            references: references(text),
            reviewDate: merchant.date.flatMap { CivilDate($0)?.adding(days: 30).description },
            versions: diagnosis.playbooks.map { ($0.id, $0.version) },
            consultVersion: consultVersion)
        plan.funnel = funnel(diagnosis, text, references: plan.references)
        if !diagnosis.answers.pending.isEmpty {
            plan.interview = (applicable.filter { diagnosis.answers.raw[$0.id] != nil }.count, applicable.count)
        }
        return plan
    }

    /// The decomposition and funnel of the playbooks' `funnel:`, shown once any of its numbers is known.
    func funnel(_ diagnosis: Diagnosis, _ text: TextFiller, references: [ReferenceLine]) -> Funnel? {
        guard let spec = program.funnel, let decomposed = text.line(spec.result), let reported = text.line(spec.reported) else { return nil }
        let factors = spec.factors.compactMap { factor -> Funnel.Factor? in
            switch factor {
            case .fact(let id):
                return text.line(id).map { Funnel.Factor(label: $0.label, display: $0.display, known: $0.value.isKnown) }
            case .constant(let n, let unit):
                return Funnel.Factor(label: "", display: ValueFormatter.plain(n) + (text.language == .zh ? "" : " ") + unit[text.language], known: true)
            }
        }
        let steps = spec.steps.compactMap { id -> Funnel.Step? in
            guard let line = text.line(id), line.value.isKnown else { return nil }
            return Funnel.Step(value: line, reference: references.first { $0.fact == id })
        }
        let ratio = spec.ratio.flatMap { text.line($0) }.flatMap { $0.value.isKnown ? $0 : nil }
        guard decomposed.value.isKnown || factors.contains(where: { $0.known && !$0.label.isEmpty }) || !steps.isEmpty else { return nil }
        var addsUp: Bool?
        if decomposed.value.isKnown && reported.value.isKnown {
            addsUp = !diagnosis.fired.contains { f in f.evidence.contains { $0.fact == spec.ratio } }
        }
        return Funnel(factors: factors, decomposed: decomposed, reported: reported, ratio: ratio, addsUp: addsUp, steps: steps)
    }

    /// The merchant's value beside the peer median and top quartile, for every reference whose
    /// metric is known.
    func references(_ text: TextFiller) -> [ReferenceLine] {
        program.references.compactMap { r in
            guard let line = text.line(r.metric), let value = line.value.number, let row = r.row(text.lookup) else { return nil }
            let declaration = program.declaration(of: r.metric)
            let standing: ReferenceLine.Standing
            let better: (Number, Number) -> Bool = r.lowerIsBetter ? { $0 <= $1 } : { $0 >= $1 }
            if better(value, row.top) { standing = .top } else if better(value, row.median) { standing = .aboveMedian } else { standing = .belowMedian }
            return ReferenceLine(fact: r.metric, label: line.label, value: line,
                                 median: ValueFormatter.format(.number(row.median), as: declaration, text.language),
                                 top: ValueFormatter.format(.number(row.top), as: declaration, text.language),
                                 standing: standing, assumed: r.sources.contains(where: \.isAssumed), medianValue: row.median)
        }
    }

    func finding(_ fired: FiredRule, _ text: TextFiller, problem: String) -> Finding {
        let rule = fired.rule
        let playbook = program.playbook(rule.playbook)
        let behind = engine.questionsBehind(fired.evidence.map(\.fact)).filter { text.values[$0] != nil }
        let estimates = !behind.isEmpty && behind.allSatisfy { text.provenance[$0] == .estimate }
        var finding = Finding(code: rule.code, rule: rule.qualifiedId, playbook: rule.playbook, role: playbook?.role ?? .problems,
                              severity: fired.severity, priority: fired.priority, title: text.fill(rule.title),
                              text: text.fill(rule.finding), evidence: fired.evidence.compactMap { evidence($0.fact, text) },
                              sources: rule.sources, stopTheLine: rule.stopTheLine, condition: rule.when.source,
                              restsOnEstimates: estimates, checks: ThresholdChecks(text: text).of(rule))
        finding.score = fired.score
        finding.causes = fired.causes
        finding.symptoms = fired.symptoms
        finding.problem = problem
        return finding
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

    /// Ranked actions: problem order, then the rule's own order; identical owner+text merged;
    /// actions a fired rule overrides (same lever, other direction) left out.
    func actions(_ fired: [FiredRule], _ text: TextFiller, kpis: [KPIRow]) -> [PlannedAction] {
        let blocked = fired.contains { f in
            f.severity >= .high && (program.playbook(f.rule.playbook)?.blocksScaling ?? false)
        }
        let overridden = Self.overridden(fired)
        var result: [PlannedAction] = []
        for f in fired {
            for (index, action) in f.rule.actions.enumerated() where !overridden.contains(Pair(f.rule.code, index)) {
                let body = text.fill(action.text)
                if let i = result.firstIndex(where: { $0.owner == action.owner && $0.text == body }) {
                    result[i].because.append(f.rule.code)
                    continue
                }
                var bucket: Bucket
                switch action.horizon {
                case .thisWeek: bucket = .week1
                case .d30: bucket = .day30
                case .d90: bucket = f.severity >= .high ? .day60 : .day90
                }
                let deferred = action.scaleUp && blocked
                if deferred { bucket = bucket.later }
                let metric = action.metric ?? f.rule.kpiTargets.first?.metric
                result.append(PlannedAction(
                    rank: 0, owner: action.owner, horizon: action.horizon, bucket: bucket, text: body,
                    kpi: text.fill(action.kpi), because: [f.rule.code], deferred: deferred, metric: metric,
                    target: metric.flatMap { target(for: $0, rule: f.rule, bucket: bucket, text, kpis) },
                    severity: f.severity))
            }
        }
        return result.enumerated().map { i, a in
            var a = a
            a.rank = i + 1
            return a
        }
    }

    struct Pair: Hashable {
        var code: String
        var index: Int
        init(_ code: String, _ index: Int) { self.code = code; self.index = index }
    }

    /// The actions of rules that a fired rule overrides and that pull one of its levers the other way.
    static func overridden(_ fired: [FiredRule]) -> Set<Pair> {
        let byCode = Dictionary(fired.map { ($0.rule.code, $0.rule) }, uniquingKeysWith: { a, _ in a })
        var out = Set<Pair>()
        for f in fired {
            let pulls = f.rule.actions.flatMap { $0.levers.map { ($0.key, $0.value) } }
            for code in f.rule.overrides {
                guard let other = byCode[code] else { continue }
                for (i, action) in other.actions.enumerated() where action.levers.contains(where: { lever, stance in
                    pulls.contains { $0.0 == lever && $0.1 != stance }
                }) {
                    out.insert(Pair(code, i))
                }
            }
        }
        return out
    }

    /// The target an action aims at by its bucket: the rule's own target for the metric, else the
    /// KPI table's.
    func target(for metric: String, rule: Rule, bucket: Bucket, _ text: TextFiller, _ kpis: [KPIRow]) -> String? {
        if let row = kpis.first(where: { $0.metric == metric }) {
            let t: KPITarget? = switch bucket {
            case .week1, .day30: row.d30
            case .day60: row.d60
            case .day90: row.d90
            }
            if let t { return "\(t.comparison.rawValue) \(t.value)" }
        }
        guard let spec = rule.kpiTargets.first(where: { $0.metric == metric }) else { return nil }
        let s = bucket == .day90 ? spec.d90 : (spec.d30 ?? spec.d90)
        return s.flatMap { s in s.value.evaluate(text.lookup).number.map { "\(s.comparison.rawValue) \($0.rounded(places: 2))" } }
    }

    /// Every assumed threshold a fired rule rests on.
    func assumptions(_ fired: [FiredRule], _ language: Language) -> [Assumption] {
        var seen = Set<Assumption>()
        return fired.flatMap { f in
            f.rule.sources.filter(\.isAssumed).map { Assumption(code: f.rule.code, note: $0.note[language]) }
        }.filter { seen.insert($0).inserted }
    }
}

extension Value {
    public var number: Number? {
        if case .number(let n) = self { return n }
        return nil
    }
}
