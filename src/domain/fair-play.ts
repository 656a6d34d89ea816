/**
 * Fair-play rules as pure functions (README "Fair play"). A flagged game still plays to the end;
 * its picks are stored but not counted. The service decides when to ask; these say what is suspicious.
 */

/**
 * Why a game stopped counting: its own picks came too fast, it was one game too many on a world
 * cup, or its voter (a session or an address) voted too fast over all their games at once.
 */
export type FlagReason = 'too_fast' | 'too_many_games' | 'voter_too_fast';

/** Picks needed before the pace is judged: three intervals, so one slow or fast moment cannot decide. */
export const MIN_PICKS_FOR_PACE = 4;

/**
 * The median time between consecutive picks (`times` in play order, epoch ms), or undefined with
 * fewer than two picks. The median, not the mean: one long pause must not excuse a bot.
 */
export function medianIntervalMs(times: readonly number[]): number | undefined {
  if (times.length < 2) return undefined;
  // A typed array sorts numerically without a comparator call per step: a 1,024-game's last picks
  // sort a thousand gaps each, on the pick's hot path.
  const gaps = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) gaps[i - 1] = (times[i] as number) - (times[i - 1] as number);
  gaps.sort();
  const mid = gaps.length >> 1;
  const upper = gaps[mid] as number;
  return gaps.length % 2 === 1 ? upper : ((gaps[mid - 1] as number) + upper) / 2;
}

/**
 * Whether picks made at `times` are faster than a person plays: at least MIN_PICKS_FOR_PACE picks
 * and a median interval below `minPickMs`. `minPickMs` 0 turns the rule off.
 */
export function isTooFast(times: readonly number[], minPickMs: number): boolean {
  if (minPickMs <= 0 || times.length < MIN_PICKS_FOR_PACE) return false;
  return (medianIntervalMs(times) as number) < minPickMs;
}

/**
 * Whether a new game is one too many: more than `perHour` games (this one included) started on
 * one world cup within an hour by one session or one address. `perHour` 0 turns the rule off.
 */
export function isTooManyGames(startedBefore: { bySession: number; byAddress: number }, perHour: number): boolean {
  if (perHour <= 0) return false;
  return Math.max(startedBefore.bySession, startedBefore.byAddress) + 1 > perHour;
}

/**
 * Whether a voter who cast `votesLastMinute` votes over the last minute (all their games, this vote
 * included) votes faster than a person: more than `perMinute`. `perMinute` 0 turns the rule off.
 * One game's pace can look human while twenty-five run side by side; this catches the sum.
 */
export function isVotingTooFast(votesLastMinute: number, perMinute: number): boolean {
  return perMinute > 0 && votesLastMinute > perMinute;
}
