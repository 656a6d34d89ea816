import { describe, expect, it } from 'vitest';
import { packComparisons } from '../../domain/rating/comparisons.js';
import type { PairCountRow } from '../../store/votes-repo.js';
import { cellsOf, comparisonsOf, rowsOf } from './pair-cells.js';

const row = (lo_id: string, hi_id: string, lo_wins: number, hi_wins: number, ties = 0): PairCountRow => ({ lo_id, hi_id, lo_wins, hi_wins, ties });

describe('pair cells as typed arrays', () => {
  const candidates = ['c', 'a', 'd'];
  const indexOf = new Map(candidates.map((id, k) => [id, k]));
  // 'b' was removed from the world cup; 'a'–'d' has no votes left (an undone pick).
  const rows = [row('a', 'b', 2, 1), row('a', 'c', 3, 0, 1), row('a', 'd', 0, 0), row('b', 'c', 0, 4), row('c', 'd', 1, 1)];

  it('give back every row, a removed candidate’s included (records keep those matches)', () => {
    expect(rowsOf(cellsOf(rows, indexOf), candidates)).toEqual(rows);
  });

  it('rank only pairs of current candidates with votes, in the order packComparisons gives', () => {
    const { comparisons, votes } = comparisonsOf(cellsOf(rows, indexOf), candidates.length);
    const expected = packComparisons(3, [
      { i: 1, j: 0, winsI: 3, winsJ: 0, ties: 1 },
      { i: 0, j: 2, winsI: 1, winsJ: 1, ties: 0 },
    ]);
    expect(comparisons).toEqual(expected);
    expect(votes).toBe(6);
  });
});
