/** Short formats for explanations and reports: clock times, durations, money, rates. */
import { formatDuration } from '../scenario/duration';

const MINUTE = 60_000;

/** A virtual time as "06:20", with the day when past the first ("d2 06:20"). */
export function clock(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  const day = Math.floor(minutes / 1440);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}`;
  return day > 0 ? `d${day + 1} ${hm}` : hm;
}

/** A duration rounded to the minute ("1h5m", "0m"). */
export function duration(ms: number): string {
  const rounded = Math.round(ms / MINUTE) * MINUTE;
  return rounded === 0 ? '0m' : formatDuration(rounded);
}

/** Dollars with two decimals ("$4.20"). */
export function usd(x: number): string {
  return `$${x.toFixed(2)}`;
}

/** A number with up to `digits` decimals and no trailing zeros. */
export function num(x: number, digits = 3): string {
  return String(Number(x.toFixed(digits)));
}

/** Rounds points to one decimal so reports compare exactly across replays. */
export function roundPoints(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Clamps x to [0, 1]. */
export function unit(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** 1 at or before `full`, 0 at or after `zero`, linear between. */
export function linearDown(x: number, full: number, zero: number): number {
  if (x <= full) return 1;
  if (zero <= full) return 0;
  return unit((zero - x) / (zero - full));
}
