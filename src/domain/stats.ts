/**
 * The statistics definitions (README "Statistics"), in one place: what a candidate's record is,
 * its win and championship rates, and whether a computed ranking scores it. The services and the
 * ranking engine present these; nothing else defines them.
 */

/** One pair's head-to-head counts, lo_id < hi_id (a vote ledger cell, all sources summed). */
export interface PairCell {
  lo_id: string;
  hi_id: string;
  lo_wins: number;
  hi_wins: number;
  ties: number;
}

/** A candidate's record over counted votes. */
export interface Record {
  wins: number;
  losses: number;
  ties: number;
}

/** A share, or null when there is nothing to divide by. */
export const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** Every candidate's record: sums over the pair cells it takes part in (a tie counts once for each side). */
export function recordsOf(cells: readonly PairCell[]): Map<string, Record> {
  const records = new Map<string, Record>();
  const add = (id: string, wins: number, losses: number, ties: number) => {
    const r = records.get(id) ?? { wins: 0, losses: 0, ties: 0 };
    r.wins += wins;
    r.losses += losses;
    r.ties += ties;
    records.set(id, r);
  };
  for (const p of cells) {
    add(p.lo_id, p.lo_wins, p.hi_wins, p.ties);
    add(p.hi_id, p.hi_wins, p.lo_wins, p.ties);
  }
  return records;
}

export const matchesOf = (r: Record): number => r.wins + r.losses + r.ties;

/** 승률 = (wins + ties/2) / matches; null without matches. */
export const winRateOf = (r: Record): number | null => rate(r.wins + r.ties / 2, matchesOf(r));

/** 우승 비율 = championships / appearances (finished games whose bracket held the candidate); null without any. */
export const championshipRateOf = (championships: number, appearances: number): number | null => rate(championships, appearances);

/**
 * Counted votes of a set of cells: each decided vote is one win, each tie is one vote (recorded
 * once per side in the records, so a records-based count adds ties/2 per side).
 */
export function votesOf(cells: readonly PairCell[]): number {
  let votes = 0;
  for (const p of cells) votes += p.lo_wins + p.hi_wins + p.ties;
  return votes;
}

/**
 * Whether a computed ranking scores candidate k: only a candidate compared at least once has a
 * score (a rank above 0); the others sit at the prior's 1000 with nothing estimated.
 */
export function isScored(ranking: { votes: number; ranks: readonly number[] }, k: number | undefined): boolean {
  return ranking.votes > 0 && k !== undefined && (ranking.ranks[k] ?? 0) > 0;
}

/** The least counted votes a pair needs before "others chose" shows its share (fewer say too little). */
export const AGREEMENT_MIN_VOTES = 5;

/** How many of a pair's counted votes agreed with a pick: `share` in [0, 1], over `votes`. */
export interface Agreement {
  share: number;
  votes: number;
}

/**
 * The share of a pair's counted votes won by `pickedId` (a tie counts as half a win for each side,
 * as in 승률); null when the cell holds fewer than AGREEMENT_MIN_VOTES votes or is absent.
 */
export function agreementOf(cell: PairCell | undefined, pickedId: string): Agreement | null {
  if (!cell) return null;
  const votes = cell.lo_wins + cell.hi_wins + cell.ties;
  if (votes < AGREEMENT_MIN_VOTES) return null;
  const won = pickedId === cell.lo_id ? cell.lo_wins : cell.hi_wins;
  return { share: (won + cell.ties / 2) / votes, votes };
}
