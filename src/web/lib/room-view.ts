/**
 * A live room as the pages show it (issue 14), as pure functions the room's state module
 * (room.svelte.ts) is built from: the voting window on the server's clock, the split as
 * percentages, and how a pushed state, a tally or a reply folds into the room already shown.
 * No browser APIs here: e2e/room-lib.test.ts runs these in Node.
 */
import type { RoomTallyUpdate } from '../../shared/events.js';
import { ROOM_LIMITS, type Reveal, type Room, type RoomTally } from '../../shared/rooms.js';

/** Where a room stands for a voter: before start, the stream's delay, open, past its deadline (the server closes it), decided, over. */
export type RoomPhase = 'lobby' | 'delay' | 'open' | 'closing' | 'decided' | 'finished';

export interface RoomClock {
  phase: RoomPhase;
  /** Whole seconds to the next edge (delay: until voting opens; open: until it closes); null when none is coming. */
  seconds: number | null;
}

/** How many clock samples the offset is taken over (recent ones only, so a corrected client clock is followed). */
export const CLOCK_SAMPLES = 5;

/**
 * One sample of (server clock − this clock): a payload's `serverTime` against when it arrived. The
 * trip makes every sample low by its latency, never high, so the best guess is the largest.
 */
export function clockSample(serverTimeIso: string, receivedAtMs: number): number | null {
  const server = Date.parse(serverTimeIso);
  return Number.isFinite(server) ? server - receivedAtMs : null;
}

/** The last CLOCK_SAMPLES samples with `sample` added. */
export function addClockSample(samples: readonly number[], sample: number | null): number[] {
  return sample === null ? [...samples] : [...samples, sample].slice(-CLOCK_SAMPLES);
}

/** The offset to add to this clock to read the server's: the largest recent sample (the least delayed), 0 without any. */
export function clockOffsetMs(samples: readonly number[]): number {
  return samples.length === 0 ? 0 : Math.max(...samples);
}

const secondsUntil = (iso: string | null, nowMs: number): number | null => {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - nowMs) / 1000)) : null;
};

/** The room's phase and countdown at `serverNowMs` (this clock plus the offset). */
export function roomClock(room: Pick<Room, 'status' | 'opensAt' | 'closesAt'>, serverNowMs: number): RoomClock {
  if (room.status === 'lobby' || room.status === 'decided' || room.status === 'finished') return { phase: room.status, seconds: null };
  const opensAt = room.opensAt === null ? Number.NaN : Date.parse(room.opensAt);
  const closesAt = room.closesAt === null ? Number.NaN : Date.parse(room.closesAt);
  if (Number.isFinite(opensAt) && serverNowMs < opensAt) return { phase: 'delay', seconds: secondsUntil(room.opensAt, serverNowMs) };
  if (Number.isFinite(closesAt) && serverNowMs >= closesAt) return { phase: 'closing', seconds: 0 };
  return { phase: 'open', seconds: secondsUntil(room.closesAt, serverNowMs) };
}

export interface Split {
  left: number;
  right: number;
  total: number;
  /** Whole percentages adding up to 100; null while nobody has voted (nothing to divide). */
  leftPercent: number | null;
  rightPercent: number | null;
  /** The bar's left part, 0..1: even (0.5) while nobody has voted. */
  leftShare: number;
}

/** The split of a tally, for the bar and its labels. */
export function splitOf(tally: Pick<RoomTally, 'left' | 'right'>): Split {
  const left = Math.max(0, tally.left);
  const right = Math.max(0, tally.right);
  const total = left + right;
  if (total === 0) return { left, right, total, leftPercent: null, rightPercent: null, leftShare: 0.5 };
  const leftPercent = Math.round((left / total) * 100);
  return { left, right, total, leftPercent, rightPercent: 100 - leftPercent, leftShare: left / total };
}

/** The match on screen, as a key: round, number and when it was shown (null in the lobby and once finished). */
export function matchKey(room: Pick<Room, 'status' | 'round' | 'matchIndex' | 'shownAt'>): string | null {
  if (room.status === 'lobby' || room.status === 'finished' || room.shownAt === null) return null;
  return `${room.round}-${room.matchIndex}-${room.shownAt}`;
}

/**
 * How far the room has come: the lobby first, then each match as shown, then decided, then the end.
 * Pushed states and replies can cross on the wire; one that is behind what is shown is dropped.
 */
