import { memo, useMemo, useState, type PointerEvent } from 'react';
import {
  layoutTimeSeries,
  nearestTime,
  valueAt,
  type BandSpec,
  type SeriesSpec,
  type ThresholdSpec,
} from './time-series';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';
import { formatClock } from '../lib/format';

export interface TimeSeriesChartProps {
  title: string;
  /** Unit of the y axis, shown beside it: "ms", "share of requests", "USD per hour". */
  unit: string;
  series: readonly SeriesSpec[];
  thresholds?: readonly ThresholdSpec[];
  bands?: readonly BandSpec[];
  formatValue: (v: number) => string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Height in rem so it grows with the presentation zoom. */
  heightRem?: number;
  /** A short sentence a screen reader reads instead of the picture. */
  summary?: string;
  /** Extra markers drawn on the time axis (actions in the debrief). */
  markers?: readonly { t: number; label: string; kind: string }[];
  /** d3-format specifier for the y ticks ('%' for shares, '$,' for money). */
  tickSpecifier?: string;
  /** Labels read out beside the time in the hover line. */
  timeLabel?: (t: number) => string;
}

/**
 * A time-series chart: lines per series, threshold lines, shaded alert bands, axes with units,
 * a legend that doubles as the hover read-out. d3 computes the layout; React draws it.
 */
function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = rem(props.heightRem ?? 9);
  const px = rem(1);
  // Margins follow the zoom so tick labels keep their room when text grows.
  const margin = useMemo(
    () => ({ top: 0.6 * px, right: 0.9 * px, bottom: 1.5 * px, left: 3.4 * px }),
    [px],
  );
  const { series, thresholds, bands, formatValue, xDomain, yDomain, tickSpecifier } = props;
  const layout = useMemo(
    () =>
      layoutTimeSeries({
        series,
        thresholds,
        bands,
        width,
        height,
        margin,
        xDomain,
        yDomain,
        formatY: formatValue,
        tickSpecifier,
      }),
    [
      series,
      thresholds,
      bands,
      width,
      height,
      margin,
      xDomain,
      yDomain,
      formatValue,
      tickSpecifier,
    ],
  );
  const [hoverT, setHoverT] = useState<number | null>(null);

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const atPx = ((e.clientX - box.left) / box.width) * layout.innerWidth;
    setHoverT(nearestTime(layout.times, layout.invertX(atPx)));
  };

  const latestT = layout.times.length ? layout.times[layout.times.length - 1] : null;
  const readT = hoverT ?? latestT;
  const timeText = (t: number) => (props.timeLabel ? props.timeLabel(t) : formatClock(t));
  const label =
    props.summary ??
    `${props.title}, ${props.unit}. ` +
      series
        .map((s) => {
          const v = latestT === null ? null : valueAt(s.points, latestT);
          return `${s.label}: ${v === null ? 'no data' : formatValue(v)}`;
        })
        .join('; ') +
      (thresholds?.length
        ? `. Thresholds: ${thresholds.map((t) => `${t.label} ${formatValue(t.value)}`).join(', ')}`
        : '') +
      (bands?.length
        ? `. ${bands.length} alert period${bands.length === 1 ? '' : 's'} shaded.`
        : '');

  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">{props.title}</span>
        <span className="chart-unit">{props.unit}</span>
        <span className="chart-legend" aria-live="off">
          {readT !== null && (
            <span className="chart-time">
              {hoverT !== null ? `at ${timeText(readT)}` : 'latest'}
            </span>
          )}
          {series.map((s) => {
            const v = readT === null ? null : valueAt(s.points, readT);
            return (
              <span key={s.id} className="legend-item">
                <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
                  <line
                    x1="0"
                    x2="14"
                    y1="5"
                    y2="5"
                    stroke={s.color}
                    strokeWidth="3"
                    strokeDasharray={s.dashed ? '4 2' : undefined}
                  />
                </svg>
                {s.label} <b>{v === null ? '—' : formatValue(v)}</b>
              </span>
            );
          })}
          {thresholds?.map((t) => (
            <span
              key={`th-${t.label}-${t.value}`}
              className={`legend-item legend-threshold sev-${t.severity}`}
            >
              <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
                <line x1="0" x2="14" y1="5" y2="5" className={`threshold-line sev-${t.severity}`} />
              </svg>
              {t.label} {formatValue(t.value)}
            </span>
          ))}
          {bands && bands.length > 0 && (
            <span className="legend-item">
              <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
                <rect width="14" height="10" className="band sev-warning" />
              </svg>
              alert firing
            </span>
          )}
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={label} className="chart-svg">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.bands.map((b, i) => (
            <rect
              key={`band-${i}`}
              className={`band sev-${b.severity}`}
              x={b.x0}
              width={b.x1 - b.x0}
              y={0}
              height={layout.innerHeight}
            >
              <title>{b.label}</title>
            </rect>
          ))}
          {layout.yTicks.map((t) => (
            <g key={`y-${t.value}`} transform={`translate(0,${t.pos})`}>
              <line className="grid" x1={0} x2={layout.innerWidth} />
              <text className="tick-label" x={-rem(0.35)} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <line
            className="axis"
            x1={0}
            x2={layout.innerWidth}
            y1={layout.innerHeight}
            y2={layout.innerHeight}
          />
          {layout.xTicks.map((t) => (
            <g key={`x-${t.value}`} transform={`translate(${t.pos},${layout.innerHeight})`}>
              <line className="axis" y2={rem(0.25)} />
              <text className="tick-label" y={rem(1.1)} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {layout.thresholds
            .filter((t) => t.visible)
            .map((t) => (
              <line
                key={`th-${t.label}-${t.value}`}
                className={`threshold-line sev-${t.severity}`}
                x1={0}
                x2={layout.innerWidth}
                y1={t.y}
                y2={t.y}
              />
            ))}
          {layout.paths.map((p) => {
            const s = series.find((x) => x.id === p.id)!;
            return (
              <g key={p.id}>
                {p.area && <path d={p.area} fill={s.color} opacity={0.15} />}
                {p.dots.map((d, i) => (
                  <circle key={i} cx={d.x} cy={d.y} r={2.5} fill={s.color} />
                ))}
                <path
                  d={p.d}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '5 3' : undefined}
                  strokeLinejoin="round"
                />
              </g>
            );
          })}
          {props.markers?.map((m, i) => (
            <g
              key={`m-${i}`}
              transform={`translate(${layout.x(m.t)},0)`}
              className={`marker marker-${m.kind}`}
            >
              <line y1={0} y2={layout.innerHeight} />
              <title>{`${formatClock(m.t)} ${m.label}`}</title>
            </g>
          ))}
          {hoverT !== null && (
            <g transform={`translate(${layout.x(hoverT)},0)`} className="hover">
              <line y1={0} y2={layout.innerHeight} />
              {series.map((s) => {
                const v = valueAt(s.points, hoverT);
                return v === null ? null : (
                  <circle key={s.id} cy={layout.y(v)} r={3.5} fill={s.color} />
                );
              })}
            </g>
          )}
          <rect
            className="hover-target"
            width={layout.innerWidth}
            height={layout.innerHeight}
            fill="transparent"
            onPointerMove={onMove}
            onPointerLeave={() => setHoverT(null)}
          />
        </g>
      </svg>
    </figure>
  );
}

export const TimeSeriesChart = memo(TimeSeriesChartImpl);
