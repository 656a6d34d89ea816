/**
 * A world cup's pair cells as typed arrays over its candidates' indices: what a rating worker
 * sends back after reading them off the event loop (a 1,024-candidate world cup has tens of
 * thousands of cells, 100–170 ms of row building on the thread that reads them), and what the
 * engine turns into the comparisons it computes from and the rows its readers use.
 */
import type { Comparisons } from '../../domain/rating/comparisons.js';
import type { PairCountRow } from '../../store/votes-repo.js';

export interface PairCells {
  /** Candidate index of each cell's lower and higher id (lo_id < hi_id as strings). */
  lo: Int32Array;
  hi: Int32Array;
  loWins: Float64Array;
  hiWins: Float64Array;
  ties: Float64Array;
}

/** The cells of `rows` between two of the candidates (`indexOf`); cells of a removed candidate drop out with it. */
export function cellsOf(rows: readonly PairCountRow[], indexOf: ReadonlyMap<string, number>): PairCells {
  const kept = rows.filter((r) => indexOf.has(r.lo_id) && indexOf.has(r.hi_id));
  return {
    lo: Int32Array.from(kept, (r) => indexOf.get(r.lo_id) ?? -1),
    hi: Int32Array.from(kept, (r) => indexOf.get(r.hi_id) ?? -1),
    loWins: Float64Array.from(kept, (r) => r.lo_wins),
    hiWins: Float64Array.from(kept, (r) => r.hi_wins),
    ties: Float64Array.from(kept, (r) => r.ties),
  };
}

/** The cells as rows again, ids from `candidateIds`. */
export function rowsOf(cells: PairCells, candidateIds: readonly string[]): PairCountRow[] {
  const rows: PairCountRow[] = [];
  for (let k = 0; k < cells.lo.length; k++) {
    rows.push({
      lo_id: candidateIds[cells.lo[k] as number] ?? '',
      hi_id: candidateIds[cells.hi[k] as number] ?? '',
      lo_wins: cells.loWins[k] as number,
      hi_wins: cells.hiWins[k] as number,
      ties: cells.ties[k] as number,
    });
  }
  return rows;
}

/**
 * The cells with votes as the comparisons the ranking is computed from (ordered by the lower
 * index, as packComparisons orders them: a counting sort, no objects), and how many votes they hold.
 */
export function comparisonsOf(cells: PairCells, n: number): { comparisons: Comparisons; votes: number } {
  const rowStart = new Int32Array(n + 1);
  let votes = 0;
  for (let k = 0; k < cells.lo.length; k++) {
    const total = (cells.loWins[k] as number) + (cells.hiWins[k] as number) + (cells.ties[k] as number);
    if (total === 0) continue;
    votes += total;
    const next = (cells.lo[k] as number) + 1;
    rowStart[next] = (rowStart[next] as number) + 1;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const m = rowStart[n] as number;
  const c: Comparisons = { n, i: new Int32Array(m), j: new Int32Array(m), winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
  for (let k = 0; k < cells.lo.length; k++) {
    if ((cells.loWins[k] as number) + (cells.hiWins[k] as number) + (cells.ties[k] as number) === 0) continue;
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