export function roomProgress(room: Pick<Room, 'status' | 'shownAt'>): number {
  if (room.status === 'lobby') return -1;
  if (room.status === 'finished') return Number.POSITIVE_INFINITY;
  const shown = room.shownAt === null ? 0 : Date.parse(room.shownAt);
  return (Number.isFinite(shown) ? shown : 0) * 2 + (room.status === 'decided' ? 1 : 0);
}

/**
 * A room pushed on the stream folded into the one shown: dropped when behind it; else taken, with
 * this viewer's own fields kept (the stream carries nobody's vote): the host flag, and the vote
 * while the match is the same one.
 */
export function mergePushedRoom(current: Room | null, pushed: Room): Room {
  if (current === null) return pushed;
  if (roomProgress(pushed) < roomProgress(current)) return current;
  const sameMatch = matchKey(pushed) !== null && matchKey(pushed) === matchKey(current);
  return { ...pushed, isHost: current.isHost || pushed.isHost, myVote: sameMatch ? current.myVote : null };
}

/** A reply of the API (this viewer's own view, vote and host flag included), unless it is behind the room shown. */
export function mergeRepliedRoom(current: Room | null, reply: Room): Room {
  if (current === null || roomProgress(reply) >= roomProgress(current)) return reply;
  return current;
}

/** A tally update applied to the match it counts; one for another match (or after voting) changes nothing. */
export function applyTally(room: Room, update: RoomTallyUpdate): Room {
  if (room.status !== 'voting' || room.round !== update.round || room.matchIndex !== update.matchIndex) return room;
  return { ...room, tally: { left: update.left, right: update.right, bySource: update.bySource } };
}

/** Which side a candidate id is on in the room's match, if either. */
export function sideOf(room: Pick<Room, 'left' | 'right'>, candidateId: string | null): 'left' | 'right' | null {
  if (candidateId === null) return null;
  if (room.left?.id === candidateId) return 'left';
  if (room.right?.id === candidateId) return 'right';
  return null;
}

/** What the "open a live room" form asks the API for (POST /rooms). */
export interface RoomRequest {
  worldcupId: string;
  size: number;
  voteSeconds: number;
  reveal: Reveal;
  delaySeconds: number;
  closeEarly?: { margin: number };
  chat?: { twitch: string };
}

export interface RoomFormValues {
  size: number;
  /** Number inputs: null when empty or not a number. */
  voteSeconds: number | null;
  reveal: Reveal;
  delaySeconds: number | null;
  margin: number | null;
  /** A Twitch channel whose chat votes too (empty: none). */
  twitch: string;
}

export type RoomFormField = 'voteSeconds' | 'delaySeconds' | 'margin' | 'twitch';

/** A Twitch login, with or without `#` (the server checks the same). */
const TWITCH_CHANNEL = /^#?[A-Za-z0-9_]{1,25}$/;

const isWholeIn = (n: number | null, min: number, max: number): n is number => n !== null && Number.isInteger(n) && n >= min && n <= max;

/** The form's values as a request, or the fields out of range (the server checks the same ranges: ROOM_LIMITS). */
export function readRoomForm(worldcupId: string, v: RoomFormValues): { request: RoomRequest } | { invalid: RoomFormField[] } {
  const invalid: RoomFormField[] = [];
  if (!isWholeIn(v.voteSeconds, ROOM_LIMITS.voteSecondsMin, ROOM_LIMITS.voteSecondsMax)) invalid.push('voteSeconds');
  if (!isWholeIn(v.delaySeconds, 0, ROOM_LIMITS.delaySecondsMax)) invalid.push('delaySeconds');
  // Empty: no early close.
  if (v.margin !== null && !isWholeIn(v.margin, 1, ROOM_LIMITS.closeEarlyMax)) invalid.push('margin');
  const twitch = v.twitch.trim();
  if (twitch !== '' && !TWITCH_CHANNEL.test(twitch)) invalid.push('twitch');
  if (invalid.length > 0 || v.voteSeconds === null || v.delaySeconds === null) return { invalid };
  const request: RoomRequest = { worldcupId, size: v.size, voteSeconds: v.voteSeconds, reveal: v.reveal, delaySeconds: v.delaySeconds };
  if (v.margin !== null) request.closeEarly = { margin: v.margin };
  if (twitch !== '') request.chat = { twitch };
  return { request };
}
