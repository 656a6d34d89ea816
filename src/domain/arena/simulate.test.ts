/**
 * The sample-efficiency simulation at small scale (issue 13): on the same simulated voters, active
 * sampling finds the true top 3 of 12 with fewer votes than uniform pairs (median over fixed seeds),
 * and finds it on every seed (uniform may not, within 8,000 votes, where 3rd and 4th nearly tie). The full-size figure is bench/arena-sampling.ts.
 */
import { describe, expect, it } from 'vitest';
import { kendallTau, simulate, topSet, trueStrengths } from './simulate.js';

const SEEDS = Array.from({ length: 15 }, (_, k) => k + 1);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
};

describe('simulate', () => {
  it('active needs fewer votes than uniform for the true top 3 of 12 (median of 15 seeds), and always finds it', async () => {
    const base = { n: 12, topK: 3, confirmVotes: 200, maxVotes: 8000, refitEvery: 25, rounds: 30, tauAt: [600] };
    const votes = { active: [] as number[], uniform: [] as number[] };
    for (const seed of SEEDS) {
      for (const mode of ['active', 'uniform'] as const) {
        const r = await simulate({ ...base, seed, mode });
        if (mode === 'active') expect(r.votes, `seed ${seed}`).not.toBeNull();
        votes[mode].push(r.votes ?? Infinity);
        expect(r.tau).toHaveLength(1);
        expect(r.tau[0]?.tau).toBeGreaterThan(0.5);
      }
    }
    expect(median(votes.active)).toBeLessThan(median(votes.uniform));
  }, 120_000);

  it('drives the votes through a swapped-in vote step, which may draw its own pairs', async () => {
    const seen: [number, number][] = [];
    const r = await simulate({ n: 6, seed: 3, mode: 'active', topK: 2, confirmVotes: 100, maxVotes: 3000, tauAt: [] }, (pair, voter) => {
      // A "server" that ignores the proposal for every other vote and shows its own pair.
      const [i, j] = seen.length % 2 === 0 ? [pair.i, pair.j] : [seen.length % 6, (seen.length + 1) % 6];
      seen.push([i, j]);
      return { i, j, outcome: voter(i, j) };
    });
    expect(seen.length).toBe(r.totalVotes);
    expect(r.votes).not.toBeNull();
    expect(topSet(r.theta, 2).size).toBe(2);
  });

  it('measures rank agreement with Kendall τ', () => {
    const theta = trueStrengths(8, 1);
    expect(kendallTau(theta, theta)).toBe(1);
    expect(kendallTau(theta, theta.map((t) => -t))).toBe(-1);
    expect(trueStrengths(5, 1, 'even')).toEqual(Float64Array.from([2, 1, 0, -1, -2]));
  });
});
