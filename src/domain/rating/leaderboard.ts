/**
 * The whole ranking computation from pair counts: Bradley–Terry scores, bootstrap 95% intervals
 * and significance ranks, in score units (mean 1000). Pure and synchronous: the rating worker runs
 * it off the request thread.
 */
import { bootstrapIntervals, rankBySignificance } from './bootstrap.js';
import { DEFAULT_LAMBDA, fitBradleyTerry, toScore } from './bradley-terry.js';
import type { Comparisons } from './comparisons.js';
import { seededBits } from './random.js';

export interface Leaderboard {
  scores: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /**
   * Significance rank among the candidates connected to this one by comparisons (directly or
   * through others); 0 for a candidate with no comparisons (its score is only the prior's 1000).
   * Scores of separate components are each centred by the prior, so comparing across them would
   * claim differences the data cannot show.
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
  const ci = bootstrapIntervals(c, fit, { rounds: opts.rounds ?? 200, lambda, bits: seededBits(opts.seed ?? 1) });
  const scores = fit.theta.map(toScore);
  // Percentile intervals can miss the estimate itself when the bootstrap distribution is skewed
  // (an unbeaten candidate held back by the penalty): widen them to include it, never narrow.
  const lower = ci.lower.map((v, i) => Math.min(toScore(v), scores[i] as number));
  const upper = ci.upper.map((v, i) => Math.max(toScore(v), scores[i] as number));
  const ranks = new Array<number>(c.n).fill(0);
  for (const members of comparedComponents(c)) {
    const within = rankBySignificance(
      Float64Array.from(members, (i) => lower[i] as number),
      Float64Array.from(members, (i) => upper[i] as number),
    );
    members.forEach((i, k) => (ranks[i] = within[k] as number));
  }
  return { scores, lower, upper, ranks };
}

/** Connected components of the comparison graph (pairs with at least one vote); unseen candidates are left out. */
function comparedComponents(c: Comparisons): number[][] {
  const parent = Int32Array.from({ length: c.n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const isSeen = new Uint8Array(c.n);
  for (let k = 0; k < c.i.length; k++) {
    if ((c.winsI[k] as number) + (c.winsJ[k] as number) + (c.ties[k] as number) === 0) continue;
    const a = c.i[k] as number;
    const b = c.j[k] as number;
    isSeen[a] = 1;
    isSeen[b] = 1;
    parent[find(a)] = find(b);
  }
  const components = new Map<number, number[]>();
  for (let i = 0; i < c.n; i++) {
    if (isSeen[i] !== 1) continue;
    const root = find(i);
    const members = components.get(root) ?? [];
    members.push(i);
    components.set(root, members);
  }
  return [...components.values()];
}
