/**
 * The debrief as one self-contained HTML page: inline CSS and inline SVG charts, no scripts,
 * no external resources, so it opens anywhere and prints to PDF as it looks.
 */
import type { Debrief } from './debrief-types';
import { clock, duration } from './format';
import { escapeXml as esc, lineChartSvg } from './debrief-chart';
import { factValue, pointsText, runRows, whoOf } from './report-text';

const COLOURS = { learner: '#1f6feb', doNothing: '#b42318', reference: '#1a7f37' };

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;max-width:980px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#57606a}.verdict{font-size:16px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
.kind-fault-onset td,.kind-fault-end td{background:#fff1f0}.kind-alert td{background:#fff8e6}.kind-reference td{color:#57606a}
.rating-harmful{color:#b42318;font-weight:600}.rating-recommended{color:#1a7f37;font-weight:600}.rating-acceptable{color:#9a6700}
.evidence{color:#57606a;font-size:12px}.chart{max-width:100%;height:auto}
.chart .tick,.chart .legend,.chart .marker,.chart .axis{font:11px system-ui,sans-serif;fill:#444}.chart .marker{fill:#b00}
blockquote{margin:8px 0;padding:8px 12px;border-left:4px solid #d0d7de;background:#f6f8fa}
@media print{body{margin:0}h2{break-after:avoid}}
`;

function scoreTable(d: Debrief): string {
  const rows = d.score.criteria.map((c) => {
    const facts = c.evidence.facts.map((f) => `${esc(f.label)}: ${esc(factValue(f))}`);
    const seqs = c.evidence.seqs.length
      ? [`decisions ${c.evidence.seqs.map((n) => `#${n}`).join(', ')}`]
      : [];
    return `<tr><td>${esc(c.label)}</td><td class="num">${esc(pointsText(c))}</td><td>${esc(c.explanation)}<div class="evidence">${[...seqs, ...facts].join(' · ')}</div></td></tr>`;
  });
  return `<table><thead><tr><th>Criterion</th><th>Points</th><th>Why</th></tr></thead><tbody>${rows.join('')}<tr><th>Total</th><th class="num">${d.score.total} / ${d.score.max}</th><th></th></tr></tbody></table>`;
}

function charts(d: Debrief): string {
  const c = d.curves;
  const markers = d.faults.map((f) => ({ t: f.at, label: f.id }));
  const series = (key: 'harmRate' | 'costPerHour') => [
    {
      label: 'You',
      colour: COLOURS.learner,
      points: c.learner.map((p) => ({ t: p.t, v: p[key] })),
    },
    {
      label: 'Doing nothing',
      colour: COLOURS.doNothing,
      points: c.doNothing.map((p) => ({ t: p.t, v: p[key] })),
      dashed: true,
    },
    {
      label: 'Reference',
      colour: COLOURS.reference,
      points: c.reference.map((p) => ({ t: p.t, v: p[key] })),
      dashed: true,
    },
  ];
  const harm = lineChartSvg({
    title: 'Harm per request, per window',
    yLabel: 'harm / request',
    xMax: d.scenario.durationMs,
    series: series('harmRate'),
    level: c.harmThreshold !== null ? { value: c.harmThreshold, label: 'threshold' } : null,
    markers,
  });
  const cost = lineChartSvg({
    title: 'Cost per hour, per window',
    yLabel: 'USD / hour',
    xMax: d.scenario.durationMs,
    series: series('costPerHour'),
    level: c.budgetUsdPerHour !== null ? { value: c.budgetUsdPerHour, label: 'budget' } : null,
    markers,
  });
  return `${harm}${cost}`;
}

function runTable(d: Debrief): string {
  const rows = runRows(d).map(
    (r) =>
      `<tr><td>${esc(r.label)}</td><td class="num">${r.harm}</td><td class="num">${r.rate}</td><td class="num">${esc(r.cost)}</td><td>${esc(r.recovered)}</td><td class="num">${esc(r.total)}</td></tr>`,
  );
  return `<table><thead><tr><th>Run</th><th>Harm after onset</th><th>Harm / request</th><th>Cost</th><th>Back under threshold</th><th>Score</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function timeline(d: Debrief): string {
  const rows = d.timeline.map((e) => {
    const rating = e.rating ? ` <span class="rating-${e.rating}">(${e.rating})</span>` : '';
    const seq = e.seq !== undefined ? `#${e.seq} ` : '';
    return `<tr class="kind-${e.kind}"><td class="num">${clock(e.t)}</td><td>${esc(whoOf(e))}</td><td>${esc(seq + e.title)}${rating}</td><td>${esc(e.detail)}</td></tr>`;
  });
  return `<table><thead><tr><th>Time</th><th>Who</th><th>What</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function note(d: Debrief): string {
  const n = d.note;
  if (n === null) return '<p><em>No decision note was written.</em></p>';
  const links = n.evidenceLinks.length
    ? `<li><b>Investigations cited:</b> ${n.evidenceLinks.map((x) => `#${x}`).join(', ')}</li>`
    : '';
  return `<p>Written at ${clock(n.t)} (decision #${n.seq}).</p><blockquote><ul><li><b>Assumption:</b> ${esc(n.assumption)}</li><li><b>Evidence:</b> ${esc(n.evidence)}</li><li><b>Action:</b> ${esc(n.action)}</li>${links}<li><b>Latency budget known?</b> ${n.latencyBudgetKnown ? 'yes' : 'no'} · <b>Costs measured?</b> ${n.costsMeasured ? 'yes' : 'no'}</li></ul></blockquote>`;
}

/** Renders the debrief as a self-contained HTML document. */
export function debriefToHtml(d: Debrief): string {
  const practice = d.practice.length
    ? `<ul>${d.practice.map((p) => `<li><b>${esc(p.criterion)}</b> (−${p.lost}): ${esc(p.advice)}</li>`).join('')}</ul>`
    : '<p>Nothing lost worth drilling here: try a harder scenario.</p>';
  const lessons = [...d.scenario.lessons, ...d.scenario.teaches];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Debrief: ${esc(d.scenario.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>Debrief: ${esc(d.scenario.title)}</h1>`,
    `<div class="meta">Scenario <code>${esc(d.scenario.id)}</code> · ${esc(d.scenario.difficulty)} · ${duration(d.scenario.durationMs)} · seed ${d.seed}</div>`,
    `<p class="verdict"><b>Score: ${d.score.total} / ${d.score.max}.</b> ${esc(d.score.verdict)}</p>`,
    `<h2>Score</h2>${scoreTable(d)}`,
    `<h2>What to practise next</h2>${practice}`,
    `<h2>Harm and cost</h2>${charts(d)}${runTable(d)}`,
    `<h2>Timeline</h2>${timeline(d)}`,
    `<h2>Decision note</h2>${note(d)}`,
    lessons.length
      ? `<h2>Lessons</h2><ul>${lessons.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`
      : '',
    '</body></html>',
    '',
  ].join('\n');
}
