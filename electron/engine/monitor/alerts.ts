/**
 * Alert rules and the alerts they raise. One alert per (rule, field, source) at a time: it
 * fires after `for` consecutive windows over the threshold, can be acknowledged or silenced,
 * and resolves at the first window back under it. Firing again later makes a new alert.
 */
import { formatDuration } from '../scenario/duration';
import type { FieldDrift, FieldPlan } from './field-monitor';
import { FIELD_METRICS, SOURCE_METRICS, type MetricName } from './metric-names';
import { metricValue, referenceValue, type ReferenceView } from './metric-value';
import { formatNumber, formatWindow } from './format';
import type { WindowMetrics } from './window-metrics';

export type Op = '>' | '>=' | '<' | '<=';
export type Severity = 'info' | 'warning' | 'critical';
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

/**
 * How a rule's threshold is set: a fixed number; a multiple of the reference value plus an
 * offset, never below `min` (used alone until the reference exists); or a relative change
 * from the reference in either direction.
 */
export type ThresholdSpec =
  | { kind: 'fixed'; value: number }
  | { kind: 'reference'; factor: number; offset: number; min: number | null }
  | { kind: 'change'; relative: number };

/** A rule, from the scenario or from the defaults. */
export interface AlertRule {
  id: string;
  metric: MetricName;
  field?: string;
  source?: string;
  op: Op;
  threshold: ThresholdSpec;
  /** Consecutive windows over the threshold before the alert fires. */
  for: number;
  severity: Severity;
  description?: string;
  origin: 'scenario' | 'default';
}

/** One alert instance. Its id is stable; its state changes in place. */
export interface Alert {
  id: string;
  ruleId: string;
  metric: MetricName;
  field?: string;
  source?: string;
  severity: Severity;
  state: AlertState;
  /** The threshold the value was compared with when it fired (metric units). */
  threshold: number;
  op: Op;
  /** The value that crossed it (for drift: the test statistic or p-value). */
  value: number;
  /** Reference value behind a relative threshold, if any. */
  reference: number | null;
  /** The window in which the alert fired. */
  windowStart: number;
  windowEnd: number;
  firedAt: number;
  message: string;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  /** Muted (still tracked, not shown as active) until this time. */
  silencedUntil: number | null;
  /** Windows over the threshold while this alert was open, and the latest of them. */
  breaches: number;
  lastValue: number;
  lastWindowEnd: number;
}

/** Alert objects kept; resolved ones go first when the list is full. */
export const MAX_ALERTS = 500;

interface Target {
  key: string;
  rule: AlertRule;
  field?: string;
  source?: string;
}

/** What checking one rule on one window found; the alert's sentence is built from it on firing. */
type Check = {
  breach: boolean;
  /** The value compared (for drift: the test statistic or p-value, or the PSI). */
  value: number;
  threshold: number;
  op: Op;
  reference: number | null;
} & (
  | { kind: 'drift-psi' | 'fixed' }
  | { kind: 'drift-test'; drift: FieldDrift }
  | { kind: 'change'; change: number; relative: number }
  | { kind: 'reference'; base: number; spec: Extract<ThresholdSpec, { kind: 'reference' }> }
);

interface KeyState {
  streak: number;
  active: Alert | null;
  silencedUntil: number;
}

const METRIC_LABELS: Record<MetricName, string> = {
  'input.drift': 'Drift',
  'input.psi': 'PSI',
  'input.missing_share': 'Missing share',
  'input.violation_share': 'Schema violation share',
  'input.unseen_category_share': 'Unseen category share',
  'input.dataset_drift_share': 'Share of drifted fields',
  'output.flag_rate': 'Flag rate',
  'output.score_drift': 'Score distribution PSI',
  'output.mean_confidence': 'Mean confidence',
  'output.fallback_share': 'Fallback share',
  'perf.accuracy': 'Accuracy on labels received',
  'perf.precision': 'Precision on labels received',
  'perf.recall': 'Recall on labels received',
  'perf.calibration_error': 'Calibration error on labels received',
  'perf.estimated_accuracy': 'Estimated accuracy',
  'perf.label_coverage': 'Label coverage',
  'perf.label_lag': 'Label lag',
  'system.request_rate': 'Request rate',
  'system.latency_p50': 'Latency p50',
  'system.latency_p95': 'Latency p95',
  'system.latency_p99': 'Latency p99',
  'system.timeout_rate': 'Timeout rate',
  'system.error_rate': 'Error rate',
  'system.retry_rate': 'Retry rate',
  'system.tokens_per_request': 'Tokens per request',
  'system.cost_per_request': 'Cost per request',
  'system.cost_per_hour': 'Cost per hour',
};

