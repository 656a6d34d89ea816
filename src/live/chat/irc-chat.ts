/**
 * Reads one channel's chat over IRC, anonymously, and hands every message to a callback. Made for
 * Twitch (read-only access needs no account: the nick `justinfan<digits>` and no PASS), and works
 * with any IRC server, which is how it is tested (a real ngircd, test/live/chat-irc.test.ts).
 *
 * The session: `CAP REQ :twitch.tv/tags` and `CAP REQ :twitch.tv/commands` (Twitch then sends the
 * user's id and display name as tags, and RECONNECT before maintenance; other servers answer NAK,
 * which is ignored), `CAP END`, `NICK justinfan<5 random digits>`, `USER` (ngircd needs it, Twitch
 * ignores it), and after the welcome (001) `JOIN #channel`. The reader is `joined` when the server
 * echoes that JOIN; a connection that is not joined within `joinTimeoutMs` (15 s) is dropped. It
 * answers PING with PONG, and once joined pings the server itself after `idleTimeoutMs` (60 s) of
 * silence: a connection silent for twice that long is dropped as dead.
 *
 * A dropped connection (server restart, network, RECONNECT, a join that does not complete within
 * `joinTimeoutMs`) is retried after a capped exponential backoff with jitter: about 1 s, 2 s, 4 s …
 * up to 30 s. The count starts over after a connection that stayed joined for the cap's length, so a
 * server that accepts and then drops at once is not hammered. `close()` ends it for good.
 *
 * Only `PRIVMSG #channel` is reported; a `/me` action (CTCP ACTION) is reported as its text, other
 * CTCP is ignored. Incoming lines longer than 16 KiB are dropped (line-buffer.ts).
 *
 * Default server: Twitch's TLS endpoint, irc.chat.twitch.tv:6697 (`TWITCH_IRC`).
 */
import { randomInt } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { parseIrcLine, type IrcMessage } from './irc-line.js';
import { LineBuffer } from './line-buffer.js';

export interface IrcServer {
  host: string;
  port: number;
  /** Connect with TLS (node:tls). */
  tls?: boolean;
  /** Extra trusted CA certificates (PEM) for a private server; Twitch needs none. */
  ca?: string | Buffer;
}

export const TWITCH_IRC: IrcServer = { host: 'irc.chat.twitch.tv', port: 6697, tls: true };

export interface ChatMessage {
  /** Stable id of the sender: Twitch's `user-id` tag when present, else the lower-cased nick. */
  user: string;
  /** Twitch's `display-name` tag when present, else the nick. */
  displayName: string;
  text: string;
  /** When the reader received it, from `now` (milliseconds). */
  at: number;
}

export type ChatStatus = 'connecting' | 'joined' | 'closed';

export interface Backoff {
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface IrcChatOptions {
  /** The channel to read: a Twitch login, 1–25 of a–z, 0–9 and _ (case-insensitive, `#` optional). */
  channel: string;
  server?: IrcServer;
  onMessage: (message: ChatMessage) => void;
  /** Called on every status change; the reader starts in `connecting`. */
  onStatus?: (status: ChatStatus) => void;
  /** Socket errors (a reconnect follows by itself) and errors thrown by the callbacks. */
  onError?: (error: unknown, source: 'socket' | 'callback') => void;
  /** The clock for ChatMessage.at; Date.now by default. */
  now?: () => number;
  /** Reconnect delays; DEFAULT_BACKOFF (1 s doubling up to 30 s) by default. */
  backoff?: Backoff;
  /** A connection not joined this long after it was opened is dropped and retried (default 15 s). */
  joinTimeoutMs?: number;
  /** Once joined, silence this long makes the reader PING; as long again without a reply drops it (default 60 s). */
  idleTimeoutMs?: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstDelayMs: 1_000, maxDelayMs: 30_000 };

const CHANNEL = /^[a-z0-9_]{1,25}$/;

/** The channel's login, lower-cased, without `#`; RangeError when it is not a valid Twitch login. */
export function normaliseChannel(name: string): string {
  const login = name.replace(/^#/, '').toLowerCase();
  if (!CHANNEL.test(login)) {
    throw new RangeError(`invalid chat channel ${JSON.stringify(name.slice(0, 40))}: expected 1–25 characters of a–z, 0–9 and _`);
  }
  return login;
}

/** Delay before reconnect attempt `attempt` (0-based): doubling from the first delay, capped, times a jitter in [0.5, 1). */
export function reconnectDelayMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.5 + random() / 2));
}

function defaultOnError(error: unknown, source: 'socket' | 'callback'): void {
  // Socket errors are expected while a server is away; the status callback shows them. A throwing callback is a bug.
  if (source === 'callback') console.error('chat reader: a callback threw', error);
}

export class IrcChatReader {
  /** The channel's login (lower-cased, without `#`). */
  readonly channel: string;
  private readonly server: IrcServer;
  private readonly options: IrcChatOptions;
  private readonly now: () => number;
  private readonly backoff: Backoff;
  private currentStatus: ChatStatus = 'connecting';
  private socket: net.Socket | undefined;
  private currentNick = '';
  private attempt = 0;
  private joinedSince: number | undefined;
  private isAwaitingPong = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private joinTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  /** Validates the channel (RangeError) and starts connecting. */
  constructor(options: IrcChatOptions) {
    this.channel = normaliseChannel(options.channel);
    this.options = options;
    this.server = options.server ?? TWITCH_IRC;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.connect();
  }

  get status(): ChatStatus {
    return this.currentStatus;
  }

