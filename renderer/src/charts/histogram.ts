import { scaleBand, scaleLinear } from 'd3-scale';
import { max, sum } from 'd3-array';

export interface HistogramBar {
  key: string;
  label: string;
  x: number;
  width: number;
  refShare: number;
  curShare: number;
  refY: number;
  curY: number;
}

export interface HistogramLayout {
  bars: HistogramBar[];
  yTicks: { value: number; pos: number }[];
  innerWidth: number;
  innerHeight: number;
  /** Bin edges labelled along the x axis (a subset for numbers so labels do not collide). */
  xLabels: { pos: number; label: string }[];
  y: (share: number) => number;
}

function shares(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * Lays out two overlaid histograms (reference and current) as shares of their totals, so a
 * small current window compares fairly with a large reference.
 */
export function layoutNumericHistogram(
  reference: readonly number[],
  current: readonly number[],
  lo: number,
  hi: number,
  width: number,
  height: number,
  formatEdge: (v: number) => string,
): HistogramLayout {
  const n = Math.max(reference.length, current.length);
  const labels = Array.from({ length: n }, (_, i) => String(i));
  const edge = (i: number) => lo + ((hi - lo) * i) / Math.max(1, n);
  const x = scaleBand<string>().domain(labels).range([0, width]).paddingInner(0.08);
  const ref = shares(reference);
  const cur = shares(current);
  const top = Math.max(max(ref) ?? 0, max(cur) ?? 0, 0.01);
  const y = scaleLinear().domain([0, top]).range([height, 0]).nice(4);
  const bars = labels.map((key, i) => ({
    key,
    label: `${formatEdge(edge(i))} – ${formatEdge(edge(i + 1))}`,
    x: x(key) ?? 0,
    width: x.bandwidth(),
    refShare: ref[i] ?? 0,
    curShare: cur[i] ?? 0,
    refY: y(ref[i] ?? 0),
    curY: y(cur[i] ?? 0),
  }));
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(width / 70))));
  const xLabels: { pos: number; label: string }[] = [];
  for (let i = 0; i <= n; i += every)
    xLabels.push({ pos: (width * i) / Math.max(1, n), label: formatEdge(edge(i)) });
  return {
    bars,
    yTicks: y.ticks(4).map((value) => ({ value, pos: y(value) })),
    innerWidth: width,
    innerHeight: height,
    xLabels,
    y: (s) => y(s),
  };
}

/** Lays out reference and current category shares side by side, categories in a stable order. */
export function layoutCategoricalHistogram(
  reference: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
  width: number,
  height: number,
): HistogramLayout {
  // Reference categories first (in decreasing share), then anything new, so new values stand out.
  const refKeys = Object.keys(reference).sort((a, b) => reference[b] - reference[a]);
  const newKeys = Object.keys(current)
    .filter((k) => !(k in reference))
    .sort();
  const keys = [...refKeys, ...newKeys];
  const refTotal = sum(Object.values(reference));
  const curTotal = sum(Object.values(current));
  const ref = keys.map((k) => (refTotal > 0 ? (reference[k] ?? 0) / refTotal : 0));
  const cur = keys.map((k) => (curTotal > 0 ? (current[k] ?? 0) / curTotal : 0));
  const x = scaleBand<string>().domain(keys).range([0, width]).paddingInner(0.2);
  const top = Math.max(max(ref) ?? 0, max(cur) ?? 0, 0.01);
  const y = scaleLinear().domain([0, top]).range([height, 0]).nice(4);
  return {
    bars: keys.map((key, i) => ({
      key,
      label: key,
      x: x(key) ?? 0,
      width: x.bandwidth(),
      refShare: ref[i],
      curShare: cur[i],
      refY: y(ref[i]),
      curY: y(cur[i]),
    })),
    yTicks: y.ticks(4).map((value) => ({ value, pos: y(value) })),
    innerWidth: width,
    innerHeight: height,
    xLabels: keys.map((key) => ({ pos: (x(key) ?? 0) + x.bandwidth() / 2, label: key })),
    y: (s) => y(s),
  };
}
