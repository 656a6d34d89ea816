/**
 * The arena's pair sampler (issue 13, README "Arena"): which two candidates the next battle shows.
 *
 * Every draw is a mixture with an exactly known probability per unordered pair:
 *
 *   P({i, j}) = f / N  +  (1 − f) · s_c · M_c(i, j)
 *
 * - f (`epsilon`, default DEFAULT_FLOOR = 0.05) is the floor: that share of draws is uniform over all
 *   N eligible pairs, so every pair keeps P ≥ f / N whatever the scores say (40 candidates: N = 780,
 *   P ≥ 6.4·10⁻⁵, 5% of the uniform sampler's 1/780).
 * - c is the pair's class when the owner set a camp target (`campShare`): cross-camp (both
 *   candidates in camps, different ones) or not; s_c is the class's share of the non-floor draws,
 *   chosen so that the floor plus the rest give exactly `campShare` cross-camp draws when that is
 *   reachable (see `classShares`). Without a target there is one class and s = 1.
 * - M_c is the mode's distribution over the class's pairs.
 *   · uniform: every pair of the class alike.
 *   · active: M_c = B_c + (1 − q_c) · S_c. B is the boundary table (boundary.ts): from the current
 *     scores and 95% intervals, `samples` posterior draws of every strength; each draw whose top k
 *     differs from the current top k names the pair that would settle it (the member it drops
 *     against the outsider it lets in, each the most extreme of its kind), with weight
 *     `boundaryWeight`; one that agrees on the set but not on the order inside it names the first
 *     place where they differ, with weight `boundaryWeight · orderWeight`. B_c is the table's part
 *     in class c and q_c its mass. S is "sorting neighbours": a candidate (never compared ones
 *     `unseenBoost` times as likely), then a partner weighted by the pair's Fisher information
 *     squared, (4·p(1 − p))² with p = σ(θ_i − θ_j) from the scores: close pairs order the full
 *     table, lopsided pairs (uniform's waste) are rarely drawn. It costs O(n) per call with no n²
 *     table even for 1,024 candidates (the boundary table has at most `samples` entries and is
 *     built once per ranking result).
 *   So the more undecided the top k, the more votes go to its boundary; as it settles, the votes
 *   return to the full order. Why these numbers (bench/arena-sampling.ts, domain path, 60 seeds,
 *   40 candidates, top 5): a boundary weight of 1 found the top 5 with 0.27× uniform's votes but
 *   lost 0.09 of Kendall τ at 1,000 votes; 0.5: 0.29×, −0.02; 0.4: 0.35×, −0.01 (within the
 *   20-seed noise). Sorting alone gains only +0.01 τ over uniform, so the boundary's votes must
 *   be paid for by sorting better: the weight is where the two balance. The earlier soft LUCB
 *   sampler (per-candidate "needs" across the cut) reached 0.65× at equal τ on the same 60 seeds.
 *
 * The returned probability is what the battle stores. While Bradley–Terry describes the voters,
 * the plain fit needs no reweighting: its likelihood is conditional on the pair shown, so choosing
 * pairs by past votes changes how precise each comparison is, not what it estimates. Where voters
 * are not transitive (rock–paper–scissors), the plain fit describes the pairs actually shown, and
 * weighting each vote by 1/P gives the all-pairs view back.
 */
import { type BoundaryTable, boundaryTable } from './boundary.js';

const SCORE_SCALE = 400 / Math.LN10;

/** Default share of draws spread uniformly over all eligible pairs (the floor). */
export const DEFAULT_FLOOR = 0.05;

/** Tuning of the active mode (see the module comment); exported for the benchmark's experiments. */
export interface ActiveTuning {
  /** Mass of each boundary draw that disagrees on the top-k set (the rest goes to sorting). */
  boundaryWeight: number;
  /** Of a draw that disagrees only on the order inside the top k, this share of boundaryWeight. */
  orderWeight: number;
  /** Posterior draws per boundary table (fewer for big fields: at most 65,536 strengths drawn in all). */
  samples: number;
  /** Widens the intervals' σ for the posterior draws. */
  inflate: number;
  /** σ (score points) of a candidate never compared, in the posterior draws. */
  unseenSigma: number;
  /** In sorting, a candidate never compared is this many times as likely (first or as partner). */
  unseenBoost: number;
  /** The pair's information enters the sorting partner weight as (4p(1 − p))^infoPower. */
  infoPower: number;
}

export const ACTIVE_TUNING: ActiveTuning = { boundaryWeight: 0.4, orderWeight: 0.5, samples: 512, inflate: 1, unseenSigma: 200, unseenBoost: 4, infoPower: 2 };

