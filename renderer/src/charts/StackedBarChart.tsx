import { useMemo } from 'react';
import { layoutStackedBars, type StackedRow } from './stacked-bars';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';

interface StackedBarChartProps {
  title: string;
  unit: string;
  rows: readonly StackedRow[];
  stages: readonly { key: string; label: string; color: string }[];
  /** A budget line drawn across every row (a latency budget, a timeout). */
  marker?: { value: number; label: string };
  format: (v: number) => string;
}

/** Horizontal stacked bars, one row per item and one colour per stage, with a budget marker. */
export function StackedBarChart({
  title,
  unit,
  rows,
  stages,
  marker,
  format,
}: StackedBarChartProps) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rowPx = rem(1.5);
  const margin = { top: rem(0.4), right: rem(1), bottom: rem(1.6), left: rem(7.5) };
  const innerW = Math.max(20, width - margin.left - margin.right);
  const innerH = Math.max(rowPx, rows.length * rowPx);
  const height = innerH + margin.top + margin.bottom;
  const keys = useMemo(() => stages.map((s) => s.key), [stages]);
  const layout = useMemo(
    () => layoutStackedBars(rows, keys, innerW, innerH, marker?.value),
    [rows, keys, innerW, innerH, marker?.value],
  );
  const colour = (stage: string) => stages.find((s) => s.key === stage)?.color ?? 'currentColor';
  const label =
    `${title}, ${unit}. ` +
    layout.rows.map((r) => `${r.label}: ${format(r.total)}`).join('; ') +
    (marker ? `. ${marker.label}: ${format(marker.value)}.` : '');

  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-unit">{unit}</span>
        <span className="chart-legend">
          {stages.map((s) => (
            <span key={s.key} className="legend-item">
              <svg width="12" height="12" aria-hidden="true" className="legend-swatch">
                <rect width="12" height="12" fill={s.color} />
              </svg>
              {s.label}
            </span>
          ))}
          {marker && (
            <span className="legend-item">
              <svg width="14" height="12" aria-hidden="true" className="legend-swatch">
                <line x1="7" x2="7" y1="0" y2="12" className="threshold-line sev-critical" />
              </svg>
              {marker.label} {format(marker.value)}
            </span>
          )}
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={label} className="chart-svg">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.xTicks.map((t) => (
            <g key={t.value} transform={`translate(${t.pos},0)`}>
              <line className="grid" y2={innerH} />
              <text className="tick-label" y={innerH + rem(1.1)} textAnchor="middle">
                {format(t.value)}
              </text>
            </g>
          ))}
          {layout.rows.map((r) => (
            <text
              key={r.id}
              className="tick-label"
              x={-rem(0.4)}
              y={r.y + r.height / 2}
              dy="0.32em"
              textAnchor="end"
            >
              {r.label}
            </text>
          ))}
          {layout.segments.map((s) => {
            const row = layout.rows.find((r) => r.id === s.rowId)!;
            return (
              <rect
                key={`${s.rowId}-${s.stage}`}
                x={s.x0}
                width={Math.max(0.5, s.x1 - s.x0)}
                y={row.y}
                height={row.height}
                fill={colour(s.stage)}
              >
                <title>{`${row.label} ${stages.find((x) => x.key === s.stage)?.label}: ${format(s.value)}`}</title>
              </rect>
            );
          })}
          {marker && (
            <line
              className="threshold-line sev-critical"
              x1={layout.x(marker.value)}
              x2={layout.x(marker.value)}
              y1={0}
              y2={innerH}
            />
          )}
        </g>
      </svg>
    </figure>
  );
}
