/**
 * The whole ranking computation from pair counts: Bradley–Terry scores, bootstrap 95% intervals,
 * significance ranks and, when candidates belong to camps, the camps' statistics from the same
 * bootstrap replicates, in score units (mean 1000). Pure and synchronous: the rating worker runs it
 * off the request thread.
 *
 * Only candidates with at least one comparison are fitted (the others sit at the prior's 1000 with
 * nothing to estimate), and the solver is chosen by cost: the dense Cholesky path (sparse.ts's
 * baseline) for small, dense data, where factoring once and reusing the factor is cheapest, and
 * the sparse CG path whose cost grows with the compared pairs when the candidates are many.
 */
import { bootstrapIntervals, percentileIntervals, rankBySignificance } from './bootstrap.js';
import { DEFAULT_LAMBDA, type Fit, fitBradleyTerry, toScore } from './bradley-terry.js';
import { type CampStatistics, campStatistics } from './camp-stats.js';
import { type Comparisons, byRows } from './comparisons.js';
import { roundBits } from './random.js';
import { componentsOf, fitSparse } from './sparse.js';
import { bootstrapSparse } from './sparse-bootstrap.js';

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
  /** The connected component of each candidate (0, 1, …), −1 for unseen ones: only candidates of one component can be compared. */
  components: Int32Array;
  /** Camp means and gaps (when `groups` was given and some camp has a compared candidate). */
  camps: CampStatistics | undefined;
  solver: Solver;
}

export type Solver = 'dense' | 'sparse';

export interface LeaderboardOptions {
  /** Bootstrap refits (≥ 200 for the published intervals). */
  rounds?: number;
  lambda?: number;
  /** Seed of the resampling; fixed seeds make a ranking reproducible from the same counts. */
  seed?: number;
  /** Warm start for the fit (e.g. the previous ranking's θ); the optimum does not depend on it. */
  init?: Float64Array | undefined;
  /** Camp of each candidate: an index 0…g−1, or −1 for none. */
  groups?: Int32Array | undefined;
  /** Which solver; by default the cheaper one for the data (see `chooseSolver`). */
  solver?: Solver | 'auto';
  /** Fit every candidate, compared or not, as the engine did before (benchmarks compare with it). */
  keepUnseen?: boolean;
}

/**
 * The cheaper solver for `n` compared candidates and `m` compared pairs, by operation counts
 * measured on this code: dense ≈ a few n³/3 factorisations plus chord solves of 2n² per step;
 * sparse ≈ a dozen passes over the pairs per bootstrap round.
 */
export function chooseSolver(n: number, m: number, rounds: number): Solver {
  const dense = 2 * n ** 3 + rounds * 6 * n * n;
  const sparse = rounds * 40 * (m + n);
  return sparse < dense ? 'sparse' : 'dense';
}

export function computeLeaderboard(c: Comparisons, opts: LeaderboardOptions = {}): Leaderboard {
  const prepared = prepareLeaderboard(c, opts);
  return finishLeaderboard(prepared, leaderboardReplicates(prepared, 0, prepared.rounds));
}

/**
 * A leaderboard in the making: the compared candidates, the solver and the full fit. The bootstrap
 * rounds can then be computed in shares (`leaderboardReplicates`, on several threads) and put
 * together (`finishLeaderboard`); each round's randomness depends only on the seed and its number.
 */
export interface PreparedLeaderboard {
  /** All candidates, compared or not. */
  n: number;
  compact: Comparisons;
  /** Original index of each compared candidate. */
  members: Int32Array;
  solver: Solver;
  /** The full fit, over the compared candidates. */
  theta: Float64Array;
  rounds: number;
  lambda: number;
  seed: number;
  groups: Int32Array | undefined;
  /** The dense fit with its Hessian, when prepared here (another thread refits for it). */
  denseFit?: Fit | undefined;
}

/** Compacts to the compared candidates, picks the solver (unless `solver` says) and fits. */
export function prepareLeaderboard(c: Comparisons, opts: LeaderboardOptions = {}, known?: { solver: Solver; theta: Float64Array }): PreparedLeaderboard {
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const rounds = opts.rounds ?? 200;
  const { compact, members } = opts.keepUnseen ? { compact: c, members: Int32Array.from({ length: c.n }, (_, i) => i) } : comparedOnly(c);
  const base = { n: c.n, compact, members, rounds, lambda, seed: opts.seed ?? 1, groups: opts.groups };
  if (known) return { ...base, ...known };
  const solver = opts.solver === 'dense' || opts.solver === 'sparse' ? opts.solver : chooseSolver(compact.n, compact.i.length, rounds);
  const init = opts.init && Float64Array.from(members, (i) => opts.init?.[i] ?? 0);
  if (solver === 'dense') {
    const denseFit = fitBradleyTerry(compact, init ? { lambda, init } : { lambda });
    return { ...base, solver, theta: denseFit.theta, denseFit };
  }
  // θ to 1e-6 (a hundred-thousandth of a score point): the last Newton step that would confirm
  // 1e-9 costs a quarter of the fit and changes no shown digit.
  return { ...base, solver, theta: fitSparse(byRows(compact), { lambda, init, tolerance: 1e-6 }).theta };
}

