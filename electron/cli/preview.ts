import { loadScenario, formatScenarioError } from '../engine/scenario/load';
import type { FaultSpec, Scenario } from '../engine/scenario/schema';
import { formatDuration } from '../engine/scenario/duration';
import { referenceActions } from '../engine/scoring/reference-actions';
import { runWithActions } from '../engine/scoring/replay';
import { scoreSession } from '../engine/scoring/score';
import type { Command } from '../engine/commands';
import { readTextCapped } from './files';

/** Most seeds a preview will run; each seed is three full replays. */
export const MAX_PREVIEW_SEEDS = 200;

export interface PreviewOptions {
  scenarioPath: string;
  seeds?: string;
  json?: boolean;
}

/** One line of the timeline: a fault, a change-log entry or a reference action. */
export interface TimelineLine {
  at: number;
  kind: 'fault' | 'fault-end' | 'change' | 'reference';
  text: string;
}

/** How one alert rule behaved in the reference runs. */
export interface AlertLine {
  rule: string;
  metric: string;
  field: string | null;
  source: string | null;
  severity: string;
  /** Seeds in which it fired at least once. */
  seeds: number;
  /** First firing time (ms since start) per seed where it fired, sorted. */
  firstFiring: number[];
  beforeOnset: boolean;
}

/** min, median and max of a list of numbers. */
export interface Range {
  min: number;
  median: number;
  max: number;
}

/** Everything `sim preview` prints, as data (`--json`). */
export interface Preview {
  scenarioId: string;
  title: string;
  difficulty: string;
  durationMs: number;
  onsetMs: number | null;
  seeds: number[];
  referenceDerived: boolean;
  timeline: TimelineLine[];
  alerts: AlertLine[];
  score: {
    max: number;
    reference: Range;
    doNothing: Range;
    harmAfterOnset: { reference: Range; doNothing: Range };
    costPerHourAfterOnset: { reference: Range; doNothing: Range };
    /** Seeds where the reference scored higher than doing nothing. */
    referenceWins: number;
  };
}

