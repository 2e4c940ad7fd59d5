/// The detail pages (domain-brief §4.2 "Details"): the evidence a merchant or a colleague can
/// check behind every line of page 1. Sections are numbered by the style sheet.
enum TemplateDetails {
    static let details = """
    <section class="page details" id="details" aria-label="{{labels.details}}">
    <h2 class="part">{{labels.details}}</h2>
    <section class="numbered baseline" id="baseline">
    <h2>{{labels.baseline}}</h2>
    <div class="blocks">
    {{#consultantEdition}}
    {{#baseline}}<div class="block">
    <h3>{{title}}</h3>
    <dl class="facts">
    {{#facts}}  <div><dt>{{label}}</dt><dd>{{value}}{{#provenanceLabel}} <span class="provenance">{{.}}</span>{{/provenanceLabel}}</dd></div>
    {{/facts}}</dl>
    </div>
    {{/baseline}}
    {{#hasDerived}}<div class="block">
    <h3>{{labels.derived}}</h3>
    <dl class="facts">
    {{#derived}}  <div><dt>{{label}}</dt><dd>{{value}}</dd></div>
    {{/derived}}</dl>
    </div>
    {{/hasDerived}}
    {{/consultantEdition}}
    {{^consultantEdition}}{{#hasSnapshot}}<div class="block key-figures">
    <h3>{{labels.keyFigures}}</h3>
    <dl class="facts">
    {{#snapshot}}  <div><dt>{{label}}</dt><dd>{{value}}{{#provenanceLabel}} <span class="provenance">{{.}}</span>{{/provenanceLabel}}</dd></div>
    {{/snapshot}}</dl>
    </div>{{/hasSnapshot}}{{/consultantEdition}}
    </div>
    </section>
    <section class="numbered findings" id="findings">
    <h2>{{labels.findingsByPlaybook}}</h2>
    <p class="legend">{{labels.severityLegend}}</p>
    <p class="sub">{{labels.problems}}</p>
    {{#funnel}}
    <h3>{{labels.funnel}}</h3>
    <dl class="funnel">
      <div><dt>{{labels.decomposition}}</dt><dd>{{decomposition}}</dd></div>
    {{#reconciliation}}  <div class="{{agreement}}"><dt>{{labels.reportedGMV}}</dt><dd>{{reconciliation}}</dd></div>
    {{/reconciliation}}{{#steps}}  <div><dt>{{labels.funnelSteps}}</dt><dd>{{steps}}</dd></div>
    {{/steps}}</dl>
    {{{funnelChart}}}
    {{/funnel}}
    {{#hasReferences}}
    <h3>{{labels.references}}{{#referencesAssumed}}{{labels.assumedMark}}{{/referencesAssumed}}</h3>
    <table class="references">
      <thead><tr><th>{{labels.metric}}</th><th class="num">{{labels.yours}}</th><th class="num">{{labels.peerMedian}}</th><th class="num">{{labels.peerTop}}</th><th>{{labels.standing}}</th></tr></thead>
      <tbody>
    {{#references}}    <tr class="standing-{{standingId}}"><td>{{label}}</td><td class="num">{{value}}</td><td class="num">{{median}}</td><td class="num">{{top}}</td><td>{{standing}}</td></tr>
    {{/references}}  </tbody>
    </table>
    {{/hasReferences}}
    {{#problems}}
    <article class="problem finding sev-{{cause.severity}}">
      <p class="finding-title"><span class="num">{{number}}</span> <span class="badge sev-{{cause.severity}}">{{cause.severityLabel}}</span> {{#consultantEdition}}<span class="code">{{cause.code}}</span> {{/consultantEdition}}{{cause.title}}{{roleLabel}}{{#cause.restsOnEstimates}} <span class="estimate-note">{{labels.restsOnEstimates}}</span>{{/cause.restsOnEstimates}}</p>
      <p>{{cause.text}}</p>
      {{#cause.hasEvidence}}<p class="evidence"><strong>{{labels.evidence}}{{colon}}</strong>{{#cause}}{{> evidence}}{{/cause}}</p>{{/cause.hasEvidence}}
      {{#hasSymptoms}}<ul class="symptoms">
    {{#symptoms}}    <li><strong>{{labels.leadsTo}}{{colon}}</strong><span class="badge sev-{{severity}}">{{severityLabel}}</span> {{#consultantEdition}}<span class="code">{{code}}</span> {{/consultantEdition}}{{title}} — {{text}}</li>
    {{/symptoms}}  </ul>{{/hasSymptoms}}
      {{#consultantEdition}}<p class="sources"><strong>{{labels.sources}}{{colon}}</strong>{{cause.sourcesText}} · {{labels.score}} {{cause.priority}}</p>{{/consultantEdition}}
    </article>
    {{/problems}}
    {{#hasMoreProblems}}
    <h3>{{labels.moreFindings}}</h3>
    <ul class="more-findings">
    {{#moreProblems}}  <li><span class="badge sev-{{cause.severity}}">{{cause.severityLabel}}</span> {{cause.title}}{{roleLabel}}</li>
    {{/moreProblems}}</ul>
    {{/hasMoreProblems}}
    </section>
    <section class="numbered action-plan" id="actions">
    <h2>{{labels.actionPlan}}</h2>
    {{^hasActions}}<p class="none">{{labels.none}}</p>{{/hasActions}}
    {{{roadmapChart}}}
    {{#buckets}}
    <h3>{{label}}</h3>
    <table class="actions">
      <thead><tr><th class="rank">#</th><th class="owner">{{labels.owner}}</th><th>{{labels.action}}</th><th class="kpi">{{labels.kpi}}</th>{{#consultantEdition}}<th class="rules">{{labels.rules}}</th>{{/consultantEdition}}</tr></thead>
      <tbody>
    {{#actions}}    <tr><td class="rank">{{rank}}</td><td class="owner"><span class="owner-tag owner-{{ownerId}}">{{owner}}</span></td><td>{{text}}{{#deferredNote}} <em class="deferred">{{.}}</em>{{/deferredNote}}</td><td class="kpi">{{kpi}}</td>{{#consultantEdition}}<td class="rules">{{#rules}}<span class="code">{{.}}</span> {{/rules}}</td>{{/consultantEdition}}</tr>
    {{/actions}}  </tbody>
    </table>
    {{/buckets}}
    </section>
    <section class="numbered kpi-table" id="kpis">
    <h2>{{labels.kpiTable}}</h2>
    {{^hasKPIs}}<p class="none">{{labels.none}}</p>{{/hasKPIs}}
    {{#hasKPIs}}
    {{{trajectoryChart}}}
    <table class="kpis">
      <thead><tr><th>{{labels.metric}}</th><th class="num">{{labels.baselineCol}}</th><th class="num">{{labels.day30}}</th><th class="num">{{labels.day60}}</th><th class="num">{{labels.day90}}</th><th class="owner">{{labels.owner}}</th>{{#consultantEdition}}<th class="rules">{{labels.rules}}</th>{{/consultantEdition}}</tr></thead>
      <tbody>
    {{#kpis}}    <tr><td>{{label}}</td><td class="num">{{baseline}}</td><td class="num">{{d30}}</td><td class="num">{{d60}}</td><td class="num goal">{{d90}}</td><td class="owner">{{owner}}</td>{{#consultantEdition}}<td class="rules">{{#rules}}<span class="code">{{.}}</span> {{/rules}}</td>{{/consultantEdition}}</tr>
    {{/kpis}}  </tbody>
    </table>
    {{/hasKPIs}}
    </section>
    <section class="numbered working-model" id="working-model">
    <h2>{{labels.workingTogether}}</h2>
    <h3>{{labels.providerCommits}}</h3>
    {{^hasWorkingModel}}<p class="none">{{labels.none}}</p>{{/hasWorkingModel}}
    {{#workingModel}}
    <article class="finding sev-{{severity}}">
      <p class="finding-title">{{#consultantEdition}}<span class="code">{{code}}</span>{{/consultantEdition}} {{title}}</p>
      <p>{{text}}</p>
    </article>
    {{/workingModel}}
    <h3>{{labels.merchantCommitsTitle}}</h3>
    <p>{{labels.merchantCommits}}</p>
    <p><strong>{{labels.nextReview}}{{colon}}</strong>{{reviewDate}}</p>
    </section>
    <section class="numbered gaps" id="gaps">
    <h2>{{labels.gaps}}</h2>
    <h3>{{labels.unknownFacts}}</h3>
    {{^hasUnknowns}}<p class="none">{{labels.none}}</p>{{/hasUnknowns}}
    {{#hasUnknowns}}
    <table class="unknowns">
      <thead><tr><th>{{labels.toConfirm}}</th><th class="rules">{{labels.wouldCheck}}</th><th>{{labels.whereToFind}}</th></tr></thead>
      <tbody>
    {{#unknowns}}    <tr><td>{{#consultantEdition}}{{question}} <span class="fact">{{fact}}</span>{{/consultantEdition}}{{^consultantEdition}}{{label}}{{/consultantEdition}}</td><td class="rules">{{wouldCheck}}</td><td>{{find}}</td></tr>
    {{/unknowns}}  </tbody>
    </table>
    {{#moreGaps}}<p class="none">{{.}}</p>{{/moreGaps}}
    {{/hasUnknowns}}
    {{#consultantEdition}}
    <h3>{{labels.assumptions}}</h3>
    {{^hasAssumptions}}<p class="none">{{labels.none}}</p>{{/hasAssumptions}}
    {{#hasAssumptions}}
    <ul class="assumptions">
    {{#assumptions}}  <li><span class="code">{{code}}</span> {{note}}</li>
    {{/assumptions}}</ul>
    {{/hasAssumptions}}
    {{/consultantEdition}}
    </section>
    {{> appendix}}
    </section>

    """

