/** Rating facts shared by server and web, so both say the same thing. */

/** Fewer matches than this and a candidate's score is shown as provisional. */
export const PROVISIONAL_MATCHES = 30;

/** Probability that a candidate scored `a` beats one scored `b` under Bradley–Terry (Elo scale). */
export function predictedWinProbability(a: number, b: number): number {
  return 1 / (1 + 10 ** ((b - a) / 400));
}

interface Orderable {
  name: string;
  score: number | null;
  championshipRate: number | null;
  winRate: number | null;
}

/** The ranking table's order: score; while nothing is scored, championships, then win rate; then name. */
export function compareRankingItems(a: Orderable, b: Orderable): number {
  const key = (v: number | null) => v ?? -Infinity;
  return (
    key(b.score) - key(a.score) ||
    key(b.championshipRate) - key(a.championshipRate) ||
    key(b.winRate) - key(a.winRate) ||
    a.name.localeCompare(b.name)
  );
}
