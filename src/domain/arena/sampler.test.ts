/**
 * The pair sampler's promises (issue 13 "Sampling"): the stored probability is the real one, every
 * pair keeps the floor, uniform is uniform, camp targets hold, eligibility restricts, and active
 * sampling spends its votes on the undecided top-k boundary. Seeded, so deterministic.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../rating/random.js';
import { type SamplerOptions, type SamplerState, DEFAULT_FLOOR, choosePair, pairFloor, pairProbability } from './sampler.js';

const DRAWS = 10_000;

/** A state with the given scores and interval half-widths (0 = never compared). */
function stateOf(scores: number[], halfWidths: number[], extra: Partial<SamplerState> = {}): SamplerState {
  return {
    n: scores.length,
    scores: Float64Array.from(scores),
    lower: Float64Array.from(scores, (s, i) => s - (halfWidths[i] as number)),
    upper: Float64Array.from(scores, (s, i) => s + (halfWidths[i] as number)),
    ...extra,
  };
}

/** A realistic mid-season state: 12 candidates spread like a leaderboard, mixed certainty, one never compared. */
function midSeason(extra: Partial<SamplerState> = {}): SamplerState {
  const scores = [1250, 1180, 1150, 1120, 1100, 1090, 1060, 1000, 950, 900, 820, 1000];
  const widths = [40, 35, 50, 45, 60, 55, 40, 30, 30, 25, 20, 0];
  return stateOf(scores, widths, extra);
}

const key = (i: number, j: number): string => (i < j ? `${i}-${j}` : `${j}-${i}`);

function allPairs(members: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  members.forEach((i, x) => members.slice(x + 1).forEach((j) => pairs.push([i, j])));
  return pairs;
}

/** Draw counts per pair, checking each draw's stored probability against the exact one. */
function drawCounts(state: SamplerState, opts: SamplerOptions, seed: number): Map<string, number> {
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let d = 0; d < DRAWS; d++) {
    const { i, j, probability } = choosePair(state, opts, random);
    expect(i).not.toBe(j);
    if (d < 200) expect(probability).toBeCloseTo(pairProbability(state, opts, i, j), 12);
    counts.set(key(i, j), (counts.get(key(i, j)) ?? 0) + 1);
  }
  return counts;
}

/** Pearson's χ² of the counts against the exact probabilities, and its degrees of freedom. */
function chiSquare(state: SamplerState, opts: SamplerOptions, pairs: [number, number][], counts: Map<string, number>): { chi2: number; df: number } {
  let chi2 = 0;
  for (const [i, j] of pairs) {
    const expected = DRAWS * pairProbability(state, opts, i, j);
    chi2 += ((counts.get(key(i, j)) ?? 0) - expected) ** 2 / expected;
  }
  return { chi2, df: pairs.length - 1 };
}

/** χ² below df + 4·√(2·df): a distribution that is not the stated one lands far above. */
const plausible = ({ chi2, df }: { chi2: number; df: number }): boolean => chi2 < df + 4 * Math.sqrt(2 * df);

