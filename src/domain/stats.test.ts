import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PairCell, championshipRateOf, isScored, matchesOf, recordsOf, votesOf, winRateOf } from './stats.js';

const cells = fc.array(
  fc.record({ lo: fc.integer({ min: 0, max: 5 }), hi: fc.integer({ min: 6, max: 9 }), lo_wins: fc.nat(20), hi_wins: fc.nat(20), ties: fc.nat(5) }),
  { maxLength: 20 },
).map((raw) => raw.map((c): PairCell => ({ lo_id: `c${c.lo}`, hi_id: `c${c.hi}`, lo_wins: c.lo_wins, hi_wins: c.hi_wins, ties: c.ties })));

describe('statistics definitions', () => {
  it('records: every win is someone’s loss, ties count for both sides, matches add up to twice the votes (property)', () => {
    fc.assert(
      fc.property(cells, (input) => {
        const records = [...recordsOf(input).values()];
        const sum = (f: (r: { wins: number; losses: number; ties: number }) => number) => records.reduce((s, r) => s + f(r), 0);
        expect(sum((r) => r.wins)).toBe(sum((r) => r.losses));
        expect(sum((r) => r.ties)).toBe(2 * input.reduce((s, c) => s + c.ties, 0));
        expect(sum(matchesOf)).toBe(2 * votesOf(input));
        for (const r of records) {
          const w = winRateOf(r);
          if (matchesOf(r) === 0) expect(w).toBeNull();
          else expect(w).toBeGreaterThanOrEqual(0);
          if (w !== null) expect(w).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('win rate counts a tie as half a win; championship rate divides by appearances', () => {
    expect(winRateOf({ wins: 3, losses: 1, ties: 2 })).toBeCloseTo(4 / 6);
    expect(winRateOf({ wins: 0, losses: 0, ties: 0 })).toBeNull();
    expect(championshipRateOf(3, 12)).toBe(0.25);
    expect(championshipRateOf(0, 0)).toBeNull();
  });

  it('scores only candidates the ranking compared', () => {
    const ranking = { votes: 5, ranks: [1, 0, 2] };
    expect([0, 1, 2, undefined].map((k) => isScored(ranking, k))).toEqual([true, false, true, false]);
    expect(isScored({ votes: 0, ranks: [1] }, 0)).toBe(false);
  });
});
