import { crossCheck } from '../scenario/cross-check';
import { formatPath } from '../scenario/scenario-error';
import { faultSchema, type FaultSpec, type Scenario } from '../scenario/schema';

/**
 * Checks a fault a facilitator injects into a running session: the scenario fault schema, then
 * the same cross-references a scenario file must pass (fields, sources and versions exist, ids
 * are unique, the fault starts before the end), so a live fault is as sound as an authored one.
 */

/** One problem with an injected fault, at a path inside the fault (`field`, `scope.source`). */
export interface InjectionProblem {
  path: string;
  message: string;
}

export type InjectionCheck =
  { ok: true; fault: FaultSpec } | { ok: false; problems: InjectionProblem[] };

/**
 * Returns the parsed fault, or every problem with it. `body` is the fault as sent, with `at`
 * and `until` in seconds from the start (or duration text); without `at` it starts at `nowMs`.
 */
export function checkInjection(
  scenario: Scenario,
  existing: readonly FaultSpec[],
  body: Readonly<Record<string, unknown>>,
  nowMs: number,
): InjectionCheck {
  const parsed = faultSchema.safeParse({ at: Math.round(nowMs / 1000), ...body });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message: i.message,
      })),
    };
  }
  const fault = parsed.data;
  const problems: InjectionProblem[] = [];
  // The past has already been simulated: a live fault can only start now or later.
  if (fault.at < Math.floor(nowMs / 1000) * 1000) {
    problems.push({ path: 'at', message: 'a live fault cannot start before the current time' });
  }
  const index = existing.length;
  const withFault: Scenario = { ...scenario, faults: [...existing, fault] };
  for (const p of crossCheck(withFault)) {
    if (p.path[0] !== 'faults' || p.path[1] !== index) continue;
    // The file's wording points at a list position; here the fault only has its name.
    if (p.path[2] === 'id' && p.message.startsWith('duplicate')) {
      problems.push({
        path: 'id',
        message: `a fault named "${fault.id}" already exists in this session`,
      });
      continue;
    }
    const more = [
      p.expected !== undefined ? `expected ${p.expected}` : '',
      p.suggestion !== undefined ? `did you mean "${p.suggestion}"?` : '',
    ].filter(Boolean);
    problems.push({
      path: formatPath(p.path.slice(2)),
      message: more.length > 0 ? `${p.message} (${more.join('; ')})` : p.message,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fault };
}
