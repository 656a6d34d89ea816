/**
 * The arena's pair sampler (issue 13, README "Arena"): which two candidates the next battle shows.
 *
 * Every draw is a mixture with an exactly known probability per unordered pair:
 *
 *   P({i, j}) = f / N  +  (1 − f) · s_c · M_c(i, j)
 *
 * - f (`epsilon`, default DEFAULT_FLOOR = 0.15) is the floor: that share of draws is uniform over all
 *   N eligible pairs, so every pair keeps P ≥ f / N whatever the scores say (40 candidates: N = 780,
 *   P ≥ 1.9·10⁻⁴, 15% of the uniform sampler's 1/780). Candidates nobody compared yet are explored
 *   twice over: through the floor and because the active weights treat them as maximally uncertain.
 * - c is the pair's class when the owner set a camp target (`campShare`): cross-camp (both
 *   candidates in camps, different ones) or not; s_c is the class's share of the non-floor draws,
 *   chosen so that the floor plus the rest give exactly `campShare` cross-camp draws when that is
 *   reachable (see `classShares`). Without a target there is one class and s = 1.
 * - M_c is the mode's distribution over the class's pairs, drawn as "a candidate, then a partner":
 *   M(i, j) = a_i/Σa · w(i, j)/Z_i + a_j/Σa · w(j, i)/Z_j (either could have been drawn first), which
 *   costs O(n) per call with no n² table even for 1,024 candidates.
 *   · uniform: a_i = the number of i's partners in the class, w = 1, so M is uniform over the class.
 *   · active: a boundary sampler in the spirit of LUCB, made soft. From the current scores and 95%
 *     intervals (normal approximation, σ = width / 3.92), a_i = "need" of candidate i = the
 *     two-sided probability mass of its score across the nearest boundary that matters: the top-k
 *     cut (between the k-th and (k+1)-th score) with weight 1, the cuts between consecutive places
 *     inside the top k with weight `orderWeight`; one never compared (zero width) needs 1. The
 *     needs are then scaled so that the most undecided compared candidate needs 1 (`relative`): the
 *     places next to the cut never lose attention, however sure the intervals claim to be (with
 *     absolute needs, places the intervals called settled could starve: on seeds 21–40 of the bench,
 *     6 of 20 runs never found the top 5 within 30,000 votes; relative: 2, uniform: 2). Settled
 *     candidates keep a need of `minNeed` (0.2): with the partner weighting below, those draws sort
 *     the rest of the table among neighbours, which is what keeps Kendall τ of the full order level
 *     with uniform sampling at equal votes (at minNeed 0.1 the top k came sooner, ~0.2–0.35× uniform,
 *     but τ fell by ~0.02, outside the seed noise). The partner is weighted by its own need (a vote
 *     between two undecided candidates settles both) times the pair's Fisher information squared, (4·p(1 − p))², with
 *     p = σ(θ_i − θ_j) from the scores: close opponents say the most about which side of a cut a
 *     candidate is on, and lopsided pairs (uniform's waste) are rarely drawn. Why not the hard LUCB
 *     pair (lowest lower bound of the top k vs highest upper bound below it)? It trusts intervals
 *     that are noisy between refits and hammers one pair until the next one; the soft weights spread
 *     the same intent over every undecided candidate. bench/arena-sampling.ts measures it.
 *   `pairCount` is not read by these weights: the intervals already narrow with a candidate's votes.
 *
 * The returned probability is what the battle stores. While Bradley–Terry describes the voters,
 * the plain fit needs no reweighting: its likelihood is conditional on the pair shown, so choosing
 * pairs by past votes changes how precise each comparison is, not what it estimates. Where voters
 * are not transitive (rock–paper–scissors), the plain fit describes the pairs actually shown, and
 * weighting each vote by 1/P gives the all-pairs view back.
 */

const SCORE_SCALE = 400 / Math.LN10;

/** Default share of draws spread uniformly over all eligible pairs (the floor). */
export const DEFAULT_FLOOR = 0.15;

