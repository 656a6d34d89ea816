/**
 * Chat voting for live rooms (issue 14, README "Chat voting"): a room with a Twitch channel gets
 * its chat read anonymously (src/live/chat/irc-chat.ts) and every `!1`/`!2` turned into a vote
 * with source 'chat', voter `chat:twitch:<user>` — one per chat user per match, the last counting,
 * as for web votes. One instance reads a room's chat: it holds the room's chat lease and renews it;
 * should two ever read at once, each vote is stored twice as the same voter's same side, which
 * changes nothing. The reader stops when the room finishes (or the lease is lost).
 */
import type { LiveBackend, Lease } from '../live/backend.js';
import { chatVotes } from '../live/chat/chat-votes.js';
import { type ChatStatus, type IrcServer, IrcChatReader } from '../live/chat/irc-chat.js';

/** How a room's chat is read, as the room's settings store it. */
export interface RoomChatSettings {
  twitch: string;
}

export interface ChatVoteSink {
  /** Stores a chat vote; refusals (outside the window) are expected and ignored. */
  vote(code: string, voter: string, side: 'left' | 'right'): Promise<unknown>;
  /** Whether the room still takes votes at all (not finished, not deleted): asked at each lease renewal. */
  isOpen(code: string): Promise<boolean>;
}

export interface RoomChatOptions {
  /** The IRC server (Twitch's by default; tests use a local ngircd). Undefined: chat voting is off. */
  server: IrcServer | undefined;
  onError: (error: unknown) => void;
}

const LEASE_MS = 30_000;
const statusKey = (code: string): string => `room-chat:${code}:status`;

interface Reading {
  reader: IrcChatReader;
  lease: Lease;
  renew: NodeJS.Timeout;
}

export class RoomChat {
  private readonly readings = new Map<string, Reading>();
  private readonly starting = new Set<string>();
  private readonly holder = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly backend: LiveBackend,
    private readonly sink: ChatVoteSink,
    private readonly opts: RoomChatOptions,
  ) {}

  get isEnabled(): boolean {
    return this.opts.server !== undefined;
  }

  /** Reads the room's chat on this instance unless another instance does (a no-op when already reading). */
  ensure(code: string, chat: RoomChatSettings): void {
    const server = this.opts.server;
    if (!server || this.readings.has(code) || this.starting.has(code)) return;
    this.starting.add(code);
    void this.start(code, chat, server)
      .catch(this.opts.onError)
      .finally(() => this.starting.delete(code));
  }

  /** What the room's payload says about its chat: read by some instance, and how it stands. */
  async status(code: string): Promise<ChatStatus | 'off'> {
    if (!this.opts.server) return 'off';
    const local = this.readings.get(code);
    if (local) return local.reader.status;
    const shared = await this.backend.state.get(statusKey(code));
    return shared === 'connecting' || shared === 'joined' ? shared : 'closed';
  }

  async stop(code: string): Promise<void> {
    const reading = this.readings.get(code);
    if (!reading) return;
    this.readings.delete(code);
    clearInterval(reading.renew);
    await reading.reader.close();
    await this.backend.leases.release([reading.lease]);
    await this.backend.state.set(statusKey(code), 'closed', LEASE_MS);
  }

  async close(): Promise<void> {
    await Promise.all([...this.readings.keys()].map((code) => this.stop(code)));
  }

  private async keep(code: string, lease: Lease): Promise<void> {
    if (!(await this.sink.isOpen(code))) return this.stop(code);
    await this.backend.leases.renew([lease], LEASE_MS);
  }

  private async start(code: string, chat: RoomChatSettings, server: IrcServer): Promise<void> {
    const lease: Lease = { key: `room-chat:${code}`, holder: this.holder };
    if (!(await this.backend.leases.acquire(lease.key, lease.holder, 1, LEASE_MS))) return;
    const reader = new IrcChatReader({
      channel: chat.twitch,
      server,
      onMessage: chatVotes((v) => {
        this.sink.vote(code, `chat:twitch:${v.user}`, v.side).catch(() => undefined);
      }),
      onStatus: (status) => void this.backend.state.set(statusKey(code), status, LEASE_MS).catch(this.opts.onError),
      onError: (error, source) => (source === 'callback' ? this.opts.onError(error) : undefined),
    });
    // Each renewal first asks whether the room is still open: a room whose world cup was deleted or hidden stops being read.
    const renew = setInterval(() => void this.keep(code, lease).catch(this.opts.onError), LEASE_MS / 3);
    renew.unref();
    this.readings.set(code, { reader, lease, renew });
  }
}
