/**
 * Inline SVG line charts for the HTML report: one value per window for each run, a dashed
 * reference line (threshold or budget) and fault onset markers. Static, no script, no fonts.
 */
import { clock, num } from './format';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  colour: string;
  points: readonly { t: number; v: number }[];
  dashed?: boolean;
}

/** What to draw. */
export interface ChartSpec {
  title: string;
  yLabel: string;
  xMax: number;
  series: ChartSeries[];
  /** A horizontal reference line, e.g. the harm threshold or the cost budget. */
  level?: { value: number; label: string } | null;
  markers?: { t: number; label: string }[];
}

const W = 720;
const H = 240;
const M = { top: 28, right: 16, bottom: 36, left: 56 };
const HOUR = 3_600_000;
/** The y axis reaches this multiple of the 97th percentile (or the reference line) at most. */
const CLIP_HEADROOM = 2;

/** Escapes text for XML and HTML content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(x: number): number {
  if (x <= 0 || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= x)!;
}

/** Renders a line chart as an SVG element (no XML prolog; for inline use in HTML). */
export function lineChartSvg(spec: ChartSpec): string {
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const values = spec.series.flatMap((s) => s.points.map((p) => p.v));
  const peak = Math.max(...values, spec.level?.value ?? 0);
  // A short spike (a paused minute of manual review) would flatten every other line: scale to
  // the bulk of the data and the reference line, and say when peaks are cut off.
  const sorted = [...values].sort((a, b) => a - b);
  const bulk = sorted[Math.floor(sorted.length * 0.97)] ?? 0;
  const cap = Math.max(bulk * CLIP_HEADROOM, (spec.level?.value ?? 0) * CLIP_HEADROOM);
  const clipped = cap > 0 && peak > cap;
  const yMax = niceMax((clipped ? cap : peak) * 1.05);
  const xMax = Math.max(1, spec.xMax);
  const x = (t: number) => M.left + (Math.min(Math.max(t, 0), xMax) / xMax) * iw;
  const y = (v: number) => M.top + ih - (Math.min(Math.max(v, 0), yMax) / yMax) * ih;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(spec.title)}">`,
  );
  parts.push(`<title>${escapeXml(spec.title)}</title>`);
  parts.push(
    `<rect x="${M.left}" y="${M.top}" width="${iw}" height="${ih}" fill="#fff" stroke="#ccc"/>`,
  );

  const hours = xMax / HOUR;
  const stepH = [1, 2, 3, 4, 6, 12, 24, 48].find((s) => hours / s <= 12) ?? Math.ceil(hours / 12);
  for (let h = 0; h * HOUR <= xMax; h += stepH) {
    const px = f(x(h * HOUR));
    parts.push(
      `<line x1="${px}" y1="${M.top + ih}" x2="${px}" y2="${M.top + ih + 4}" stroke="#666"/>`,
    );
    parts.push(
      `<text x="${px}" y="${M.top + ih + 16}" text-anchor="middle" class="tick">${clock(h * HOUR)}</text>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const py = f(y(v));
    parts.push(`<line x1="${M.left}" y1="${py}" x2="${M.left + iw}" y2="${py}" stroke="#eee"/>`);
    parts.push(
      `<text x="${M.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle" class="tick">${num(v, 3)}</text>`,
    );
  }
  const note = clipped ? ` (peaks up to ${Number(peak.toPrecision(3))} cut off)` : '';
  parts.push(
    `<text x="${M.left}" y="${M.top - 10}" class="axis">${escapeXml(spec.yLabel + note)}</text>`,
  );

  for (const m of spec.markers ?? []) {
    const px = f(x(m.t));
    parts.push(
      `<line x1="${px}" y1="${M.top}" x2="${px}" y2="${M.top + ih}" stroke="#b00" stroke-dasharray="2 3"/>`,
    );
    parts.push(
      `<text x="${px}" y="${M.top + 10}" dx="3" class="marker">${escapeXml(m.label)}</text>`,
    );
  }
  if (spec.level) {
    const py = f(y(spec.level.value));
    parts.push(
      `<line x1="${M.left}" y1="${py}" x2="${M.left + iw}" y2="${py}" stroke="#888" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${M.left + iw - 4}" y="${py}" dy="-4" text-anchor="end" class="marker">${escapeXml(spec.level.label)}</text>`,
    );
  }
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(x(p.t))},${f(y(p.v))}`).join('');
    parts.push(
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
  }
  let lx = M.left;
  const ly = H - 8;
  for (const s of spec.series) {
    parts.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    parts.push(`<text x="${lx + 22}" y="${ly}" class="legend">${escapeXml(s.label)}</text>`);
    lx += 30 + s.label.length * 7;
  }
  parts.push('</svg>');
  return parts.join('');
}