/** Tuning of the active weights (see the module comment); exported for the benchmark's experiments. */
export interface ActiveTuning {
  /** Weight of the cuts between places inside the top k, against 1 for the top-k cut itself. */
  orderWeight: number;
  /** Candidate weight a_i = need_i^sharpen. */
  sharpen: number;
  /** A partner's weight is (need_j + partnerBase) · 4p(1 − p). */
  partnerBase: number;
  /** Lowest need: settled candidates still get this share of attention, among neighbours (the full order). */
  minNeed: number;
  /** The pair's information enters the partner weight as (4p(1 − p))^infoPower. */
  infoPower: number;
  /** Scale the needs so that the most undecided compared candidate needs 1 (attention never fades from the cut). */
  relative: boolean;
}

export const ACTIVE_TUNING: ActiveTuning = { orderWeight: 0.5, sharpen: 1, partnerBase: 0.1, minNeed: 0.2, infoPower: 2, relative: true };

export interface SamplerState {
  /** Candidates, indices 0 … n − 1. */
  n: number;
  /** Current Bradley–Terry score per index (1000 = mean; see domain/rating). */
  scores: Float64Array;
  /** 95% interval per index (equal to the score when never compared). */
  lower: Float64Array;
  upper: Float64Array;
  /** Counted votes so far between i and j (either order). */
  pairCount: (i: number, j: number) => number;
  /** Camp index per candidate, −1 for none. */
  groups?: Int32Array | undefined;
  /** Restrict to these indices (e.g. those that answered the battle's prompt). */
  eligible?: readonly number[] | undefined;
}

export interface SamplerOptions {
  mode: 'active' | 'uniform';
  topK: number;
  /** Floor share f: this share of draws is uniform over all eligible pairs (default DEFAULT_FLOOR). */
  epsilon?: number;
  /** Target share of cross-camp battles (0–1), or null/undefined for none. */
  campShare?: number | null | undefined;
  tuning?: Partial<ActiveTuning> | undefined;
}

export interface ChosenPair {
  i: number;
  j: number;
  /** The exact probability with which this unordered pair was drawn. */
  probability: number;
}

type PairClass = 'all' | 'cross' | 'same';

/** The eligible candidates and camp sizes a call works with. */
interface Field {
  members: Int32Array;
  group: Int32Array;
  /** Eligible candidates in each camp (by camp index) and in camps at all. */
  campSize: Map<number, number>;
  inCamps: number;
}

/** The per-pair minimum probability the floor guarantees: f / N for N eligible pairs. */
export function pairFloor(eligibleCount: number, epsilon: number = DEFAULT_FLOOR): number {
  return clamp01(epsilon) / ((eligibleCount * (eligibleCount - 1)) / 2);
}

/** What one call works with: the eligible field, the floor, the class shares and the active needs. */
interface Context {
  field: Field;
  floor: number;
  /** Eligible pairs. */
  total: number;
  shares: { cross: number | undefined };
  need: Float64Array | undefined;
  state: SamplerState;
  tuning: ActiveTuning;
}

function contextOf(state: SamplerState, opts: SamplerOptions): Context {
  const field = fieldOf(state);
  const m = field.members.length;
  if (m < 2) throw new RangeError('choosePair needs at least two eligible candidates');
  const floor = clamp01(opts.epsilon ?? DEFAULT_FLOOR);
  const total = (m * (m - 1)) / 2;
  const shares = classShares(field, total, floor, opts.campShare, state.groups !== undefined);
  const tuning = { ...ACTIVE_TUNING, ...opts.tuning };
  const need = opts.mode === 'active' ? needs(state, field, opts.topK, tuning) : undefined;
  return { field, floor, total, shares, need, state, tuning };
}

export function choosePair(state: SamplerState, opts: SamplerOptions, random: () => number): ChosenPair {
  const ctx = contextOf(state, opts);
  const { field, floor, shares, need, tuning } = ctx;
  const m = field.members.length;
  let i: number;
  let j: number;
  if (random() < floor) {
    // Uniform over all eligible pairs: two distinct positions.
    i = Math.floor(random() * m);
    j = Math.floor(random() * (m - 1));
    if (j >= i) j++;
  } else {
    const c: PairClass = shares.cross === undefined ? 'all' : random() < shares.cross ? 'cross' : 'same';
    const weights = candidateWeights(field, c, need, tuning);
    i = pickIndex(weights.a, weights.sum, random);
    const partners = partnerWeights(field, c, i, need, state, tuning);
    j = pickIndex(partners.w, partners.sum, random);
  }
  return { i: field.members[i] as number, j: field.members[j] as number, probability: probabilityOf(ctx, i, j) };
}

