import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BracketState,
  BracketError,
  applyPick,
  championOf,
  currentMatch,
  drawBracket,
  playableSizes,
  undoPick,
} from './bracket.js';

/** The BracketError code `fn` throws, or 'no error'. */
function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BracketError) return error.code;
    throw error;
  }
  return 'no error';
}

const pool = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

/** Plays a whole bracket, picking with `choose`; returns every state along the way. */
function playOut(entrants: string[], choose: (a: string, b: string) => string): BracketState[] {
  const states: BracketState[] = [{ entrants, winners: [] }];
  for (;;) {
    const s = states[states.length - 1] as BracketState;
    const m = currentMatch(s);
    if (!m) return states;
    states.push(applyPick(s, choose(m.a, m.b)).state);
  }
}

describe('drawBracket', () => {
  it('draws `size` distinct candidates from the pool', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (k, extra, r) => {
        const size = 2 ** k;
        const candidates = pool(size + extra);
        const drawn = drawBracket(candidates, size, () => r);
        expect(drawn).toHaveLength(size);
        expect(new Set(drawn).size).toBe(size);
        drawn.forEach((id) => expect(candidates).toContain(id));
      }),
    );
  });

  it('rejects sizes that are not powers of two or exceed the pool', () => {
    expect(() => drawBracket(pool(16), 12, Math.random)).toThrow(RangeError);
    expect(() => drawBracket(pool(16), 32, Math.random)).toThrow(RangeError);
    expect(() => drawBracket(pool(16), 1, Math.random)).toThrow(RangeError);
  });

  it('gives every candidate a fair chance to be drawn', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const id of drawBracket(pool(8), 4, Math.random)) counts.set(id, (counts.get(id) ?? 0) + 1);
    // Each of 8 is drawn with probability 1/2: 2000 expected, ±6σ (σ ≈ 32).
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});

describe('playing a bracket', () => {
  it('labels rounds 16강 → 8강 → 4강 → 결승 with match numbers', () => {
    const states = playOut(pool(16), (a) => a);
    const labels = states.map(currentMatch).filter((m) => m !== null).map((m) => `${m.round}:${m.index + 1}/${m.total}`);
    expect(labels.slice(0, 8)).toEqual(['16:1/8', '16:2/8', '16:3/8', '16:4/8', '16:5/8', '16:6/8', '16:7/8', '16:8/8']);
    expect(labels.slice(8)).toEqual(['8:1/4', '8:2/4', '8:3/4', '8:4/4', '4:1/2', '4:2/2', '2:1/1']);
  });

  it('advances exactly the winners and crowns the last one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.boolean(), { minLength: 127, maxLength: 127 }), (k, coins) => {
        const entrants = pool(2 ** k);
        let i = 0;
        const states = playOut(entrants, (a, b) => (coins[i++] ? a : b));
        const final = states[states.length - 1] as BracketState;
        expect(final.winners).toHaveLength(entrants.length - 1);
        // Every match pairs two entrants still alive: nobody plays after losing, nobody plays twice in a round.
        const eliminated = new Set<string>();
        for (const s of states.slice(0, -1)) {
          const m = currentMatch(s);
          if (!m) throw new Error('unexpected end');
          expect(eliminated.has(m.a) || eliminated.has(m.b)).toBe(false);
          const next = states[states.indexOf(s) + 1] as BracketState;
          const w = next.winners[next.winners.length - 1];
          eliminated.add(w === m.a ? m.b : m.a);
        }
        expect(eliminated.size).toBe(entrants.length - 1);
        const champion = championOf(final);
        expect(champion).not.toBeNull();
        expect(eliminated.has(champion as string)).toBe(false);
        expect(currentMatch(final)).toBeNull();
      }),
    );
  });

  it('rejects a winner outside the current match and any pick after the final', () => {
    const s: BracketState = { entrants: pool(4), winners: [] };
    expect(() => applyPick(s, 'c2')).toThrow(BracketError);
    const done = playOut(pool(4), (a) => a).at(-1) as BracketState;
    expect(errorCode(() => applyPick(done, 'c0'))).toBe('game_finished');
  });

  it('undo restores exactly the previous state and reports the undone winner', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), fc.array(fc.boolean(), { minLength: 63, maxLength: 63 }), (k, cut, coins) => {
        let i = 0;
        const states = playOut(pool(2 ** k), (a, b) => (coins[i++] ? a : b));
        const at = 1 + (cut % (states.length - 1));
        const before = states[at - 1] as BracketState;
        const after = states[at] as BracketState;
        const undone = undoPick(after);
        expect(undone.state).toEqual(before);
        expect(undone.match).toEqual(currentMatch(before));
        expect(undone.winner).toBe(after.winners[after.winners.length - 1]);
      }),
    );
  });

  it('has nothing to undo at the start', () => {
    expect(errorCode(() => undoPick({ entrants: pool(2), winners: [] }))).toBe('nothing_to_undo');
  });
});

describe('playableSizes', () => {
  it('lists the powers of two a pool can fill', () => {
    expect(playableSizes(32)).toEqual([2, 4, 8, 16, 32]);
    expect(playableSizes(20, 4)).toEqual([4, 8, 16]);
    expect(playableSizes(3)).toEqual([2]);
  });
});
