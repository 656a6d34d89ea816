/**
 * The sparse solver (CG Newton) against the dense one (Cholesky Newton) and against optimality:
 * the same scores on the reference vectors and on random graphs — sparse, disconnected, dense, and
 * 1,024 candidates where the dense path would take seconds — and bootstrap intervals within a small
 * fraction of their Monte Carlo noise of the dense refits on the same resamples.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA, fitBradleyTerry, gradient, toScore, weightsOf } from './bradley-terry.js';
import { type PairTally, byRows, packComparisons, tallyVotes } from './comparisons.js';
import { chooseSolver, computeLeaderboard, finishLeaderboard, leaderboardReplicates, prepareLeaderboard } from './leaderboard.js';
import { seededRandom } from './random.js';
import { fitSparse } from './sparse.js';

interface Fixture {
  tolerance: number;
  cases: { name: string; n: number; votes: [number, number, 'a' | 'b' | 'tie'][]; scores: number[] }[];
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/fixtures/bradley-terry-vectors.json'), 'utf8')) as Fixture;

/** `pairs` random distinct pairs among `n` candidates (only within `blocks` separate groups when given), 1–6 votes each way. */
function randomGraph(n: number, pairs: number, seed: number, blocks = 1): PairTally[] {
  const random = seededRandom(seed);
  const cells = new Map<number, PairTally>();
  const block = Math.ceil(n / blocks);
  while (cells.size < pairs) {
    const b = Math.floor(random() * blocks);
    const lo = b * block;
    const size = Math.min(block, n - lo);
    const a = lo + Math.floor(random() * size);
    const c = lo + Math.floor(random() * size);
    if (a === c) continue;
    const [i, j] = a < c ? [a, c] : [c, a];
    cells.set(i * n + j, { i, j, winsI: Math.floor(random() * 6), winsJ: 1 + Math.floor(random() * 6), ties: random() < 0.1 ? 1 : 0 });
  }
  return [...cells.values()];
}

describe('sparse Bradley–Terry fit', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('reproduces the reference vector "%s"', (_name, c) => {
    const { theta } = fitSparse(byRows(tallyVotes(c.n, c.votes)), { lambda: DEFAULT_LAMBDA });
    Array.from(theta, toScore).forEach((s, i) => expect(Math.abs(s - (c.scores[i] as number))).toBeLessThan(fixture.tolerance));
  });

  it.each([
    ['sparse (60 candidates, 50 pairs)', 60, 50, 1],
    ['disconnected (three groups that never met, and loners)', 90, 120, 3],
    ['dense (40 candidates, every pair)', 40, 780, 1],
  ] as const)('agrees with the dense fit on a random graph: %s', (_name, n, pairs, blocks) => {
    const c = packComparisons(n, randomGraph(n, pairs, n + pairs, blocks));
    const dense = fitBradleyTerry(c).theta;
    const sparse = fitSparse(byRows(c), { lambda: DEFAULT_LAMBDA }).theta;
    dense.forEach((t, i) => expect(Math.abs(t - (sparse[i] as number))).toBeLessThan(1e-7));
  });

  it('solves 1,024 candidates to optimality (the penalised gradient vanishes)', () => {
    const c = byRows(packComparisons(1024, randomGraph(1024, 6_000, 7)));
    const { theta } = fitSparse(c, { lambda: DEFAULT_LAMBDA });
    const g = new Float64Array(1024);
    gradient(c, weightsOf(c), theta, DEFAULT_LAMBDA, g);
    expect(Math.max(...Array.from(g, Math.abs))).toBeLessThan(1e-6);
  });
});

describe('leaderboard: sparse against dense', () => {
  it.each([
    ['sparse', 80, 300, 1],
    ['disconnected', 60, 200, 2],
    ['dense', 30, 435, 1],
  ] as const)('gives the same scores and intervals within 1 point on a %s random graph', (_name, n, pairs, blocks) => {
    const c = packComparisons(n, randomGraph(n, pairs, 3 * n + pairs, blocks));
    const dense = computeLeaderboard(c, { seed: 5, solver: 'dense' });
    const sparse = computeLeaderboard(c, { seed: 5, solver: 'sparse' });
    expect(sparse.solver).toBe('sparse');
    for (let i = 0; i < n; i++) {
      expect(Math.abs((dense.scores[i] as number) - (sparse.scores[i] as number))).toBeLessThan(0.01);
      expect(Math.abs((dense.lower[i] as number) - (sparse.lower[i] as number))).toBeLessThan(1);
      expect(Math.abs((dense.upper[i] as number) - (sparse.upper[i] as number))).toBeLessThan(1);
    }
    // Ranks compare bounds with each other: a fraction of a point can tip a near tie, nothing more.
    const differ = sparse.ranks.filter((r, i) => r !== dense.ranks[i]);
    expect(differ.length).toBeLessThanOrEqual(Math.ceil(n / 20));
    sparse.ranks.forEach((r, i) => expect(Math.abs(r - (dense.ranks[i] as number))).toBeLessThanOrEqual(1));
  });

  it('fits only compared candidates: 1,024 candidates with 10 votes leave the rest at 1000, unranked', () => {
    const c = packComparisons(1024, [0, 1, 2, 3, 4].map((k) => ({ i: 2 * k, j: 2 * k + 1, winsI: 2, winsJ: 0, ties: 0 })));
    const board = computeLeaderboard(c, { seed: 1 });
    expect(board.ranks.filter((r) => r > 0)).toHaveLength(10);
    expect(board.scores[500]).toBe(1000);
    expect(board.scores[0]).toBeGreaterThan(1000);
  });

  it('gives the same leaderboard when its bootstrap rounds are shared out (as between workers)', () => {
    const c = packComparisons(200, randomGraph(200, 3_000, 11));
    const whole = computeLeaderboard(c, { seed: 3, solver: 'sparse' });
    const { solver, theta } = prepareLeaderboard(c, { seed: 3, solver: 'sparse' });
    // Each share computed from its own preparation, as another thread would. Odd shares pair the
    // rounds differently (rounds go two at a time, lanes interleaved): a round must not depend on
    // the round it shares its passes with, nor a lane on a copy that pads an odd share.
    const parts = [[0, 71], [71, 140], [140, 200]].map(([from, to]) =>
      leaderboardReplicates(prepareLeaderboard(c, { seed: 3 }, { solver, theta }), from as number, to as number),
    );
    const samples = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, p) => (samples.set(p, offset), offset + p.length), 0);
    const shared = finishLeaderboard(prepareLeaderboard(c, { seed: 3 }, { solver, theta }), samples);
    expect(shared.lower).toEqual(whole.lower);
    expect(shared.upper).toEqual(whole.upper);
    expect(shared.ranks).toEqual(whole.ranks);
  });

  it('picks the dense path for small dense data and the sparse one for many candidates', () => {
    expect(chooseSolver(150, 11_175, 200)).toBe('dense');
    expect(chooseSolver(1024, 166_000, 200)).toBe('sparse');
    expect(chooseSolver(1024, 2_000, 200)).toBe('sparse');
  });
});
