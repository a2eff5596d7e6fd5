/**
 * Special functions behind the drift tests' p-values: log-gamma, the regularised
 * incomplete gamma functions (for the chi-squared tail) and the finite-n two-sided
 * Kolmogorov-Smirnov distribution `kstwo` (for the asymptotic path of ks_2samp).
 *
 * Pure maths, no platform imports: this runs in the main process and in a browser Worker.
 */

const LOG_2PI = Math.log(2 * Math.PI);
const EPS = Number.EPSILON;

// Bernoulli-number coefficients B_2k / (2k (2k-1)) of the Stirling series, k = 1..8.
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

// Below this the Stirling series is not accurate to double precision, so we shift up first.
const STIRLING_MIN = 15;

/** Stirling tail lgamma(z) - [(z - 1/2) ln z - z + ln(2 pi) / 2], for z >= 15 (dimensionless). */
function stirlingCorrection(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  let s = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) s = s * r2 + STIRLING[k];
  return s * r;
}

/** Natural log of the gamma function for x > 0 (dimensionless; NaN for x <= 0). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  // Recurrence Gamma(x) = Gamma(x + k) / (x (x+1) ... (x+k-1)) moves x into the Stirling range.
  let shift = 0;
  let prod = 1;
  let z = x;
  while (z < STIRLING_MIN) {
    prod *= z;
    z += 1;
    shift += 1;
  }
  const base = (z - 0.5) * Math.log(z) - z + 0.5 * LOG_2PI + stirlingCorrection(z);
  return shift === 0 ? base : base - Math.log(prod);
}

/** ln(1 + t) - t, accurate also for small |t| (dimensionless). */
function log1pmx(t: number): number {
  if (Math.abs(t) >= 0.5) return Math.log1p(t) - t;
  // Alternating series -t^2/2 + t^3/3 - ...; direct subtraction would cancel catastrophically.
  let term = t;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    term *= -t;
    const add = term / k;
    sum += add;
    if (Math.abs(add) <= EPS * Math.abs(sum)) break;
  }
  return sum;
}

/** ln(x^a e^-x / Gamma(a)), the common prefactor of P(a, x) and Q(a, x) (dimensionless). */
function logGammaPrefactor(a: number, x: number): number {
  if (a < STIRLING_MIN) return a * Math.log(x) - x - logGamma(a);
  // Rewritten as a*log1pmx((x-a)/a) + ... so the large a*ln(x) and lgamma(a) terms cancel
  // analytically rather than in floating point (keeps ~1e-14 relative accuracy at large dof).
  return a * log1pmx((x - a) / a) + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingCorrection(a);
}

const GAMMA_MAX_ITER = 100000;
const TINY = 1e-300;

/** Series for the lower regularised gamma P(a, x); converges quickly for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let i = 0; i < GAMMA_MAX_ITER; i++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(logGammaPrefactor(a, x));
}

/** Continued fraction (modified Lentz) for the upper regularised gamma Q(a, x), for x >= a + 1. */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= GAMMA_MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(logGammaPrefactor(a, x)) * h;
}

/** Regularised lower incomplete gamma P(a, x) = gamma(a, x) / Gamma(a) (probability). */
export function regularisedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a) (probability). */
export function regularisedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  // Each branch is used where it converges fast and yields its own tail without cancellation.
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQContinuedFraction(a, x);
}

/* ------------------------------------------------------------------------------------------- */
/* kstwo: distribution of D_n = sup |F_n - F| for a sample of size n (port of scipy _ksstats.py) */
/* ------------------------------------------------------------------------------------------- */

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const MIN_LOG = -708;
const PI_SQUARED = Math.PI * Math.PI;
const PI_FOUR = PI_SQUARED * PI_SQUARED;
const PI_SIX = PI_FOUR * PI_SQUARED;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
// log(2^-1075): exp() of anything below this is 0 (xsf MINLOG).
const XSF_MINLOG = -745.1332191019412;

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/** x * 2^e without overflowing the intermediate power of two. */
function ldexp(x: number, e: number): number {
  let v = x;
  let k = e;
  while (k > 1000) {
    v *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    v *= 2 ** -1000;
    k += 1000;
  }
  return v * 2 ** k;
}

