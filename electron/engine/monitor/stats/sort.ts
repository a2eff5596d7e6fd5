/**
 * Sorting numbers for the drift tests. Every window sorts one sample per numeric field, so this
 * is on the window-close clock: a radix sort on the top 32 bits of each double, finished by an
 * insertion pass, is about twice as fast as Float64Array.prototype.sort on 1000 values and gives
 * exactly the same array.
 */

// Below this size the native sort is as fast and needs no buffers.
const NATIVE_BELOW = 64;
// Insertion-pass moves allowed per value before giving up and sorting natively (a sample whose
// values agree on their top 32 bits, such as timestamps a few minutes apart).
const MOVES_PER_VALUE = 8;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Index of the high 32-bit word (sign, exponent, top 20 mantissa bits) of a double.
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * Sorts Float64Arrays ascending into caller-owned arrays, reusing its buffers between calls.
 * The result equals `Float64Array.from(values).sort()` for finite values (−0 before +0);
 * NaN is not supported (the monitor never samples it).
 */
export class FloatSorter {
  private a = new Float64Array(0);
  private aHi = new Uint32Array(0);
  private b = new Float64Array(0);
  private keysA = new Uint32Array(0);
  private keysB = new Uint32Array(0);
  private readonly counts = new Int32Array(4 * 256);

  /** Writes `values` sorted ascending into `out` (at least values.length long); returns out. */
  sortInto(values: Float64Array, out: Float64Array): Float64Array {
    const n = values.length;
    const dest = out.length === n ? out : out.subarray(0, n);
    if (n < NATIVE_BELOW) {
      dest.set(values);
      return dest.sort();
    }
    this.reserve(n);
    const counts = this.counts;
    counts.fill(0);
    let srcV = this.a;
    let srcK = this.keysA;
    let dstV = this.b;
    let dstK = this.keysB;
    srcV.set(values);
    const hiWords = this.aHi;
    for (let i = 0; i < n; i++) {
      const hi = hiWords[2 * i + HI];
      // Order-preserving map of the high word: flip all bits of negatives, the sign of others.
      const k = (hi & 0x80000000) !== 0 ? ~hi : hi ^ 0x80000000;
      srcK[i] = k;
      counts[k & 255]++;
      counts[256 + ((k >>> 8) & 255)]++;
      counts[512 + ((k >>> 16) & 255)]++;
      counts[768 + (k >>> 24)]++;
    }
    for (let pass = 0; pass < 4; pass++) {
      const base = pass * 256;
      const shift = pass * 8;
      // A byte shared by every key orders nothing: skip its pass.
      if (counts[base + ((srcK[0] >>> shift) & 255)] === n) continue;
      let sum = 0;
      for (let d = 0; d < 256; d++) {
        const c = counts[base + d];
        counts[base + d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const k = srcK[i];
        const at = counts[base + ((k >>> shift) & 255)]++;
        dstK[at] = k;
        dstV[at] = srcV[i];
      }
      const tv = srcV;
      srcV = dstV;
      dstV = tv;
      const tk = srcK;
      srcK = dstK;
      dstK = tk;
    }
    dest.set(srcV.subarray(0, n));
    // Values sharing their top 32 bits may still be out of order: an insertion pass fixes them.
    let budget = MOVES_PER_VALUE * n;
    for (let i = 1; i < n; i++) {
      const v = dest[i];
      let j = i - 1;
      if (!(dest[j] > v)) continue;
      while (j >= 0 && dest[j] > v) {
        dest[j + 1] = dest[j];
        j--;
      }
      dest[j + 1] = v;
      budget -= i - 1 - j;
      if (budget < 0) return dest.sort();
    }
    return dest;
  }

  private reserve(n: number): void {
    if (this.a.length >= n) return;
    this.a = new Float64Array(n);
    this.aHi = new Uint32Array(this.a.buffer);
    this.b = new Float64Array(n);
    this.keysA = new Uint32Array(n);
    this.keysB = new Uint32Array(n);
  }
}
