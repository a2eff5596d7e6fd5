/** Tick steps for virtual time, in ms: the clock values an on-call engineer reads naturally. */
const STEPS = [
  60_000,
  5 * 60_000,
  10 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3_600_000,
  2 * 3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
  2 * 86_400_000,
] as const;

/** Returns the smallest clock step that gives at most `maxTicks` ticks across [from, to] (ms). */
export function timeStep(from: number, to: number, maxTicks: number): number {
  const span = Math.max(1, to - from);
  for (const step of STEPS) if (span / step <= maxTicks) return step;
  return STEPS[STEPS.length - 1];
}

/** Returns tick positions (virtual ms) on whole multiples of a clock step within [from, to]. */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  const step = timeStep(from, to, Math.max(1, maxTicks));
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** Returns a tick label: "06:00", or "d2" at midnight of later days. */
export function formatTimeTick(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const rest = ms - day * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  if (day > 0 && h === 0 && m === 0) return `day ${day + 1}`;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