/**
 * The exact probability that `choosePair` with the same state and options draws the unordered pair
 * {i, j} (0 when either is not eligible): for tests and for a caller that wants the whole distribution.
 */
export function pairProbability(state: SamplerState, opts: SamplerOptions, i: number, j: number): number {
  const ctx = contextOf(state, opts);
  const x = ctx.field.members.indexOf(i);
  const y = ctx.field.members.indexOf(j);
  return x < 0 || y < 0 || x === y ? 0 : probabilityOf(ctx, x, y);
}

/**
 * The exact probability of the unordered pair at member positions x, y (both routes: the floor,
 * and the class draw with either candidate drawn first).
 */
function probabilityOf(ctx: Context, x: number, y: number): number {
  const { field, floor, total, shares, need, state, tuning } = ctx;
  const c: PairClass = shares.cross === undefined ? 'all' : isCross(field, x, y) ? 'cross' : 'same';
  const share = c === 'all' ? 1 : c === 'cross' ? (shares.cross as number) : 1 - (shares.cross as number);
  let mode = 0;
  if (share > 0 && floor < 1) {
    const weights = candidateWeights(field, c, need, tuning);
    const fromX = partnerWeights(field, c, x, need, state, tuning);
    const fromY = partnerWeights(field, c, y, need, state, tuning);
    mode = ((weights.a[x] as number) / weights.sum) * ((fromX.w[y] as number) / fromX.sum) + ((weights.a[y] as number) / weights.sum) * ((fromY.w[x] as number) / fromY.sum);
  }
  return floor / total + (1 - floor) * share * mode;
}

/**
 * The cross-camp class's share of the non-floor draws, so that overall P(cross) = floor·ρ +
 * (1 − floor)·s = campShare (ρ = the cross-camp share of all eligible pairs), clamped to [0, 1] when
 * the target is out of reach; undefined when no target is set or one class is empty (one class).
 */
function classShares(field: Field, total: number, floor: number, campShare: number | null | undefined, hasGroups: boolean): { cross: number | undefined } {
  if (campShare === null || campShare === undefined || !hasGroups) return { cross: undefined };
  let squares = 0;
  for (const size of field.campSize.values()) squares += size * size;
  const crossPairs = (field.inCamps * field.inCamps - squares) / 2;
  if (crossPairs === 0 || crossPairs === total) return { cross: undefined };
  if (floor >= 1) return { cross: crossPairs / total };
  const rho = crossPairs / total;
  return { cross: clamp01((clamp01(campShare) - floor * rho) / (1 - floor)) };
}

function fieldOf(state: SamplerState): Field {
  const { n, groups } = state;
  let members: Int32Array;
  if (state.eligible) {
    const seen = new Uint8Array(n);
    const list: number[] = [];
    for (const i of state.eligible) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`eligible index ${i} outside 0…${n - 1}`);
      if (seen[i] === 0) list.push(i);
      seen[i] = 1;
    }
    members = Int32Array.from(list);
  } else {
    members = Int32Array.from({ length: n }, (_, i) => i);
  }
  const group = Int32Array.from(members, (i) => groups?.[i] ?? -1);
  const campSize = new Map<number, number>();
  let inCamps = 0;
  for (const g of group) {
    if (g < 0) continue;
    campSize.set(g, (campSize.get(g) ?? 0) + 1);
    inCamps++;
  }
  return { members, group, campSize, inCamps };
}

function isCross(field: Field, x: number, y: number): boolean {
  const gx = field.group[x] as number;
  const gy = field.group[y] as number;
  return gx >= 0 && gy >= 0 && gx !== gy;
}

function inClass(field: Field, c: PairClass, x: number, y: number): boolean {
  return c === 'all' || (c === 'cross') === isCross(field, x, y);
}

/** Partners of member x within class c. */
function degree(field: Field, c: PairClass, x: number): number {
  const all = field.members.length - 1;
  if (c === 'all') return all;
  const g = field.group[x] as number;
  const cross = g >= 0 ? field.inCamps - (field.campSize.get(g) ?? 0) : 0;
  return c === 'cross' ? cross : all - cross;
}

function candidateWeights(field: Field, c: PairClass, need: Float64Array | undefined, tuning: ActiveTuning): { a: Float64Array; sum: number } {
  const m = field.members.length;
  const a = new Float64Array(m);
  let sum = 0;
  for (let x = 0; x < m; x++) {
    const d = degree(field, c, x);
    if (d === 0) continue;
    const w = need ? (need[x] as number) ** tuning.sharpen : d;
    a[x] = w;
    sum += w;
  }
  return { a, sum };
}

