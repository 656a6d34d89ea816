/**
 * The camp verdict against known truths (seeded simulations): a clear gap between whole camps is
 * called for the right camp, a zero gap is "too close to call", a gap that closes over time reads
 * "narrowing" and one that holds reads "steady" — each in at least 90% of runs. Plus the small
 * formulas' known values.
 */
import { describe, expect, it } from 'vitest';
import { type PairTally, packComparisons } from './comparisons.js';
import { computeLeaderboard } from './leaderboard.js';
import { seededRandom } from './random.js';
import { gapTrend, leaderOf, votesToSettle, winRateInterval } from './verdict.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Two camps of `size` candidates: camp 0's strengths centred at +gap/2, camp 1's at −gap/2 (θ units), spread ±1. */
function camps(size: number, gap: number, random: () => number): { theta: number[]; groups: Int32Array } {
  const spread = (k: number) => ((k + 0.5) / size - 0.5) * 2; // evenly spread in [−1, 1), mean exactly 0
  const order = Array.from({ length: size }, (_, k) => k).sort(() => random() - 0.5);
  const theta = [...order.map((k) => gap / 2 + spread(k)), ...order.map((k) => -gap / 2 + spread(k))];
  return { theta, groups: Int32Array.from(theta, (_, i) => (i < size ? 0 : 1)) };
}

/** `votes` votes between random pairs, decided by Bradley–Terry with strengths `theta(vote index)`. */
function simulate(n: number, votes: number, theta: (v: number) => readonly number[], random: () => number): PairTally[][] {
  const cells = new Map<number, PairTally>();
  const prefixes: PairTally[][] = [];
  for (let v = 0; v < votes; v++) {
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    const t = theta(v);
    const aWins = random() < sigmoid((t[a] as number) - (t[b] as number));
    const [i, j] = a < b ? [a, b] : [b, a];
    let cell = cells.get(i * n + j);
    if (!cell) cells.set(i * n + j, (cell = { i, j, winsI: 0, winsJ: 0, ties: 0 }));
    if ((aWins ? a : b) === i) cell.winsI++;
    else cell.winsJ++;
    if ((v + 1) % (votes / 2) === 0) prefixes.push([...cells.values()].map((c) => ({ ...c })));
  }
  return prefixes;
}

function campGap(n: number, tallies: PairTally[], groups: Int32Array, seed: number) {
  const board = computeLeaderboard(packComparisons(n, tallies), { rounds: 200, seed, groups });
  const gap = board.camps?.vsRest[0];
  if (!gap) throw new Error('camp 0 has a gap to the rest');
  return gap;
}

describe('camp verdict on simulated camps', () => {
  const RUNS = 40;
  const SIZE = 8;

  it('names the stronger camp when the true gap is large, in at least 90% of runs', () => {
    let right = 0;
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(100 + run);
      const { theta, groups } = camps(SIZE, 0.8, random); // 139 points between the camps' means
      const [, all] = simulate(2 * SIZE, 1_500, () => theta, random);
      const verdict = leaderOf(campGap(2 * SIZE, all ?? [], groups, run + 1));
      if (verdict === 'first') right++;
      if (verdict === 'second') wrong++;
    }
    expect(right / RUNS).toBeGreaterThanOrEqual(0.9);
    expect(wrong).toBe(0);
  });

  it('says "too close to call" when the camps are equal, in at least 90% of runs', () => {
    let tooClose = 0;
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(200 + run);
      const { theta, groups } = camps(SIZE, 0, random);
      const [, all] = simulate(2 * SIZE, 1_500, () => theta, random);
      const gap = campGap(2 * SIZE, all ?? [], groups, run + 1);
      if (leaderOf(gap) === null) tooClose++;
    }
    expect(tooClose / RUNS).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a gap that closes over time as "narrowing", and one that holds as not narrowing, in at least 90% of runs', () => {
    let narrowing = 0;
    let holding = 0;
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(300 + run);
      const wide = camps(SIZE, 1.2, random);
      const none = camps(SIZE, 0, random);
      // First half: camp 0 far ahead; second half: the camps equal. The cumulative gap shrinks.
      const closing = simulate(2 * SIZE, 3_000, (v) => (v < 1_500 ? wide.theta : none.theta), random);
      const half = campGap(2 * SIZE, closing[0] ?? [], wide.groups, run + 1);
      const now = campGap(2 * SIZE, closing[1] ?? [], wide.groups, run + 1);
      if (gapTrend([{ votes: 1_500, gap: half.value }], now, 3_000) === 'narrowing') narrowing++;
      const steady = simulate(2 * SIZE, 3_000, () => wide.theta, random);
      const half2 = campGap(2 * SIZE, steady[0] ?? [], wide.groups, run + 1);
      const now2 = campGap(2 * SIZE, steady[1] ?? [], wide.groups, run + 1);
      if (gapTrend([{ votes: 1_500, gap: half2.value }], now2, 3_000) !== 'narrowing') holding++;
    }
    expect(narrowing / RUNS).toBeGreaterThanOrEqual(0.9);
    expect(holding / RUNS).toBeGreaterThanOrEqual(0.9);
  });
});

describe('verdict formulas', () => {
  it('leads only when the interval excludes zero', () => {
    expect(leaderOf({ value: 40, lo: 5, hi: 75 })).toBe('first');
    expect(leaderOf({ value: -40, lo: -75, hi: -5 })).toBe('second');
    expect(leaderOf({ value: 40, lo: -5, hi: 85 })).toBeNull();
  });

  it('estimates the votes that would settle a close race from the 1/√n shrinking of the interval', () => {
    // Half-width 45 for a gap of 40 after 1,000 votes: 1000·(45/40)² ≈ 1,266 in all, 266 more.
    expect(votesToSettle({ value: 40, lo: -5, hi: 85 }, 1_000)).toBe(266);
    expect(votesToSettle({ value: 40, lo: 5, hi: 75 }, 1_000)).toBeNull(); // already settled
    expect(votesToSettle({ value: 0.2, lo: -50, hi: 50 }, 1_000)).toBeNull(); // even: nothing to promise
  });

  it('gives the Wilson interval of a win rate', () => {
    const [lo, hi] = winRateInterval(7, 10) ?? [0, 0];
    expect(lo).toBeCloseTo(0.3968, 3);
    expect(hi).toBeCloseTo(0.8922, 3);
    expect(winRateInterval(0, 0)).toBeNull();
    const [l2, h2] = winRateInterval(161, 231) ?? [0, 0];
    expect(l2).toBeGreaterThan(0.5); // the report's 161–70 closed-model majority is clear
    expect(h2).toBeLessThan(0.8);
  });

  it('calls no trend without an earlier point, and steady when the change is within its noise', () => {
    const now = { value: 100, lo: 60, hi: 140 };
    expect(gapTrend([], now, 1_000)).toBeNull();
    expect(gapTrend([{ votes: 500, gap: 110 }], now, 1_000)).toBe('steady');
    expect(gapTrend([{ votes: 500, gap: 200 }], now, 1_000)).toBe('narrowing');
    expect(gapTrend([{ votes: 500, gap: 20 }], now, 1_000)).toBe('widening');
  });
});
