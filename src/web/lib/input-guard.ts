import type { Match } from '../../shared/schemas';

/**
 * How long a newly shown match ignores picks, on every input method (tap, click, keys). Taps of a
 * double tap come 150–400 ms apart; the first one's pick shows the next match after ~170 ms (the
 * request, with the 160 ms pick animation beside it), so without a pause the second tap chose in a
 * match the player had not seen. 300 ms covers such a tap and is shorter than a deliberate pick.
 */
export const MATCH_SETTLE_MS = 300;

/** What makes a match a new one: the key the match view re-renders on and the guard restarts on. */
export function matchKeyOf(match: Match): string {
  return `${match.round}-${match.index}-${match.a.id}-${match.b.id}`;
}