// scipy's _STIRLING_COEFFS, highest power first (numpy.polyval order).
const KS_STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/** ln(n! / n^n) by Stirling with n ln n removed up front (dimensionless). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const y = rn / n;
  let poly = 0;
  for (const c of KS_STIRLING) poly = poly * y + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Dense m x m matrix product (row-major). */
function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[row + k];
      if (aik === 0) continue;
      const brow = k * m;
      for (let j = 0; j < m; j++) out[row + j] += aik * b[brow + j];
    }
  }
  return out;
}

/** Pr(D_n <= d) by Durbin's matrix method as arranged by Marsaglia-Tsang-Wang (probability). */
function kolmognDurbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matMul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matMul(H, H, m);
    Hexpnt *= 2;
    // Rescale so H^n stays finite; the exponent is put back at the end.
    if (Math.abs(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }

  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

/** Row interval endpoints for the Pomeranz recursion (scipy _pomeranz_compute_j1j2). */
function pomeranzJ1J2(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) by the Pomeranz (1974) recursion (probability). */
function kolmognPomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  // Unnormalised Poisson-like weights (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!.
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }

  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let expnt = 0;
  let j1 = pomeranzJ1J2(0, n, ll, ceilf, roundf)[0];
  let j2: number;
  const conv = new Float64Array(2 * npwrs);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Full convolution of V0[k1-V0s : k1-V0s+ln2] with pwrs[:ln2] (numpy slices clamp).
      const segStart = k1 - V0s;
      const segLen = Math.max(0, Math.min(npwrs, segStart + ln2) - segStart);
      const pLen = Math.min(ln2, npwrs);
      const convLen = segLen + pLen - 1;
      conv.fill(0, 0, convLen);
      for (let a = 0; a < segLen; a++) {
        const va = V0[segStart + a];
        if (va === 0) continue;
        for (let b = 0; b < pLen; b++) conv[a + b] += va * pwrs[b];
      }
      const convStart = j1 - k1;
      const convCount = j2 - j1 + 1;
      let maxV = -Infinity;
      for (let c = 0; c < convCount; c++) {
        V1[c] = conv[convStart + c];
      }
      for (let c = 0; c < npwrs; c++) if (V1[c] > maxV) maxV = V1[c];
      // Rescale to avoid underflow; undone after the loop.
      if (maxV > 0 && maxV < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }

  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

/** Pelz-Good asymptotic approximation to Pr(D_n <= x) (probability, not clipped). */
function kolmognPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zsquared = z * z;
  const zthree = zsquared * z;
  const zfour = zsquared * zsquared;
  const zsix = zfour * zsquared;

  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);

  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  const K = [0, 0, 0, 0];
  // Horner scheme over odd integers for sum c_i q^(i^2).
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m * m;
    const mfour = msquared * msquared;
    const msix = mfour * msquared;
    const qpower = q ** (8 * k);
    K[0] = K[0] * qpower + 1;
    K[1] = K[1] * qpower + (k1a + k1b * msquared);
    K[2] = K[2] * qpower + (k2a + k2b * msquared + k2c * mfour);
    K[3] = K[3] * qpower + (k3a + k3b * msquared + k3c * mfour + k3d * msix);
  }
  const denominators = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / denominators[i];

  // The remaining sums over all integers k: little cancellation, so computed directly.
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksquared = k * k;
    const qp = q ** ksquared;
    const kspi = Math.PI * k;
    k2extra += ksquared * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qp;
  }
  K[2] += k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * zthree));
  K[3] += k3extra * ((PI_SQUARED * SQRT2PI) / (216 * zsix));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2);
  return sum;
}

