import { describe, expect, it } from 'vitest';
import { layoutTimeSeries, nearestTime, valueAt } from '../../renderer/src/charts/time-series';
import { formatTimeTick, timeStep, timeTicks } from '../../renderer/src/charts/time-ticks';
import { sparklinePath } from '../../renderer/src/charts/sparkline';
import {
  layoutCategoricalHistogram,
  layoutNumericHistogram,
} from '../../renderer/src/charts/histogram';
import { layoutStackedBars } from '../../renderer/src/charts/stacked-bars';
import { layoutLanes } from '../../renderer/src/charts/timeline-lanes';

const HOUR = 3_600_000;
const margin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('time ticks', () => {
  it('picks clock-friendly steps for the span', () => {
    expect(timeStep(0, 6 * HOUR, 4)).toBe(2 * HOUR);
    expect(timeStep(0, 24 * HOUR, 12)).toBe(2 * HOUR);
    expect(timeTicks(10 * 60_000, 6 * HOUR + 10 * 60_000, 4)).toEqual([
      2 * HOUR,
      4 * HOUR,
      6 * HOUR,
    ]);
  });

  it('labels ticks as clock times, and midnights after the first day by day', () => {
    expect(formatTimeTick(6 * HOUR + 30 * 60_000)).toBe('06:30');
    expect(formatTimeTick(24 * HOUR)).toBe('day 2');
  });
});

describe('layoutTimeSeries', () => {
  const series = [
    {
      id: 'a',
      label: 'a',
      color: 'red',
      points: [
        { t: 0, v: 1 },
        { t: HOUR, v: null },
        { t: 2 * HOUR, v: 3 },
      ],
    },
  ];

  it('maps data to the inner box, leaves gaps for nulls and keeps near thresholds in view', () => {
    const l = layoutTimeSeries({
      series,
      thresholds: [{ value: 4, label: 'warn', severity: 'warning' }],
      width: 200,
      height: 100,
      margin,
      formatY: String,
    });
    expect(l.x(0)).toBe(0);
    expect(l.x(2 * HOUR)).toBe(200);
    expect(l.thresholds[0].visible).toBe(true);
    // Two separate moves: the null splits the line.
    expect(l.paths[0].d.match(/M/g)?.length).toBe(2);
    expect(l.times).toEqual([0, HOUR, 2 * HOUR]);
  });

  it('scales to the thresholds when there is no data yet, and draws lone points as dots', () => {
    const l = layoutTimeSeries({
      series: [{ id: 'a', label: 'a', color: 'red', points: [{ t: 0, v: 0 }] }],
      thresholds: [{ value: 0.05, label: 'critical', severity: 'critical' }],
      width: 200,
      height: 100,
      margin,
      xDomain: [0, HOUR],
      formatY: String,
    });
    expect(l.thresholds[0].visible).toBe(true);
    expect(l.thresholds[0].y).toBeGreaterThan(0);
    expect(l.paths[0].dots).toHaveLength(1);
  });

  it('formats ticks with the precision the step needs', () => {
    const l = layoutTimeSeries({
      series: [
        {
          id: 'a',
          label: 'a',
          color: 'red',
          points: [0, 0.0002, 0.0004].map((v, i) => ({ t: i * HOUR, v })),
        },
      ],
      width: 200,
      height: 120,
      margin,
      formatY: String,
      tickSpecifier: '%',
    });
    const labels = l.yTicks.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('0.02%');
  });

  it('finds the nearest time and the value there', () => {
    expect(nearestTime([0, 10, 20], 14)).toBe(10);
    expect(nearestTime([], 5)).toBeNull();
    expect(valueAt(series[0].points, 2 * HOUR)).toBe(3);
    expect(valueAt(series[0].points, 99)).toBeNull();
  });
});

describe('sparklinePath', () => {
  it('returns an empty path without values and marks the last value', () => {
    expect(sparklinePath([null, null], 100, 20).d).toBe('');
    const s = sparklinePath([0, 1, null, 2], 100, 20, 1.5);
    expect(s.d).toMatch(/^M/);
    expect(s.lastX).toBe(99);
    expect(s.thresholdY).not.toBeNull();
  });
});

describe('histograms', () => {
  it('compares numeric bins as shares of their own totals', () => {
    const l = layoutNumericHistogram([10, 30, 0, 0], [1, 1, 1, 1], 0, 40, 400, 100, String);
    expect(l.bars.map((b) => b.refShare)).toEqual([0.25, 0.75, 0, 0]);
    expect(l.bars.map((b) => b.curShare)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(l.bars[0].label).toBe('0 – 10');
  });

  it('puts categories new since the reference after the known ones', () => {
    const l = layoutCategoricalHistogram({ a: 1, b: 3 }, { a: 1, z: 1 }, 300, 100);
    expect(l.bars.map((b) => b.key)).toEqual(['b', 'a', 'z']);
    expect(l.bars[2].refShare).toBe(0);
    expect(l.bars[2].curShare).toBe(0.5);
  });
});

describe('layoutStackedBars', () => {
  it('stacks stages left to right on a shared axis', () => {
    const l = layoutStackedBars(
      [
        { id: '1', label: 'one', parts: { model: 100, backoff: 50 } },
        { id: '2', label: 'two', parts: { model: 20 } },
      ],
      ['model', 'backoff'],
      300,
      60,
      250,
    );
    const one = l.segments.filter((s) => s.rowId === '1');
    expect(one.map((s) => s.stage)).toEqual(['model', 'backoff']);
    expect(one[0].x1).toBeCloseTo(one[1].x0);
    expect(l.rows[0].total).toBe(150);
    // Zero-length stages draw nothing.
    expect(l.segments.filter((s) => s.rowId === '2')).toHaveLength(1);
  });
});

describe('layoutLanes', () => {
  it('places markers by time on their lane', () => {
    const l = layoutLanes(
      [
        { id: 'f', label: 'Faults', items: [{ t: 6 * HOUR, label: 'x', kind: 'fault' }] },
        { id: 'y', label: 'You', items: [] },
      ],
      [0, 24 * HOUR],
      240,
      20,
    );
    expect(l.lanes[0].items[0].x).toBe(60);
    expect(l.lanes[1].y).toBe(30);
    expect(l.innerHeight).toBe(40);
  });
});
