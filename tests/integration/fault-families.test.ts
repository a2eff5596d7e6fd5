/**
 * For each fault family, on its scenario: the monitors that should see the fault move, and the
 * alert that should name it fires within a stated number of windows after onset.
 *
 * Scenarios come from the built-in library (scenarios/*.yaml) where one covers the family, and
 * otherwise from tests/fixtures/integration (the steady service with one fault merged in). Seeds
 * are the scenarios' own, so every run is identical. A "move" compares the mean of a metric
 * over the windows before onset (after the reference) with its mean once the fault has settled.
 *
 * Bounds (≤), in 5-minute windows after onset: the window in which the alert fires ends at most
 * this many windows after the fault starts. "Now" is what the current scenarios and seeds give.
 * Rules need `for` windows in a row (2 for most, 3 for drift), ramps add their length, and
 * label-based rules wait for the label delay. (r.) marks a scenario rule, else a default one.
 *
 * | Family                 | Scenario                          | Alert               | ≤  | Now |
 * | ---------------------- | --------------------------------- | ------------------- | -- | --- |
 * | schema: rename         | claims-broker-renames-field       | missing-share       | 3  | 2   |
 * | schema: type change    | bnpl-two-faults-red-herring       | violations.critical | 3  | 2   |
 * | schema: unit change    | cents-after-partner-release       | input-drift.amount  | 4  | 3   |
 * | schema: drop           | fixture drop                      | missing-share       | 3  | 2   |
 * | schema: null rate      | fixture null-rate                 | missing-share       | 3  | 2   |
 * | schema: new category   | fixture new-category              | unseen-category     | 3  | 2   |
 * | covariate: number      | credit-applicant-mix-shift        | input-drift         | 7  | 4   |
 * | covariate: categories  | fixture category-mix              | input-drift         | 7  | 4   |
 * | covariate: source mix  | fixture segment-mix               | input-drift         | 4  | 3   |
 * | prior shift, ramp      | phishing-wave-prior-shift         | flag-rate-change    | 8  | 4   |
 * | concept drift, ramp    | fraud-patterns-shift-quietly      | recall-drop (r.)    | 30 | 24  |
 * | latency: retrieval     | router-retrieval-slowdown         | latency-p95-budget  | 5  | 3   |
 * | latency: model stage   | bnpl-two-faults-red-herring       | latency-p95-budget  | 5  | 3   |
 * | outage, with fallback  | moderation-outage-with-fallback   | error-rate, fallback | 3  | 2   |
 * | outage, no fallback    | search-ranking-outage-no-fallback | error-rate          | 4  | 2   |
 * | cost: wider retrieval  | router-cost-doubles               | tokens-per-request  | 4  | 3   |
 * | cost: retry storm      | router-cost-doubles               | retry-rate, cost    | 6  | 3,1 |
 * | cost: prompt growth    | fixture prompt-growth             | tokens-per-request  | 4  | 3   |
 * | bad release            | seller-check-bad-release          | score-drift         | 3  | 2   |
 * |   (labels 1 h late)    |                                   | accuracy-drop.warn  | 20 | 15  |
 * | label outage           | labels-stop-arriving              | label-coverage (r.) | 4  | 3   |
 *
 * The benign change is tested in benign-change.test.ts, the no-fault day in false-alarms.test.ts.
 */

import { describe, expect, it } from 'vitest';
import type { Severity } from '../../electron/engine/monitor/alerts';
import type { WindowMetrics } from '../../electron/engine/monitor/window-metrics';
import { FAULT_TYPES, type Scenario } from '../../electron/engine/scenario/schema';
import {
  field,
  fieldFrom,
  fixtureScenario,
  HOUR,
  libraryScenario,
  meanOf,
  MINUTE,
  monitoredRun,
  source,
  windowsIn,
} from './helpers';

type Value = (w: WindowMetrics) => number | null | undefined;

/**
 * What a metric must do once the fault has settled, comparing the mean over the settled windows
 * (after) with the mean over the baseline windows (before):
 * - up: after > before, after ≥ before × factor and after ≥ level;
 * - down: after ≤ before × factor and after ≤ level;
 * - below: after ≤ level, whatever before was (a monitor that must stay quiet);
 * - steady: |after − before| ≤ factor × |before|.
 */
interface Move {
  what: string;
  value: Value;
  kind: 'up' | 'down' | 'below' | 'steady';
  factor: number;
  level: number;
}

