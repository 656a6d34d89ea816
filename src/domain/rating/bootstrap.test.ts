import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, rankBySignificance } from './bootstrap.js';
import { fitBradleyTerry } from './bradley-terry.js';
import { type Comparisons, type PairTally, packComparisons } from './comparisons.js';
import { computeLeaderboard } from './leaderboard.js';
import { seededBits, seededRandom } from './random.js';
import { PoissonResampler } from './resample.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `votes` Bradley–Terry outcomes between uniformly random pairs of candidates with strengths `theta`. */
function simulateVotes(theta: readonly number[], votes: number, seed: number): Comparisons {
  const n = theta.length;
  const random = seededRandom(seed);
  const cells = new Map<number, PairTally>();
  for (let v = 0; v < votes; v++) {
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    let t = cells.get(i * n + j);
    if (!t) cells.set(i * n + j, (t = { i, j, winsI: 0, winsJ: 0, ties: 0 }));
    if (random() < sigmoid((theta[i] as number) - (theta[j] as number))) t.winsI++;
    else t.winsJ++;
  }
  return packComparisons(n, [...cells.values()]);
}

const strengths = (n: number, seed: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => normal(random));
};

const widths = (lb: { lower: Float64Array; upper: Float64Array }): number[] => Array.from(lb.lower, (l, i) => (lb.upper[i] as number) - l);

