/**
 * How a ranking table presents places so that a number never contradicts the order: each ranked
 * candidate's position by score (1, 2, 3, … down the table) and the range of places its interval
 * allows — from 1 + the candidates of its component that are significantly better (the classic
 * rank statistic) to the number of ranked candidates minus those significantly worse. Candidates
 * with too little data are not ranked at all (provisional): no position, no range.
 */

export interface PlaceInput {
  /** Not ranked (no score, or provisional): gets no place and counts for nobody's. */
  isRanked: boolean;
  score: number;
  lower: number;
  upper: number;
  /** Connected component: candidates of different components cannot be compared. */
  component: number;
}

export interface Place {
  position: number;
  range: [number, number];
}

/**
 * Places of `rows` (any order), undefined for unranked ones. Position follows the score (ties by
 * input order); the range always contains the position: a significantly better candidate has a
 * higher score, so it sits above.
 */
export function placesOf(rows: readonly PlaceInput[]): (Place | undefined)[] {
  const ranked = rows.map((r, k) => ({ ...r, k })).filter((r) => r.isRanked);
  ranked.sort((a, b) => b.score - a.score || a.k - b.k);
  // Per component, the bounds sorted: "significantly better" (lower above my upper) and "worse"
  // (upper below my lower) are then two binary searches, not a pass over everyone — a table of
  // 1,024 candidates is presented on every ranking update. (A candidate is never better or worse
  // than itself: its lower bound is not above its own upper bound.)
  const bounds = new Map<number, { lower: Float64Array; upper: Float64Array }>();
  for (const component of new Set(ranked.map((r) => r.component))) {
    const members = ranked.filter((r) => r.component === component);
    bounds.set(component, {
      lower: Float64Array.from(members, (r) => r.lower).sort(),
      upper: Float64Array.from(members, (r) => r.upper).sort(),
    });
  }
  const out: (Place | undefined)[] = rows.map(() => undefined);
  ranked.forEach((r, index) => {
    const { lower, upper } = bounds.get(r.component) ?? { lower: new Float64Array(0), upper: new Float64Array(0) };
    const better = lower.length - countBelow(lower, r.upper, true);
    const worse = countBelow(upper, r.lower);
    out[r.k] = { position: index + 1, range: [1 + better, ranked.length - worse] };
  });
  return out;
}

/** How many of the ascending `sorted` are below x (or, with `orEqual`, at most x): a binary search. */
export function countBelow(sorted: Float64Array, x: number, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v < x || (orEqual && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
