/**
 * Head-to-head data in the compact form the rating engine works on: one entry per unordered pair
 * of candidate indices, with wins each way and ties. Built from the maintained pair counts, never
 * from raw votes.
 */
export interface Comparisons {
  /** Number of candidates; indices run 0 … n−1. */
  n: number;
  i: Int32Array;
  j: Int32Array;
  /** Wins of i over j, wins of j over i, and ties, per pair. */
  winsI: Float64Array;
  winsJ: Float64Array;
  ties: Float64Array;
}

export interface PairTally {
  i: number;
  j: number;
  winsI: number;
  winsJ: number;
  ties: number;
}

/** Packs pair tallies (i ≠ j, any order, duplicates summed by the caller) into typed arrays. */
export function packComparisons(n: number, pairs: readonly PairTally[]): Comparisons {
  const m = pairs.length;
  const c: Comparisons = {
    n,
    i: new Int32Array(m),
    j: new Int32Array(m),
    winsI: new Float64Array(m),
    winsJ: new Float64Array(m),
    ties: new Float64Array(m),
  };
  pairs.forEach((p, k) => {
    if (p.i === p.j || p.i < 0 || p.j < 0 || p.i >= n || p.j >= n) throw new RangeError(`bad pair ${p.i}-${p.j}`);
    c.i[k] = p.i;
    c.j[k] = p.j;
    c.winsI[k] = p.winsI;
    c.winsJ[k] = p.winsJ;
    c.ties[k] = p.ties;
  });
  return c;
}

/** Votes as [i, j, 'a' | 'b' | 'tie'] (the fixture format) → pair tallies. */
export function tallyVotes(n: number, votes: readonly (readonly [number, number, 'a' | 'b' | 'tie'])[]): Comparisons {
  const byPair = new Map<number, PairTally>();
  for (const [a, b, outcome] of votes) {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * n + hi;
    let t = byPair.get(key);
    if (!t) byPair.set(key, (t = { i: lo, j: hi, winsI: 0, winsJ: 0, ties: 0 }));
    if (outcome === 'tie') t.ties++;
    else if ((outcome === 'a') === (a === lo)) t.winsI++;
    else t.winsJ++;
  }
  return packComparisons(n, [...byPair.values()]);
}