describe('bootstrap intervals', () => {
  it('contain the point estimate', () => {
    const lb = computeLeaderboard(simulateVotes(strengths(20, 1), 2_000, 2), { rounds: 200, seed: 3 });
    lb.scores.forEach((s, i) => {
      expect(lb.lower[i]).toBeLessThanOrEqual(s);
      expect(lb.upper[i]).toBeGreaterThanOrEqual(s);
    });
  });

  it('contain the point estimate on arbitrary small tallies, and stay finite', () => {
    const tallies = fc
      .integer({ min: 2, max: 8 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.record({ i: fc.nat(n - 1), j: fc.nat(n - 1), winsI: fc.nat(20), winsJ: fc.nat(20), ties: fc.nat(3) }), {
            maxLength: 15,
          }),
        ),
      );
    fc.assert(
      fc.property(tallies, fc.nat(), ([n, raw], seed) => {
        const byPair = new Map<number, PairTally>();
        for (const p of raw) {
          if (p.i === p.j) continue;
          const [i, j] = p.i < p.j ? [p.i, p.j] : [p.j, p.i];
          const t = byPair.get(i * n + j) ?? { i, j, winsI: 0, winsJ: 0, ties: 0 };
          t.winsI += p.winsI;
          t.winsJ += p.winsJ;
          t.ties += p.ties;
          byPair.set(i * n + j, t);
        }
        const lb = computeLeaderboard(packComparisons(n, [...byPair.values()]), { rounds: 200, seed });
        lb.scores.forEach((s, i) => {
          expect(Number.isFinite(lb.lower[i]) && Number.isFinite(lb.upper[i])).toBe(true);
          expect(lb.lower[i]).toBeLessThanOrEqual(s + 1e-9);
          expect(lb.upper[i]).toBeGreaterThanOrEqual(s - 1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('narrow like 1/√votes: the same strengths with 10× the votes give intervals about 0.32× as wide', () => {
    const theta = strengths(20, 4);
    const few = computeLeaderboard(simulateVotes(theta, 2_000, 5), { rounds: 200, seed: 6 });
    const many = computeLeaderboard(simulateVotes(theta, 20_000, 7), { rounds: 200, seed: 8 });
    const a = widths(few);
    const b = widths(many);
    b.forEach((w, i) => expect(w).toBeLessThan((a[i] as number) * 0.6));
    const ratio = b.reduce((s, w) => s + w, 0) / a.reduce((s, w) => s + w, 0);
    expect(ratio).toBeGreaterThan(0.22);
    expect(ratio).toBeLessThan(0.42);
  });

  it('are exactly what refitting every resample from scratch gives (the chord shortcut and its Newton fallback)', () => {
    // Same draws (same resampler, same random stream), but each round fitted by full Newton from zero.
    const reference = (c: Comparisons, rounds: number, bits: () => number) => {
      const m = c.i.length;
      const draws = [c.winsI, c.winsJ, c.ties].map((counts) => new PoissonResampler(counts));
      const columns = Array.from({ length: c.n }, () => new Float64Array(rounds));
      for (let r = 0; r < rounds; r++) {
        const resampled: Comparisons = { ...c, winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
        draws[0]?.draw(resampled.winsI, bits);
        draws[1]?.draw(resampled.winsJ, bits);
        draws[2]?.draw(resampled.ties, bits);
        fitBradleyTerry(resampled).theta.forEach((t, i) => ((columns[i] as Float64Array)[r] = t));
      }
      const at = (s: Float64Array, q: number) => {
        const pos = q * (s.length - 1);
        const lo = Math.floor(pos);
        const hi = Math.min(lo + 1, s.length - 1);
        return (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
      };
      return columns.map((col) => {
        col.sort();
        return [at(col, 0.025), at(col, 0.975)] as const;
      });
    };
    // Dense data (chord steps converge) and sparse data (chord steps do not; rounds fall back to
    // Newton), and with no chord steps allowed at all (every round takes the fallback).
    const dense = simulateVotes(strengths(15, 9), 3_000, 10);
    const sparse = simulateVotes(strengths(30, 11), 60, 12);
    for (const [c, maxChordSteps] of [[dense, 12], [dense, 0], [sparse, 12]] as const) {
      const stream = seededBits(13); // one stream for every round, as the reference draws
      const engine = bootstrapIntervals(c, fitBradleyTerry(c), { rounds: 100, bits: () => stream, maxChordSteps });
      // Within 0.007 score points: the 0.01 the fixtures hold the fit to.
      reference(c, 100, seededBits(13)).forEach(([lo, hi], i) => {
        expect(Math.abs((engine.lower[i] as number) - lo)).toBeLessThan(4e-5);
        expect(Math.abs((engine.upper[i] as number) - hi)).toBeLessThan(4e-5);
      });
    }
  });

  it('are deterministic for a seed (and only the intervals depend on it)', () => {
    const c = simulateVotes(strengths(12, 14), 1_500, 15);
    const a = computeLeaderboard(c, { rounds: 200, seed: 42 });
    const b = computeLeaderboard(c, { rounds: 200, seed: 42 });
    expect(b).toEqual(a);
    const other = computeLeaderboard(c, { rounds: 200, seed: 43 });
    expect(other.scores).toEqual(a.scores);
    expect(other.lower).not.toEqual(a.lower);
  });

  it('stay finite on a disconnected graph with never-seen candidates', () => {
    // Components {0, 1}, {2, 3, 4}; candidates 5 and 6 never played.
    const c = packComparisons(7, [
      { i: 0, j: 1, winsI: 30, winsJ: 10, ties: 2 },
      { i: 2, j: 3, winsI: 5, winsJ: 0, ties: 0 },
      { i: 3, j: 4, winsI: 1, winsJ: 1, ties: 1 },
    ]);
    const lb = computeLeaderboard(c, { rounds: 200, seed: 1 });
    for (const x of [...lb.scores, ...lb.lower, ...lb.upper]) expect(Number.isFinite(x)).toBe(true);
    lb.scores.forEach((s, i) => {
      expect(lb.lower[i]).toBeLessThanOrEqual(s);
      expect(lb.upper[i]).toBeGreaterThanOrEqual(s);
    });
    expect(lb.scores[5]).toBeCloseTo(1000, 9);
    expect(lb.scores[6]).toBeCloseTo(1000, 9);
    expect(lb.scores[0]).toBeGreaterThan(lb.scores[1] as number);
    // Only compared candidates are ranked (among the five of them); the two unseen ones are not.
    expect(lb.ranks.slice(0, 5).every((r) => Number.isInteger(r) && r >= 1 && r <= 5)).toBe(true);
    expect([lb.ranks[5], lb.ranks[6]]).toEqual([0, 0]);
  });
});

describe('significance ranks', () => {
  it('put a candidate far ahead on lots of data alone at rank 1', () => {
    const theta = [3, ...strengths(9, 16).map((t) => t * 0.3)];
    const lb = computeLeaderboard(simulateVotes(theta, 20_000, 17), { rounds: 200, seed: 18 });
    expect(lb.ranks[0]).toBe(1);
    expect(lb.ranks.slice(1).every((r) => r > 1)).toBe(true);
  });

  it('give two indistinguishable candidates the same rank', () => {
    // 1 and 2 have the same strength; 0 is far above both, 3 far below.
    const lb = computeLeaderboard(simulateVotes([2.5, 0, 0, -2.5], 8_000, 19), { rounds: 200, seed: 20 });
    expect(lb.ranks).toEqual([1, 2, 2, 4]);
  });

  it('equal 1 + the number of lower bounds above each upper bound (against a brute-force count)', () => {
    // Small integers as well as doubles, so equal bounds (ties) are common.
    const bound = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(bound, bound), { maxLength: 40 }), (raw) => {
        const lower = Float64Array.from(raw, ([a, b]) => Math.min(a, b));
        const upper = Float64Array.from(raw, ([a, b]) => Math.max(a, b));
        const brute = Array.from(upper, (u) => 1 + lower.filter((l) => l > u).length);
        expect(rankBySignificance(lower, upper)).toEqual(brute);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ranks across disconnected groups', () => {
  it('rank only within the group a candidate was compared in', () => {
    // {0, 1} and {2, 3} never met; 4 never played. Both groups look alike, so ranks mirror each other.
    const c = packComparisons(5, [
      { i: 0, j: 1, winsI: 30, winsJ: 10, ties: 0 },
      { i: 2, j: 3, winsI: 30, winsJ: 10, ties: 0 },
    ]);
    const lb = computeLeaderboard(c, { rounds: 200, seed: 1 });
    expect(lb.ranks).toEqual([1, 2, 1, 2, 0]);
  });
});
