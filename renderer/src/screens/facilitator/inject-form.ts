import type {
  CatalogueEntry,
  CatalogueParam,
  InjectProblem,
  InjectRequest,
} from '../../../../electron/engine/host/facilitator';
import type { InjectDraft } from '../../state/facilitator';

/** Returns the family's inputs that apply with the values chosen so far. */
export function visibleParams(
  entry: CatalogueEntry,
  values: Readonly<Record<string, string>>,
): CatalogueParam[] {
  return entry.params.filter(
    (p) => !p.showWhen || p.showWhen.values.includes(values[p.showWhen.key] ?? ''),
  );
}

/** Reads a typed number; null when the text is empty or not a number. */
function numberOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Turns the form into a request for `facilitator:inject`, or lists what is wrong with its
 * timing inputs. The family's own inputs go as typed; the host checks them against the scenario.
 */
export function requestFrom(
  d: InjectDraft,
  entry: CatalogueEntry,
): { ok: true; request: InjectRequest } | { ok: false; problems: InjectProblem[] } {
  const problems: InjectProblem[] = [];
  const startsIn = numberOf(d.startsInMinutes);
  if (startsIn === null || startsIn < 0)
    problems.push({ key: 'startsInMinutes', message: 'enter 0 or more minutes' });
  const lasts = d.lastsMinutes.trim() === '' ? null : numberOf(d.lastsMinutes);
  if (d.lastsMinutes.trim() !== '' && (lasts === null || lasts <= 0))
    problems.push({
      key: 'lastsMinutes',
      message: 'enter more than 0 minutes, or leave it empty to last until the end',
    });
  const ramp = numberOf(d.rampMinutes);
  if (d.shape === 'ramp' && (ramp === null || ramp <= 0))
    problems.push({ key: 'rampMinutes', message: 'enter more than 0 minutes' });
  if (problems.length > 0) return { ok: false, problems };
  const shown = new Set(visibleParams(entry, d.values).map((p) => p.key));
  return {
    ok: true,
    request: {
      type: d.type,
      id: d.id.trim(),
      source: d.source === '' ? null : d.source,
      shape: d.shape,
      rampMinutes: ramp !== null && ramp > 0 ? ramp : 60,
      startsInMinutes: startsIn ?? 0,
      lastsMinutes: lasts,
      description: d.description,
      // Hidden inputs stay out: they belong to another choice (another field, another change).
      values: Object.fromEntries(Object.entries(d.values).filter(([k]) => shown.has(k))),
    },
  };
}
