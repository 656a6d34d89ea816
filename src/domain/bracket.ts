/**
 * Single-elimination bracket, as pure functions over a tiny state: the drawn entrants and the
 * winner of every decided match in play order. Everything else (current match, round, champion)
 * is derived, so a stored game cannot drift out of sync with itself.
 */

export interface BracketState {
  /** Entrants in draw order; round one pairs entrants 0–1, 2–3, …. Length is a power of two ≥ 2. */
  readonly entrants: readonly string[];
  /** Winner of each decided match, in play order; at most entrants.length − 1 long. */
  readonly winners: readonly string[];
}

export interface BracketMatch {
  /** Entrants in this round: 16 means 16강, 2 the final. */
  round: number;
  /** 0-based match number within the round. */
  index: number;
  /** Matches in this round (round / 2). */
  total: number;
  a: string;
  b: string;
}

export type BracketErrorCode = 'game_finished' | 'not_in_match' | 'nothing_to_undo';

export class BracketError extends Error {
  constructor(
    readonly code: BracketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** Bracket sizes (powers of two, ≥ min) that a pool of `count` candidates can fill, ascending. */
export function playableSizes(count: number, min = 2): number[] {
  const sizes: number[] = [];
  for (let s = min; s <= count; s *= 2) sizes.push(s);
  return sizes;
}

/**
 * Draws `size` distinct entrants from `pool` uniformly at random, in random order
 * (partial Fisher–Yates). `random` returns floats in [0, 1). Throws if the pool is too small.
 */
export function drawBracket(pool: readonly string[], size: number, random: () => number): string[] {
  if (!isPowerOfTwo(size) || size < 2) throw new RangeError(`size ${size} is not a power of two ≥ 2`);
  if (size > pool.length) throw new RangeError(`size ${size} exceeds the ${pool.length} candidates`);
  const a = [...pool];
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    const t = a[i] as string;
    a[i] = a[j] as string;
    a[j] = t;
  }
  return a.slice(0, size);
}

/** The match to be decided next, or null when the bracket is finished. */
export function currentMatch(state: BracketState): BracketMatch | null {
  const k = state.winners.length;
  let round = state.entrants.length;
  let roundStart = 0; // index into `winners` of this round's first decided match
  let entrants: readonly string[] = state.entrants;
  while (round >= 2) {
    const total = round / 2;
    if (k < roundStart + total) {
      const index = k - roundStart;
      return { round, index, total, a: entrants[2 * index] as string, b: entrants[2 * index + 1] as string };
    }
    entrants = state.winners.slice(roundStart, roundStart + total);
    roundStart += total;
    round = total;
  }
  return null;
}

export function isFinished(state: BracketState): boolean {
  return state.winners.length === state.entrants.length - 1;
}

export function championOf(state: BracketState): string | null {
  return isFinished(state) ? (state.winners[state.winners.length - 1] ?? null) : null;
}

export interface PickOutcome {
  state: BracketState;
  match: BracketMatch;
  winner: string;
  loser: string;
}

/** Decides the current match for `winner`; throws BracketError if finished or `winner` is not in it. */
export function applyPick(state: BracketState, winner: string): PickOutcome {
  const match = currentMatch(state);
  if (!match) throw new BracketError('game_finished', 'this game is already finished');
  if (winner !== match.a && winner !== match.b) {
    throw new BracketError('not_in_match', 'the winner must be one of the two candidates of the current match');
  }
  const loser = winner === match.a ? match.b : match.a;
  return { state: { entrants: state.entrants, winners: [...state.winners, winner] }, match, winner, loser };
}

/** Takes back the last pick; returns the reopened match and who had won it. Throws if there is none. */
export function undoPick(state: BracketState): PickOutcome {
  if (state.winners.length === 0) throw new BracketError('nothing_to_undo', 'there is no pick to undo');
  const previous: BracketState = { entrants: state.entrants, winners: state.winners.slice(0, -1) };
  const match = currentMatch(previous) as BracketMatch;
  const winner = state.winners[state.winners.length - 1] as string;
  const loser = winner === match.a ? match.b : match.a;
  return { state: previous, match, winner, loser };
}