export interface SamplerState {
  /** Candidates, indices 0 … n − 1. */
  n: number;
  /** Current Bradley–Terry score per index (1000 = mean; see domain/rating). */
  scores: Float64Array;
  /** 95% interval per index (equal to the score when never compared). */
  lower: Float64Array;
  upper: Float64Array;
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

/** What one call works with: the eligible field, the floor, the class shares and, when active, the sorting weights and boundary table. */
interface Context {
  field: Field;
  floor: number;
  /** Eligible pairs. */
  total: number;
  shares: { cross: number | undefined };
  /** Sorting weight per member (active only): 1, or unseenBoost for one never compared. */
  weight: Float64Array | undefined;
  state: SamplerState;
  tuning: ActiveTuning;
  table: BoundaryTable | undefined;
}

function contextOf(state: SamplerState, opts: SamplerOptions): Context {
  const field = fieldOf(state);
  const m = field.members.length;
  if (m < 2) throw new RangeError('choosePair needs at least two eligible candidates');
  const floor = clamp01(opts.epsilon ?? DEFAULT_FLOOR);
  const total = (m * (m - 1)) / 2;
  const shares = classShares(field, total, floor, opts.campShare, state.groups !== undefined);
  const tuning = { ...ACTIVE_TUNING, ...opts.tuning };
  const active = opts.mode === 'active';
  const table = active ? tableOf(state, field, opts.topK, tuning) : undefined;
  const weight = active ? Float64Array.from(field.members, (i) => ((state.upper[i] as number) - (state.lower[i] as number) > 1e-9 ? 1 : tuning.unseenBoost)) : undefined;
  return { field, floor, total, shares, weight, state, tuning, table };
}

/** Boundary tables per state (by its scores array, which outlives the spread copies callers make) and eligible field. */
const tables = new WeakMap<Float64Array, Map<string, BoundaryTable>>();
/** Fields remembered per state: one per prompt's set of answering candidates, bounded. */
const FIELDS_PER_STATE = 64;
/** Strengths drawn per table at most (512 draws of 128 candidates; 64 draws of 1,024). */
const DRAWN_PER_TABLE = 65_536;

/** The boundary table of a state and eligible field, built once per pair of them (seeded by the scores: the same state, the same table). */
function tableOf(state: SamplerState, field: Field, topK: number, tuning: ActiveTuning): BoundaryTable {
  const m = field.members.length;
  const key = state.eligible ? `${topK} ${Array.from(field.members).join(',')}` : `${topK}`;
  let byField = tables.get(state.scores);
  if (!byField) tables.set(state.scores, (byField = new Map<string, BoundaryTable>()));
  const known = byField.get(key);
  if (known) return known;
  const pick = (values: Float64Array) => Float64Array.from(field.members, (i) => values[i] as number);
  const scores = pick(state.scores);
  let seed = m;
  for (const v of scores) seed = (Math.imul(seed, 31) + Math.round(v * 1000)) | 0;
  const samples = Math.max(32, Math.min(tuning.samples, Math.floor(DRAWN_PER_TABLE / m)));
  const table = boundaryTable(scores, pick(state.lower), pick(state.upper), topK, { ...tuning, samples }, seed);
  if (byField.size >= FIELDS_PER_STATE) byField.delete(byField.keys().next().value as string);
  byField.set(key, table);
  return table;
}

/** The table's mass on class c, and the pair at `target` of it (cumulative, in the map's order). */
function classMass(ctx: Context, c: PairClass): { total: number; entries: [number, number, number][] } {
  const m = ctx.field.members.length;
  const entries: [number, number, number][] = [];
  let total = 0;
  for (const [key, w] of ctx.table?.mass ?? []) {
    const x = Math.floor(key / m);
    const y = key % m;
    if (!inClass(ctx.field, c, x, y)) continue;
    entries.push([x, y, w]);
    total += w;
  }
  return { total, entries };
}

export function choosePair(state: SamplerState, opts: SamplerOptions, random: () => number): ChosenPair {
  const ctx = contextOf(state, opts);
  const { field, floor, shares, weight, tuning } = ctx;
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
    const boundary = ctx.table ? classMass(ctx, c) : undefined;
    let target = random();
    if (boundary && target < boundary.total) {
      for (const [e, [x, y, w]] of boundary.entries.entries()) {
        target -= w;
        // The last entry also takes what rounding left over.
        if (target < 0 || e === boundary.entries.length - 1) return { i: field.members[x] as number, j: field.members[y] as number, probability: probabilityOf(ctx, x, y) };
      }
    }
    const weights = candidateWeights(field, c, weight);
    i = pickIndex(weights.a, weights.sum, random);
    const partners = partnerWeights(field, c, i, weight, state, tuning);
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
  const { field, floor, total, shares, weight, state, tuning } = ctx;
  const c: PairClass = shares.cross === undefined ? 'all' : isCross(field, x, y) ? 'cross' : 'same';
  const share = c === 'all' ? 1 : c === 'cross' ? (shares.cross as number) : 1 - (shares.cross as number);
  let mode = 0;
  if (share > 0 && floor < 1) {
    const weights = candidateWeights(field, c, weight);
    const fromX = partnerWeights(field, c, x, weight, state, tuning);
    const fromY = partnerWeights(field, c, y, weight, state, tuning);
    mode = ((weights.a[x] as number) / weights.sum) * ((fromX.w[y] as number) / fromX.sum) + ((weights.a[y] as number) / weights.sum) * ((fromY.w[x] as number) / fromY.sum);
    if (ctx.table) {
      const boundary = classMass(ctx, c);
      const m = field.members.length;
      mode = (ctx.table.mass.get(x < y ? x * m + y : y * m + x) ?? 0) + (1 - boundary.total) * mode;
    }
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

function candidateWeights(field: Field, c: PairClass, weight: Float64Array | undefined): { a: Float64Array; sum: number } {
  const m = field.members.length;
  const a = new Float64Array(m);
  let sum = 0;
  for (let x = 0; x < m; x++) {
    const d = degree(field, c, x);
    if (d === 0) continue;
    const w = weight ? (weight[x] as number) : d;
    a[x] = w;
    sum += w;
  }
  return { a, sum };
}

function partnerWeights(field: Field, c: PairClass, x: number, weight: Float64Array | undefined, state: SamplerState, tuning: ActiveTuning): { w: Float64Array; sum: number } {
  const m = field.members.length;
  const w = new Float64Array(m);
  const sx = state.scores[field.members[x] as number] as number;
  let sum = 0;
  for (let y = 0; y < m; y++) {
    if (y === x || !inClass(field, c, x, y)) continue;
    let v = 1;
    if (weight) {
      const p = 1 / (1 + Math.exp(((state.scores[field.members[y] as number] as number) - sx) / SCORE_SCALE));
      v = (weight[y] as number) * (4 * p * (1 - p)) ** tuning.infoPower;
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

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
