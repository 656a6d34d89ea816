/** Rating facts shared by server and web, so both say the same thing. */

/** Fewer matches than this and a candidate is provisional: shown apart, without a place. */
export const PROVISIONAL_MATCHES = 10;
/** An interval wider than this (points) and a candidate is provisional too, however many matches. */
export const PROVISIONAL_CI_WIDTH = 400;

/** Whether a candidate has too little data for a place in the table (README "Statistics"). */
export function isProvisional(matches: number, ci: readonly [number, number] | null): boolean {
  return ci === null || matches < PROVISIONAL_MATCHES || ci[1] - ci[0] > PROVISIONAL_CI_WIDTH;
}

/** Probability that a candidate scored `a` beats one scored `b` under Bradley–Terry (Elo scale). */
export function predictedWinProbability(a: number, b: number): number {
  return 1 / (1 + 10 ** ((b - a) / 400));
}

interface Orderable {
  name: string;
  score: number | null;
  /** Place among ranked candidates (by the unrounded score): breaks ties of the rounded scores the same way. */
  position?: number | null;
  championshipRate: number | null;
  winRate: number | null;
}

/**
 * The ranking table's order: score; equal (rounded) scores by place, so places never read out of
 * order; while nothing is scored, championships, then win rate; then name.
 */
export function compareRankingItems(a: Orderable, b: Orderable): number {
  const key = (v: number | null) => v ?? -Infinity;
  const place = (v: number | null | undefined) => v ?? Infinity;
  return (
    key(b.score) - key(a.score) ||
    place(a.position) - place(b.position) ||
    key(b.championshipRate) - key(a.championshipRate) ||
    key(b.winRate) - key(a.winRate) ||
    a.name.localeCompare(b.name)
  );
}
