import ConsultCharts

/// The built-in style sheet (`style.mustache`). No web fonts and no URLs: the document must
/// look the same offline and on a print server. Chinese comes from the first installed CJK
/// font of the stack (Noto Sans CJK SC on Debian via fonts-noto-cjk). Severity is always
/// written out as a word; the colour only repeats it.
enum TemplateStyle {
    static let style = base + ChartStyle.css + "\n"

    static let base = """
    :root {
      --ink: #1b2631; --muted: #5b6875; --line: #d8dee6; --paper: #fff; --tint: #f4f6f9;
      --brand: #14365d; --accent: #1f6f8b;
      --critical: #b42318; --critical-bg: #fdecea; --high: #c2570c; --high-bg: #fff4e5;
      --medium: #8a5a00; --medium-bg: #fff7dc; --low: #4d5b6a; --low-bg: #eef1f4;
      --sans: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
              "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
      --mono: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Menlo, Consolas, monospace;
    }
    /* English text in a Latin face (CJK fonts set quotes and dashes full-width); Chinese names still fall back. */
    :root:lang(en) { --sans: "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", "Noto Sans CJK SC", "Source Han Sans SC",
                             "PingFang SC", "Microsoft YaHei", sans-serif; }
    * { box-sizing: border-box; }
    html { background: #e9edf1; }
    body { margin: 0; color: var(--ink); font: 14px/1.6 var(--sans); font-variant-numeric: tabular-nums;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .sheet { max-width: 210mm; margin: 24px auto; }
    .page { background: var(--paper); padding: 16mm 15mm; box-shadow: 0 1px 4px rgba(20, 40, 70, .15); margin-bottom: 24px; }
    h1, h2, h3 { color: var(--brand); line-height: 1.3; break-after: avoid; page-break-after: avoid; }
    h1 { font-size: 26px; margin: 4px 0 10px; }
    h2 { font-size: 16px; margin: 18px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--brand); }
    h3 { font-size: 14px; margin: 14px 0 6px; }
    p { margin: 4px 0; }
    ul, ol { margin: 4px 0; padding-left: 20px; }
    .code, .fact { font-family: var(--mono); font-size: .82em; color: var(--muted); white-space: nowrap; }
    code { font-family: var(--mono); font-size: .82em; word-break: break-word; }
    .none, .sub, .legend { color: var(--muted); }
    .sub { font-size: 12px; margin-top: 8px; font-weight: 700; letter-spacing: .02em; }

    /* Header of page 1 */
    .doc-header { border-bottom: 1px solid var(--line); padding-bottom: 10px; margin-bottom: 12px; }
    .brand { display: flex; justify-content: space-between; align-items: baseline; font-size: 12px;
             color: var(--accent); font-weight: 700; letter-spacing: .06em; }
    .doc-kind { color: var(--muted); font-weight: 400; }
    .meta { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0; font-size: 12.5px; }
    .meta div { display: flex; gap: 6px; }
    .meta dt { color: var(--muted); }
    .meta dd { margin: 0; font-weight: 700; }

    /* Fix-first banner */
    .fix-first { border: 1.5px solid var(--critical); border-left-width: 6px; background: var(--critical-bg);
                 border-radius: 4px; padding: 8px 12px; margin: 10px 0 4px; break-inside: avoid; }
    .fix-first-title { color: var(--critical); font-weight: 700; font-size: 15px; display: flex; flex-wrap: wrap; align-items: center; gap: 2px 8px; }
    .fix-first-label { white-space: nowrap; }
    .fix-first .mark { display: inline-block; width: 20px; height: 20px; line-height: 20px; text-align: center;
                       border-radius: 50%; background: var(--critical); color: #fff; font-size: 13px; }
    .fix-first-lead { font-size: 12.5px; color: var(--ink); font-weight: 400; flex: 1 1 14em; }
    .fix-first ul { margin: 2px 0 0; }

    /* Since the last visit (a follow-up) */
    .since-last-visit { border-left: 4px solid var(--accent); background: var(--tint); border-radius: 4px;
                        padding: 4px 12px 6px; margin: 8px 0; break-inside: avoid; }
    .since-last-visit h2 { margin-top: 4px; }
    .since-last-visit .lead { margin: 2px 0; }
    .since-last-visit ul.moved { margin: 2px 0; padding-left: 18px; }
    .state-met { font-weight: 700; }
    .state-missed { color: var(--critical); font-weight: 700; }

    /* Where you stand */
    .position { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; margin: 0; }
    .position div { background: var(--tint); border-radius: 4px; padding: 5px 9px; }
    .position dt { font-size: 11.5px; color: var(--muted); }
    .position dd { margin: 0; font-weight: 700; }

    /* Findings */
    .top-findings { list-style: none; padding: 0; margin: 0; }
    .top-findings li { display: flex; gap: 10px; padding: 6px 8px; border-left: 4px solid var(--line);
                       margin-bottom: 5px; background: var(--tint); break-inside: avoid; }
    .top-findings .num { font-size: 18px; font-weight: 700; color: var(--brand); min-width: 16px; line-height: 1.3; }
    .finding-title { font-weight: 700; }
    .evidence, .sources { font-size: 12.5px; color: var(--muted); }
    .evidence .value { color: var(--ink); font-weight: 700; }
    .provenance { font-size: .8em; color: var(--muted); border: 1px dashed var(--muted); border-radius: 3px; padding: 0 3px; font-weight: 400; }
    .estimate-note { font-size: .8em; font-weight: 400; color: var(--medium); white-space: nowrap; }
    .estimate-note::before { content: "△ "; }
    .finding { border-left: 4px solid var(--line); padding: 4px 0 4px 12px; margin: 8px 0; break-inside: avoid; }
    li.sev-critical, .finding.sev-critical { border-left-color: var(--critical); }
    li.sev-high, .finding.sev-high { border-left-color: var(--high); }
    li.sev-medium, .finding.sev-medium { border-left-color: var(--medium); }
    li.sev-low, .finding.sev-low { border-left-color: var(--low); }
    .badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 0 7px; border-radius: 9px;
             border: 1px solid; line-height: 17px; vertical-align: 1px; white-space: nowrap; }
    .badge.sev-critical { color: var(--critical); background: var(--critical-bg); }
    .badge.sev-high { color: var(--high); background: var(--high-bg); }
    .badge.sev-medium { color: var(--medium); background: var(--medium-bg); }
    .badge.sev-low { color: var(--low); background: var(--low-bg); }
    .working-model .finding { border-left-color: var(--accent); }

    /* Tables */
    table { width: 100%; border-collapse: collapse; font-size: 12.5px; margin: 4px 0 8px; }
    th { text-align: left; font-weight: 700; color: var(--brand); background: var(--tint);
         border-bottom: 1.5px solid var(--brand); padding: 4px 6px; }
    td { border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
    tr { break-inside: avoid; }
    thead { display: table-header-group; }
    .num { text-align: right; white-space: nowrap; }
    .goal { font-weight: 700; }
    .owner, .rank, .bucket { white-space: nowrap; width: 1%; }
    .rules { width: 10%; }
    td.rules .code { display: inline-block; }
    table.sources .rules { width: 50%; }
    table.unknowns .rules { width: auto; white-space: nowrap; }
    .kpi { width: 34%; color: var(--muted); }
    .check { width: 1%; }
    .box { display: inline-block; width: 12px; height: 12px; border: 1.5px solid var(--brand); border-radius: 2px; vertical-align: -1px; }
    .owner-tag { font-weight: 700; }
    .deferred { color: var(--high); font-style: normal; font-size: .92em; }

    /* Working together and the review */
    .together { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; break-inside: avoid; }
    .commitments { font-size: 13px; }
    .merchant-commits { font-size: 13px; }
    .review-date { font-size: 20px; font-weight: 700; color: var(--brand); margin: 2px 0 10px; }
    .sign { border-bottom: 1px solid var(--ink); padding-top: 18px; font-size: 11px; color: var(--muted); }

    /* Details */
    .part { font-size: 20px; border-bottom-width: 3px; margin-top: 0; }
    .details { counter-reset: section; }
    .numbered > h2::before { counter-increment: section; content: counter(section) ". "; }
    .blocks { display: grid; grid-template-columns: 1fr 1fr; gap: 0 20px; }
    .block { break-inside: avoid; }
    .facts { margin: 0; font-size: 12.5px; }
    .facts div { display: flex; justify-content: space-between; gap: 12px; border-bottom: 1px dotted var(--line); padding: 2px 0; }
    .facts dt { color: var(--muted); }
    .facts dd { margin: 0; text-align: right; font-weight: 700; }
    .key-figures { grid-column: 1 / -1; }
    .key-figures .facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 20px; }
    .funnel { margin: 0; font-size: 12.5px; }
    .funnel div { display: flex; gap: 10px; padding: 2px 0; }
    .funnel dt { color: var(--muted); flex: 0 0 9.5em; }
    .funnel dd { margin: 0; flex: 1; min-width: 0; }
    .funnel .does-not-add-up dd { color: var(--critical); font-weight: 700; }
    .more-findings { list-style: none; padding: 0; font-size: 12.5px; columns: 2; column-gap: 20px; }
    .more-findings li { break-inside: avoid; padding: 1px 0; }
    .legend { font-size: 12px; }
    .playbook h3 { border-left: 3px solid var(--accent); padding-left: 8px; }
    .assumptions { font-size: 12.5px; }
    .appendix h2 { font-size: 15px; }
    .trace td { font-size: 11.5px; }
    .versions span { display: inline-block; margin-right: 10px; font-family: var(--mono); font-size: 11.5px; color: var(--muted); }
    .colophon { margin-top: 16px; font-size: 11px; color: var(--muted); text-align: center; }
    a { color: var(--accent); word-break: break-all; }

    @media (max-width: 720px) {
      .sheet { margin: 0; }
      .page { padding: 16px; }
      .position { grid-template-columns: 1fr 1fr; }
      .together, .blocks, .key-figures .facts { grid-template-columns: 1fr; }
      .more-findings { columns: 1; }
      /* A phone (390 px): tables shrink and wrap rather than scroll sideways. */
      table { font-size: 11.5px; }
      th, td { padding: 3px 4px; }
      td { overflow-wrap: anywhere; }
      .owner, .rank, .bucket { white-space: normal; }
    }
    @media (max-width: 480px) {
      /* Who owns a KPI, and the rules behind it, are in the action plan; on a phone the targets
         need the room. A figure may wrap at its spaces (≥ 12万元 / 30天), never inside. */
      table { font-size: 11px; }
      table.kpis .owner, table.kpis .rules { display: none; }
      th { overflow-wrap: anywhere; }
      .num { white-space: normal; }
      table.unknowns .rules { white-space: normal; }
    }

    /* Print: A4, page 1 alone, a running header with merchant and date from page 2 on. */
    @page { size: A4; margin: 13mm 12mm 12mm;
            @top-left { font-size: 8pt; color: #5b6875; font-family: "Liberation Sans", "WenQuanYi Micro Hei", sans-serif; }
            @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #5b6875;
                            font-family: "Liberation Sans", "WenQuanYi Micro Hei", sans-serif; } }
    @page :first { margin-top: 10mm; @top-left { content: none; } }
    @media print {
      /* One TrueType family per language, which Chromium embeds as subset CID fonts: Noto CJK's
         CFF outlines, and any bold it has to fake, would become Type 3 glyphs (large files,
         blurry in some readers). Without synthesis, bold Chinese prints in the regular weight;
         headings keep their size and colour. DejaVu Sans has the few symbols (⚠ ✗) the others lack. */
      :root { --sans: "WenQuanYi Micro Hei", "DejaVu Sans", "Droid Sans Fallback", sans-serif;
              --mono: "WenQuanYi Micro Hei Mono", "DejaVu Sans Mono", monospace; }
      :root:lang(en) { --sans: "Liberation Sans", Arial, "WenQuanYi Micro Hei", "DejaVu Sans", sans-serif;
                       --mono: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace; }
      html, body { background: none; font-synthesis: none; }
      /* Short tables move to the next page whole rather than leave a row or three behind. */
      table.unknowns, table.kpis, table.references { break-inside: avoid; }
      body { font-size: 9.5pt; line-height: 1.45; }
      .sheet { max-width: none; margin: 0; }
      .page { padding: 0; box-shadow: none; margin: 0; }
      table, .facts, .evidence, .sources, .assumptions { font-size: 8.5pt; }
      th, td { padding: 2.5px 5px; }
      .finding { margin: 4px 0; padding-top: 2px; padding-bottom: 2px; }
      .details h2 { font-size: 12pt; margin: 10px 0 5px; }
      .details h3 { font-size: 10pt; margin: 8px 0 4px; }
      .details .part { font-size: 15pt; }
      .symptoms { margin: 2px 0; font-size: 8.5pt; line-height: 1.35; }
      .funnel, .more-findings { font-size: 8.5pt; }
      .working-model .finding { font-size: 8.5pt; line-height: 1.35; }
      .details p { margin: 2px 0; }
      .summary { break-after: page; page-break-after: always; font-size: 9pt; line-height: 1.35; }
      .summary td, .summary th { padding: 2px 5px; line-height: 1.3; }
      .summary h1 { font-size: 19pt; margin: 2px 0 6px; }
      .summary h2 { font-size: 11pt; margin: 6px 0 3px; padding-bottom: 1px; }
      .summary .doc-header { padding-bottom: 6px; margin-bottom: 6px; }
      .summary .fix-first { padding: 4px 10px; margin: 6px 0 2px; }
      .summary .fix-first-title { font-size: 11pt; }
      .summary .position { gap: 4px; }
      .summary .position div { padding: 3px 8px; display: flex; gap: 8px; align-items: baseline; }
      .summary .position dt { font-size: 8pt; white-space: nowrap; }
      .summary .top-findings li { padding: 2px 8px; margin-bottom: 2px; }
      .summary .top-findings .num { font-size: 12pt; line-height: 1.25; }
      .summary .top-findings p { display: inline; }
      .summary .top-findings .evidence::before { content: "  ·  "; }
      .summary .together { gap: 14px; }
      .summary .commitments, .summary .merchant-commits { font-size: inherit; }
      .summary .sign { padding-top: 10px; }
      .summary .review-date { margin-bottom: 4px; }
      .appendix { break-before: page; page-break-before: always; }
      .appendix + .appendix { break-before: auto; page-break-before: auto; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