function rangeOf(values: readonly number[]): Range {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** "06:05" within the first day, "d2 06:05" after it. */
export function clockOf(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const day = Math.floor(totalMinutes / 1440);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(Math.floor((totalMinutes % 1440) / 60))}:${pad(totalMinutes % 60)}`;
  return day === 0 ? hm : `d${day + 1} ${hm}`;
}

/** The fault's type-specific parameters, in one short phrase. */
function faultParams(f: FaultSpec): string {
  switch (f.type) {
    case 'schema-change': {
      const extra =
        f.change === 'rename'
          ? ` → ${f.renameTo ?? `${f.field}_v2`}`
          : f.change === 'unit-change'
            ? ` × ${f.factor ?? 100}`
            : f.change === 'new-category'
              ? ` "${f.category ?? 'unknown'}" ${(100 * (f.share ?? 0.2)).toFixed(0)}%`
              : f.change === 'null-rate'
                ? ` ${(100 * (f.nullRate ?? f.share ?? 0.5)).toFixed(0)}% null`
                : '';
      return `${f.change} of ${f.field}${extra}`;
    }
    case 'covariate-drift':
    case 'benign-change': {
      const parts: string[] = [];
      if (f.field) parts.push(f.field);
      if (f.meanShift !== undefined)
        parts.push(`mean ${f.meanShift >= 0 ? '+' : ''}${f.meanShift}`);
      if (f.sdScale !== undefined) parts.push(`sd × ${f.sdScale}`);
      if (f.weights) parts.push('category mix');
      if (f.sourceMix) parts.push('source mix');
      return parts.join(', ');
    }
    case 'prior-shift':
      return `positive rate × ${f.positiveRateFactor}`;
    case 'concept-drift': {
      const parts: string[] = [];
      if (f.interceptShift !== 0)
        parts.push(`intercept ${f.interceptShift >= 0 ? '+' : ''}${f.interceptShift}`);
      for (const [field, s] of Object.entries(f.weightScale)) parts.push(`${field} weight × ${s}`);
      for (const [field, effects] of Object.entries(f.categoryEffects)) {
        parts.push(
          `${field} ${Object.entries(effects)
            .map(([c, e]) => `${c} ${e >= 0 ? '+' : ''}${e}`)
            .join(' ')}`,
        );
      }
      return parts.join(', ');
    }
    case 'latency-regression':
      return `${f.stage} × ${f.factor}${f.addMs > 0 ? ` + ${f.addMs} ms` : ''}`;
    case 'dependency-outage':
      return `${f.dependency} failing ${(100 * f.errorRate).toFixed(0)}%`;
    case 'cost-creep':
      return f.mechanism === 'retry-storm'
        ? `retry storm, ${(100 * f.errorRate).toFixed(0)}% of calls fail`
        : f.mechanism === 'prompt-growth'
          ? `prompt tokens × ${f.promptTokensFactor}`
          : `retrieval k → ${f.retrievalK ?? '?'}`;
    case 'bad-release':
      return `version ${f.version} goes live`;
    case 'label-outage':
      return 'no labels delivered';
  }
}

function shapeOf(f: FaultSpec): string {
  if (f.shape === 'ramp') return `ramp over ${formatDuration(f.rampOver)}`;
  if (f.shape === 'intermittent')
    return `intermittent, ${(100 * f.duty).toFixed(0)}% of every ${formatDuration(f.period)}`;
  return 'sudden';
}

/** One line per command, short enough for a terminal. */
function describe(c: Command): string {
  switch (c.type) {
    case 'investigate':
      return `investigate ${c.tool}${c.field ? ` ${c.field}` : ''}${c.source ? ` @${c.source}` : ''}${c.version ? ` (${c.version})` : ''}`;
    case 'rollback':
      return `rollback to ${c.version}`;
    case 'revert-change':
      return `revert change ${c.changeId}`;
    case 'set-fallback':
      return `fallback → ${c.mode}`;
    case 'pause':
      return c.paused ? 'pause the feature' : 'resume the feature';
    case 'set-limits':
      return `set limits ${Object.entries(c)
        .filter(([k]) => k !== 'type')
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`;
    case 'patch-mapping':
      return `patch mapping ${c.field}${c.from ? ` ← ${c.from}` : ''}${c.factor !== undefined ? ` × ${c.factor}` : ''}${c.source ? ` @${c.source}` : ''}`;
    case 'retrain':
      return `retrain${c.version ? ` ${c.version}` : ''} on ${clockOf(c.from)}–${clockOf(c.to)}`;
    case 'deploy':
      return `deploy ${c.version} as ${c.mode}${c.share !== undefined ? ` ${Math.round(c.share * 100)}%` : ''}`;
    case 'escalate':
      return `escalate to ${c.team}`;
    case 'diagnose':
      return `diagnose ${c.rootCause}`;
    case 'note':
      return 'write the decision note';
    case 'scale':
      return `scale to ${c.replicas} replicas`;
    case 'set-serving-pattern':
      return `serving pattern → ${c.pattern}`;
    default:
      return c.type;
  }
}

/** The scenario's hidden truth and the reference response, in time order. */
export function timelineOf(
  s: Scenario,
  reference: readonly { at: number; command: Command }[],
): TimelineLine[] {
  const lines: TimelineLine[] = [];
  for (const f of s.faults) {
    const scope = f.scope.source ? ` on ${f.scope.source}` : '';
    lines.push({
      at: f.at,
      kind: 'fault',
      text: `FAULT ${f.id} (${f.type}): ${faultParams(f)}${scope}; ${shapeOf(f)}`,
    });
    if (f.until !== undefined)
      lines.push({ at: f.until, kind: 'fault-end', text: `fault ${f.id} ends on its own` });
  }
  for (const c of s.changeLog) {
    const link = c.causes
      ? ` → causes ${c.causes}${c.revertible ? ' (revertible)' : ' (not revertible)'}`
      : ' (no fault linked)';
    lines.push({ at: c.at, kind: 'change', text: `change ${c.id} [${c.kind}] ${c.title}${link}` });
  }
  for (const a of reference)
    lines.push({ at: a.at, kind: 'reference', text: `reference: ${describe(a.command)}` });
  const order = { fault: 0, 'fault-end': 1, change: 2, reference: 3 } as const;
  return lines.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
}

/**
 * Builds the preview: runs the reference response with monitoring on each seed and scores it
 * against doing nothing with the scoring engine (three replays per seed).
 */
export function buildPreview(
  s: Scenario,
  seeds: readonly number[],
  progress?: (done: number, total: number) => void,
): Preview {
  const reference = referenceActions(s);
  const onset = s.faults.length > 0 ? Math.min(...s.faults.map((f) => f.at)) : null;
  const alerts = new Map<string, AlertLine>();
  const refScores: number[] = [];
  const dnScores: number[] = [];
  const refHarm: number[] = [];
  const dnHarm: number[] = [];
  const refCost: number[] = [];
  const dnCost: number[] = [];
  let wins = 0;
  let max = 0;
  seeds.forEach((seed, i) => {
    const session = runWithActions(s, seed, reference.actions, { monitoring: true });
    const firstByRule = new Map<string, number>();
    for (const a of session.monitor?.alerts() ?? []) {
      const key = `${a.ruleId}|${a.field ?? ''}|${a.source ?? ''}`;
      if (!alerts.has(key)) {
        alerts.set(key, {
          rule: a.ruleId,
          metric: a.metric,
          field: a.field ?? null,
          source: a.source ?? null,
          severity: a.severity,
          seeds: 0,
          firstFiring: [],
          beforeOnset: false,
        });
      }
      const prev = firstByRule.get(key);
      if (prev === undefined || a.firedAt < prev) firstByRule.set(key, a.firedAt);
    }
    for (const [key, t] of firstByRule) {
      const line = alerts.get(key)!;
      line.seeds++;
      line.firstFiring.push(t);
      if (onset !== null && t < onset) line.beforeOnset = true;
    }
    const decisions = session.decisions.map((d) => ({ t: d.t, command: d.command }));
    const report = scoreSession(s, seed, decisions, { learner: session });
    max = report.max;
    refScores.push(report.runs.reference.total);
    dnScores.push(report.runs.doNothing.total);
    refHarm.push(report.runs.reference.harmAfterOnset);
    dnHarm.push(report.runs.doNothing.harmAfterOnset);
    refCost.push(report.runs.reference.costPerHourAfterOnset);
    dnCost.push(report.runs.doNothing.costPerHourAfterOnset);
    if (report.runs.reference.total > report.runs.doNothing.total) wins++;
    progress?.(i + 1, seeds.length);
  });
  const alertLines = [...alerts.values()]
    .map((l) => ({ ...l, firstFiring: [...l.firstFiring].sort((a, b) => a - b) }))
    .sort(
      (a, b) =>
        rangeOf(a.firstFiring).median - rangeOf(b.firstFiring).median ||
        a.rule.localeCompare(b.rule),
    );
  return {
    scenarioId: s.id,
    title: s.title,
    difficulty: s.difficulty,
    durationMs: s.duration,
    onsetMs: onset,
    seeds: [...seeds],
    referenceDerived: reference.derived,
    timeline: timelineOf(s, reference.actions),
    alerts: alertLines,
    score: {
      max,
      reference: rangeOf(refScores),
      doNothing: rangeOf(dnScores),
      harmAfterOnset: { reference: rangeOf(refHarm), doNothing: rangeOf(dnHarm) },
      costPerHourAfterOnset: { reference: rangeOf(refCost), doNothing: rangeOf(dnCost) },
      referenceWins: wins,
    },
  };
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toPrecision(3);
}

function rangeText(r: Range, f: (x: number) => string = fmt): string {
  return r.min === r.max ? f(r.min) : `${f(r.min)} – ${f(r.median)} – ${f(r.max)}`;
}

/** The preview as the text `sim preview` prints. */
export function formatPreview(p: Preview): string {
  const out: string[] = [];
  const n = p.seeds.length;
  out.push(`${p.scenarioId}: ${p.title}`);
  out.push(
    `${p.difficulty}, ${formatDuration(p.durationMs)}, seeds ${p.seeds[0]}–${p.seeds[n - 1]} (${n})`,
  );
  out.push('');
  out.push('Timeline (hidden truth, change log and reference response)');
  for (const l of p.timeline) out.push(`  ${clockOf(l.at).padStart(8)}  ${l.text}`);
  if (p.referenceDerived)
    out.push('  (no reference in the file: scoring built one from the default rubric)');
  out.push('');
  out.push(
    `Alerts the reference response meets (first firing; median, earliest–latest over ${n} seed${n === 1 ? '' : 's'})`,
  );
  if (p.alerts.length === 0) out.push('  none');
  const rel = (t: number) =>
    p.onsetMs === null
      ? clockOf(t)
      : `${clockOf(t)} (${t >= p.onsetMs ? '+' : '-'}${formatDuration(Math.abs(t - p.onsetMs))})`;
  const ruleWidth = Math.max(0, ...p.alerts.map((a) => a.rule.length + a.severity.length + 3));
  for (const a of p.alerts) {
    const r = rangeOf(a.firstFiring);
    const target = `${a.metric}${a.field ? ` ${a.field}` : ''}${a.source ? ` @${a.source}` : ''}`;
    const when =
      r.min === r.max ? rel(r.median) : `${rel(r.median)}, ${clockOf(r.min)}–${clockOf(r.max)}`;
    out.push(
      `  ${`${a.rule} [${a.severity}]`.padEnd(ruleWidth)}  ${target}: ${a.seeds}/${n} seeds, ${when}${a.beforeOnset ? '  ← fires before the fault' : ''}`,
    );
  }
  out.push('');
  const s = p.score;
  out.push(`Score out of ${s.max} (min – median – max over ${n} seed${n === 1 ? '' : 's'})`);
  out.push(`  reference   ${rangeText(s.reference)}`);
  out.push(`  do nothing  ${rangeText(s.doNothing)}`);
  out.push(`  the reference scores higher in ${s.referenceWins}/${n} seeds`);
  out.push('Harm after onset');
  out.push(`  reference   ${rangeText(s.harmAfterOnset.reference)}`);
  out.push(`  do nothing  ${rangeText(s.harmAfterOnset.doNothing)}`);
  out.push('Cost per hour after onset (USD)');
  out.push(`  reference   ${rangeText(s.costPerHourAfterOnset.reference, (x) => x.toFixed(2))}`);
  out.push(`  do nothing  ${rangeText(s.costPerHourAfterOnset.doNothing, (x) => x.toFixed(2))}`);
  return `${out.join('\n')}\n`;
}

/** `sim preview`: prints the fault timeline, alerts and score ranges. Returns the exit code. */
export function runPreview(o: PreviewOptions): number {
  const seedsArg = o.seeds ?? '20';
  const count = Number(seedsArg);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_SEEDS) {
    process.stderr.write(
      `--seeds must be a whole number from 1 to ${MAX_PREVIEW_SEEDS}, got "${seedsArg}"\n`,
    );
    return 2;
  }
  let text: string;
  try {
    text = readTextCapped(o.scenarioPath);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const loaded = loadScenario(text, o.scenarioPath);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`${formatScenarioError(e)}\n`);
    return 1;
  }
  const s = loaded.scenario;
  const seeds = Array.from({ length: count }, (_, i) => s.seed + i);
  const tty = process.stderr.isTTY === true;
  const preview = buildPreview(s, seeds, (done, total) => {
    if (tty) process.stderr.write(`\rpreview: seed ${done}/${total}`);
  });
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(o.json ? `${JSON.stringify(preview, null, 2)}\n` : formatPreview(preview));
  return 0;
}