function partnerWeights(field: Field, c: PairClass, x: number, need: Float64Array | undefined, state: SamplerState, tuning: ActiveTuning): { w: Float64Array; sum: number } {
  const m = field.members.length;
  const w = new Float64Array(m);
  const sx = state.scores[field.members[x] as number] as number;
  let sum = 0;
  for (let y = 0; y < m; y++) {
    if (y === x || !inClass(field, c, x, y)) continue;
    let v = 1;
    if (need) {
      const p = 1 / (1 + Math.exp(((state.scores[field.members[y] as number] as number) - sx) / SCORE_SCALE));
      v = ((need[y] as number) + tuning.partnerBase) * (4 * p * (1 - p)) ** tuning.infoPower;
    }
    w[y] = v;
    sum += v;
  }
  return { w, sum };
}

/** A position drawn with probability weights[x] / sum (never one of weight 0). */
function pickIndex(weights: Float64Array, sum: number, random: () => number): number {
  let target = random() * sum;
  let last = -1;
  for (let x = 0; x < weights.length; x++) {
    const w = weights[x] as number;
    if (w <= 0) continue;
    last = x;
    target -= w;
    if (target < 0) return x;
  }
  if (last < 0) throw new RangeError('no candidate to draw');
  return last; // rounding left a sliver at the end
}

/**
 * need_x ∈ [minNeed, 1] per member: 2Φ(−|s − cut| / σ) for the nearest cut (top-k cut weight 1,
 * cuts inside the top k weight orderWeight), 1 for a candidate never compared (zero width).
 */
function needs(state: SamplerState, field: Field, topK: number, tuning: ActiveTuning): Float64Array {
  const { n, scores, lower, upper } = state;
  const k = Math.max(1, Math.min(Math.floor(topK), n - 1));
  const top = topScores(scores, k + 1); // descending
  const setCut = ((top[k - 1] as number) + (top[k] as number)) / 2;
  // Cuts inside the top k, descending.
  const orderCuts = Float64Array.from({ length: k - 1 }, (_, r) => ((top[r] as number) + (top[r + 1] as number)) / 2);
  const need = new Float64Array(field.members.length);
  const unseen = new Uint8Array(field.members.length);
  let most = 0;
  field.members.forEach((i, x) => {
    const sigma = ((upper[i] as number) - (lower[i] as number)) / 3.92;
    if (!(sigma > 1e-9)) {
      unseen[x] = 1;
      return;
    }
    const s = scores[i] as number;
    let v = 2 * normalTail(Math.abs(s - setCut) / sigma);
    if (orderCuts.length > 0 && tuning.orderWeight > 0) v = Math.max(v, tuning.orderWeight * 2 * normalTail(nearestDistance(orderCuts, s) / sigma));
    need[x] = v;
    most = Math.max(most, v);
  });
  const scale = tuning.relative && most > 0 ? 1 / most : 1;
  need.forEach((v, x) => (need[x] = unseen[x] === 1 ? 1 : Math.max(tuning.minNeed, Math.min(1, v * scale))));
  return need;
}

/** The `count` largest scores, descending (one pass; count ≤ 51 here). */
function topScores(scores: Float64Array, count: number): Float64Array {
  const top = new Float64Array(count).fill(-Infinity);
  for (const s of scores) {
    if (s <= (top[count - 1] as number)) continue;
    let p = count - 1;
    while (p > 0 && (top[p - 1] as number) < s) {
      top[p] = top[p - 1] as number;
      p--;
    }
    top[p] = s;
  }
  return top;
}

/** Distance from s to the nearest of `cuts` (descending). */
function nearestDistance(cuts: Float64Array, s: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] as number) > s) lo = mid + 1;
    else hi = mid;
  }
  let best = Infinity;
  if (lo < cuts.length) best = Math.abs((cuts[lo] as number) - s);
  if (lo > 0) best = Math.min(best, Math.abs((cuts[lo - 1] as number) - s));
  return best;
}

/** P(Z > z) for a standard normal (Abramowitz–Stegun 7.1.26 through erfc, error < 1.5·10⁻⁷). */
export function normalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