describe('choosePair', () => {
  const active: SamplerOptions = { mode: 'active', topK: 3 };
  const members = Array.from({ length: 12 }, (_, i) => i);

  it('states probabilities that sum to 1 over the pairs and match the draws (χ²)', () => {
    const state = midSeason();
    const pairs = allPairs(members);
    const total = pairs.reduce((s, [i, j]) => s + pairProbability(state, active, i, j), 0);
    expect(total).toBeCloseTo(1, 12);
    const counts = drawCounts(state, active, 11);
    expect(plausible(chiSquare(state, active, pairs, counts))).toBe(true);
  });

  it('keeps every pair at or above the floor ε, exactly and in 10,000 draws', () => {
    const state = midSeason();
    const pairs = allPairs(members);
    const epsilon = pairFloor(12);
    expect(epsilon).toBeCloseTo(DEFAULT_FLOOR / 66, 15);
    for (const [i, j] of pairs) expect(pairProbability(state, active, i, j)).toBeGreaterThanOrEqual(epsilon * (1 - 1e-12));
    const counts = drawCounts(state, active, 12);
    // ε·10,000 ≈ 22.7 expected draws at the least: a pair the sampler starved would show ≲ 10.
    for (const [i, j] of pairs) expect(counts.get(key(i, j)) ?? 0).toBeGreaterThanOrEqual(10);
    // The floor is a floor, not the rule: the most drawn pair is far above it.
    expect(Math.max(...counts.values())).toBeGreaterThan(10 * DRAWS * epsilon);
  });

  it('uniform draws every pair alike', () => {
    const state = midSeason();
    const uniform: SamplerOptions = { mode: 'uniform', topK: 3 };
    const pairs = allPairs(members);
    for (const [i, j] of pairs) expect(pairProbability(state, uniform, i, j)).toBeCloseTo(1 / 66, 15);
    const counts = drawCounts(state, uniform, 13);
    expect(plausible(chiSquare(state, uniform, pairs, counts))).toBe(true);
  });

  it.each([0.5, 0.8])('steers the cross-camp share to %s (two camps of 8 and 3, one candidate in none)', (target) => {
    const groups = Int32Array.from(members, (i) => (i < 8 ? 0 : i < 11 ? 1 : -1));
    const state = midSeason({ groups });
    for (const mode of ['active', 'uniform'] as const) {
      const opts: SamplerOptions = { mode, topK: 3, campShare: target };
      const pairs = allPairs(members);
      const crossPairs = pairs.filter(([i, j]) => groups[i] !== -1 && groups[j] !== -1 && groups[i] !== groups[j]);
      // Exactly on target by the stated probabilities (24 of the 66 pairs are cross-camp: 36% unsteered)…
      expect(crossPairs.reduce((s, [i, j]) => s + pairProbability(state, opts, i, j), 0)).toBeCloseTo(target, 12);
      const counts = drawCounts(state, opts, 14);
      const cross = crossPairs.reduce((s, [i, j]) => s + (counts.get(key(i, j)) ?? 0), 0) / DRAWS;
      // …and within ±5% in 10,000 draws, with the floor still kept for the same-camp pairs.
      expect(Math.abs(cross - target)).toBeLessThan(0.05);
      for (const [i, j] of pairs) expect(pairProbability(state, opts, i, j)).toBeGreaterThanOrEqual(pairFloor(12) * (1 - 1e-12));
      expect(plausible(chiSquare(state, opts, pairs, counts))).toBe(true);
    }
  });

  it('falls back to the other class when a camp target cannot be met (one camp only)', () => {
    const groups = Int32Array.from(members, (i) => (i < 6 ? 0 : -1));
    const state = midSeason({ groups });
    const opts: SamplerOptions = { mode: 'uniform', topK: 3, campShare: 0.8 };
    const random = seededRandom(15);
    for (let d = 0; d < 500; d++) expect(choosePair(state, opts, random).probability).toBeCloseTo(1 / 66, 15);
  });

  it('draws only eligible candidates, with probabilities summing to 1 over their pairs', () => {
    const eligible = [0, 2, 3, 5, 8, 11];
    const state = midSeason({ eligible });
    const pairs = allPairs(eligible);
    for (const mode of ['active', 'uniform'] as const) {
      const opts: SamplerOptions = { mode, topK: 3 };
      expect(pairs.reduce((s, [i, j]) => s + pairProbability(state, opts, i, j), 0)).toBeCloseTo(1, 12);
      expect(pairProbability(state, opts, 1, 2)).toBe(0);
      const counts = drawCounts(state, opts, 16);
      for (const k of counts.keys()) {
        const [i, j] = k.split('-').map(Number);
        expect(eligible).toContain(i);
        expect(eligible).toContain(j);
      }
    }
    expect(() => choosePair(midSeason({ eligible: [4] }), active, seededRandom(1))).toThrow(RangeError);
  });

  it('active: spends its draws on the undecided top-k boundary, the more the less it is settled', () => {
    // 20 candidates 60 points apart with tight intervals (±10), except places 5 and 6, which sit
    // 10 points apart with wide intervals: who is 5th (in the top 5) is the only open question.
    const scores = Array.from({ length: 20 }, (_, r) => 1500 - 60 * r);
    scores[5] = (scores[4] as number) - 10;
    const stateWith = (open: number) => stateOf(scores, scores.map((_, r) => (r === 4 || r === 5 ? open : 10)));
    const state = stateWith(80);
    const opts: SamplerOptions = { mode: 'active', topK: 5 };
    const boundary = pairProbability(state, opts, 4, 5);
    // Uniform: 1/190. The rest of the draws sort neighbours (the full order).
    expect(boundary).toBeGreaterThan(20 / 190);
    for (const [i, j] of allPairs(Array.from({ length: 20 }, (_, r) => r))) if (i !== 4 || j !== 5) expect(pairProbability(state, opts, i, j)).toBeLessThan(boundary);
    const random = seededRandom(17);
    let touching = 0;
    for (let d = 0; d < DRAWS; d++) {
      const { i, j } = choosePair(state, opts, random);
      if (i === 4 || i === 5 || j === 4 || j === 5) touching++;
    }
    // Uniform would involve place 5 or 6 in 19% of draws; active ≈ 35%.
    expect(touching / DRAWS).toBeGreaterThan(0.3);
    expect(pairProbability(state, { mode: 'uniform', topK: 5 }, 4, 5)).toBeCloseTo(1 / 190, 15);
    // Settled (±10 like the rest), places 5 and 6 get only what sorting gives close neighbours.
    expect(pairProbability(stateWith(10), opts, 4, 5)).toBeLessThan(boundary / 2);
  });

  it('active: a candidate never compared is drawn far more than a settled one at the bottom', () => {
    const scores = Array.from({ length: 10 }, (_, r) => 1300 - 50 * r);
    scores[9] = 1000; // never compared: the prior's score, zero width
    const widths = scores.map((_, r) => (r === 9 ? 0 : 15));
    const state = stateOf(scores, widths);
    const opts: SamplerOptions = { mode: 'active', topK: 3 };
    const involving = (c: number): number => Array.from({ length: 10 }, (_, o) => (o === c ? 0 : pairProbability(state, opts, c, o))).reduce((s, p) => s + p, 0);
    expect(involving(9)).toBeGreaterThan(3 * involving(8));
  });

  it('stays fast at 1,024 candidates (no n² work per call)', () => {
    const n = 1024;
    const random = seededRandom(18);
    const scores = Array.from({ length: n }, () => 1000 + 200 * (random() - 0.5));
    const state = stateOf(scores, scores.map(() => 30), { groups: Int32Array.from(scores, (_, i) => i % 3) });
    const opts: SamplerOptions = { mode: 'active', topK: 10, campShare: 0.5 };
    const t0 = performance.now();
    for (let d = 0; d < 200; d++) choosePair(state, opts, random);
    // An n² pair table would cost tens of ms a call; the bound is generous for a loaded machine.
    expect((performance.now() - t0) / 200).toBeLessThan(20);
  });
});