/** The plain-English name of a metric, as alert messages use it. */
export function metricLabel(metric: MetricName): string {
  return METRIC_LABELS[metric];
}

/** A metric value with its unit, for a sentence ("1250 ms", "$0.0042", "12/s"). */
export function formatMetricValue(metric: MetricName, v: number): string {
  if (metric === 'perf.label_lag') return formatDuration(v);
  if (metric.startsWith('system.latency')) return `${formatNumber(v)} ms`;
  if (metric === 'system.cost_per_request') return `$${formatNumber(v)}`;
  if (metric === 'system.cost_per_hour') return `$${formatNumber(v)}/h`;
  if (metric === 'system.request_rate') return `${formatNumber(v)}/s`;
  return formatNumber(v);
}

function compare(op: Op, v: number, t: number): boolean {
  switch (op) {
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case '<':
      return v < t;
    case '<=':
      return v <= t;
  }
}

const OP_WORDS: Record<Op, string> = {
  '>': 'above',
  '>=': 'at or above',
  '<': 'below',
  '<=': 'at or below',
};

const TEST_WORDS: Record<string, string> = {
  ks: 'the KS test p-value',
  'chi-squared': 'the chi-squared test p-value',
  wasserstein: 'the normalised Wasserstein distance',
  'jensen-shannon': 'the Jensen–Shannon distance',
  psi: 'the PSI',
};

/** The rules a scenario's rule list expands to: one target per field for per-field metrics. */
function expand(rules: readonly AlertRule[], plans: readonly FieldPlan[]): Target[] {
  const targets: Target[] = [];
  for (const rule of rules) {
    let fields: (string | undefined)[] = [rule.field];
    if (rule.field === undefined && FIELD_METRICS.has(rule.metric)) {
      const eligible =
        rule.metric === 'input.unseen_category_share'
          ? plans.filter((p) => p.type === 'category')
          : plans;
      fields = eligible.map((p) => p.name);
    }
    for (const field of fields) {
      targets.push({
        key: `${rule.id}|${field ?? ''}|${rule.source ?? ''}`,
        rule,
        field,
        source: rule.source,
      });
    }
  }
  return targets;
}

/** Sentences describing rules that can never fire (unknown field or source, misplaced source). */
export function checkRules(
  rules: readonly AlertRule[],
  plans: readonly FieldPlan[],
  sources: readonly string[],
): string[] {
  const warnings: string[] = [];
  for (const r of rules) {
    if (r.field !== undefined && !plans.some((p) => p.name === r.field)) {
      warnings.push(
        `Alert rule ${r.id}: \`${r.field}\` is not a declared field, so it never fires.`,
      );
    }
    if (
      r.field !== undefined &&
      !FIELD_METRICS.has(r.metric) &&
      r.metric !== 'input.violation_share'
    ) {
      warnings.push(
        `Alert rule ${r.id}: ${r.metric} is not a per-field metric; \`field\` is ignored.`,
      );
    }
    if (r.source !== undefined && !sources.includes(r.source)) {
      warnings.push(`Alert rule ${r.id}: source ${r.source} is not declared, so it never fires.`);
    }
    if (r.source !== undefined && !SOURCE_METRICS.has(r.metric)) {
      warnings.push(`Alert rule ${r.id}: ${r.metric} has no per-source value, so it never fires.`);
    }
  }
  return warnings;
}

/** Evaluates rules window by window and keeps the alerts they raise. */
export class AlertBook {
  private readonly targets: Target[];
  private readonly states = new Map<string, KeyState>();
  private readonly list: Alert[] = [];
  private readonly byId = new Map<string, Alert>();
  private seq = 0;

  constructor(
    readonly rules: readonly AlertRule[],
    plans: readonly FieldPlan[],
  ) {
    this.targets = expand(rules, plans);
  }

  /** Every alert kept, oldest first. */
  all(): readonly Alert[] {
    return this.list;
  }