  /** The nick of the current (or last) connection, `justinfan` and five digits. */
  get nick(): string {
    return this.currentNick;
  }

  /** Leaves (QUIT) and stops reconnecting; resolves once the connection is closed. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.setStatus('closed');
    clearTimeout(this.retryTimer);
    clearTimeout(this.joinTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.closing = new Promise<void>((resolve) => {
      if (!socket || socket.closed) return resolve();
      const force = setTimeout(() => socket.destroy(), 1_000);
      socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (this.currentNick !== '' && !socket.connecting) socket.end('QUIT :bye\r\n');
      else socket.destroy();
    });
    return this.closing;
  }

  private connect(): void {
    const { host, port, ca } = this.server;
    const socket = this.server.tls ? tls.connect({ host, port, ca }) : net.connect({ host, port });
    this.socket = socket;
    this.currentNick = '';
    this.isAwaitingPong = false;
    const lines = new LineBuffer();
    socket.setKeepAlive(true, 60_000);
    // Until joined, the join timeout is the limit; then idleness is (see 'JOIN' in handle()). Not
    // setTimeout's callback argument: that is a one-time listener, and this fires after every quiet spell.
    socket.on('timeout', () => this.onIdle(socket));
    this.joinTimer = setTimeout(() => socket.destroy(new Error('chat: not joined in time')), this.options.joinTimeoutMs ?? 15_000);
    socket.once(this.server.tls ? 'secureConnect' : 'connect', () => this.register(socket));
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        if (socket !== this.socket) return;
        const message = parseIrcLine(line);
        if (message) this.handle(socket, message);
      }
    });
    socket.on('error', (error) => this.report(error, 'socket'));
    socket.on('close', () => this.onClose(socket));
  }

  private register(socket: net.Socket): void {
    this.currentNick = `justinfan${randomInt(10_000, 100_000)}`;
    // Two requests: a server that lacks one capability NAKs only that one.
    send(socket, 'CAP REQ :twitch.tv/tags');
    send(socket, 'CAP REQ :twitch.tv/commands');
    send(socket, 'CAP END');
    send(socket, `NICK ${this.currentNick}`);
    send(socket, `USER ${this.currentNick} 0 * :${this.currentNick}`);
  }

  private handle(socket: net.Socket, message: IrcMessage): void {
    this.isAwaitingPong = false;
    const { command, params, source } = message;
    switch (command) {
      case 'PING':
        send(socket, `PONG :${params[0] ?? ''}`);
        break;
      case '001':
        send(socket, `JOIN #${this.channel}`);
        break;
      case '433': // nick in use: another justinfan drew the same digits
        this.currentNick = `justinfan${randomInt(10_000, 100_000)}`;
        send(socket, `NICK ${this.currentNick}`);
        break;
      case 'JOIN':
        if (source?.nick.toLowerCase() === this.currentNick && params[0]?.toLowerCase() === `#${this.channel}`) {
          clearTimeout(this.joinTimer);
          socket.setTimeout(this.options.idleTimeoutMs ?? 60_000);
          this.joinedSince = performance.now();
          this.setStatus('joined');
        }
        break;
      case 'PRIVMSG':
        this.onPrivmsg(message);
        break;
      case 'RECONNECT': // Twitch: this server is going away, come back
        socket.destroy();
        break;
    }
  }

  private onPrivmsg({ params, source, tags }: IrcMessage): void {
    const [target, raw] = params;
    if (!source || raw === undefined || target?.toLowerCase() !== `#${this.channel}`) return;
    const text = ctcpText(raw);
    if (text === null) return;
    const message: ChatMessage = {
      user: tags.get('user-id') || source.nick.toLowerCase(),
      displayName: tags.get('display-name') || source.nick,
      text,
      at: this.now(),
    };
    try {
      this.options.onMessage(message);
    } catch (error) {
      this.report(error, 'callback');
    }
  }

  private onIdle(socket: net.Socket): void {
    if (this.isAwaitingPong) {
      socket.destroy(new Error('chat: the server stopped answering'));
      return;
    }
    this.isAwaitingPong = true;
    send(socket, 'PING :versus');
  }

  private onClose(socket: net.Socket): void {
    if (socket !== this.socket) return; // closed by close(), or already replaced
    this.socket = undefined;
    clearTimeout(this.joinTimer);
    if (this.joinedSince !== undefined && performance.now() - this.joinedSince >= this.backoff.maxDelayMs) this.attempt = 0;
    this.joinedSince = undefined;
    this.setStatus('connecting');
    this.retryTimer = setTimeout(() => this.connect(), reconnectDelayMs(this.attempt++, this.backoff));
  }

  private setStatus(status: ChatStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    try {
      this.options.onStatus?.(status);
    } catch (error) {
      this.report(error, 'callback');
    }
  }

  private report(error: unknown, source: 'socket' | 'callback'): void {
    (this.options.onError ?? defaultOnError)(error, source);
  }
}

/** Writes one command; CR, LF and NUL are removed so nothing a server sent can start a second command. */
function send(socket: net.Socket, line: string): void {
  if (!socket.destroyed) socket.write(`${line.replace(/[\r\n]|\0/g, '')}\r\n`);
}

/** The text of a chat message: a `/me` action's text, null for any other CTCP request. */
function ctcpText(raw: string): string | null {
  const CTCP = '\x01';
  if (!raw.startsWith(CTCP)) return raw;
  const body = raw.length > 1 && raw.endsWith(CTCP) ? raw.slice(1, -1) : raw.slice(1);
  return body.startsWith('ACTION ') ? body.slice('ACTION '.length) : null;
}
