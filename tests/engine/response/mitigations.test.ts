/**
 * Each mitigation's effect, as the request stream shows it: the records the service logs
 * (and monitoring reads), compared with the same seed left alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { Session } from '../../../electron/engine/session';
import { loadFixture } from '../scoring/fixtures';

const H = 3_600_000;
const M = 60_000;

/** Runs `scenario` to `until`, applying commands at their times; returns the session and every record. */
function stream(
  scenario: Scenario,
  actions: { at: number; command: Command }[],
  until = scenario.duration,
) {
  const records: RequestRecord[] = [];
  const session = new Session(scenario, { seed: 21, onRecord: (r) => records.push(r) });
  for (const a of actions) {
    session.advanceTo(a.at);
    const result = session.apply(a.command);
    if (!result.ok) throw new Error(`${a.command.type} failed: ${result.error}`);
  }
  session.advanceTo(until);
  return { session, records };
}

const between = (rs: readonly RequestRecord[], from: number, to: number) =>
  rs.filter((r) => r.t >= from && r.t < to);
const share = (rs: readonly RequestRecord[], test: (r: RequestRecord) => boolean) =>
  rs.filter(test).length / rs.length;
const mean = (rs: readonly RequestRecord[], f: (r: RequestRecord) => number) =>
  rs.reduce((a, r) => a + f(r), 0) / rs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('rollback', () => {
  it('changes the serving version from the next request', () => {
    const { scenario } = loadFixture('unit-change');
    const at = H + 17 * M + 3_000;
    const { records } = stream(
      scenario,
      [{ at, command: { type: 'rollback', version: 'v2' } }],
      at + 10 * M,
    );
    const before = records.filter((r) => r.t < at);
    const after = records.filter((r) => r.t >= at);
    expect(new Set(before.map((r) => r.version))).toEqual(new Set(['v3']));
    expect(new Set(after.map((r) => r.version))).toEqual(new Set(['v2']));
    expect(after[0].id).toBe(before[before.length - 1].id + 1);
  });
});

describe('set-fallback during a dependency outage', () => {
  const { scenario } = loadFixture('dependency-outage');
  const onset = scenario.faults[0].at;
  const fix = onset + 10 * M;
  let left: RequestRecord[];
  let fixed: RequestRecord[];
  beforeAll(() => {
    left = stream(scenario, [], 3 * H).records;
    fixed = stream(
      scenario,
      [{ at: fix, command: { type: 'set-fallback', mode: 'rule' } }],
      3 * H,
    ).records;
  });
  const answered = (r: RequestRecord) => r.fallback === 'rule' || r.fallback === 'manual-review';

  it('raises the fallback share while the model fails, from the time it is set', () => {
    expect(share(between(left, fix, 3 * H), answered)).toBe(0);
    expect(share(between(fixed, onset, fix), answered)).toBe(0);
    const after = share(between(fixed, fix, 3 * H), answered);
    expect(after).toBeGreaterThan(0.4);
    expect(after).toBeLessThan(0.6);
  });

  it('turns errors into answers: harm per request falls', () => {
    const harm = (rs: RequestRecord[]) => mean(between(rs, fix, 3 * H), (r) => r.harm);
    expect(harm(fixed)).toBeLessThan(harm(left) * 0.6);
  });
});

describe('a retry cap in a retry storm', () => {
  it('lowers model calls and cost per request', () => {
    const { scenario } = loadFixture('retry-storm');
    const cap = scenario.faults[0].at + 30 * M;
    const left = between(stream(scenario, []).records, cap, scenario.duration);
    const capped = between(
      stream(scenario, [{ at: cap, command: { type: 'set-limits', retryMax: 0 } }]).records,
      cap,
      scenario.duration,
    );
    expect(mean(capped, (r) => r.attempts)).toBeLessThan(1.05);
    expect(mean(left, (r) => r.attempts)).toBeGreaterThan(1.5);
    expect(mean(capped, (r) => r.costUsd)).toBeLessThan(mean(left, (r) => r.costUsd) * 0.7);
  });
});

describe('a unit patch', () => {
  const { scenario } = loadFixture('unit-change');
  const onset = scenario.faults[0].at;
  const patch = onset + 30 * M;
  let records: RequestRecord[];
  beforeAll(() => {
    const command: Command = {
      type: 'patch-mapping',
      field: 'amount',
      source: 'partner-api',
      factor: 0.01,
    };
    records = stream(scenario, [{ at: patch, command }], patch + H).records;
  });
  const partner = (rs: RequestRecord[]) => rs.filter((r) => r.source === 'partner-api');
  const amounts = (rs: RequestRecord[]) => partner(rs).map((r) => r.payload.amount as number);
  const outOfRange = (r: RequestRecord) =>
    r.violations.some((v) => v.field === 'amount' && v.kind === 'out-of-range');

  it('removes the out-of-range values the unit change caused', () => {
    expect(share(partner(between(records, onset, patch)), outOfRange)).toBeGreaterThan(0.005);
    expect(share(partner(between(records, patch, patch + H)), outOfRange)).toBe(0);
  });

  it('restores the distribution of the patched field in the stream', () => {
    const clean = median(amounts(between(records, 0, onset)));
    const broken = median(amounts(between(records, onset, patch)));
    const patched = median(amounts(between(records, patch, patch + H)));
    expect(broken / clean).toBeGreaterThan(50);
    expect(patched / clean).toBeGreaterThan(0.8);
    expect(patched / clean).toBeLessThan(1.25);
  });
});