  /** The alert with this id, if still kept. */
  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  /** Evaluates every rule on a closed window; returns the alerts that fired in it. */
  evaluate(w: WindowMetrics, ref: ReferenceView | null): Alert[] {
    const fired: Alert[] = [];
    for (const target of this.targets) {
      const a = this.evaluateTarget(target, w, ref);
      if (a !== null) fired.push(a);
    }
    return fired;
  }

  /** Marks a firing alert acknowledged; false if there is no such open alert. */
  acknowledge(id: string, t: number): boolean {
    const a = this.byId.get(id);
    if (a === undefined || a.state === 'resolved') return false;
    if (a.state === 'firing') {
      a.state = 'acknowledged';
      a.acknowledgedAt = t;
    }
    return true;
  }

  /** Mutes an alert and any re-firing of the same rule/field/source until `untilT`. */
  silence(id: string, untilT: number, t: number): boolean {
    const a = this.byId.get(id);
    if (a === undefined || untilT <= t) return false;
    a.silencedUntil = untilT;
    const key = `${a.ruleId}|${a.field ?? ''}|${a.source ?? ''}`;
    const st = this.states.get(key);
    if (st !== undefined) st.silencedUntil = Math.max(st.silencedUntil, untilT);
    return true;
  }

  private evaluateTarget(
    target: Target,
    w: WindowMetrics,
    ref: ReferenceView | null,
  ): Alert | null {
    const { rule, field, source } = target;
    const value = metricValue(w, rule.metric, field, source);
    // No value (no data, no reference, too few labels): the window neither breaches nor clears.
    if (value === null) return null;
    const check = this.check(target, value, w, ref);
    if (check === null) return null;

    let st = this.states.get(target.key);
    if (st === undefined) {
      st = { streak: 0, active: null, silencedUntil: -Infinity };
      this.states.set(target.key, st);
    }
    if (!check.breach) {
      st.streak = 0;
      if (st.active !== null) {
        st.active.state = 'resolved';
        st.active.resolvedAt = w.end;
        st.active = null;
      }
      return null;
    }
    st.streak++;
    if (st.active !== null) {
      st.active.breaches++;
      st.active.lastValue = check.value;
      st.active.lastWindowEnd = w.end;
      return null;
    }
    if (st.streak < rule.for) return null;
    const alert: Alert = {
      id: `alert-${++this.seq}`,
      ruleId: rule.id,
      metric: rule.metric,
      ...(field !== undefined ? { field } : {}),
      ...(source !== undefined ? { source } : {}),
      severity: rule.severity,
      state: 'firing',
      threshold: check.threshold,
      op: check.op,
      value: check.value,
      reference: check.reference,
      windowStart: w.start,
      windowEnd: w.end,
      firedAt: w.end,
      message: this.describe(target, check, w, st.streak),
      acknowledgedAt: null,
      resolvedAt: null,
      silencedUntil: st.silencedUntil > w.end ? st.silencedUntil : null,
      breaches: 1,
      lastValue: check.value,
      lastWindowEnd: w.end,
    };
    st.active = alert;
    this.push(alert);
    return alert;
  }

  private check(
    target: Target,
    value: number,
    w: WindowMetrics,
    ref: ReferenceView | null,
  ): Check | null {
    const { rule, field, source } = target;
    // Plain data only: the sentence is built by describe() when an alert fires, because most
    // windows breach nothing and every rule is checked on every window.
    const spec = rule.threshold;

    if (rule.metric === 'input.drift' && spec.kind === 'fixed') {
      const breach = compare(rule.op, value, spec.value);
      const fm = w.input.fields.find((f) => f.field === field);
      const fromSource =
        source !== undefined ? fm?.bySource.find((s) => s.source === source) : undefined;
      const d = fm?.drift;
      if (fromSource !== undefined || d === null || d === undefined) {
        const psi = fromSource?.psi ?? d?.psi ?? 0;
        return { kind: 'drift-psi', breach, value: psi, threshold: 0.1, op: '>', reference: null };
      }
      const pTest = d.test === 'ks' || d.test === 'chi-squared';
      return {
        kind: 'drift-test',
        breach,
        value: (pTest ? d.pValue : d.statistic) ?? Infinity,
        threshold: d.threshold,
        op: pTest ? '<' : '>',
        reference: null,
        drift: d,
      };
    }

    if (spec.kind === 'fixed') {
      return {
        kind: 'fixed',
        breach: compare(rule.op, value, spec.value),
        value,
        threshold: spec.value,
        op: rule.op,
        reference: null,
      };
    }

    const r = referenceValue(ref, rule.metric, field, source);
    if (spec.kind === 'change') {
      if (r === null || r === 0) return null;
      const change = (value - r) / r;
      const up = change > 0;
      return {
        kind: 'change',
        breach: Math.abs(change) > spec.relative,
        value,
        threshold: r * (up ? 1 + spec.relative : 1 - spec.relative),
        op: up ? '>' : '<',
        reference: r,
        change,
        relative: spec.relative,
      };
    }

    if (r === null && spec.min === null) return null;
    const base = r === null ? -Infinity : r * spec.factor + spec.offset;
    const threshold = spec.min === null ? base : Math.max(base, spec.min);
    return {
      kind: 'reference',
      breach: compare(rule.op, value, threshold),
      value,
      threshold,
      op: rule.op,
      reference: r,
      base,
      spec,
    };
  }

