/**
 * A world cup's pair cells as typed arrays over its candidates' indices: what a rating worker
 * sends back after reading them off the event loop (a 1,024-candidate world cup has tens of
 * thousands of cells, 100–170 ms of row building on the thread that reads them), and what the
 * engine turns into the comparisons it computes from and the rows its readers use (records keep
 * the matches against removed candidates; the ranking does not).
 */
import type { Comparisons } from '../../domain/rating/comparisons.js';
import type { PairCountRow } from '../../store/votes-repo.js';

export interface PairCells {
  /** Index of each cell's lower and higher id (lo_id < hi_id as strings): a candidate's, or n + k for `others[k]`. */
  lo: Int32Array;
  hi: Int32Array;
  loWins: Float64Array;
  hiWins: Float64Array;
  ties: Float64Array;
  /** Ids of removed candidates that still have cells: their records stay part of their opponents' (wins, losses). */
  others: string[];
}

/** `rows` over the candidates (`indexOf`), ids of removed candidates numbered after them. */
export function cellsOf(rows: readonly PairCountRow[], indexOf: ReadonlyMap<string, number>): PairCells {
  const others: string[] = [];
  const extra = new Map<string, number>();
  const index = (id: string): number => {
    const known = indexOf.get(id) ?? extra.get(id);
    if (known !== undefined) return known;
    extra.set(id, indexOf.size + others.length);
    return indexOf.size + others.push(id) - 1;
  };
  return {
    lo: Int32Array.from(rows, (r) => index(r.lo_id)),
    hi: Int32Array.from(rows, (r) => index(r.hi_id)),
    loWins: Float64Array.from(rows, (r) => r.lo_wins),
    hiWins: Float64Array.from(rows, (r) => r.hi_wins),
    ties: Float64Array.from(rows, (r) => r.ties),
    others,
  };
}

/** The cells as rows again, ids from `candidateIds` and the cells' `others`. */
export function rowsOf(cells: PairCells, candidateIds: readonly string[]): PairCountRow[] {
  const idOf = (k: number): string => (k < candidateIds.length ? candidateIds[k] : cells.others[k - candidateIds.length]) ?? '';
  const rows: PairCountRow[] = [];
  for (let k = 0; k < cells.lo.length; k++) {
    rows.push({
      lo_id: idOf(cells.lo[k] as number),
      hi_id: idOf(cells.hi[k] as number),
      lo_wins: cells.loWins[k] as number,
      hi_wins: cells.hiWins[k] as number,
      ties: cells.ties[k] as number,
    });
  }
  return rows;
}

/**
 * The cells with votes between two of the `n` candidates as the comparisons the ranking is
 * computed from (ordered by the lower index, as packComparisons orders them: a counting sort, no
 * objects), and how many votes they hold. Pairs with a removed candidate drop out of the ranking.
 */
export function comparisonsOf(cells: PairCells, n: number): { comparisons: Comparisons; votes: number } {
  const rowStart = new Int32Array(n + 1);
  let votes = 0;
  const totalOf = (k: number): number => (cells.loWins[k] as number) + (cells.hiWins[k] as number) + (cells.ties[k] as number);
  const ranked = (k: number): boolean => totalOf(k) > 0 && (cells.lo[k] as number) < n && (cells.hi[k] as number) < n;
  for (let k = 0; k < cells.lo.length; k++) {
    if (!ranked(k)) continue;
    votes += totalOf(k);
    const next = (cells.lo[k] as number) + 1;
    rowStart[next] = (rowStart[next] as number) + 1;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const m = rowStart[n] as number;
  const c: Comparisons = { n, i: new Int32Array(m), j: new Int32Array(m), winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
  for (let k = 0; k < cells.lo.length; k++) {
    if (!ranked(k)) continue;
    const row = cells.lo[k] as number;
    const at = rowStart[row] as number;
    rowStart[row] = at + 1;
    c.i[at] = row;
    c.j[at] = cells.hi[k] as number;
    c.winsI[at] = cells.loWins[k] as number;
    c.winsJ[at] = cells.hiWins[k] as number;
    c.ties[at] = cells.ties[k] as number;
  }
  return { comparisons: c, votes };
}
