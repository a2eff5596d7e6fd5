/**
 * Strings parsed from files and messages are fresh heap strings: V8 compares two of them
 * character by character, but two internalized strings by pointer. The engine compares
 * scenario and command strings (field types, distribution kinds, fallback modes, serving
 * patterns) millions of times per run, which made such comparisons about a tenth of a run's
 * time. Property keys are always internalized, so a string read back from `Object.keys` is.
 */
function internString(s: string): string {
  return Object.keys({ [s]: 0 })[0];
}

/**
 * Replaces, in place, every string held in `value` (plain objects and arrays, however deep)
 * by its internalized twin. Contents never change, so nothing observable does either.
 */
export function internStrings<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    if (done.has(value)) return value;
    done.add(value);
  }
  internInPlace(value, new Set());
  return value;
}

/** Values already interned (a scenario is, once for all the sessions that run it). */
const done = new WeakSet<object>();

function internInPlace(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || Object.isFrozen(value))
    return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') value[i] = internString(v);
      else internInPlace(v, seen);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'string') record[key] = internString(v);
    else internInPlace(v, seen);
  }
}
