/** Rating facts shared by server and web, so both say the same thing. */

/** Fewer matches than this and a candidate's score is shown as provisional. */
export const PROVISIONAL_MATCHES = 30;

/** Probability that a candidate scored `a` beats one scored `b` under Bradley–Terry (Elo scale). */
export function predictedWinProbability(a: number, b: number): number {
  return 1 / (1 + 10 ** ((b - a) / 400));
}
