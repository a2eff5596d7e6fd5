/**
 * Jensen-Shannon distance between two discrete distributions, a port of
 * scipy.spatial.distance.jensenshannon(p, q) (natural log, base=None).
 */

/** Elementwise relative entropy term x ln(x / y) with scipy.special.rel_entr's conventions. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen-Shannon distance sqrt(JSD(p || q)) in nats^(1/2), between 0 and sqrt(ln 2).
 * p and q are non-negative weights (e.g. bin counts) of equal length; each is normalised to
 * sum 1 first. A vector summing to 0 gives NaN. Rounding can leave the divergence at -1e-17
 * for identical inputs, where scipy would return NaN; we clamp it to 0 instead.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannonDistance: length mismatch (${p.length} vs ${q.length})`);
  }
  const k = p.length;
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < k; i++) {
    sp += p[i];
    sq += q[i];
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < k; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  const js = left + right;
  if (Number.isNaN(js)) return Number.NaN;
  return Math.sqrt(Math.max(0, js / 2));
}