function up(what: string, value: Value, factor: number, level = -Infinity): Move {
  return { what, value, kind: 'up', factor, level };
}

function down(what: string, value: Value, factor: number, level = Infinity): Move {
  return { what, value, kind: 'down', factor, level };
}

function below(what: string, value: Value, level: number): Move {
  return { what, value, kind: 'below', factor: Infinity, level };
}

function steady(what: string, value: Value, tolerance: number): Move {
  return { what, value, kind: 'steady', factor: tolerance, level: Number.NaN };
}

/** An alert that must fire within `within` windows of onset (and not be open already then). */
interface ExpectedAlert {
  rule: string;
  field?: string;
  severity: Severity;
  within: number;
}

interface FamilyCase {
  family: string;
  scenario: () => Scenario;
  /** The fault whose onset starts the clock. */
  fault: string;
  alerts: ExpectedAlert[];
  moves: Move[];
  /** Time after onset before "after" windows are averaged (ramps, label delay). */
  settle: number;
  /** How long after onset the session runs. */
  observe: number;
  /** Baseline period [from, to); by default from the end of the reference to onset. */
  before?: [number, number];
  /** Alert rules (prefixes) that must stay quiet between onset and the end of the run. */
  quiet?: string[];
}

const L = libraryScenario;
const F = fixtureScenario;

