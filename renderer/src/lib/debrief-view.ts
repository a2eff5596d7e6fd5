import type { Debrief } from '../../../electron/engine/scoring/debrief-types';

/** What `session:debrief` gave: the debrief, or the reason there is none. */
export type DebriefView =
  | { ok: true; debrief: Debrief; score: number; maxScore: number; error: null }
  | { ok: false; error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the host's answer. A debrief is recognised by its format tag; the host may instead
 * report that scoring is unavailable (`{ ok: false, error }`), which the screen shows plainly.
 */
export function readDebrief(raw: unknown): DebriefView {
  if (!isRecord(raw)) return { ok: false, error: 'The debrief came back empty.' };
  if (raw.format === 'driftdrill-debrief' && isRecord(raw.score)) {
    const debrief = raw as unknown as Debrief;
    return {
      ok: true,
      debrief,
      score: debrief.score.total,
      maxScore: debrief.score.max,
      error: null,
    };
  }
  if (typeof raw.error === 'string') return { ok: false, error: raw.error };
  return {
    ok: false,
    error: 'The debrief is in a format this version of Driftdrill does not know.',
  };
}
