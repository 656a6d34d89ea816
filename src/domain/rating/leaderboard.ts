/**
 * The whole ranking computation from pair counts: Bradley–Terry scores, bootstrap 95% intervals
 * and significance ranks, in score units (mean 1000). Pure and synchronous: the rating worker runs
 * it off the request thread.
 */
import { bootstrapIntervals, rankBySignificance } from './bootstrap.js';
import { DEFAULT_LAMBDA, fitBradleyTerry, toScore } from './bradley-terry.js';
import type { Comparisons } from './comparisons.js';
import { seededRandom } from './random.js';

export interface Leaderboard {
  scores: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  ranks: number[];
}

export interface LeaderboardOptions {
  /** Bootstrap refits (≥ 200 for the published intervals). */
  rounds?: number;
  lambda?: number;
  /** Seed of the resampling; fixed seeds make a ranking reproducible from the same counts. */
  seed?: number;
  /** Warm start for the fit (e.g. the previous ranking's θ); the optimum does not depend on it. */
  init?: Float64Array;
}

export function computeLeaderboard(c: Comparisons, opts: LeaderboardOptions = {}): Leaderboard {
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const fit = fitBradleyTerry(c, opts.init ? { lambda, init: opts.init } : { lambda });
  const ci = bootstrapIntervals(c, fit, { rounds: opts.rounds ?? 200, lambda, random: seededRandom(opts.seed ?? 1) });
  const scores = fit.theta.map(toScore);
  const lower = ci.lower.map(toScore);
  const upper = ci.upper.map(toScore);
  return { scores, lower, upper, ranks: rankBySignificance(lower, upper) };
}
