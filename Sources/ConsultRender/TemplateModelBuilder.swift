import ConsultEngine
import ConsultExpression
import ConsultPlaybook

extension TemplateModel {
    /// How many problems the merchant edition explains in full; the rest are listed by title
    /// (every format), which keeps a typical plan within four A4 pages.
    static let merchantProblemCards = 6

    /// Formats a plan for a template; the selections (top findings, this week, body actions,
    /// headline KPIs) are the planner's, taken as they are.
    init(_ plan: Plan) {
        let f = PlanFormatter(language: plan.language)
        let findings = Dictionary(plan.findings.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let leadsTo = { (finding: Finding) in
            // Titles can hold commas of their own, so the list is joined with semicolons.
            let titles = finding.symptoms.compactMap { findings[$0]?.title }
            return titles.isEmpty ? nil : titles.joined(separator: plan.language == .zh ? "；" : "; ")
        }
        let numbered = { (codes: [String]) in
            codes.compactMap { findings[$0] }.enumerated().map { i, finding in
                var view = f.finding(finding, number: i + 1)
                view.leadsTo = leadsTo(finding)
                return view
            }
        }
        let top = numbered(plan.topFindings)
        let week = plan.thisWeek.compactMap(plan.action).map(f.action)
        let headline = plan.headlineKPIs.compactMap { m in plan.kpis.first { $0.metric == m } }.map(f.kpi)
        let working = numbered(plan.findings.filter { $0.role == .workingModel }.map(\.code))
        let body = plan.bodyActions.compactMap(plan.action)
        let rest = plan.actions.filter { !plan.bodyActions.contains($0.rank) }.map(f.action)
        let completeness = "\(plan.completeness.known)/\(plan.completeness.total)"

        lang = plan.language.rawValue
        htmlLang = plan.language == .zh ? "zh-CN" : "en"
        labels = Dictionary(uniqueKeysWithValues: Labels.Key.allCases.map { ($0.rawValue, Labels.text($0, plan.language)) })
        title = Labels.text(.planTitle, plan.language)
        merchant = plan.merchant.name.isEmpty ? "—" : plan.merchant.name
        colon = f.colon
        separator = f.listSeparator
        printHeader = CSSString.escape([merchant, plan.merchant.date, title].compactMap { $0 }.joined(separator: "  ·  "))
        consultant = plan.merchant.consultant
        date = plan.merchant.date
        meta = plan.header.map(f.field)
            + [plan.merchant.consultant.map { Field(fact: "consultant", label: f.t(.consultant), value: $0) },
               plan.merchant.date.map { Field(fact: "date", label: f.t(.date), value: $0) }].compactMap { $0 }
            + [Field(fact: "completeness", label: f.t(.completeness), value: completeness)]
        self.completeness = completeness
        fixFirst = numbered(plan.fixFirst)
        hasFixFirst = !fixFirst.isEmpty
        position = plan.position.map(f.field)
        topFindings = top
        hasTopFindings = !top.isEmpty
        thisWeek = week
        hasThisWeek = !week.isEmpty
        headlineKPIs = headline
        hasHeadlineKPIs = !headline.isEmpty
        workingModel = working
        hasWorkingModel = !working.isEmpty
        reviewDate = plan.reviewDate ?? f.t(.reviewInDays)
        baseline = plan.baseline.map { BlockView(id: $0.block, title: $0.title, facts: $0.facts.map(f.field)) }
        derived = plan.derived.map(f.field)
        hasDerived = !derived.isEmpty
        snapshot = plan.snapshot.map(f.field)
        hasSnapshot = !snapshot.isEmpty
        playbooks = plan.playbooks.map { section in
            let items = numbered(section.findings)
            return PlaybookView(id: section.id, title: section.title, role: section.role.rawValue,
                                roleLabel: Labels.role(section.role, plan.language), isContext: section.role == .context,
                                version: section.version, hasFindings: !items.isEmpty, findings: items)
        }
        buckets = Bucket.allCases.compactMap { bucket in
            let items = body.filter { $0.bucket == bucket }.map(f.action)
            return items.isEmpty ? nil : BucketView(id: bucket.rawValue, label: Labels.bucket(bucket, plan.language), actions: items)
        }
        hasActions = !buckets.isEmpty
        kpis = plan.kpis.map(f.kpi)
        hasKPIs = !kpis.isEmpty
        let consultantEdition = plan.edition == .consultant
        unknowns = plan.unknowns.map { u in
            UnknownView(fact: u.fact, label: u.label, find: u.find, question: u.question,
                        wouldCheck: consultantEdition ? u.wouldCheck.joined(separator: ", ") : Labels.decides(u.wouldCheck.count, plan.language),
                        rules: u.wouldCheck)
        }
        hasUnknowns = !unknowns.isEmpty
        moreGaps = Labels.moreGaps(plan.moreUnknowns, plan.language)
        assumptions = plan.assumptions.map { AssumptionView(code: $0.code, note: $0.note) }
        hasAssumptions = !assumptions.isEmpty
        appendixActions = rest
        hasAppendixActions = !rest.isEmpty
        trace = plan.findings.map(f.trace)
        sources = f.sources(plan.findings)
        versions = plan.versions.map { VersionView(playbook: $0.playbook, version: $0.version) }
        consultVersion = plan.consultVersion
        self.consultantEdition = consultantEdition
        diagnosis = Labels.diagnosisLine(plan)
        var counters: [PlaybookRole: Int] = [:]
        // The merchant edition shows the working model once, under "how we work together".
        let all: [ProblemView] = plan.problems.compactMap { p in
            guard let root = findings[p.root], consultantEdition || root.role != .workingModel else { return nil }
            counters[root.role, default: 0] += 1
            var cause = f.finding(root, number: counters[root.role]!)
            cause.leadsTo = leadsTo(root)
            let symptoms = p.members.dropFirst().compactMap { findings[$0] }.map { f.finding($0, number: 0) }
            return ProblemView(number: counters[root.role]!, cause: cause, hasSymptoms: !symptoms.isEmpty, symptoms: symptoms,
                               roleLabel: Labels.role(root.role, plan.language))
        }
        let full = consultantEdition ? all.count : Self.merchantProblemCards
        problems = Array(all.prefix(full))
        moreProblems = Array(all.dropFirst(full))
        hasMoreProblems = !moreProblems.isEmpty
        references = plan.references.map {
            ReferenceView(label: $0.label, value: $0.value.display, median: $0.median, top: $0.top,
                          standing: Labels.standing($0.standing, plan.language), standingId: $0.standing.rawValue)
        }
        funnel = plan.funnel.map { fn in
            FunnelView(decomposition: f.decomposition(fn), reconciliation: f.reconciliation(fn),
                       agreement: fn.addsUp.map { $0 ? "adds-up" : "does-not-add-up" }, steps: f.funnelSteps(fn))
        }
        sinceLastVisit = plan.sinceLastVisit.map { since in
            let list = { (titles: [String]) in titles.isEmpty ? nil : Labels.titleList(titles, plan.language) }
            let kpis = since.kpis.prefix(SinceLastVisitView.kpiRows).map { k in
                KPIMoveView(label: k.label, before: k.before, now: k.now, target: k.target,
                            state: Labels.targetState(k.met, plan.language), stateId: k.met.map { $0 ? "met" : "missed" } ?? "unknown")
            }
            return SinceLastVisitView(lead: Labels.sinceLastVisitLead(since, plan.language), resolved: list(since.resolved),
                                      persisting: list(since.persisting), new: list(since.new), hasKPIs: !kpis.isEmpty, kpis: Array(kpis))
        }
        hasReferences = !references.isEmpty
        referencesAssumed = plan.references.contains(where: \.assumed)
    }

    /// The model with its charts drawn: only HTML places them, so Markdown (a portfolio's plans,
    /// merchant after merchant) never pays for them.
    func withCharts(_ plan: Plan) -> TemplateModel {
        var model = self
        model.trajectoryChart = Charts.trajectory(plan)
        model.funnelChart = plan.funnel.flatMap { Charts.funnel($0, plan.language) }
        model.roadmapChart = Charts.roadmap(plan)
        if let since = plan.sinceLastVisit { model.sinceLastVisit?.chart = Charts.sinceLastVisit(since, plan.language) }
        return model
    }
}
