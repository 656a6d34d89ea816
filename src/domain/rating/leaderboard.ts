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
  /**
   * Significance rank among the candidates that have been compared at all; 0 for a candidate
   * with no comparisons (its score is only the prior's 1000, and it is not ranked).
   */
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
  const isSeen = new Uint8Array(c.n);
  for (let k = 0; k < c.i.length; k++) {
    if ((c.winsI[k] as number) + (c.winsJ[k] as number) + (c.ties[k] as number) > 0) {
      isSeen[c.i[k] as number] = 1;
      isSeen[c.j[k] as number] = 1;
    }
  }
  const seen = [...isSeen.keys()].filter((i) => isSeen[i] === 1);
  const seenRanks = rankBySignificance(
    Float64Array.from(seen, (i) => lower[i] as number),
    Float64Array.from(seen, (i) => upper[i] as number),
  );
  const ranks = new Array<number>(c.n).fill(0);
  seen.forEach((i, k) => (ranks[i] = seenRanks[k] as number));
  return { scores, lower, upper, ranks };
}
