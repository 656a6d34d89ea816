/**
 * The active sampler's boundary table (sampler.ts): which pairs would settle the top k, by
 * posterior sampling. From the scores and 95% intervals (normal approximation, σ = width / 3.92,
 * widened by `inflate`), `samples` draws of every candidate's strength are taken; each draw whose
 * top k differs from the current one names one pair: of the candidates the draw puts out of the
 * top k although they are in it now, the one it places lowest, against the one it places highest
 * of those it puts in although they are out now. A draw that agrees on the set but not on the
 * order inside it names, with weight `orderWeight`, the first place where the orders differ (the
 * candidate now there against the one the draw puts there). The table is that distribution over
 * pairs; its total mass q is the share of draws that disagreed, so the sampler spends q of its
 * active draws on the boundary and the rest on sorting neighbours: the more settled the top k,
 * the more the votes go to the full order.
 *
 * The table is fixed for a given state (its own seeded random numbers), so the pair
 * probabilities the sampler reports are exact for the distribution it draws from.
 */
import { seededRandom } from '../rating/random.js';

export interface BoundaryTuning {
  samples: number;
  inflate: number;
  orderWeight: number;
  /** σ (score points) of a candidate never compared (its interval has no width). */
  unseenSigma: number;
  /** Each disagreeing draw weighs this much (the rest of its mass goes to sorting). */
  boundaryWeight: number;
}

export interface BoundaryTable {
  /** Mass per member-position pair, keyed x·m + y with x < y. */
  mass: Map<number, number>;
  /** Total mass (≤ 1). */
  total: number;
}

function gaussian(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Member positions of the k largest of `values` (descending; ties by position). */
function topPositions(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let x = 0; x < values.length; x++) {
    const v = values[x] as number;
    if (top.length === k && v <= (values[top[k - 1] as number] as number)) continue;
    let p = Math.min(top.length, k - 1);
    if (top.length < k) top.push(x);
    while (p > 0 && (values[top[p - 1] as number] as number) < v) {
      top[p] = top[p - 1] as number;
      p--;
    }
    top[p] = x;
  }
  return top;
}

/** `scores`, `lower`, `upper`: per member position. */
export function boundaryTable(scores: Float64Array, lower: Float64Array, upper: Float64Array, topK: number, tuning: BoundaryTuning, seed: number): BoundaryTable {
  const m = scores.length;
  const k = Math.max(1, Math.min(Math.floor(topK), m - 1));
  const sigma = Float64Array.from(scores, (_, x) => {
    const width = (upper[x] as number) - (lower[x] as number);
    return width > 1e-9 ? (width / 3.92) * tuning.inflate : tuning.unseenSigma;
  });
  const now = topPositions(scores, k);
  const inNow = new Uint8Array(m);
  for (const x of now) inNow[x] = 1;
  const random = seededRandom(seed);
  const drawn = new Float64Array(m);
  const mass = new Map<number, number>();
  const add = (x: number, y: number, w: number) => {
    const key = x < y ? x * m + y : y * m + x;
    mass.set(key, (mass.get(key) ?? 0) + w);
  };
  const unit = tuning.boundaryWeight / tuning.samples;
  let total = 0;
  for (let s = 0; s < tuning.samples; s++) {
    for (let x = 0; x < m; x++) drawn[x] = (scores[x] as number) + (sigma[x] as number) * gaussian(random);
    const top = topPositions(drawn, k);
    let intruder = -1;
    for (const x of top) if (inNow[x] === 0 && (intruder < 0 || (drawn[x] as number) > (drawn[intruder] as number))) intruder = x;
    if (intruder >= 0) {
      const inTop = new Uint8Array(m);
      for (const x of top) inTop[x] = 1;
      let dropped = -1;
      for (const x of now) if (inTop[x] === 0 && (dropped < 0 || (drawn[x] as number) < (drawn[dropped] as number))) dropped = x;
      add(dropped, intruder, unit);
      total += unit;
      continue;
    }
    if (tuning.orderWeight <= 0) continue;
    const r = now.findIndex((x, place) => top[place] !== x);
    if (r < 0) continue;
    add(now[r] as number, top[r] as number, unit * tuning.orderWeight);
    total += unit * tuning.orderWeight;
  }
  return { mass, total };
}
