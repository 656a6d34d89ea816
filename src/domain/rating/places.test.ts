import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlaceInput, placesOf } from './places.js';

const row = (score: number, half: number, over: Partial<PlaceInput> = {}): PlaceInput => ({ isRanked: true, score, lower: score - half, upper: score + half, component: 0, ...over });

describe('placesOf', () => {
  it('numbers ranked candidates down the table and gives each the range of places its interval allows', () => {
    // A clearly first, B and C indistinguishable, D clearly last.
    const places = placesOf([row(900, 20), row(1300, 30), row(1100, 60), row(1080, 60)]);
    expect(places).toEqual([
      { position: 4, range: [4, 4] },
      { position: 1, range: [1, 1] },
      { position: 2, range: [2, 3] },
      { position: 3, range: [2, 3] },
    ]);
  });

  it('leaves provisional candidates out: no place for them, and they count for nobody', () => {
    const places = placesOf([row(1400, 300, { isRanked: false }), row(1000, 10), row(1200, 10)]);
    expect(places[0]).toBeUndefined();
    expect(places[2]).toEqual({ position: 1, range: [1, 1] });
    expect(places[1]).toEqual({ position: 2, range: [2, 2] });
  });

  it('never compares across components: separate groups cannot rule each other out', () => {
    const places = placesOf([row(1500, 10, { component: 0 }), row(700, 10, { component: 1 })]);
    expect(places).toEqual([
      { position: 1, range: [1, 2] },
      { position: 2, range: [1, 2] },
    ]);
  });

  it('always puts the position inside the range, and positions are 1…k in score order (property)', () => {
    const rows = fc.array(
      fc.record({ score: fc.integer({ min: 500, max: 1500 }), half: fc.integer({ min: 0, max: 300 }), isRanked: fc.boolean(), component: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(rows, (input) => {
        const places = placesOf(input.map((r) => row(r.score, r.half, { isRanked: r.isRanked, component: r.component })));
        const ranked = input.map((r, k) => ({ ...r, place: places[k] })).filter((r) => r.isRanked);
        expect(ranked.map((r) => r.place?.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(ranked.map((_, k) => k + 1));
        for (const r of ranked) {
          const p = r.place;
          if (!p) throw new Error('a ranked row has a place');
          expect(p.range[0]).toBeLessThanOrEqual(p.position);
          expect(p.position).toBeLessThanOrEqual(p.range[1]);
          for (const other of ranked) if (other.score > r.score) expect(other.place?.position ?? 0).toBeLessThan(p.position);
        }
        input.forEach((r, k) => !r.isRanked && expect(places[k]).toBeUndefined());
      }),
    );
  });

  it('counts better and worse exactly as the pairwise definition does (property)', () => {
    const rows = fc.array(
      fc.record({ score: fc.integer({ min: 900, max: 1100 }), half: fc.integer({ min: 0, max: 60 }), isRanked: fc.boolean(), component: fc.integer({ min: 0, max: 1 }) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(rows, (input) => {
        const given = input.map((r) => row(r.score, r.half, { isRanked: r.isRanked, component: r.component }));
        const ranked = given.filter((r) => r.isRanked);
        placesOf(given).forEach((place, k) => {
          const r = given[k] as PlaceInput;
          if (!r.isRanked) return;
          const peers = ranked.filter((o) => o !== r && o.component === r.component);
          const better = peers.filter((o) => o.lower > r.upper).length;
          const worse = peers.filter((o) => o.upper < r.lower).length;
          expect(place?.range).toEqual([1 + better, ranked.length - worse]);
        });
      }),
    );
  });
});
