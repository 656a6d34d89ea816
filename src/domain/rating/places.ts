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
  const out: (Place | undefined)[] = rows.map(() => undefined);
  ranked.forEach((r, index) => {
    let better = 0;
    let worse = 0;
    for (const other of ranked) {
      if (other === r || other.component !== r.component) continue;
      if (other.lower > r.upper) better++;
      if (other.upper < r.lower) worse++;
    }
    out[r.k] = { position: index + 1, range: [1 + better, ranked.length - worse] };
  });
  return out;
}
