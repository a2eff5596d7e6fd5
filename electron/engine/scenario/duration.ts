import type { Millis } from '../units';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$';
const WHOLE = new RegExp(DURATION_PATTERN);

/** Parses "90s", "5m", "1h30m", "2d" into milliseconds; returns null when the text is not a duration. */
export function parseDuration(text: string): Millis | null {
  if (!WHOLE.test(text)) return null;
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * UNIT_MS[match[2]];
  return total as Millis;
}

/** Formats milliseconds as a compact duration such as "1h30m" or "45s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return sign + parts.join('');
}

/** Formats a virtual time as day and clock, "d1 06:05:00", for timelines and logs. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const day = Math.floor(totalSeconds / 86_400) + 1;
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `d${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}
