/** The debrief as Markdown: a one-page report that pastes into any wiki or issue. */
import type { Debrief } from './debrief-types';
import { clock, duration } from './format';
import { factValue, pointsText, runRows, whoOf } from './report-text';

/** Escapes text for a Markdown table cell (pipes and line breaks). */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Escapes learner-written text so it shows as typed: no HTML, links or emphasis, one line. */
function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Renders the debrief as Markdown. */
export function debriefToMarkdown(d: Debrief): string {
  const s = d.score;
  const out: string[] = [];
  out.push(`# Debrief: ${d.scenario.title}`, '');
  out.push(
    `Scenario \`${d.scenario.id}\` · ${d.scenario.difficulty} · ${duration(d.scenario.durationMs)} · seed ${d.seed}`,
    '',
  );
  out.push(`**Score: ${s.total} / ${s.max}.** ${s.verdict}`, '');

  out.push('## Score', '', '| Criterion | Points | Why | Evidence |', '|---|---:|---|---|');
  for (const c of s.criteria) {
    const facts = c.evidence.facts.map((f) => `${f.label}: ${factValue(f)}`);
    const seqs = c.evidence.seqs.length
      ? [`decisions ${c.evidence.seqs.map((n) => `#${n}`).join(', ')}`]
      : [];
    out.push(
      `| ${cell(c.label)} | ${pointsText(c)} | ${cell(c.explanation)} | ${cell([...seqs, ...facts].join('; '))} |`,
    );
  }
  out.push(`| **Total** | **${s.total} / ${s.max}** | | |`, '');

  out.push('## What to practise next', '');
  if (d.practice.length === 0)
    out.push('- Nothing lost worth drilling here: try a harder scenario.');
  for (const p of d.practice) out.push(`- **${p.criterion}** (−${p.lost}): ${p.advice}`);
  out.push('');

  out.push(
    '## Harm and cost',
    '',
    '| Run | Harm after onset | Harm / request | Cost | Back under threshold | Score |',
    '|---|---:|---:|---:|---|---:|',
  );
  for (const r of runRows(d))
    out.push(`| ${r.label} | ${r.harm} | ${r.rate} | ${r.cost} | ${r.recovered} | ${r.total} |`);
  out.push('');

  out.push('## Timeline', '', '| Time | Who | What | Detail |', '|---|---|---|---|');
  for (const e of d.timeline) {
    const what = `${e.seq !== undefined ? `#${e.seq} ` : ''}${e.title}${e.rating ? ` *(${e.rating})*` : ''}`;
    out.push(`| ${clock(e.t)} | ${cell(whoOf(e))} | ${cell(what)} | ${cell(e.detail)} |`);
  }
  out.push('');

  out.push('## Decision note', '');
  if (d.note === null) out.push('*No decision note was written.*');
  else {
    const n = d.note;
    out.push(`Written at ${clock(n.t)} (decision #${n.seq}).`, '');
    out.push(
      `- **Assumption:** ${inline(n.assumption)}`,
      `- **Evidence:** ${inline(n.evidence)}`,
      `- **Action:** ${inline(n.action)}`,
    );
    if (n.evidenceLinks.length)
      out.push(`- **Investigations cited:** ${n.evidenceLinks.map((x) => `#${x}`).join(', ')}`);
    out.push(
      `- **Latency budget known?** ${n.latencyBudgetKnown ? 'yes' : 'no'} · **Costs measured?** ${n.costsMeasured ? 'yes' : 'no'}`,
    );
  }
  out.push('');

  const lessons = [...d.scenario.lessons, ...d.scenario.teaches];
  if (lessons.length) {
    out.push('## Lessons', '');
    for (const l of lessons) out.push(`- ${l}`);
    out.push('');
  }
  return out.join('\n');
}
