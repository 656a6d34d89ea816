import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, toScore } from './bradley-terry.js';
import { type PairTally, packComparisons, tallyVotes } from './comparisons.js';

interface Fixture {
  tolerance: number;
  cases: { name: string; n: number; votes: [number, number, 'a' | 'b' | 'tie'][]; scores: number[] }[];
}
const fixturePath = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bradley-terry-vectors.json');
const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8')) as Fixture;

const scoresOf = (theta: Float64Array) => Array.from(theta, toScore);

describe('fitBradleyTerry', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('reproduces the reference vector "%s"', (_name, c) => {
    const scores = scoresOf(fitBradleyTerry(tallyVotes(c.n, c.votes)).theta);
    scores.forEach((s, i) => expect(Math.abs(s - (c.scores[i] as number))).toBeLessThan(fixture.tolerance));
  });

  const tallies = fc
    .integer({ min: 2, max: 8 })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(
          fc.record({ i: fc.nat(n - 1), j: fc.nat(n - 1), winsI: fc.nat(20), winsJ: fc.nat(20), ties: fc.nat(3) }),
          { maxLength: 20 },
        ),
      ),
    )
    .map(([n, raw]) => {
      const byPair = new Map<string, PairTally>();
      for (const p of raw) {
        if (p.i === p.j) continue;
        const [i, j] = p.i < p.j ? [p.i, p.j] : [p.j, p.i];
        const t = byPair.get(`${i}-${j}`) ?? { i, j, winsI: 0, winsJ: 0, ties: 0 };
        t.winsI += p.winsI;
        t.winsJ += p.winsJ;
        t.ties += p.ties;
        byPair.set(`${i}-${j}`, t);
      }
      return { n, pairs: [...byPair.values()] };
    });

  it('has mean score 1000', () => {
    fc.assert(
      fc.property(tallies, ({ n, pairs }) => {
        const scores = scoresOf(fitBradleyTerry(packComparisons(n, pairs)).theta);
        expect(Math.abs(scores.reduce((s, x) => s + x, 0) / n - 1000)).toBeLessThan(1e-6);
      }),
    );
  });

  it('does not depend on the order of candidates', () => {
    fc.assert(
      fc.property(tallies, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), ({ n, pairs }, rand) => {
        const perm = Array.from({ length: n }, (_, i) => i);
        const it = rand[Symbol.iterator]();
        for (let i = n - 1; i > 0; i--) {
          const k = Math.min(i, Math.floor((it.next().value as number) * (i + 1)));
          [perm[i], perm[k]] = [perm[k] as number, perm[i] as number];
        }
        const base = scoresOf(fitBradleyTerry(packComparisons(n, pairs)).theta);
        const permuted = packComparisons(
          n,
          pairs.map((p) => ({ ...p, i: perm[p.i] as number, j: perm[p.j] as number })),
        );
        const shuffled = scoresOf(fitBradleyTerry(permuted).theta);
        base.forEach((s, i) => expect(Math.abs(s - (shuffled[perm[i] as number] as number))).toBeLessThan(1e-6));
      }),
    );
  });

  it('never lowers a candidate\u2019s score when it gains a win', () => {
    fc.assert(
      fc.property(tallies, fc.nat(), ({ n, pairs }, pick) => {
        if (pairs.length === 0) return;
        const k = pick % pairs.length;
        const before = fitBradleyTerry(packComparisons(n, pairs)).theta;
        const more = pairs.map((p, idx) => (idx === k ? { ...p, winsI: p.winsI + 1 } : p));
        const after = fitBradleyTerry(packComparisons(n, more)).theta;
        const winner = (pairs[k] as PairTally).i;
        expect(toScore(after[winner] as number)).toBeGreaterThanOrEqual(toScore(before[winner] as number) - 1e-7);
      }),
    );
  });

  it('keeps never-seen candidates at exactly 1000', () => {
    const scores = scoresOf(fitBradleyTerry(packComparisons(4, [{ i: 0, j: 1, winsI: 5, winsJ: 1, ties: 0 }])).theta);
    expect(scores[2]).toBeCloseTo(1000, 9);
    expect(scores[3]).toBeCloseTo(1000, 9);
  });
});
