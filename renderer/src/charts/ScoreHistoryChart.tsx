import { useMemo, useState } from 'react';
import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';
import { timeFormat } from 'd3-time-format';
import type { ProgressEntry } from '../../../electron/shared/contract';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';
import { formatPercent } from '../lib/format';

const SERIES_COLOURS = [
  'var(--series-1)',
  'var(--series-2)',
  'var(--series-3)',
  'var(--series-4)',
  'var(--series-5)',
];
const dayLabel = timeFormat('%d %b');
const hourLabel = timeFormat('%d %b %H:%M');

/** Score share over finish time, one line per scenario. */
export function ScoreHistoryChart({ entries }: { entries: readonly ProgressEntry[] }) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = rem(12);
  const margin = { top: rem(0.8), right: rem(3), bottom: rem(1.6), left: rem(3) };
  const innerW = Math.max(20, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const [hover, setHover] = useState<ProgressEntry | null>(null);

  const layout = useMemo(() => {
    const points = entries.map((e) => ({
      e,
      at: new Date(e.finishedAt),
      share: e.maxScore > 0 ? e.score / e.maxScore : 0,
    }));
    const times = points.map((p) => p.at.getTime());
    const lo = Math.min(...times);
    const hi = Math.max(...times);
    // One session still gets a visible axis: pad a day either side.
    const x = scaleTime()
      .domain(
        lo === hi
          ? [new Date(lo - 86_400_000), new Date(hi + 86_400_000)]
          : [new Date(lo), new Date(hi)],
      )
      .range([0, innerW])
      .nice();
    const y = scaleLinear().domain([0, 1]).range([innerH, 0]);
    const ids = [...new Set(points.map((p) => p.e.scenarioId))];
    const gen = line<(typeof points)[number]>()
      .x((p) => x(p.at))
      .y((p) => y(p.share));
    const series = ids.map((id, i) => {
      const ps = points
        .filter((p) => p.e.scenarioId === id)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      return {
        id,
        title: ps[0].e.title,
        colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
        d: gen(ps) ?? '',
        points: ps.map((p) => ({ ...p, cx: x(p.at), cy: y(p.share) })),
      };
    });
    return {
      series,
      // Day labels for long spans; with a few days or less, times tell the sessions apart.
      xTicks: x
        .ticks(Math.max(2, Math.min(8, Math.floor(innerW / 130))))
        .map((t) => ({ pos: x(t), label: (hi - lo > 4 * 86_400_000 ? dayLabel : hourLabel)(t) })),
      yTicks: y.ticks(4).map((v) => ({ pos: y(v), label: formatPercent(v, 0) })),
    };
  }, [entries, innerW, innerH]);

  const summary =
    `Scores over time for ${layout.series.length} scenario${layout.series.length === 1 ? '' : 's'}: ` +
    layout.series
      .map((s) => `${s.title}, latest ${formatPercent(s.points[s.points.length - 1].share, 0)}`)
      .join('; ');

  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">Scores over time</span>
        <span className="chart-unit">share of the maximum score</span>
        <span className="chart-legend">
          {layout.series.map((s) => (
            <span key={s.id} className="legend-item">
              <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
                <line x1="0" x2="14" y1="5" y2="5" stroke={s.colour} strokeWidth="3" />
              </svg>
              {s.title}
            </span>
          ))}
          <span className="chart-time">
            {hover
              ? `${hover.title}: ${hover.score} / ${hover.maxScore} on ${new Date(hover.finishedAt).toLocaleString()}`
              : 'hover a point for its score'}
          </span>
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.yTicks.map((t) => (
            <g key={t.label} transform={`translate(0,${t.pos})`}>
              <line className="grid" x2={innerW} />
              <text className="tick-label" x={-rem(0.35)} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <line className="axis" x2={innerW} y1={innerH} y2={innerH} />
          {layout.xTicks.map((t) => (
            <text
              key={`${t.label}-${t.pos}`}
              className="tick-label"
              x={t.pos}
              y={innerH + rem(1.1)}
              textAnchor="middle"
            >
              {t.label}
            </text>
          ))}
          {layout.series.map((s) => (
            <g key={s.id}>
              <path d={s.d} fill="none" stroke={s.colour} strokeWidth={2} />
              {s.points.length <= 12 &&
                s.points.map((p, i) => (
                  // Few sessions: print each score, so the chart reads without hovering.
                  <text
                    key={`label-${i}`}
                    className="tick-label"
                    x={p.cx}
                    y={p.cy - rem(0.7)}
                    textAnchor="middle"
                  >
                    {formatPercent(p.share, 0)}
                  </text>
                ))}
              {s.points.map((p, i) => (
                <circle
                  key={i}
                  cx={p.cx}
                  cy={p.cy}
                  r={hover === p.e ? 6 : 4.5}
                  fill={s.colour}
                  className="point"
                  onPointerEnter={() => setHover(p.e)}
                  onPointerLeave={() => setHover(null)}
                />
              ))}
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