    /// A finding's evidence as "label value, label value" with the values stressed.
    static let evidence = """
    {{#evidence}}{{label}} <b class="value">{{value}}</b>{{#provenanceLabel}} <span class="provenance">{{.}}</span>{{/provenanceLabel}}{{^last()}}{{separator}}{{/last()}}{{/evidence}}
    """

    static let appendix = """
    {{#hasAppendixActions}}
    <section class="appendix" id="appendix-a">
    <h2>{{labels.appendixActions}}</h2>
    <table class="actions">
      <thead><tr><th class="rank">#</th><th class="bucket">{{labels.bucket}}</th><th class="owner">{{labels.owner}}</th><th>{{labels.action}}</th><th class="kpi">{{labels.kpi}}</th>{{#consultantEdition}}<th class="rules">{{labels.rules}}</th>{{/consultantEdition}}</tr></thead>
      <tbody>
    {{#appendixActions}}    <tr><td class="rank">{{rank}}</td><td class="bucket">{{bucket}}</td><td class="owner"><span class="owner-tag owner-{{ownerId}}">{{owner}}</span></td><td>{{text}}{{#deferredNote}} <em class="deferred">{{.}}</em>{{/deferredNote}}</td><td class="kpi">{{kpi}}</td>{{#consultantEdition}}<td class="rules">{{#rules}}<span class="code">{{.}}</span> {{/rules}}</td>{{/consultantEdition}}</tr>
    {{/appendixActions}}  </tbody>
    </table>
    </section>
    {{/hasAppendixActions}}
    {{#consultantEdition}}
    <section class="appendix trace" id="appendix-b">
    <h2>{{labels.appendixTrace}}</h2>
    <table class="trace">
      <thead><tr><th class="rules">{{labels.code}}</th><th>{{labels.condition}}</th><th>{{labels.evidence}}</th></tr></thead>
      <tbody>
    {{#trace}}    <tr><td class="rules code">{{code}}</td><td><code>{{condition}}</code></td><td><code>{{values}}</code></td></tr>
    {{/trace}}  </tbody>
    </table>
    <h3>{{labels.sources}}</h3>
    <table class="sources">
      <thead><tr><th>{{labels.sources}}</th><th class="rules">{{labels.sourceRules}}</th></tr></thead>
      <tbody>
    {{#sources}}    <tr><td>{{#hasTitle}}{{title}}{{#showRef}} · {{/showRef}}{{/hasTitle}}{{#isLink}}<a href="{{ref}}">{{ref}}</a>{{/isLink}}{{^isLink}}{{#showRef}}<span class="fact">{{ref}}</span>{{/showRef}}{{/isLink}}</td>{{#consultantEdition}}<td class="rules">{{#rules}}<span class="code">{{.}}</span> {{/rules}}</td>{{/consultantEdition}}</tr>
    {{/sources}}  </tbody>
    </table>
    <h3>{{labels.versions}}</h3>
    <p class="versions">{{#versions}}<span>{{playbook}} v{{version}}</span> {{/versions}}<span>consult {{consultVersion}}</span></p>
    <p class="colophon">{{labels.generatedBy}} · {{labels.confidential}}</p>
    </section>
    {{/consultantEdition}}

    """
}