const CASES: FamilyCase[] = [
  {
    family: 'schema-change: rename',
    scenario: () => L('claims-broker-renames-field'),
    fault: 'broker-rename',
    alerts: [
      {
        rule: 'default.missing-share.claim_amount',
        field: 'claim_amount',
        severity: 'warning',
        within: 3,
      },
    ],
    moves: [
      up('missing share of claim_amount', (w) => field(w, 'claim_amount').missingShare, 1, 0.15),
      up(
        'broker-api missing share',
        (w) => fieldFrom(w, 'claim_amount', 'broker-api')?.missingShare,
        1,
        0.99,
      ),
      up(
        'requests carrying the unexpected key claimAmount',
        (w) => w.input.unexpectedFields.find((u) => u.key === 'claimAmount')?.requests ?? 0,
        1,
        50,
      ),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'schema-change: type change',
    scenario: () => L('bnpl-two-faults-red-herring'),
    fault: 'basket-as-text',
    alerts: [{ rule: 'default.violations.critical', severity: 'critical', within: 3 }],
    moves: [
      up(
        'wrong-type share of basket_value',
        (w) => field(w, 'basket_value').wrongTypeShare,
        1,
        0.3,
      ),
      up(
        'web-checkout violation share on basket_value',
        (w) => fieldFrom(w, 'basket_value', 'web-checkout')?.violationShare,
        1,
        0.99,
      ),
    ],
    settle: 5 * MINUTE,
    // The second fault (slow scoring hosts) starts at 2h20m: stay before it.
    observe: 20 * MINUTE,
  },
  {
    family: 'schema-change: unit change',
    scenario: () => L('cents-after-partner-release'),
    fault: 'partner-cents',
    alerts: [
      { rule: 'default.input-drift.amount', field: 'amount', severity: 'warning', within: 4 },
      { rule: 'default.violations.warning', severity: 'warning', within: 3 },
    ],
    moves: [
      up('partner-api mean amount', (w) => fieldFrom(w, 'amount', 'partner-api')?.mean, 50),
      up('p95 of amount', (w) => field(w, 'amount').p95, 10),
      up('normalised Wasserstein of amount', (w) => field(w, 'amount').drift?.statistic, 10, 1),
      up('partner-api PSI of amount', (w) => fieldFrom(w, 'amount', 'partner-api')?.psi, 10, 0.25),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'schema-change: drop',
    scenario: () => F('drop'),
    fault: 'partner-drops-device-score',
    alerts: [
      {
        rule: 'default.missing-share.device_score',
        field: 'device_score',
        severity: 'warning',
        within: 3,
      },
    ],
    moves: [
      up(
        'partner missing share of device_score',
        (w) => fieldFrom(w, 'device_score', 'partner')?.missingShare,
        1,
        0.99,
      ),
      up('requests without the device_score key', (w) => field(w, 'device_score').absent, 1, 20),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'schema-change: null rate',
    scenario: () => F('null-rate'),
    fault: 'web-null-account-age',
    alerts: [
      {
        rule: 'default.missing-share.account_age_days',
        field: 'account_age_days',
        severity: 'warning',
        within: 3,
      },
    ],
    moves: [
      up(
        'web missing share of account_age_days',
        (w) => fieldFrom(w, 'account_age_days', 'web')?.missingShare,
        1,
        0.3,
      ),
      // Nulls, not absent keys: an upstream value stopped being filled, the field was not renamed.
      up('null account_age_days values', (w) => field(w, 'account_age_days').nulls, 1, 20),
      down('absent account_age_days keys', (w) => field(w, 'account_age_days').absent, 1, 0),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'schema-change: new category',
    scenario: () => F('new-category'),
    fault: 'app-crypto-merchants',
    alerts: [
      {
        rule: 'default.unseen-category.merchant',
        field: 'merchant',
        severity: 'warning',
        within: 3,
      },
    ],
    moves: [
      up('unseen share of merchant', (w) => field(w, 'merchant').unseenCategoryShare, 1, 0.05),
      up(
        'windows naming the unseen category crypto',
        (w) => (field(w, 'merchant').unseenCategories.includes('crypto') ? 1 : 0),
        1,
        1,
      ),
      up(
        'Jensen–Shannon distance of merchant',
        (w) => field(w, 'merchant').drift?.statistic,
        3,
        0.1,
      ),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'covariate drift: numeric field, one source, 20-minute ramp',
    scenario: () => L('credit-applicant-mix-shift'),
    fault: 'top-up-offer-mix',
    alerts: [
      {
        rule: 'default.input-drift.debt_to_income',
        field: 'debt_to_income',
        severity: 'warning',
        within: 7,
      },
    ],
    moves: [
      up(
        'normalised Wasserstein of debt_to_income',
        (w) => field(w, 'debt_to_income').drift?.statistic,
        5,
        0.3,
      ),
      up(
        'mobile-app PSI of debt_to_income',
        (w) => fieldFrom(w, 'debt_to_income', 'mobile-app')?.psi,
        10,
        0.25,
      ),
      // Only the mobile app's applicants changed: the web stays on its reference.
      below('web PSI of debt_to_income', (w) => fieldFrom(w, 'debt_to_income', 'web')?.psi, 0.1),
    ],
    settle: 20 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'covariate drift: category mix',
    scenario: () => F('category-mix'),
    fault: 'electronics-promotion',
    alerts: [
      { rule: 'default.input-drift.merchant', field: 'merchant', severity: 'warning', within: 7 },
    ],
    moves: [
      up(
        'Jensen–Shannon distance of merchant',
        (w) => field(w, 'merchant').drift?.statistic,
        3,
        0.15,
      ),
      up('PSI of merchant', (w) => field(w, 'merchant').drift?.psi, 10, 0.25),
    ],
    settle: 20 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'covariate drift: segment (source) mix',
    scenario: () => F('segment-mix'),
    fault: 'partner-campaign',
    alerts: [
      {
        rule: 'default.input-drift.card_present',
        field: 'card_present',
        severity: 'warning',
        within: 4,
      },
    ],
    moves: [
      up(
        'partner share of requests',
        (w) => (source(w, 'partner')?.requests ?? 0) / w.requests,
        3,
        0.5,
      ),
      up(
        'Jensen–Shannon distance of card_present',
        (w) => field(w, 'card_present').drift?.statistic,
        3,
        0.1,
      ),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'prior shift, 30-minute ramp',
    scenario: () => L('phishing-wave-prior-shift'),
    fault: 'breach-phishing-wave',
    alerts: [{ rule: 'default.flag-rate-change', severity: 'warning', within: 8 }],
    moves: [
      up('flag rate', (w) => w.output.flagRate, 1.5),
      up('mean score', (w) => w.output.meanScore, 1.3),
    ],
    settle: 30 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'concept drift, 1-hour ramp, labels 1 hour late',
    scenario: () => L('fraud-patterns-shift-quietly'),
    fault: 'wallet-fraud-ring',
    alerts: [{ rule: 'recall-drop', severity: 'critical', within: 30 }],
    moves: [
      // The truth moves once labels arrive: recall on each window's own requests falls ...
      down('recall on labelled requests', (w) => w.perf.byRequest.recall, 0.85),
      // ... while the inputs and the model's own confidence look as they did: the estimate and
      // the truth diverge, which is what makes concept drift quiet.
      steady('estimated accuracy (from scores)', (w) => w.perf.estimatedAccuracy, 0.02),
      below('share of drifted fields', (w) => w.input.datasetDriftShare, 0.1),
    ],
    // Requests from the ramp's end on, whose labels have arrived by the end of the run.
    settle: HOUR,
    observe: 2 * HOUR + 30 * MINUTE,
    quiet: ['input-drift', 'flag-rate', 'score-drift'],
  },
  {
    family: 'latency regression: retrieval stage',
    scenario: () => L('router-retrieval-slowdown'),
    fault: 'index-slowdown',
    alerts: [{ rule: 'default.latency-p95-budget', severity: 'critical', within: 5 }],
    moves: [
      up('latency p95', (w) => w.system.latencyP95, 1.4),
      up('latency p50', (w) => w.system.latencyP50, 1.4),
      up('timeout rate', (w) => w.system.timeoutRate, 5),
    ],
    settle: 15 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'latency regression: model stage',
    scenario: () => L('bnpl-two-faults-red-herring'),
    fault: 'slow-scoring-hosts',
    alerts: [{ rule: 'default.latency-p95-budget', severity: 'critical', within: 5 }],
    moves: [
      up('latency p95', (w) => w.system.latencyP95, 2.5, 250),
      up('timeout rate', (w) => w.system.timeoutRate, 10),
    ],
    settle: 15 * MINUTE,
    observe: 40 * MINUTE,
    // After the type change (2h) has settled, before the slowdown.
    before: [2 * HOUR + 5 * MINUTE, 2 * HOUR + 20 * MINUTE],
  },
  {
    family: 'dependency outage, with a fallback',
    scenario: () => L('moderation-outage-with-fallback'),
    fault: 'endpoint-outage',
    alerts: [
      { rule: 'default.error-rate', severity: 'critical', within: 3 },
      { rule: 'default.fallback-share', severity: 'warning', within: 3 },
    ],
    moves: [
      up('error rate', (w) => w.system.errorRate, 1, 0.5),
      up('fallback share', (w) => w.output.fallbackShare, 10, 0.5),
      up('rule fallbacks', (w) => w.output.fallbackByKind.rule, 10),
      up('retry rate', (w) => w.system.retryRate, 1, 0.5),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'dependency outage, no fallback',
    scenario: () => L('search-ranking-outage-no-fallback'),
    fault: 'scoring-cluster-outage',
    alerts: [{ rule: 'default.error-rate', severity: 'critical', within: 4 }],
    moves: [
      up('error rate', (w) => w.system.errorRate, 1, 0.4),
      up('requests answered with an error', (w) => w.output.fallbackByKind.error, 10),
      down('flag rate', (w) => w.output.flagRate, 0.7),
    ],
    settle: 10 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'cost creep: wider retrieval',
    scenario: () => L('router-cost-doubles'),
    fault: 'wider-retrieval',
    alerts: [{ rule: 'default.tokens-per-request', severity: 'warning', within: 4 }],
    moves: [
      up('tokens per request', (w) => w.system.tokensPerRequest, 1.5),
      up('cost per request', (w) => w.system.costPerRequest, 1.4),
    ],
    settle: 5 * MINUTE,
    // The retry storm starts at 3h15m.
    observe: 80 * MINUTE,
  },
  {
    family: 'cost creep: retry storm',
    scenario: () => L('router-cost-doubles'),
    fault: 'gateway-retry-storm',
    alerts: [
      { rule: 'default.retry-rate', severity: 'warning', within: 6 },
      { rule: 'default.cost-budget', severity: 'critical', within: 6 },
    ],
    moves: [
      up('retry rate', (w) => w.system.retryRate, 1, 0.2),
      up('cost per hour', (w) => w.system.costPerHour, 1.3, 60),
    ],
    settle: 30 * MINUTE,
    observe: HOUR,
    // After the wider retrieval (1h45m) has settled.
    before: [2 * HOUR + 15 * MINUTE, 3 * HOUR + 15 * MINUTE],
  },
  {
    family: 'cost creep: prompt growth',
    scenario: () => F('prompt-growth'),
    fault: 'longer-prompts',
    alerts: [{ rule: 'default.tokens-per-request', severity: 'warning', within: 4 }],
    moves: [
      up('tokens per request', (w) => w.system.tokensPerRequest, 2.5),
      up('cost per hour', (w) => w.system.costPerHour, 1.5),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
  {
    family: 'bad release, labels 1 hour late',
    scenario: () => L('seller-check-bad-release'),
    fault: 'sc-9-release',
    alerts: [
      { rule: 'default.score-drift', severity: 'warning', within: 3 },
      { rule: 'default.accuracy-drop.warning', severity: 'warning', within: 20 },
    ],
    moves: [
      up('score PSI', (w) => w.output.scoreDrift?.psi, 3, 0.1),
      down('accuracy on labelled requests', (w) => w.perf.byRequest.accuracy, 0.95),
      // The new model is confident, and wrong: its own estimate does not fall.
      up('estimated accuracy (from scores)', (w) => w.perf.estimatedAccuracy, 1),
    ],
    settle: 5 * MINUTE,
    observe: HOUR + 50 * MINUTE,
  },
  {
    family: 'label outage',
    scenario: () => L('labels-stop-arriving'),
    fault: 'label-job-broken',
    alerts: [{ rule: 'label-coverage', severity: 'critical', within: 4 }],
    moves: [
      down('label coverage of matured windows', (w) => w.perf.maturedCoverage, 0.1, 0.05),
      down('labels arriving per window', (w) => w.perf.arrived.labels, 0.1, 1),
    ],
    settle: 5 * MINUTE,
    observe: HOUR,
  },
];

describe('each fault family moves the right monitors and fires the right alert in time', () => {
  describe.each(CASES)('$family', (c) => {
    const scenario = c.scenario();
    const fault = scenario.faults.find((f) => f.id === c.fault);
    if (fault === undefined) throw new Error(`${scenario.id} has no fault ${c.fault}`);
    const onset = fault.at;
    const W = scenario.monitoring.window;
    const until = onset + c.observe;

    it.each(c.alerts)('fires $rule within $within windows of onset', (e) => {
      const monitor = monitoredRun(scenario, Math.max(until, onset + (e.within + 1) * W));
      const matching = monitor
        .alerts()
        .filter((a) => a.ruleId === e.rule && (e.field === undefined || a.field === e.field));
      const openAtOnset = matching.filter(
        (a) => a.firedAt <= onset && (a.resolvedAt === null || a.resolvedAt > onset),
      );
      expect(openAtOnset, 'already firing before the fault started').toEqual([]);
      const first = matching.find((a) => a.firedAt > onset);
      expect(first, `${e.rule} never fired after onset`).toBeDefined();
      if (first === undefined) return;
      expect(first.severity).toBe(e.severity);
      const windowsAfter = (first.firedAt - onset) / W;
      expect(windowsAfter, first.message).toBeLessThanOrEqual(e.within);
    });

    it.each(c.moves)('$kind: $what', (m) => {
      const monitor = monitoredRun(scenario, until);
      const history = monitor.history();
      const refEnd = scenario.monitoring.reference?.to ?? Math.min(2 * HOUR, scenario.duration / 4);
      const [from, to] = c.before ?? [refEnd, onset];
      const before = meanOf(windowsIn(history, from, to), m.value);
      const after = meanOf(windowsIn(history, onset + c.settle, until), m.value);
      const note = `${m.what}: before ${before}, after ${after}`;
      expect(Number.isFinite(after), note).toBe(true);
      if (m.kind !== 'below') expect(Number.isFinite(before), note).toBe(true);
      switch (m.kind) {
        case 'up':
          expect(after, note).toBeGreaterThan(before);
          expect(after, note).toBeGreaterThanOrEqual(before * m.factor);
          expect(after, note).toBeGreaterThanOrEqual(m.level);
          break;
        case 'down':
          expect(after, note).toBeLessThanOrEqual(before * m.factor);
          expect(after, note).toBeLessThanOrEqual(m.level);
          break;
        case 'below':
          expect(after, note).toBeLessThanOrEqual(m.level);
          break;
        case 'steady':
          expect(Math.abs(after - before), note).toBeLessThanOrEqual(m.factor * Math.abs(before));
          break;
      }
    });

    if (c.quiet !== undefined) {
      it(`keeps ${c.quiet.join(', ')} quiet`, () => {
        const monitor = monitoredRun(scenario, until);
        const noisy = monitor
          .alerts()
          .filter((a) => a.firedAt > onset && a.firedAt <= until)
          .filter((a) => (c.quiet ?? []).some((q) => a.ruleId.includes(q)));
        expect(noisy.map((a) => a.message)).toEqual([]);
      });
    }
  });

  it('covers every fault type of the scenario schema (the benign change in its own file)', () => {
    const covered = new Set(
      CASES.map((c) => {
        const s = c.scenario();
        return s.faults.find((f) => f.id === c.fault)?.type;
      }),
    );
    covered.add('benign-change');
    expect([...covered].sort()).toEqual([...FAULT_TYPES].sort());
  });
});
