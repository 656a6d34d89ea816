/**
 * The naive baseline of bench/rating.ts: the same penalised Bradley–Terry likelihood maximised by
 * plain gradient ascent, and a bootstrap that refits every round from zero with exact Poisson draws.
 */
import { DEFAULT_LAMBDA } from '../src/domain/rating/bradley-terry.js';
import type { Comparisons } from '../src/domain/rating/comparisons.js';
import { poisson } from '../src/domain/rating/random.js';

// ---- naive baseline -----------------------------------------------------------------------------

/**
 * The same penalised likelihood maximised by plain gradient ascent, each coordinate's step scaled
 * by a fixed curvature bound (λ + ½·its votes: the Hessian is at most twice its diagonal, and
 * p(1 − p) ≤ ¼), which makes every step an ascent step; then θ is re-centred (the likelihood
 * ignores a common shift, the penalty prefers mean 0), also an ascent step, without which the
 * mean would crawl at curvature λ. Stops at the engine's tolerance. (On a disconnected graph each
 * component's mean would still crawl; the bench data are connected.)
 */
export function naiveFit(c: Comparisons, lambda = DEFAULT_LAMBDA, tolerance = 1e-9): { theta: Float64Array; iterations: number } {
  const n = c.n;
  const m = c.i.length;
  const bound = new Float64Array(n).fill(lambda);
  for (let k = 0; k < m; k++) {
    const total = (c.winsI[k] as number) + (c.winsJ[k] as number) + (c.ties[k] as number);
    bound[c.i[k] as number] = (bound[c.i[k] as number] as number) + total / 2;
    bound[c.j[k] as number] = (bound[c.j[k] as number] as number) + total / 2;
  }
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  let iterations = 0;
  for (; iterations < 100_000; iterations++) {
    for (let i = 0; i < n; i++) g[i] = -lambda * (theta[i] as number);
    for (let k = 0; k < m; k++) {
      const i = c.i[k] as number;
      const j = c.j[k] as number;
      const ties = c.ties[k] as number;
      const total = (c.winsI[k] as number) + (c.winsJ[k] as number) + ties;
      const p = 1 / (1 + Math.exp((theta[j] as number) - (theta[i] as number)));
      const r = (c.winsI[k] as number) + ties / 2 - total * p;
      g[i] = (g[i] as number) + r;
      g[j] = (g[j] as number) - r;
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (theta[i] as number) + (g[i] as number) / (bound[i] as number);
    mean /= n;
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      const step = (g[i] as number) / (bound[i] as number) - mean;
      theta[i] = (theta[i] as number) + step;
      maxStep = Math.max(maxStep, Math.abs(step));
    }
    if (maxStep < tolerance) break;
  }
  return { theta, iterations };
}

/** Bootstrap by brute force: every round, exact Poisson draws of every count and a fit from zero. */
export function naiveBootstrap(c: Comparisons, rounds: number, random: () => number): { lower: Float64Array; upper: Float64Array } {
  const m = c.i.length;
  const columns = Array.from({ length: c.n }, () => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const resampled: Comparisons = { ...c, winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      resampled.winsI[k] = poisson(c.winsI[k] as number, random);
      resampled.winsJ[k] = poisson(c.winsJ[k] as number, random);
      resampled.ties[k] = poisson(c.ties[k] as number, random);
    }
    naiveFit(resampled).theta.forEach((t, i) => columns[i]?.push(t));
  }
  const at = (s: number[], q: number) => {
    const pos = q * (s.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, s.length - 1);
    return (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
  };
  const lower = new Float64Array(c.n);
  const upper = new Float64Array(c.n);
  columns.forEach((col, i) => {
    col.sort((a, b) => a - b);
    lower[i] = at(col, 0.025);
    upper[i] = at(col, 0.975);
  });
  return { lower, upper };
}