  /** The alert's sentence: which metric crossed what threshold, where and in which window. */
  private describe(target: Target, c: Check, w: WindowMetrics, streak: number): string {
    const { rule, field, source } = target;
    const where =
      (field !== undefined ? ` of \`${field}\`` : '') +
      (source !== undefined ? ` from ${source}` : '');
    const win = formatWindow(w.start, w.end);
    const label = METRIC_LABELS[rule.metric];
    const inRow = rule.for > 1 ? ` (${streak} windows in a row)` : '';
    const fmt = (v: number): string => formatMetricValue(rule.metric, v);
    switch (c.kind) {
      case 'drift-psi':
        return (
          `Drift${where} in window ${win}: the PSI ${formatNumber(c.value)} ` +
          `is above the threshold 0.10${inRow}.`
        );
      case 'drift-test': {
        const d = c.drift;
        const pTest = d.test === 'ks' || d.test === 'chi-squared';
        const extra =
          pTest && d.statistic !== null ? ` (statistic ${formatNumber(d.statistic)})` : '';
        return (
          `Drift${where} in window ${win}: ${TEST_WORDS[d.test]} ${formatNumber(c.value)} ` +
          `is ${pTest ? 'below' : 'above'} the threshold ${formatNumber(d.threshold)}` +
          `${extra}${inRow}.`
        );
      }
      case 'fixed':
        return (
          `${label}${where} was ${fmt(c.value)} in window ${win}, ` +
          `${OP_WORDS[rule.op]} the threshold ${fmt(c.threshold)}${inRow}.`
        );
      case 'change': {
        const pct = Math.round(Math.abs(c.change) * 100);
        const r = c.reference as number;
        return (
          `${label}${where} was ${fmt(c.value)} in window ${win}, ` +
          `${pct}% ${c.change > 0 ? 'above' : 'below'} the reference ${fmt(r)}; ` +
          `the threshold is a change of ${Math.round(c.relative * 100)}% ` +
          `(${fmt(c.threshold)})${inRow}.`
        );
      }
      case 'reference': {
        const { spec, base } = c;
        const r = c.reference;
        let how: string;
        if (r === null) how = `no reference yet; floor ${fmt(c.threshold)}`;
        else {
          const factor = spec.factor !== 1 ? ` × ${spec.factor}` : '';
          const offset =
            spec.offset !== 0
              ? ` ${spec.offset < 0 ? '−' : '+'} ${formatNumber(Math.abs(spec.offset))}`
              : '';
          const floor = spec.min !== null && spec.min >= base ? `, floor ${fmt(spec.min)}` : '';
          how = `reference ${fmt(r)}${factor}${offset}${floor}`;
        }
        return (
          `${label}${where} was ${fmt(c.value)} in window ${win}, ` +
          `${OP_WORDS[rule.op]} the threshold ${fmt(c.threshold)} (${how})${inRow}.`
        );
      }
    }
  }

  private push(alert: Alert): void {
    this.list.push(alert);
    this.byId.set(alert.id, alert);
    if (this.list.length <= MAX_ALERTS) return;
    let drop = this.list.findIndex((a) => a.state === 'resolved');
    if (drop < 0) drop = 0;
    const [gone] = this.list.splice(drop, 1);
    this.byId.delete(gone.id);
    for (const st of this.states.values()) if (st.active === gone) st.active = null;
  }
}
