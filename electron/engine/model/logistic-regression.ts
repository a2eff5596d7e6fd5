import { sigmoid } from '../world/ground-truth';

/** A fitted logistic regression: intercept plus one weight per encoded feature column. */
export interface LogisticModel {
  intercept: number;
  weights: Float64Array;
}

/** Probability of the positive class for one encoded row. */
export function predictProbability(model: LogisticModel, row: ArrayLike<number>): number {
  let z = model.intercept;
  const w = model.weights;
  for (let j = 0; j < w.length; j++) z += w[j] * row[j];
  return sigmoid(z);
}

/** Solves the symmetric positive-definite system A x = b in place by Cholesky; returns x. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * y[k];
    y[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/**
 * Fits L2-regularised logistic regression by Newton's method (IRLS). Deterministic: the same
 * rows give the same weights, to the bit. `rows` is row-major, `width` columns per row.
 */
export function fitLogistic(
  rows: Float64Array,
  labels: Uint8Array,
  width: number,
  options: { iterations: number; l2: number },
): LogisticModel {
  const n = labels.length;
  const d = width + 1; // column 0 is the intercept
  const beta = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const gradient = new Float64Array(d);
  const x = new Float64Array(d);
  const lambda = options.l2 * Math.max(n, 1);

  for (let iter = 0; iter < options.iterations; iter++) {
    hessian.fill(0);
    gradient.fill(0);
    for (let r = 0; r < n; r++) {
      x[0] = 1;
      for (let j = 0; j < width; j++) x[j + 1] = rows[r * width + j];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * x[j];
      const p = sigmoid(z);
      const wgt = Math.max(p * (1 - p), 1e-9);
      const residual = labels[r] - p;
      for (let i = 0; i < d; i++) {
        gradient[i] += residual * x[i];
        const xi = x[i] * wgt;
        for (let j = 0; j <= i; j++) hessian[i * d + j] += xi * x[j];
      }
    }
    // The intercept is not penalised, so the base rate is learned freely.
    for (let i = 1; i < d; i++) {
      gradient[i] -= lambda * beta[i];
      hessian[i * d + i] += lambda;
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) hessian[j * d + i] = hessian[i * d + j];
    const step = solveSpd(hessian, gradient, d);
    let change = 0;
    for (let i = 0; i < d; i++) {
      beta[i] += step[i];
      change = Math.max(change, Math.abs(step[i]));
    }
    if (change < 1e-8) break;
  }
  return { intercept: beta[0], weights: beta.slice(1) };
}
