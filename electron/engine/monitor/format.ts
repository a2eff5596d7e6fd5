/** Plain-text formatting for alert messages: virtual times and metric values. */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A virtual time as "06:05" (or "06:05:30" off the minute), prefixed "day 2 " after 24 h. */
export function formatClock(ms: number): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  const m = Math.floor((rest % HOUR) / MINUTE);
  const s = Math.floor((rest % MINUTE) / 1000);
  const clock = s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
  return day > 0 ? `day ${day + 1} ${clock}` : clock;
}

/** A window as "06:00–06:05". */
export function formatWindow(start: number, end: number): string {
  return `${formatClock(start)}–${formatClock(end)}`;
}

/** A number with sensible precision for a sentence: 0.31, 0.0042, 1250, 12.5. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? 'infinity' : v < 0 ? '-infinity' : 'n/a';
  const a = Math.abs(v);
  if (a === 0) return '0.00';
  if (a >= 1000) return String(Math.round(v));
  if (a >= 100) {
    const s = v.toFixed(1);
    return s.endsWith('.0') ? s.slice(0, -2) : s;
  }
  if (a >= 0.01) return v.toFixed(2);
  return v.toPrecision(2);
}
