import { useMemo, useState } from 'react';
import { layoutLanes, type LaneItem, type LaneSpec } from './timeline-lanes';
import { useElementWidth } from './use-element-width';
import { useRem } from './chart-scale';
import { formatClock } from '../lib/format';

/** Marker shapes per kind, so lanes read without colour alone. */
function Marker({ kind, x, y, size }: { kind: string; x: number; y: number; size: number }) {
  const s = size;
  if (kind.startsWith('fault'))
    return (
      <path
        d={`M${x},${y - s} L${x + s},${y + s} L${x - s},${y + s} Z`}
        className={`mark mark-${kind}`}
      />
    );
  if (kind.startsWith('alert'))
    return (
      <rect
        x={x - s * 0.8}
        y={y - s * 0.8}
        width={s * 1.6}
        height={s * 1.6}
        className={`mark mark-${kind}`}
        transform={`rotate(45 ${x} ${y})`}
      />
    );
  return <circle cx={x} cy={y} r={s * 0.85} className={`mark mark-${kind}`} />;
}

/** Faults, alerts and actions on a shared time axis, with a read-out of the hovered marker. */
export function TimelineLanes({
  lanes,
  domain,
  title,
}: {
  lanes: readonly LaneSpec[];
  domain: [number, number];
  title: string;
}) {
  const rem = useRem();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const margin = { top: rem(0.4), right: rem(0.9), bottom: rem(1.5), left: rem(6.5) };
  const laneH = rem(1.6);
  const innerW = Math.max(20, width - margin.left - margin.right);
  const layout = useMemo(
    () => layoutLanes(lanes, domain, innerW, laneH),
    [lanes, domain, innerW, laneH],
  );
  const [hover, setHover] = useState<LaneItem | null>(null);
  const height = layout.innerHeight + margin.top + margin.bottom;
  const summary =
    `${title}: ` +
    lanes.map((l) => `${l.label} ${l.items.length}`).join(', ') +
    '. The table below lists every entry.';
  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-legend">
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <path d="M6,1 L11,11 L1,11 Z" className="mark mark-fault" />
            </svg>
            fault
          </span>
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <rect
                x="2"
                y="2"
                width="8"
                height="8"
                transform="rotate(45 6 6)"
                className="mark mark-alert"
              />
            </svg>
            alert
          </span>
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" className="mark mark-learner-recommended" />
            </svg>
            recommended
          </span>
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" className="mark mark-learner-acceptable" />
            </svg>
            acceptable
          </span>
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" className="mark mark-learner-harmful" />
            </svg>
            harmful
          </span>
          <span className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" className="mark mark-learner" />
            </svg>
            not rated
          </span>
          <span className="chart-time">
            {hover ? `${formatClock(hover.t)} ${hover.label}` : 'hover a marker for what happened'}
          </span>
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layout.xTicks.map((t) => (
            <g key={t.pos} transform={`translate(${t.pos},0)`}>
              <line className="grid" y2={layout.innerHeight} />
              <text className="tick-label" y={layout.innerHeight + rem(1.1)} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {layout.lanes.map((l) => (
            <g key={l.id}>
              <line className="lane" x2={layout.innerWidth} y1={l.y} y2={l.y} />
              <text
                className="tick-label lane-label"
                x={-rem(0.4)}
                y={l.y}
                dy="0.32em"
                textAnchor="end"
              >
                {l.label}
              </text>
              {l.items.map((it, i) => (
                <g
                  key={i}
                  onPointerEnter={() => setHover(it)}
                  onPointerLeave={() => setHover(null)}
                >
                  <Marker kind={it.kind} x={it.x} y={l.y} size={rem(0.4)} />
                  <title>{`${formatClock(it.t)} ${it.label}`}</title>
                </g>
              ))}
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
