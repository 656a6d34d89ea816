/**
 * A live room's state in the browser (issue 14), shared by the host console, the join page and the
 * OBS overlay: the room as last known (from the API's replies and the stream's pushes, folded by
 * room-view.ts so a late one never takes the page back), the server's clock, this viewer's vote,
 * and the host's actions. The pure parts live in room-view.ts, where they are unit-tested.
 */
import type { RoomDecided, RoomTallyUpdate } from '../../shared/events';
import type { Room, RoomResults } from '../../shared/rooms';
import type { Candidate } from '../../shared/schemas';
import { ApiError, api } from './api';
import { errorMessage } from './locale.svelte';
import { addClockSample, applyTally, clockOffsetMs, clockSample, matchKey, mergePushedRoom, mergeRepliedRoom } from './room-view';

export type Side = 'left' | 'right';

/** The match the host just advanced, with its winner named (the room has moved on to the next one by then). */
export interface DecidedNotice extends RoomDecided {
  winnerName: string | null;
}

export class RoomState {
  room = $state<Room | null>(null);
  /** Loading failed: why (the room does not exist, the network…). */
  loadError = $state<string | null>(null);
  isMissing = $state(false);
  /** The last action's refusal, in the viewer's language (a vote out of the window, a host action that did not fit). */
  error = $state<string | null>(null);
  /** A host action is on its way. */
  busy = $state(false);
  /** Server clock − this clock, in ms (see room-view.ts `clockOffsetMs`). */
  offsetMs = $state(0);
  lastDecided = $state<DecidedNotice | null>(null);
  results = $state<RoomResults | null>(null);

  private samples: number[] = [];
  /** Every candidate seen in this room, by id (not reactive: read when an event names one). */
  private readonly names: Record<string, Candidate> = {};
  /** The vote the server has for the current match; `wanted` a newer tap not sent yet (sent one at a time, in order). */
  private confirmedVote: { key: string | null; side: Side | null } = { key: null, side: null };
  private wanted: Side | null = null;
  private isSending = false;

  constructor(readonly code: string) {}

  /** The server's clock now, by this clock and the offset. */
  serverNow(clientNowMs: number): number {
    return clientNowMs + this.offsetMs;
  }

  async load(): Promise<void> {
    this.loadError = null;
    this.isMissing = false;
    try {
      this.replied(await api.room(this.code));
    } catch (e) {
      this.isMissing = e instanceof ApiError && e.status === 404;
      this.loadError = errorMessage(e);
    }
  }

  // The stream's events (lib/live.svelte.ts `useRoomLive`).

  pushed(room: Room): void {
    this.sync(room.serverTime);
    this.apply(mergePushedRoom(this.room, room));
  }

  tally(update: RoomTallyUpdate): void {
    if (this.room) this.room = applyTally(this.room, update);
  }

  decided(event: RoomDecided): void {
    this.lastDecided = { ...event, winnerName: event.winner === null ? null : (this.names[event.winner]?.name ?? null) };
  }

  finished(results: RoomResults): void {
    this.results = results;
  }

  // The audience.

  /**
   * Votes for `side` (again: changes the vote). Shown at once; sent one request at a time, so the
   * server ends with the last tap; refused (voting closed, rate limit…), the vote shown goes back to
   * the one the server has, and the reason is shown.
   */
  async vote(side: Side): Promise<void> {
    const room = this.room;
    if (!room || room.status !== 'voting') return;
    // The same side again, already counted: nothing to send (taps are rate-limited).
    if (!this.isSending && this.confirmedVote.key === matchKey(room) && this.confirmedVote.side === side && room.myVote === side) return;
    this.error = null;
    this.room = { ...room, myVote: side };
    this.wanted = side;
    if (this.isSending) return;
    this.isSending = true;
    try {
      while (this.wanted !== null) {
        const sending = this.wanted;
        this.wanted = null;
        const key: string | null = this.room ? matchKey(this.room) : null;
        try {
          await api.roomVote(this.code, sending);
          this.confirmedVote = { key, side: sending };
        } catch (e) {
          this.wanted = null;
          this.error = errorMessage(e);
          const now: Room | null = this.room;
          if (now && matchKey(now) === key) this.room = { ...now, myVote: this.confirmedVote.key === key ? this.confirmedVote.side : null };
        }
      }
    } finally {
      this.isSending = false;
    }
  }

  // The host: each reply is the room as the host now sees it.

  start(): Promise<void> {
    return this.act(() => api.startRoom(this.code));
  }

  close(): Promise<void> {
    return this.act(() => api.closeRoomVoting(this.code));
  }

  /** Advances with the audience's winner, or with `winner` (an override, or the pick on a tie). */
  advance(winner?: string): Promise<void> {
    return this.act(() => api.advanceRoom(this.code, winner));
  }

  end(): Promise<void> {
    return this.act(() => api.endRoom(this.code));
  }

  private async act(request: () => Promise<Room>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      this.replied(await request());
    } catch (e) {
      this.error = errorMessage(e);
      // The room moved meanwhile (another tab, the deadline): show it as it is now.
      if (e instanceof ApiError && e.status === 409) await this.load();
    } finally {
      this.busy = false;
    }
  }

  private replied(room: Room): void {
    this.sync(room.serverTime);
    const key = matchKey(room);
    if (key !== null && room.myVote !== null) this.confirmedVote = { key, side: room.myVote };
    this.apply(mergeRepliedRoom(this.room, room));
  }

  private apply(room: Room): void {
    for (const c of [room.left, room.right, room.champion]) if (c) this.names[c.id] = c;
    this.room = room;
  }

  private sync(serverTime: string): void {
    this.samples = addClockSample(this.samples, clockSample(serverTime, Date.now()));
    this.offsetMs = clockOffsetMs(this.samples);
  }
}
