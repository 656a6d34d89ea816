/**
 * A live room's bracket (issue 14, README "Live rooms") as pure functions: a host plays a world
 * cup on stream, and the audience votes each match within a window the server's clock decides.
 *
 * - A match is shown at `shownAt` (the host's screen); voting opens `delayMs` later (the stream
 *   delay, so viewers behind it vote as fairly as those ahead) and closes `voteMs` after opening,
 *   or earlier when the host closes it or the tally reaches the early-close margin or total.
 * - Closing decides the audience's result from the final tally: the side with more votes, or a
 *   tie. The host then advances: with the audience's winner, or an override (recorded beside the
 *   audience result); a tie goes to the host's choice, so advancing a tie needs one.
 * - Everything is derived from `RoomState`; a stored room cannot drift out of sync with itself.
 */
import { type BracketState, applyPick, championOf, currentMatch } from './bracket.js';

export type RoomStatus = 'lobby' | 'voting' | 'decided' | 'finished';
export type Side = 'left' | 'right';

export interface Tally {
  left: number;
  right: number;
}

export interface CloseEarly {
  /** Close once the leading side is ahead by at least this many votes. */
  margin?: number | undefined;
  /** Close once this many votes are in. */
  total?: number | undefined;
}

export interface RoomRules {
  voteMs: number;
  delayMs: number;
  closeEarly: CloseEarly;
}

/** One match as played in the room. */
export interface RoomMatch {
  round: number;
  index: number;
  left: string;
  right: string;
  shownAt: number;
  opensAt: number;
  closesAt: number;
  /** When voting closed (the deadline, or earlier); null while open. */
  closedAt: number | null;
  /** The final tally, once closed. */
  tally: Tally | null;
  /** The audience's result, once closed. */
  audience: Side | 'tie' | null;
  /** The candidate the host advanced, and whether that overrode the audience. */
  winner: string | null;
  overridden: boolean;
}

export interface RoomState {
  status: RoomStatus;
  bracket: BracketState;
  /** Every match shown so far, in play order; the last is the current one unless finished. */
  matches: RoomMatch[];
  /** Set when the host ended the room before the final (no champion then). */
  endedEarly: boolean;
}

export type RoomErrorCode = 'not_in_lobby' | 'not_voting' | 'not_decided' | 'tie_needs_host' | 'not_in_match' | 'room_finished';

export class RoomError extends Error {
  constructor(
    readonly code: RoomErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function newRoom(entrants: readonly string[]): RoomState {
  return { status: 'lobby', bracket: { entrants: [...entrants], winners: [] }, matches: [], endedEarly: false };
}

/** The match on screen (voting or decided), or null in the lobby and once finished. */
export function currentRoomMatch(state: RoomState): RoomMatch | null {
  if (state.status !== 'voting' && state.status !== 'decided') return null;
  return state.matches[state.matches.length - 1] ?? null;
}

/** Whether a vote at `now` falls in the current match's window (the server's clock decides). */
export function isVotingOpen(state: RoomState, now: number): boolean {
  const match = currentRoomMatch(state);
  return state.status === 'voting' && match !== null && now >= match.opensAt && now < match.closesAt;
}

/** Whether the current match's deadline has passed while still marked voting (then `close` it). */
export function isPastDeadline(state: RoomState, now: number): boolean {
  const match = currentRoomMatch(state);
  return state.status === 'voting' && match !== null && now >= match.closesAt;
}

/** Whether `tally` reaches the early-close margin or total. */
export function reachesEarlyClose(rules: CloseEarly, tally: Tally): boolean {
  const total = tally.left + tally.right;
  if (rules.total !== undefined && rules.total > 0 && total >= rules.total) return true;
  return rules.margin !== undefined && rules.margin > 0 && Math.abs(tally.left - tally.right) >= rules.margin;
}

export function audienceResult(tally: Tally): Side | 'tie' {
  return tally.left > tally.right ? 'left' : tally.right > tally.left ? 'right' : 'tie';
}

/** Shows the bracket's next match: voting opens after the delay and lasts `voteMs`. */
function show(state: RoomState, rules: RoomRules, now: number): RoomState {
  const next = currentMatch(state.bracket);
  if (!next) return { ...state, status: 'finished' };
  const opensAt = now + rules.delayMs;
  const match: RoomMatch = {
    round: next.round,
    index: next.index,
    left: next.a,
    right: next.b,
    shownAt: now,
    opensAt,
    closesAt: opensAt + rules.voteMs,
    closedAt: null,
    tally: null,
    audience: null,
    winner: null,
    overridden: false,
  };
  return { ...state, status: 'voting', matches: [...state.matches, match] };
}

/** The host starts the room: its first match is shown. */
export function startRoom(state: RoomState, rules: RoomRules, now: number): RoomState {
  if (state.status !== 'lobby') throw new RoomError('not_in_lobby', 'the room has already started');
  return show(state, rules, now);
}

/** Closes the current match's voting with its final tally (by the host, the deadline or an early close). */
export function closeVoting(state: RoomState, tally: Tally, now: number): RoomState {
  const match = currentRoomMatch(state);
  if (state.status !== 'voting' || !match) throw new RoomError('not_voting', 'no match is open for voting');
  const closed: RoomMatch = { ...match, closedAt: Math.min(now, match.closesAt), tally, audience: audienceResult(tally) };
  return { ...state, status: 'decided', matches: [...state.matches.slice(0, -1), closed] };
}

/**
 * The host advances a decided match: `winner` (a candidate of the match) or, when omitted, the
 * audience's choice; a tie needs the host's. Then the next match is shown, or the room is finished.
 */
export function advanceRoom(state: RoomState, rules: RoomRules, winner: string | undefined, now: number): RoomState {
  const match = currentRoomMatch(state);
  if (state.status === 'finished') throw new RoomError('room_finished', 'the room is finished');
  if (state.status !== 'decided' || !match) throw new RoomError('not_decided', 'close the voting first');
  const audienceWinner = match.audience === 'left' ? match.left : match.audience === 'right' ? match.right : undefined;
  const chosen = winner ?? audienceWinner;
  if (chosen === undefined) throw new RoomError('tie_needs_host', 'the audience tied: choose the winner');
  if (chosen !== match.left && chosen !== match.right) throw new RoomError('not_in_match', 'the winner must be one of the two candidates of the match');
  const played: RoomMatch = { ...match, winner: chosen, overridden: audienceWinner !== undefined && chosen !== audienceWinner };
  const bracket = applyPick(state.bracket, chosen).state;
  const next: RoomState = { ...state, bracket, matches: [...state.matches.slice(0, -1), played] };
  return championOf(bracket) === null ? show(next, rules, now) : { ...next, status: 'finished' };
}

/** The host ends the room now (before the final: no champion). Voting must be closed first, so its tally is kept. */
export function endRoom(state: RoomState): RoomState {
  if (state.status === 'finished') throw new RoomError('room_finished', 'the room is finished');
  if (state.status === 'voting') throw new RoomError('not_decided', 'close the voting first');
  return { ...state, status: 'finished', endedEarly: championOf(state.bracket) === null };
}

export function roomChampion(state: RoomState): string | null {
  return championOf(state.bracket);
}
