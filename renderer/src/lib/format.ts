import { format as d3Format } from 'd3-format';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Returns a virtual time as "06:05", or "day 2 06:05" after the first 24 h. */
export function formatClock(ms: number): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const clock = `${pad(Math.floor(rest / HOUR))}:${pad(Math.floor((rest % HOUR) / MINUTE))}`;
  return day > 0 ? `day ${day + 1} ${clock}` : clock;
}

/** Returns a virtual time with seconds, "06:05:30", for the running clock. */
export function formatClockSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  const m = Math.floor((rest % HOUR) / MINUTE);
  const s = Math.floor((rest % MINUTE) / 1000);
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return day > 0 ? `day ${day + 1} ${clock}` : clock;
}

/** Returns a length of time in words a person reads at a glance: "24 h", "1 h 30 min", "45 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  // Up to two days reads better in hours ("24 h", "36 h") than as "1 d 12 h".
  const days = ms < 2 * DAY ? 0 : Math.floor(ms / DAY);
  const hours = Math.floor((ms - days * DAY) / HOUR);
  const minutes = Math.round((ms % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes && !days) parts.push(`${minutes} min`);
  return parts.join(' ') || '0 min';
}

const fmt3 = d3Format('.3~g');
const fmtComma = d3Format(',.0f');

/** Returns a number with sensible precision: 0.031, 1.25, 1,250. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a >= 10_000) return fmtComma(v);
  if (a >= 100) return d3Format(',.1~f')(v);
  return fmt3(v);
}

/** Returns a share (0–1) as a percentage, "2.4%". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

/** Returns an amount in US dollars: "$2.50", or "$0.0004" for per-request costs. */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && a < 0.01) return `$${v.toPrecision(2)}`;
  return `$${d3Format(',.2f')(v)}`;
}

/** Returns a value with its unit, choosing the format from the unit. */
export function formatWithUnit(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case '%':
    case 'share':
      return formatPercent(v);
    case 'USD':
    case '$':
      return formatUsd(v);
    case 'ms':
      return `${formatNumber(v)} ms`;
    case '':
      return formatNumber(v);
    default:
      return `${formatNumber(v)} ${unit}`;
  }
}

/** Returns the text after "unknown" conventions: a plain word when a value is not known. */
export function orUnknown<T>(v: T | null | undefined, show: (x: T) => string): string {
  return v === null || v === undefined ? 'unknown' : show(v);
}

/**
 * Returns a value from a parsed file as text to show. Messages are text by contract; should one
 * ever not be (a function, an object), React would throw and take the whole screen down.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return typeof value === 'function' ? '(no description)' : String(value);
  } catch {
    // String() throws on objects without a prototype.
    return '(no description)';
  }
}
