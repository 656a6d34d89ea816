/**
 * The sparse path's bootstrap. Each round resamples every pair's counts as Poisson draws
 * (resampling the votes with replacement), then refits by Newton steps warm-started at the full
 * fit θ̂, with CG solves (sparse.ts). CG solves run to a loose relative tolerance (inexact
 * Newton: each step still gains digits); steps larger than 3 in θ are shortened (a resample can drop every vote a candidate had);
 * a round is done once its last step moved no θ by more than `settledStep` — Newton converges
 * quadratically, so the error left is about its square.
 *
 * Rounds are computed two at a time, lanes interleaved (sparse-pair.ts): every pass over the pairs
 * then serves both, for the same numbers as computing each alone. (Eight lanes were tried once:
 * resampling into that layout cost what the passes saved. Drawing straight into place, as
 * WeightResampler does, costs the same in any layout.)
 */
import type { RowComparisons } from './comparisons.js';
import type { Bits } from './random.js';
import { WeightResampler } from './resample.js';
import { PairedSystem } from './sparse-pair.js';

export interface SparseBootstrapOptions {
  rounds: number;
  lambda: number;
  /** The resampling's randomness for round r (see bootstrap.ts). */
  bits: (round: number) => Bits;
  /** The first round's number. */
  firstRound?: number;
  /** A round is done once its last Newton step moved no θ by more than this (0.1: every θ within 0.4 points of exact refits on the bench data). */
  settledStep?: number;
  /**
   * CG's relative residual per Newton step. (0.1 saves a fifth of the CG passes and stays within
   * 0.3 points of exact refits at 200,000 votes among 1,024 candidates, but errs by 2 points on
   * sparse data: the interval bounds of 80 candidates with 540 votes moved that much.)
   */
  cgTolerance?: number;
  /** Newton steps per round at most (the cap: a round that has not settled keeps where it is). */
  maxSteps?: number;
}

/** θ of every bootstrap round (round-major: rounds × n), and the work it took. */
export interface Replicates {
  samples: Float64Array;
  rounds: number;
  newtonSteps: number;
  cgIterations: number;
}

export function bootstrapSparse(c: RowComparisons, theta: Float64Array, opts: SparseBootstrapOptions): Replicates {
  const n = c.n;
  const { rounds, lambda } = opts;
  const settledStep = opts.settledStep ?? 0.1;
  const cgTolerance = opts.cgTolerance ?? 0.05;
  const maxSteps = opts.maxSteps ?? 8;
  const system = new PairedSystem(c, lambda);
  const weights = new WeightResampler(c);
  // Two lanes of everything: pair k's weights at 2k and 2k + 1, candidate i's θ at 2i and 2i + 1.
  const w = { a: system.wa, b: system.wb };
  const { g } = system;
  const samples = new Float64Array(rounds * n);
  const current = new Float64Array(2 * n);
  const step = new Float64Array(2 * n);
  const settled = [false, false];
  let newtonSteps = 0;
  let cgIterations = 0;
  const first = opts.firstRound ?? 0;
  for (let r = 0; r < rounds; r += 2) {
    // An odd last round shares its pass with a copy of itself, which is dropped.
    const pair = Math.min(2, rounds - r);
    for (let lane = 0; lane < 2; lane++) weights.draw(w, opts.bits(first + r + Math.min(lane, pair - 1)), 2, lane);
    for (let i = 0; i < n; i++) current[2 * i] = current[2 * i + 1] = theta[i] as number;
    settled[0] = settled[1] = false;
    for (let s = 0; s < maxSteps && !(settled[0] && settled[1]); s++) {
      system.setGradientAndCurvature(current);
      // A settled lane solves for nothing: a zero gradient gives a zero step at no CG cost.
      for (let lane = 0; lane < 2; lane++) if (settled[lane]) for (let i = 0; i < n; i++) g[2 * i + lane] = 0;
      system.solve(g, step, cgTolerance, 50);
      for (let lane = 0; lane < 2; lane++) {
        if (settled[lane]) continue;
        if (lane < pair) {
          newtonSteps++;
          cgIterations += system.iterations[lane] as number;
        }
        let maxStep = 0;
        for (let i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(step[2 * i + lane] as number));
        const scale = maxStep > 3 ? 3 / maxStep : 1;
        for (let i = 0; i < n; i++) current[2 * i + lane] = (current[2 * i + lane] as number) + scale * (step[2 * i + lane] as number);
        settled[lane] = maxStep < settledStep;
      }
    }
    for (let lane = 0; lane < pair; lane++) for (let i = 0; i < n; i++) samples[(r + lane) * n + i] = current[2 * i + lane] as number;
  }
  return { samples, rounds, newtonSteps, cgIterations };
}
