/**
 * Bradley–Terry fit, exactly as defined in README "Statistics": θ maximises
 *   Σ_{i≠j} W[i][j]·log σ(θ_i − θ_j) − (λ/2)·Σ θ_i²,  a tie adding ½ to W[i][j] and W[j][i],
 * and score_i = 1000 + (400 / ln 10)·θ_i. The objective is strictly concave (λ > 0), so Newton's
 * method with a dense Cholesky solve converges in a handful of steps for the ≤ 1024 candidates a
 * world cup can have; disconnected graphs and unseen candidates are handled by the penalty.
 */
import { type Comparisons, type RowComparisons, byRows } from './comparisons.js';
import { choleskyFactor, choleskySolve } from './linear.js';

export const DEFAULT_LAMBDA = 0.1;
const SCORE_SCALE = 400 / Math.LN10;

export const toScore = (theta: number): number => 1000 + SCORE_SCALE * theta;
export const toTheta = (score: number): number => (score - 1000) / SCORE_SCALE;

/** Effective wins each way (ties split in half), the quantities the likelihood uses. */
export interface Weights {
  a: Float64Array;
  b: Float64Array;
}

export function weightsOf(c: Comparisons, out?: Weights): Weights {
  const m = c.i.length;
  const a = out?.a ?? new Float64Array(m);
  const b = out?.b ?? new Float64Array(m);
  const { winsI, winsJ, ties } = c;
  for (let k = 0; k < m; k++) {
    const half = (ties[k] as number) / 2;
    a[k] = (winsI[k] as number) + half;
    b[k] = (winsJ[k] as number) + half;
  }
  return { a, b };
}

export function objective(c: Comparisons, w: Weights, theta: Float64Array, lambda: number): number {
  // log σ(±d) = θ_i or θ_j minus log(e^θi + e^θj): with e^(θ − max θ) per candidate that is one
  // log per pair. Should both terms underflow (θ hundreds apart), the pair is computed stably.
  let top = -Infinity;
  for (let i = 0; i < c.n; i++) top = Math.max(top, theta[i] as number);
  const e = theta.map((t) => Math.exp(t - top));
  let f = 0;
  for (let k = 0; k < c.i.length; k++) {
    const i = c.i[k] as number;
    const j = c.j[k] as number;
    const ti = theta[i] as number;
    const tj = theta[j] as number;
    const a = w.a[k] as number;
    const b = w.b[k] as number;
    const sum = (e[i] as number) + (e[j] as number);
    const logSum = sum > 1e-300 ? top + Math.log(sum) : Math.max(ti, tj) + Math.log1p(Math.exp(-Math.abs(ti - tj)));
    f += a * ti + b * tj - (a + b) * logSum;
  }
  for (let i = 0; i < c.n; i++) f -= (lambda / 2) * (theta[i] as number) ** 2;
  return f;
}

/**
 * Gradient of the objective into `g`. `expTheta` is scratch space for e^θ: σ(θ_i − θ_j) =
 * e^θi / (e^θi + e^θj) costs one division per pair instead of one exp (θ stays far inside exp's
 * range at any real data size). This is the bootstrap's inner loop: no branches per pair (an empty
 * pair adds 0), which makes it twice as fast as computing the Hessian alongside.
 */
export function gradient(
  c: RowComparisons,
  w: Weights,
  theta: Float64Array,
  lambda: number,
  g: Float64Array,
  expTheta: Float64Array = new Float64Array(c.n),
): void {
  const n = c.n;
  for (let i = 0; i < n; i++) {
    g[i] = -lambda * (theta[i] as number);
    expTheta[i] = Math.exp(theta[i] as number);
  }
  const { j: cj, rowStart } = c;
  const wa = w.a;
  const wb = w.b;
  for (let i = 0; i < n; i++) {
    const ei = expTheta[i] as number;
    const end = rowStart[i + 1] as number;
    let own = 0;
    for (let k = rowStart[i] as number; k < end; k++) {
      const j = cj[k] as number;
      const a = wa[k] as number;
      const r = a - (a + (wb[k] as number)) * (ei / (ei + (expTheta[j] as number)));
      own += r;
      g[j] = (g[j] as number) - r;
    }
    g[i] = (g[i] as number) + own;
  }
}

/** The negated Hessian of the objective (row-major n×n) into `hessian`. */
export function negatedHessian(c: Comparisons, w: Weights, theta: Float64Array, lambda: number, hessian: Float64Array): void {
  const n = c.n;
  hessian.fill(0);
  for (let i = 0; i < n; i++) hessian[i * n + i] = lambda;
  for (let k = 0; k < c.i.length; k++) {
    const i = c.i[k] as number;
    const j = c.j[k] as number;
    const total = (w.a[k] as number) + (w.b[k] as number);
    const p = 1 / (1 + Math.exp((theta[j] as number) - (theta[i] as number)));
    const h = total * p * (1 - p);
    hessian[i * n + i] = (hessian[i * n + i] as number) + h;
    hessian[j * n + j] = (hessian[j * n + j] as number) + h;
    hessian[i * n + j] = (hessian[i * n + j] as number) - h;
    hessian[j * n + i] = (hessian[j * n + i] as number) - h;
  }
}

export interface FitOptions {
  lambda?: number;
  /** Starting point (warm start); zeros when absent. Not modified. */
  init?: Float64Array;
  /** Stop when no θ moves by more than this (1e-9 ≈ 2e-7 score points). */
  tolerance?: number;
  maxIterations?: number;
}

export interface Fit {
  theta: Float64Array;
  /** Negated Hessian at the optimum (row-major), reused by the bootstrap. */
  hessian: Float64Array;
  iterations: number;
}

/** Maximises the penalised log-likelihood by damped Newton steps. */
export function fitBradleyTerry(comparisons: Comparisons, opts: FitOptions = {}): Fit {
  const c = byRows(comparisons);
  const n = c.n;
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const tolerance = opts.tolerance ?? 1e-9;
  const maxIterations = opts.maxIterations ?? 100;
  const w = weightsOf(c);
  const theta = opts.init ? Float64Array.from(opts.init) : new Float64Array(n);
  const g = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  const trial = new Float64Array(n);
  let f = objective(c, w, theta, lambda);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    gradient(c, w, theta, lambda, g);
    negatedHessian(c, w, theta, lambda, hessian);
    const step = choleskySolve(choleskyFactor(hessian, n), g);
    let maxStep = 0;
    for (let i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(step[i] as number));
    if (maxStep < tolerance) break;
    // Backtrack until the objective does not decrease (concave, so a full step is usually taken).
    let t = 1;
    for (;;) {
      for (let i = 0; i < n; i++) trial[i] = (theta[i] as number) + t * (step[i] as number);
      const ft = objective(c, w, trial, lambda);
      if (ft >= f - 1e-12 * Math.abs(f) || t < 1e-6) {
        theta.set(trial);
        f = ft;
        break;
      }
      t /= 2;
    }
  }
  negatedHessian(c, w, theta, lambda, hessian);
  return { theta, hessian, iterations };
}
