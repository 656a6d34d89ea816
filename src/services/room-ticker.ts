/**
 * Keeps a voting room moving on this instance (issue 14): twice a second while a match is open it
 * publishes the tally when it changed (to the host's channel, and to the audience's when reveal is
 * 'live'), and once the deadline passes it closes the match. Several instances may watch one room;
 * a short lock per tick lets one of them do each tick. A room that stops voting stops its ticker;
 * reading or streaming a room starts it again (after a restart too).
 */
import type { LiveBackend } from '../live/backend.js';
import type { RoomTally } from '../shared/rooms.js';
import type { RoomRow } from '../store/rooms-repo.js';
import { parseSettings, parseState } from './room-present.js';
import { currentRoomMatch, isPastDeadline } from '../domain/room.js';

export interface TickTarget {
  now: () => number;
  liveTally(code: string): Promise<{ row: RoomRow; tally: RoomTally } | null>;
  settled(code: string): Promise<RoomRow>;
}

export interface TickerOptions {
  everyMs: number;
  channels: { audience: (code: string) => string; host: (code: string) => string };
  onError: (error: unknown) => void;
}

export class RoomTicker {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, string>();

  constructor(
    private readonly target: TickTarget,
    private readonly backend: LiveBackend,
    private readonly opts: TickerOptions,
  ) {}

  /** Starts ticking for a room that may be voting (a no-op when it already ticks here). */
  watch(code: string): void {
    if (this.timers.has(code)) return;
    const timer = setInterval(() => void this.tick(code).catch(this.opts.onError), this.opts.everyMs);
    timer.unref();
    this.timers.set(code, timer);
  }

  stop(code: string): void {
    clearInterval(this.timers.get(code));
    this.timers.delete(code);
    this.published.delete(code);
  }

  close(): void {
    for (const code of [...this.timers.keys()]) this.stop(code);
  }

  get watching(): number {
    return this.timers.size;
  }

  private async tick(code: string): Promise<void> {
    const live = await this.target.liveTally(code);
    if (!live) return this.stop(code);
    const state = parseState(live.row);
    if (isPastDeadline(state, this.target.now())) {
      await this.target.settled(code);
      return;
    }
    const match = currentRoomMatch(state);
    if (!match) return;
    const data = JSON.stringify({ round: match.round, matchIndex: match.index, ...live.tally });
    if (this.published.get(code) === data) return;
    // One instance publishes each tick; the lock lapses before the next.
    const release = await this.backend.locks.tryLock(`room-tick:${code}`, Math.max(50, this.opts.everyMs - 50));
    if (!release) return;
    this.published.set(code, data);
    await this.backend.bus.publish(this.opts.channels.host(code), 'tally', data);
    if (parseSettings(live.row).reveal === 'live') await this.backend.bus.publish(this.opts.channels.audience(code), 'tally', data);
  }
}
