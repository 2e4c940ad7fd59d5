/// Page 1 of the plan (domain-brief §4.2): the one-page summary a merchant can act on this week.
/// It is laid out to fit one printed A4 page: at most 3 findings, 5 actions and 5 KPIs.
enum TemplateSummary {
    static let summary = """
    <section class="page summary" id="summary" aria-label="{{labels.summary}}">
    <header class="doc-header">
      <div class="brand">{{> brand}}<span class="doc-kind">{{labels.summary}}</span></div>
      <h1>{{merchant}}</h1>
      <dl class="meta">
    {{#meta}}    <div><dt>{{label}}</dt><dd>{{value}}</dd></div>
    {{/meta}}  </dl>
    </header>
    {{#hasFixFirst}}
    <aside class="fix-first" role="note">
      <p class="fix-first-title"><span class="mark" aria-hidden="true">!</span><span class="fix-first-label">{{labels.fixFirst}}</span><span class="fix-first-lead">{{labels.fixFirstLead}}</span></p>
      <ul>
    {{#fixFirst}}    <li>{{#consultantEdition}}<span class="code">{{code}}</span>{{/consultantEdition}} {{title}}</li>
    {{/fixFirst}}  </ul>
    </aside>
    {{/hasFixFirst}}
    <p class="diagnosis"><strong>{{labels.diagnosis}}{{colon}}</strong>{{diagnosis}}</p>
    {{#sinceLastVisit}}
    <section class="since-last-visit" aria-label="{{labels.sinceLastVisit}}">
    <h2>{{labels.sinceLastVisit}}</h2>
    <p class="lead">{{lead}}</p>
    <ul class="moved">
    {{#resolved}}  <li class="resolved"><strong>{{labels.resolvedFindings}}{{colon}}</strong>{{.}}</li>
    {{/resolved}}{{#persisting}}  <li class="persisting"><strong>{{labels.persistingFindings}}{{colon}}</strong>{{.}}</li>
    {{/persisting}}{{#new}}  <li class="new"><strong>{{labels.newFindings}}{{colon}}</strong>{{.}}</li>
    {{/new}}</ul>
    {{{chart}}}
    {{#hasKPIs}}
    <table class="kpis moved">
      <thead><tr><th>{{labels.metric}}</th><th class="num">{{labels.lastVisitCol}}</th><th class="num">{{labels.nowCol}}</th><th class="num">{{labels.dueTarget}}</th><th>{{labels.standing}}</th></tr></thead>
      <tbody>
    {{#kpis}}    <tr><td>{{label}}</td><td class="num">{{before}}</td><td class="num">{{now}}</td><td class="num">{{target}}</td><td class="state-{{stateId}}">{{state}}</td></tr>
    {{/kpis}}  </tbody>
    </table>
    {{/hasKPIs}}
    </section>
    {{/sinceLastVisit}}
    <h2>{{labels.whereYouStand}}</h2>
    <dl class="position">
    {{#position}}  <div><dt>{{label}}</dt><dd>{{value}}</dd></div>
    {{/position}}</dl>
    <h2>{{labels.topFindings}}</h2>
    {{#hasTopFindings}}
    <ol class="top-findings">
    {{#topFindings}}  <li class="sev-{{severity}}">
        <span class="num">{{number}}</span>
        <div>
          <p class="finding-title"><span class="badge sev-{{severity}}">{{severityLabel}}</span> {{title}} {{#consultantEdition}}<span class="code">{{code}}</span>{{/consultantEdition}}{{#restsOnEstimates}} <span class="estimate-note">{{labels.restsOnEstimates}}</span>{{/restsOnEstimates}}</p>
          {{#leadsTo}}<p class="leads-to">{{labels.leadsTo}}{{colon}}{{.}}</p>{{/leadsTo}}
          {{#hasEvidence}}<p class="evidence">{{labels.evidence}}{{colon}}{{> evidence}}</p>{{/hasEvidence}}
        </div>
      </li>
    {{/topFindings}}</ol>
    {{/hasTopFindings}}
    {{^hasTopFindings}}<p class="none">{{labels.none}}</p>{{/hasTopFindings}}
    <h2>{{labels.thisWeek}}</h2>
    {{#hasThisWeek}}
    <table class="actions this-week">
      <thead><tr><th class="check" aria-label="✓"></th><th class="owner">{{labels.owner}}</th><th>{{labels.action}}</th><th class="kpi">{{labels.kpi}}</th></tr></thead>
      <tbody>
    {{#thisWeek}}    <tr><td class="check"><span class="box" aria-hidden="true"></span></td><td class="owner"><span class="owner-tag owner-{{ownerId}}">{{owner}}</span></td><td>{{text}}{{#deferredNote}} <em class="deferred">{{.}}</em>{{/deferredNote}}</td><td class="kpi">{{kpi}}</td></tr>
    {{/thisWeek}}  </tbody>
    </table>
    {{/hasThisWeek}}
    {{^hasThisWeek}}<p class="none">{{labels.none}}</p>{{/hasThisWeek}}
    <h2>{{labels.targets90}}</h2>
    {{#hasHeadlineKPIs}}
    <table class="kpis headline">
      <thead><tr><th>{{labels.metric}}</th><th class="num">{{labels.baselineCol}}</th><th class="num">{{labels.day30}}</th><th class="num">{{labels.day60}}</th><th class="num">{{labels.day90}}</th></tr></thead>
      <tbody>
    {{#headlineKPIs}}    <tr><td>{{label}}</td><td class="num">{{baseline}}</td><td class="num">{{d30}}</td><td class="num">{{d60}}</td><td class="num goal">{{d90}}</td></tr>
    {{/headlineKPIs}}  </tbody>
    </table>
    {{/hasHeadlineKPIs}}
    {{^hasHeadlineKPIs}}<p class="none">{{labels.none}}</p>{{/hasHeadlineKPIs}}
    <div class="together">
      <div>
        <h2>{{labels.workingTogether}}</h2>
        <p class="sub">{{labels.providerCommits}}</p>
        <ul class="commitments">
    {{#workingModel}}      <li>{{title}} {{#consultantEdition}}<span class="code">{{code}}</span>{{/consultantEdition}}</li>
    {{/workingModel}}{{^hasWorkingModel}}      <li>{{labels.none}}</li>
    {{/hasWorkingModel}}    </ul>
        <p class="sub">{{labels.merchantCommitsTitle}}</p>
        <p class="merchant-commits">{{labels.merchantCommits}}</p>
      </div>
      <div class="review">
        <h2>{{labels.nextReview}}</h2>
        <p class="review-date">{{reviewDate}}</p>
        <p class="sign">{{labels.signMerchant}}</p>
        <p class="sign">{{labels.signConsultant}}</p>
      </div>
    </div>
    </section>

    """
}