/** θ of bootstrap rounds `from` … `to` − 1 (round-major), over the compared candidates. */
export function leaderboardReplicates(p: PreparedLeaderboard, from: number, to: number): Float64Array {
  const options = { rounds: to - from, firstRound: from, lambda: p.lambda, bits: roundBits(p.seed) };
  if (p.solver === 'sparse') return bootstrapSparse(byRows(p.compact), p.theta, options).samples;
  // The dense chord refits start from the full fit and reuse its Hessian.
  return bootstrapIntervals(p.compact, p.denseFit ?? fitBradleyTerry(p.compact, { lambda: p.lambda, init: p.theta }), options).samples;
}

/** Intervals, ranks, components and camp statistics from all `rounds` replicates. */
export function finishLeaderboard(p: PreparedLeaderboard, samples: Float64Array): Leaderboard {
  const { compact, members, theta, rounds } = p;
  const ci = percentileIntervals(samples, rounds, compact.n);
  // Unseen candidates: the prior's 1000 and nothing else.
  const scores = new Float64Array(p.n).fill(1000);
  const lower = new Float64Array(p.n).fill(1000);
  const upper = new Float64Array(p.n).fill(1000);
  members.forEach((i, x) => {
    const score = toScore(theta[x] as number);
    scores[i] = score;
    // Percentile intervals can miss the estimate itself when the bootstrap distribution is skewed
    // (an unbeaten candidate held back by the penalty): widen them to include it, never narrow.
    lower[i] = Math.min(toScore(ci.lower[x] as number), score);
    upper[i] = Math.max(toScore(ci.upper[x] as number), score);
  });
  const ranks = new Array<number>(p.n).fill(0);
  const components = new Int32Array(p.n).fill(-1);
  // Components of the compact graph (every candidate in it was compared), mapped back: only
  // candidates of one component can be compared.
  const { component: labels, count } = componentsOf(compact);
  const byComponent = Array.from({ length: count }, (): number[] => []);
  labels.forEach((label, x) => byComponent[label]?.push(members[x] as number));
  // (With `keepUnseen`, candidates without a vote are singletons there: they stay unranked.)
  const seen = new Uint8Array(compact.n);
  for (let k = 0; k < compact.i.length; k++) seen[compact.i[k] as number] = seen[compact.j[k] as number] = 1;
  for (const [label, originals] of byComponent.entries()) {
    if (originals.length === 1 && seen[labels.indexOf(label)] !== 1) continue;
    for (const i of originals) components[i] = label;
    const within = rankBySignificance(
      Float64Array.from(originals, (i) => lower[i] as number),
      Float64Array.from(originals, (i) => upper[i] as number),
    );
    originals.forEach((i, x) => (ranks[i] = within[x] as number));
  }
  const groups = p.groups && Int32Array.from(members, (i) => p.groups?.[i] ?? -1);
  const camps = groups ? campStatistics(theta, samples, rounds, groups) : undefined;
  return { scores, lower, upper, ranks, components, camps, solver: p.solver };
}

/**
 * The comparisons among candidates with at least one vote, renumbered 0…k−1, and each one's
 * original index: typed arrays throughout (a big world cup has hundreds of thousands of pairs, and
 * every worker stage compacts again), and `c` itself when every pair and candidate is compared.
 */
function comparedOnly(c: Comparisons): { compact: Comparisons; members: Int32Array } {
  const m = c.i.length;
  const voted = (p: number): boolean => (c.winsI[p] as number) + (c.winsJ[p] as number) + (c.ties[p] as number) > 0;
  const index = new Int32Array(c.n).fill(-1);
  let kept = 0;
  for (let p = 0; p < m; p++) {
    if (!voted(p)) continue;
    kept++;
    index[c.i[p] as number] = 0;
    index[c.j[p] as number] = 0;
  }
  let k = 0;
  for (let i = 0; i < c.n; i++) if (index[i] === 0) index[i] = k++;
  const members = new Int32Array(k);
  for (let i = 0; i < c.n; i++) if ((index[i] as number) >= 0) members[index[i] as number] = i;
  if (kept === m && k === c.n) return { compact: c, members };
  const compact: Comparisons = {
    n: k,
    i: new Int32Array(kept),
    j: new Int32Array(kept),
    winsI: new Float64Array(kept),
    winsJ: new Float64Array(kept),
    ties: new Float64Array(kept),
  };
  let q = 0;
  for (let p = 0; p < m; p++) {
    if (!voted(p)) continue;
    compact.i[q] = index[c.i[p] as number] as number;
    compact.j[q] = index[c.j[p] as number] as number;
    compact.winsI[q] = c.winsI[p] as number;
    compact.winsJ[q] = c.winsJ[p] as number;
    compact.ties[q] = c.ties[p] as number;
    q++;
  }
  return { compact, members };
}
