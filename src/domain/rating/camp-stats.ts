/**
 * Camps (candidates sharing a group) compared as whole camps, from the same bootstrap replicates as
 * the candidates' intervals: each camp's mean score with a 95% interval, and its gap to the rest
 * (the mean of every other camp's candidates; for two camps, simply the other camp). A camp leads
 * only when the gap's interval lies entirely above zero. Only compared candidates count: an unseen
 * one has no score to average.
 */
import { percentileIntervals } from './bootstrap.js';
import { toScore } from './bradley-terry.js';

/** A statistic in score points with its 95% bootstrap interval. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
}

export interface CampStatistics {
  /** Per camp (by index): its compared candidates' mean score; null when it has none. */
  means: (Estimate | null)[];
  /** Per camp: its mean minus the rest's mean (points); null when it or the rest has no compared candidate. */
  vsRest: (Estimate | null)[];
  /** Per camp: how many of its candidates were compared. */
  compared: number[];
}

const SCORE_PER_THETA = toScore(1) - toScore(0);

/**
 * `theta` the full fit and `samples` the bootstrap replicates (round-major, rounds × n), over the
 * same n candidates; `groups[i]` is candidate i's camp (0…g−1) or −1.
 */
export function campStatistics(theta: Float64Array, samples: Float64Array, rounds: number, groups: Int32Array): CampStatistics {
  const n = theta.length;
  let g = 0;
  for (const x of groups) g = Math.max(g, x + 1);
  const compared = new Array<number>(g).fill(0);
  for (const x of groups) if (x >= 0) compared[x] = (compared[x] as number) + 1;
  const total = compared.reduce((s, v) => s + v, 0);
  // Per round (and one more row for the full fit): each camp's θ sum.
  const sums = new Float64Array((rounds + 1) * g);
  const addRow = (row: number, values: Float64Array, offset: number) => {
    for (let i = 0; i < n; i++) {
      const camp = groups[i] as number;
      if (camp >= 0) sums[row * g + camp] = (sums[row * g + camp] as number) + (values[offset + i] as number);
    }
  };
  for (let r = 0; r < rounds; r++) addRow(r, samples, r * n);
  addRow(rounds, theta, 0);
  const meanOf = (row: number, camp: number) => (sums[row * g + camp] as number) / (compared[camp] as number);
  const restOf = (row: number, camp: number) => {
    let sum = 0;
    for (let other = 0; other < g; other++) if (other !== camp) sum += sums[row * g + other] as number;
    return sum / (total - (compared[camp] as number));
  };
  const estimate = (camp: number, statistic: (row: number, camp: number) => number): Estimate => {
    const column = Float64Array.from({ length: rounds }, (_, r) => statistic(r, camp));
    const { lower, upper } = percentileIntervals(column, rounds, 1);
    return { value: statistic(rounds, camp), lo: lower[0] as number, hi: upper[0] as number };
  };
  const means = compared.map((count, camp) => {
    if (count === 0) return null;
    const e = estimate(camp, meanOf);
    return { value: toScore(e.value), lo: toScore(e.lo), hi: toScore(e.hi) };
  });
  const vsRest = compared.map((count, camp) => {
    if (count === 0 || total - count === 0) return null;
    const e = estimate(camp, (row, c) => meanOf(row, c) - restOf(row, c));
    return { value: SCORE_PER_THETA * e.value, lo: SCORE_PER_THETA * e.lo, hi: SCORE_PER_THETA * e.hi };
  });
  return { means, vsRest, compared };
}