describe('a retrain after a unit patch', () => {
  it('learns from amounts as the service used them, before and after the patch', () => {
    // "Trains on what that window really holds": dollars before the fault, dollars again
    // once patched — the patch must not be applied a second time, nor to older data.
    const { scenario } = loadFixture('unit-change');
    const onset = scenario.faults[0].at;
    const patch = onset + 30 * M;
    const at = 7 * H;
    const { session, records } = stream(
      scenario,
      [
        {
          at: patch,
          command: { type: 'patch-mapping', field: 'amount', source: 'partner-api', factor: 0.01 },
        },
        { at, command: { type: 'retrain', from: H, to: 2 * H, version: 'clean-window' } },
        { at, command: { type: 'retrain', from: 4 * H, to: 5 * H, version: 'patched-window' } },
      ],
      scenario.duration,
    );
    const amountMean = (version: string) =>
      session.registry.get(version)!.encoder.columns.find((c) => c.field === 'amount')!.mean;
    const servedMean = (from: number, to: number) =>
      mean(between(records, from, to), (r) => r.payload.amount as number);
    const ratios = [
      amountMean('clean-window') / servedMean(H, 2 * H),
      amountMean('patched-window') / servedMean(4 * H, 5 * H),
    ];
    for (const r of ratios) {
      expect(r).toBeGreaterThan(0.8);
      expect(r).toBeLessThan(1.25);
    }
  });
});

describe('two retrains started back to back', () => {
  it('produce two distinct versions', () => {
    const { scenario } = loadFixture('unit-change');
    const { session } = stream(
      scenario,
      [
        { at: 4 * H, command: { type: 'retrain', from: H, to: 2 * H } },
        { at: 4 * H, command: { type: 'retrain', from: 2 * H, to: 3 * H } },
      ],
      6 * H,
    );
    const retrained = session.registry.list().filter((v) => v.origin === 'retrain');
    expect(retrained.map((v) => v.trainedOn)).toEqual([
      { from: H, to: 2 * H },
      { from: 2 * H, to: 3 * H },
    ]);
    expect(new Set(retrained.map((v) => v.version)).size).toBe(2);
  });
});

describe('releasing a defective version', () => {
  const { scenario } = loadFixture('defective-release');
  const at = H;
  const end = 2 * H;
  const harmRate = (rs: RequestRecord[]) => mean(rs, (r) => r.harm);
  let baseline: RequestRecord[];
  beforeAll(() => {
    baseline = between(stream(scenario, [], end).records, at, end);
  });

  it('as a canary, harms only its share of traffic and shows up on the candidate route', () => {
    const { session, records } = stream(
      scenario,
      [{ at, command: { type: 'deploy', version: 'v2', mode: 'canary', share: 0.2 } }],
      end,
    );
    const after = between(records, at, end);
    const candidate = after.filter((r) => r.route === 'candidate');
    const serving = after.filter((r) => r.route === 'serving');
    expect(candidate.length / after.length).toBeGreaterThan(0.17);
    expect(candidate.length / after.length).toBeLessThan(0.23);
    expect(new Set(candidate.map((r) => r.version))).toEqual(new Set(['v2']));
    expect(new Set(serving.map((r) => r.version))).toEqual(new Set(['v1']));
    expect(harmRate(candidate)).toBeGreaterThan(3 * harmRate(baseline));
    // The serving route keeps the baseline's harm rate, within sampling noise.
    expect(Math.abs(harmRate(serving) - harmRate(baseline))).toBeLessThan(
      0.25 * harmRate(baseline),
    );
    const windows = session
      .monitor!.history()
      .filter((w) => w.start >= at && w.routes.candidate !== null);
    expect(windows.length).toBeGreaterThan(6);
    for (const w of windows)
      expect(w.routes.candidate!.flagRate!).toBeGreaterThan(5 * w.routes.serving.flagRate!);
  });

  it('once promoted, spreads the harm to all traffic', () => {
    const promote = at + 30 * M;
    const { records } = stream(
      scenario,
      [
        { at, command: { type: 'deploy', version: 'v2', mode: 'canary', share: 0.2 } },
        { at: promote, command: { type: 'promote' } },
      ],
      end,
    );
    const canary = between(records, at, promote);
    const promoted = between(records, promote, end);
    expect(new Set(promoted.map((r) => r.version))).toEqual(new Set(['v2']));
    expect(harmRate(promoted)).toBeGreaterThan(2.5 * harmRate(canary));
  });

  it('in shadow, harms no one: the served stream is exactly the baseline', () => {
    const { records } = stream(
      scenario,
      [{ at, command: { type: 'deploy', version: 'v2', mode: 'shadow' } }],
      end,
    );
    const after = between(records, at, end);
    expect(
      after.every((r) => r.shadow?.version === 'v2' && r.version === 'v1' && r.route === 'serving'),
    ).toBe(true);
    expect(share(after, (r) => r.shadow!.flagged)).toBeGreaterThan(0.5);
    expect(after.map((r) => [r.id, r.flagged, r.harm])).toEqual(
      baseline.map((r) => [r.id, r.flagged, r.harm]),
    );
  });
});
