/** Largest edit distance that still reads as a typo rather than a different word. */
const MAX_DISTANCE = 2;
/** Shortest text a prefix match may rest on; "a" is a prefix of too much. */
const MIN_PREFIX = 3;

// Reused between calls: suggestions run once per unknown key, and a file may have thousands.
let rows = new Int32Array(3 * 64);

/**
 * Returns the optimal-string-alignment (restricted Damerau–Levenshtein) distance between two
 * strings: insertions, deletions, substitutions and swaps of adjacent characters each cost 1.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Three rolling rows (offsets into `rows`): the swap rule looks two rows back.
  let before = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        rows[previous + j] + 1,
        rows[current + j - 1] + 1,
        rows[previous + j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[before + j - 2] + 1);
      }
      rows[current + j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return rows[previous + b.length];
}

/** Returns how well `option` fits `input` as a correction (lower is better), or null if not at all. */
function matchScore(input: string, option: string): number | null {
  const a = input.toLowerCase();
  const b = option.toLowerCase();
  // Lengths differing by more than the limit cannot be within it; skip the quadratic work.
  if (Math.abs(a.length - b.length) <= MAX_DISTANCE) {
    const distance = editDistance(a, b);
    // Requiring distance < the shorter length stops "ab" from "correcting" to "xy".
    if (distance <= MAX_DISTANCE && distance < Math.min(a.length, b.length)) return distance;
  }
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  if (shorter.length >= MIN_PREFIX && longer.startsWith(shorter)) return MAX_DISTANCE + 1;
  return null;
}

/**
 * Returns the option that `input` most likely meant (edit distance ≤ 2, case-insensitive, or a
 * case-insensitive prefix either way), or undefined when none is close or `input` is an option.
 */
export function suggest(input: string, options: readonly string[]): string | undefined {
  if (options.includes(input)) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const option of options) {
    const score = matchScore(input, option);
    // Strict "<" keeps the first of equally good options, so results follow the schema order.
    if (score !== null && score < bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}
