/**
 * What the product may say about two camps (or a camp and the rest), from the statistics alone:
 * who leads, by the interval of the whole camps' mean gap; whether the gap narrows or widens, only
 * when the change exceeds its own noise; and roughly how many more votes would settle a race that is
 * still too close to call. Every sentence the camp view states is one of these answers.
 */
import type { Estimate } from './camp-stats.js';

/** z of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** Which side leads: 'first' when the gap's (first − second) interval lies above 0, 'second' below, null when it contains 0. */
export function leaderOf(gap: Estimate): 'first' | 'second' | null {
  if (gap.lo > 0) return 'first';
  if (gap.hi < 0) return 'second';
  return null;
}

/**
 * About how many more votes would make a gap of this size significant, when it is not yet: an
 * interval's width shrinks like 1/√votes, so `votes`·(half-width / |gap|)² votes would exclude 0
 * if the gap stayed as it is. Null when the gap is already significant, or too small to estimate
 * (under a point: the camps are even so far, and no number of votes can be promised).
 */
export function votesToSettle(gap: Estimate, votes: number): number | null {
  if (leaderOf(gap) !== null || votes <= 0) return null;
  const size = Math.abs(gap.value);
  if (size < 1) return null;
  const halfWidth = (gap.hi - gap.lo) / 2;
  const needed = votes * (halfWidth / size) ** 2;
  return Math.max(1, Math.ceil(needed - votes));
}

/** A gap measured after `votes` votes (the camps' mean gap then, in points). */
export interface GapPoint {
  votes: number;
  gap: number;
}

/** The share of the votes the trend looks back over: the gap now against the gap when there were half as many. */
export const TREND_LOOKBACK = 0.5;

/**
 * Whether the gap between the camps narrows or widens: |gap| now against |gap| at TREND_LOOKBACK of
 * the votes, measured at the latest earlier point at or below that. The earlier estimate comes from
 * a subset of the same votes, so the change's standard deviation is about sd_now·√(N/M − 1) (nested
 * estimates); "narrowing" or "widening" only when the change exceeds 1.96 of those, else "steady".
 * Null when there is no earlier point (or no votes to speak of).
 */
export function gapTrend(points: readonly GapPoint[], now: Estimate, votesNow: number): 'narrowing' | 'widening' | 'steady' | null {
  const earlier = [...points].reverse().find((p) => p.votes > 0 && p.votes <= votesNow * TREND_LOOKBACK);
  if (!earlier || votesNow <= earlier.votes) return null;
  const sdNow = (now.hi - now.lo) / (2 * Z95);
  const sdChange = sdNow * Math.sqrt(votesNow / earlier.votes - 1);
  const change = Math.abs(now.value) - Math.abs(earlier.gap);
  if (change < -Z95 * sdChange) return 'narrowing';
  if (change > Z95 * sdChange) return 'widening';
  return 'steady';
}

/**
 * The Wilson score interval (95%) of a win rate: `wins` (ties counted as halves) out of `matches`.
 * Null without matches.
 */
export function winRateInterval(wins: number, matches: number): [number, number] | null {
  if (matches <= 0) return null;
  const p = wins / matches;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * matches)) / (1 + z2 / matches);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / matches + z2 / (4 * matches * matches))) / (1 + z2 / matches);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