/** Exact product n*x as an unevaluated sum hi + lo (Dekker), so floor(n x) is exact. */
function twoProduct(a: number, b: number): [number, number] {
  const SPLIT = 134217729; // 2^27 + 1
  const p = a * b;
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** Exact sum a + b as hi + lo (Knuth's TwoSum). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;

/**
 * One-sided Smirnov survival Pr(D_n+ >= x) (probability), following xsf's `smirnov`
 * (Birnbaum-Tingey sum). xsf works in double-double; here each term is formed in log space
 * with compensated sums, which keeps ~1e-12 relative accuracy up to n ~ 1e5.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const [nxHi, nxLo] = twoProduct(n, x);
  let nxfl = Math.floor(nxHi);
  if (nxfl === nxHi && nxLo < 0) nxfl -= 1;
  let alpha = nxHi - nxfl + nxLo;
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  // With alpha == 0 the last term of either sum must not be included.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - x * t);
  }
  if (-2 * n * x * x < XSF_MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }

  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  const vmid = Math.floor(n / 2);
  if (useUpperSum) {
    // Few alternating terms from v = n downwards; gives the CDF directly.
    const nTerms = n - n1mxceil + 1;
    let sum = Math.exp((n - 1) * Math.log1p(x));
    let binom = n;
    for (let j = 1; j < nTerms; j++) {
      const v = n - j;
      const t2x = (n - v - nxHi - nxLo) / n; // 1 - x - v/n, negative here
      const t1x = (v + nxHi + nxLo) / n; // x + v/n
      const aj = binom * t2x ** (n - v) * Math.exp((v - 1) * Math.log(t1x));
      if (Number.isFinite(aj) && aj !== 0) sum += aj;
      if (aj !== 0) {
        if (4 * (nTerms - j) * Math.abs(aj) < EPS * sum && j !== nTerms - 1) break;
      } else if (j > vmid) break;
      binom = (binom * (n - j)) / (j + 1);
    }
    return clip01(1 - x * sum);
  }

  // Lower sum: all terms positive, gives the survival function directly.
  // log C(n, v) and the two power terms reach ~n in magnitude while log A_v is small, so they
  // are carried and combined as exact sums/products (hi + lo); plain double loses ~n*eps.
  const nTerms = n1mxfl + 1;
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  let logBinomHi = Math.log(n);
  let logBinomLo = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = j;
    const t2x = (n - v - nxHi - nxLo) / n;
    const t1x = (v + nxHi + nxLo) / n;
    const [p2, e2] = twoProduct(n - v, Math.log(t2x));
    const [p1, e1] = twoProduct(v - 1, Math.log(t1x));
    const [s1, f1] = twoSum(logBinomHi, p2);
    const [s2, f2] = twoSum(s1, p1);
    const logAj = s2 + (f1 + f2 + e1 + e2 + logBinomLo);
    const aj = Math.exp(logAj);
    if (Number.isFinite(aj) && aj !== 0) sum += aj;
    if (aj !== 0) {
      // Remaining terms are decreasing: stop once they cannot change the sum.
      if (4 * (nTerms - j) * aj < EPS * sum && j !== nTerms - 1) break;
    } else if (j > vmid) break;
    const [b, bErr] = twoSum(logBinomHi, Math.log((n - j) / (j + 1)));
    logBinomHi = b;
    logBinomLo += bErr;
  }
  return clip01(x * sum);
}

/**
 * Survival function Pr(D_n >= x) of the two-sided one-sample KS statistic for sample size n,
 * i.e. scipy.stats.kstwo.sf(x, n) (probability). Same method selection as scipy's
 * `_kolmogn` (Simard & L'Ecuyer 2011): Ruben-Gambino, Durbin/MTW, Pomeranz, Pelz-Good, Smirnov.
 */
export function kstwoSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));

  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - kolmognDurbinCdf(n, x));
    if (nxsquared <= 4) return clip01(1 - kolmognPomeranzCdf(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  let cdf: number;
  if (nxsquared >= 18) cdf = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = kolmognDurbinCdf(n, x);
  else cdf = kolmognPelzGoodCdf(n, x);
  return clip01(1 - cdf);
}
