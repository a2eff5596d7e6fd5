import { useState } from 'react';
import { layoutCategoricalHistogram, layoutNumericHistogram, type HistogramBar } from './histogram';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';
import { formatNumber, formatPercent } from '../lib/format';

type HistogramData =
  | {
      kind: 'numeric';
      lo: number;
      hi: number;
      reference: number[];
      current: number[];
      unit: string;
    }
  | { kind: 'categorical'; reference: Record<string, number>; current: Record<string, number> };

interface HistogramChartProps {
  title: string;
  data: HistogramData;
}

/**
 * Reference and current distributions overlaid as shares of their totals: reference as an
 * outlined bar, current as a filled bar, so a shift reads as bars moving out of their outlines.
 */
export function HistogramChart({ title, data }: HistogramChartProps) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = rem(12);
  const margin = { top: rem(0.6), right: rem(0.8), bottom: rem(2.6), left: rem(3.2) };
  const innerW = Math.max(20, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  // Twenty bins or a handful of categories: cheap enough to lay out on every render.
  const layout =
    data.kind === 'numeric'
      ? layoutNumericHistogram(
          data.reference,
          data.current,
          data.lo,
          data.hi,
          innerW,
          innerH,
          formatNumber,
        )
      : layoutCategoricalHistogram(data.reference, data.current, innerW, innerH);
  const [hover, setHover] = useState<HistogramBar | null>(null);
  const unit = data.kind === 'numeric' && data.unit ? ` (${data.unit})` : '';
  const biggest = [...layout.bars].sort(
    (a, b) => Math.abs(b.curShare - b.refShare) - Math.abs(a.curShare - a.refShare),
  )[0];
  const label =
    `${title}: reference and current distributions as shares of requests.` +
    (biggest
      ? ` Largest change at ${biggest.label}${unit}: ${formatPercent(biggest.refShare)} in the reference, ${formatPercent(biggest.curShare)} now.`
      : '');
  const shown = hover ?? null;

  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-unit">share of requests per bin{unit}</span>
        <span className="chart-legend">
          <span className="legend-item">
            <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
              <rect width="13" height="9" x="0.5" y="0.5" className="hist-ref" />
            </svg>
            reference
          </span>
          <span className="legend-item">
            <svg width="14" height="10" aria-hidden="true" className="legend-swatch">
              <rect width="14" height="10" className="hist-cur" />
            </svg>
            last hour
          </span>
          <span className="chart-time">
            {shown
              ? `${shown.label}${unit}: reference ${formatPercent(shown.refShare)}, now ${formatPercent(shown.curShare)}`
              : 'hover a bar for its shares'}
          </span>
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={label} className="chart-svg">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.yTicks.map((t) => (
            <g key={t.value} transform={`translate(0,${t.pos})`}>
              <line className="grid" x2={innerW} />
              <text className="tick-label" x={-rem(0.35)} dy="0.32em" textAnchor="end">
                {formatPercent(t.value, 0)}
              </text>
            </g>
          ))}
          {layout.bars.map((b) => (
            <g key={b.key} onPointerEnter={() => setHover(b)} onPointerLeave={() => setHover(null)}>
              <rect
                className="hist-hit"
                x={b.x}
                width={b.width}
                y={0}
                height={innerH}
                fill="transparent"
              />
              <rect
                className="hist-cur"
                x={b.x}
                width={b.width}
                y={b.curY}
                height={innerH - b.curY}
              />
              <rect
                className="hist-ref"
                x={b.x + 0.75}
                width={Math.max(0, b.width - 1.5)}
                y={b.refY}
                height={Math.max(0, innerH - b.refY)}
              />
            </g>
          ))}
          <line className="axis" x2={innerW} y1={innerH} y2={innerH} />
          {layout.xLabels.map((l, i) => (
            <text
              key={`${l.label}-${i}`}
              className="tick-label"
              x={l.pos}
              y={innerH + rem(1.1)}
              textAnchor="middle"
            >
              {l.label.length > 12 ? `${l.label.slice(0, 11)}…` : l.label}
            </text>
          ))}
        </g>
      </svg>
    </figure>
  );
}
