import { useState } from 'react';
import { layoutSpread, type SpreadDot, type SpreadRowInput } from './spread';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';

interface SpreadChartProps {
  title: string;
  /** The axis label, with its unit: "minutes after the first fault began". */
  unit: string;
  rows: readonly SpreadRowInput[];
  /** Formats a value for the readout and the summary, with its unit. */
  formatValue: (v: number) => string;
}

/**
 * The spread of one measure per row: each dot one result, a box for the middle half (first to
 * third quartile), a thick line at the median and whiskers to the lowest and highest values.
 */
export function SpreadChart({ title, unit, rows, formatValue }: SpreadChartProps) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rowHeight = rem(3.4);
  const radius = rem(0.36);
  const margin = { top: rem(0.4), right: rem(1.2), bottom: rem(2.9), left: rem(9.5) };
  const innerW = Math.max(40, width - margin.left - margin.right);
  const layout = layoutSpread(rows, innerW, rowHeight, radius);
  const height = margin.top + layout.innerHeight + margin.bottom;
  const [hover, setHover] = useState<{ row: string; dot: SpreadDot } | null>(null);

  const summary = layout.rows
    .map((r) =>
      r.spread
        ? `${r.label}: median ${formatValue(r.spread.median)}, from ${formatValue(r.spread.min)} to ${formatValue(r.spread.max)} over ${r.spread.count} result${r.spread.count === 1 ? '' : 's'}`
        : `${r.label}: no values`,
    )
    .join('. ');

  return (
    <figure className="chart spread-chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-unit">{unit}</span>
        <span className="chart-legend">
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true" className="legend-swatch">
              <circle cx="6" cy="6" r="4.5" className="spread-dot legend-dot" />
            </svg>
            one result
          </span>
          <span className="legend-item">
            <svg width="22" height="12" aria-hidden="true" className="legend-swatch">
              <rect x="1" y="1" width="20" height="10" className="spread-box legend-box" />
            </svg>
            middle half (quartiles)
          </span>
          <span className="legend-item">
            <svg width="8" height="14" aria-hidden="true" className="legend-swatch">
              <line x1="4" x2="4" y1="1" y2="13" className="spread-median" />
            </svg>
            median
          </span>
          <span className="legend-item">
            <svg width="22" height="12" aria-hidden="true" className="legend-swatch">
              <line x1="1" x2="21" y1="6" y2="6" className="spread-whisker" />
              <line x1="1" x2="1" y1="2" y2="10" className="spread-whisker" />
              <line x1="21" x2="21" y1="2" y2="10" className="spread-whisker" />
            </svg>
            lowest to highest
          </span>
          <span className="chart-time">
            {hover
              ? `${hover.dot.label}: ${formatValue(hover.dot.value)} (${hover.row})`
              : 'hover a dot to see whose it is'}
          </span>
        </span>
      </figcaption>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${title}, ${unit}. ${summary}.`}
        className="chart-svg"
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.ticks.map((t) => (
            <g key={t.value} transform={`translate(${t.pos},0)`}>
              <line className="grid" y2={layout.innerHeight} />
              <text className="tick-label" y={layout.innerHeight + rem(1.1)} textAnchor="middle">
                {t.value}
              </text>
            </g>
          ))}
          <line
            className="axis"
            x2={layout.innerWidth}
            y1={layout.innerHeight}
            y2={layout.innerHeight}
          />
          <text
            className="axis-title"
            x={layout.innerWidth / 2}
            y={layout.innerHeight + rem(2.4)}
            textAnchor="middle"
          >
            {unit}
          </text>
          {layout.rows.map((r, i) => {
            const boxH = r.height * 0.46;
            return (
              <g key={r.id} className={`spread-row spread-row-${i % 3}`}>
                {i > 0 && <line className="lane" x2={layout.innerWidth} y1={r.top} y2={r.top} />}
                <text className="lane-label" x={-rem(0.6)} y={r.center} textAnchor="end">
                  <tspan x={-rem(0.6)} dy="-0.2em">
                    {r.label}
                  </tspan>
                  <tspan x={-rem(0.6)} dy="1.2em" className="tick-label">
                    {r.spread
                      ? `${r.spread.count} result${r.spread.count === 1 ? '' : 's'}`
                      : 'none'}
                  </tspan>
                </text>
                {r.box && (
                  <g>
                    <line
                      className="spread-whisker"
                      x1={r.box.min}
                      x2={r.box.max}
                      y1={r.center}
                      y2={r.center}
                    />
                    {[r.box.min, r.box.max].map((x, k) => (
                      <line
                        key={k}
                        className="spread-whisker"
                        x1={x}
                        x2={x}
                        y1={r.center - boxH / 3}
                        y2={r.center + boxH / 3}
                      />
                    ))}
                    <rect
                      className="spread-box"
                      x={r.box.q1}
                      width={Math.max(1, r.box.q3 - r.box.q1)}
                      y={r.center - boxH / 2}
                      height={boxH}
                    />
                    <line
                      className="spread-median"
                      x1={r.box.median}
                      x2={r.box.median}
                      y1={r.center - boxH / 2 - 2}
                      y2={r.center + boxH / 2 + 2}
                    />
                  </g>
                )}
                {r.dots.map((d) => (
                  <circle
                    key={d.key}
                    className="spread-dot"
                    cx={d.cx}
                    cy={d.cy}
                    r={radius}
                    data-testid="spread-dot"
                    onPointerEnter={() => setHover({ row: r.label, dot: d })}
                    onPointerLeave={() => setHover(null)}
                  >
                    <title>{`${d.label}: ${formatValue(d.value)}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}
