/**
 * Bootstrap confidence intervals for Bradley–Terry scores. Each round resamples every pair's win
 * and tie counts as Poisson draws (equivalent to resampling the votes with replacement) and
 * refits, warm-started from the full-data fit. The refit reuses the full-data Hessian's Cholesky
 * factor (a chord / simplified-Newton iteration): resampled data sit close to the original, so
 * this converges in a few cheap steps; a round that does not falls back to full Newton.
 */
import { type Fit, DEFAULT_LAMBDA, fitBradleyTerry, gradient } from './bradley-terry.js';
import { type Comparisons, type RowComparisons, byRows } from './comparisons.js';
import { choleskyFactor, choleskySolve } from './linear.js';
import type { Bits } from './random.js';
import { countBelow } from './places.js';
import { WeightResampler } from './resample.js';

/** Error in θ a refit is solved to: 1e-5 ≈ 0.002 score points (the fixtures ask for 0.01). */
const TOLERANCE = 1e-5;

export interface BootstrapOptions {
  rounds?: number;
  lambda?: number;
  /** The resampling's randomness for round r (uniform 32-bit integers, e.g. roundBits(seed)). */
  bits: (round: number) => Bits;
  /** The first round's number (rounds firstRound … firstRound + rounds − 1): a share of the rounds can run elsewhere. */
  firstRound?: number;
  /** Chord steps before falling back to full Newton for a round. */
  maxChordSteps?: number;
}

export interface Intervals {
  /** 2.5th and 97.5th percentile of θ per candidate. */
  lower: Float64Array;
  upper: Float64Array;
  /** θ of every round (round-major: rounds × n), for statistics of several candidates at once (camps). */
  samples: Float64Array;
  rounds: number;
  /** Rounds solved by chord steps alone (the rest fell back to Newton), and the chord steps taken. */
  chordRounds: number;
  chordSteps: number;
}

/** θ at quantile q of sorted values, linearly interpolated (NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export function bootstrapIntervals(comparisons: Comparisons, full: Fit, opts: BootstrapOptions): Intervals {
  const c = byRows(comparisons);
  const n = c.n;
  const m = c.i.length;
  const rounds = opts.rounds ?? 200;
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const maxChordSteps = opts.maxChordSteps ?? 40;
  const factor = choleskyFactor(full.hessian, n);
  const samples = new Float64Array(rounds * n);
  const weights = new WeightResampler(c);
  const w = { a: new Float64Array(m), b: new Float64Array(m) };
  // The resample as counts, for the fallback refit: the weights as wins, no ties (the same likelihood).
  const resampled: RowComparisons = { n, i: c.i, j: c.j, rowStart: c.rowStart, winsI: w.a, winsJ: w.b, ties: new Float64Array(m) };
  const expTheta = new Float64Array(n);
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  const step = new Float64Array(n);
  let chordRounds = 0;
  let chordSteps = 0;
  for (let r = 0; r < rounds; r++) {
    const bits = opts.bits((opts.firstRound ?? 0) + r);
    weights.draw(w, bits);
    theta.set(full.theta);
    let converged = false;
    let previousStep = Infinity;
    for (let s = 0; s < maxChordSteps && !converged; s++) {
      chordSteps++;
      gradient(resampled, w, theta, lambda, g, expTheta);
      choleskySolve(factor, g, step);
      let maxStep = 0;
      for (let i = 0; i < n; i++) {
        theta[i] = (theta[i] as number) + (step[i] as number);
        maxStep = Math.max(maxStep, Math.abs(step[i] as number));
      }
      // Chord steps shrink geometrically (ratio ρ), so the error left after this step is about
      // step·ρ/(1 − ρ): stop once that is below TOLERANCE.
      const ratio = maxStep / previousStep;
      converged = maxStep < TOLERANCE || (s > 0 && ratio < 0.5 && (maxStep * ratio) / (1 - ratio) < TOLERANCE);
      // Steps that stop shrinking mean the resample is too far from the data for the fixed
      // Hessian (sparse counts): stop wasting steps and refit properly.
      if (!converged && ratio > 0.7) break;
      previousStep = maxStep;
    }
    // The fallback starts from the full-data fit, not from wherever the chord steps wandered.
    if (converged) chordRounds++;
    const result = converged ? theta : fitBradleyTerry(resampled, { lambda, init: full.theta }).theta;
    samples.set(result, r * n);
  }
  return { ...percentileIntervals(samples, rounds, n), samples, rounds, chordRounds, chordSteps };
}

/** The 2.5th and 97.5th percentiles of each of `n` columns of round-major `samples`. */
export function percentileIntervals(samples: Float64Array, rounds: number, n: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const column = new Float64Array(rounds);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rounds; r++) column[r] = samples[r * n + i] as number;
    column.sort();
    lower[i] = quantile(column, 0.025);
    upper[i] = quantile(column, 0.975);
  }
  return { lower, upper };
}

/** rank_i = 1 + the number of candidates whose lower bound exceeds i's upper bound. */
export function rankBySignificance(lower: Float64Array, upper: Float64Array): number[] {
  const n = lower.length;
  const sortedLower = Float64Array.from(lower).sort();
  const ranks: number[] = [];
  // Lower bounds strictly greater than upper[i]: all but those at most upper[i].
  for (let i = 0; i < n; i++) ranks.push(1 + (n - countBelow(sortedLower, upper[i] as number, true)));
  return ranks;
}
