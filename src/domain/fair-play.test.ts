import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PICKS_FOR_PACE, isTooFast, isTooManyGames, medianIntervalMs } from './fair-play.js';

/** Pick times starting at 1000 with the given gaps. */
const at = (...gaps: number[]) => gaps.reduce<number[]>((times, gap) => [...times, (times[times.length - 1] as number) + gap], [1000]);

describe('medianIntervalMs', () => {
  it('is the middle gap, or the mean of the two middle ones', () => {
    expect(medianIntervalMs([])).toBeUndefined();
    expect(medianIntervalMs([5])).toBeUndefined();
    expect(medianIntervalMs(at(100))).toBe(100);
    expect(medianIntervalMs(at(100, 5000, 20))).toBe(100);
    expect(medianIntervalMs(at(10, 20, 30, 40))).toBe(25);
  });

  it('lies between the smallest and largest gap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 50 }), (gaps) => {
        const m = medianIntervalMs(at(...gaps)) as number;
        expect(m).toBeGreaterThanOrEqual(Math.min(...gaps));
        expect(m).toBeLessThanOrEqual(Math.max(...gaps));
      }),
    );
  });
});

describe('isTooFast', () => {
  it(`waits for ${MIN_PICKS_FOR_PACE} picks, then compares the median gap with the threshold`, () => {
    expect(isTooFast(at(0, 0), 300)).toBe(false); // three picks: not judged yet
    expect(isTooFast(at(0, 0, 0), 300)).toBe(true);
    expect(isTooFast(at(299, 299, 299), 300)).toBe(true);
    expect(isTooFast(at(300, 300, 300), 300)).toBe(false);
    // One long pause does not excuse fast picks, one quick double tap does not condemn a person.
    expect(isTooFast(at(50, 60_000, 40, 30), 300)).toBe(true);
    expect(isTooFast(at(900, 40, 1200, 800), 300)).toBe(false);
  });

  it('is off at 0', () => {
    expect(isTooFast(at(0, 0, 0, 0), 0)).toBe(false);
  });
});

describe('isTooManyGames', () => {
  it('allows exactly perHour games, by session and by address alike; 0 is off', () => {
    expect(isTooManyGames({ bySession: 19, byAddress: 0 }, 20)).toBe(false);
    expect(isTooManyGames({ bySession: 20, byAddress: 0 }, 20)).toBe(true);
    expect(isTooManyGames({ bySession: 0, byAddress: 20 }, 20)).toBe(true);
    expect(isTooManyGames({ bySession: 500, byAddress: 500 }, 0)).toBe(false);
  });
});
