/**
 * The pick driver of bench/live.ts: picks at a steady rate on one keep-alive connection (raw
 * socket, one request in flight), playing games of one world cup pick by pick the way
 * bench/picks-load.ts does (always candidate `a`), starting a new game when one ends.
 *
 * Requests are due on a fixed schedule (pick k at start + k / rate); one that comes due while the
 * previous is in flight goes out as soon as it is answered, so a slow moment is caught up and the
 * rate holds. Picks are serial, so the server commits them in order: the k-th acknowledged pick
 * is the one that brings the world cup's vote count to base + k, which is what live.ts waits for
 * in the viewers' `ranking` events.
 */
import net from 'node:net';
import { monoMs } from './live-viewers.js';

export interface PickAck {
  /** Monotonic ms (process.hrtime) when the acknowledgement was parsed. */
  at: number;
  /** The world cup's vote count once this pick is counted. */
  votes: number;
}

export interface PickRun {
  acks: PickAck[];
  gamesStarted: number;
  failures: number;
  /** Request latency (written → answered), ms. */
  latencies: number[];
}

interface GameReply {
  id?: unknown;
  done?: unknown;
  match?: { a?: { id?: unknown } } | null;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export class PickDriver {
  private socket: net.Socket | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private game: { id: string; a: string } | undefined;
  private isCreating = false;
  private isRunning = false;
  private inFlight = false;
  private sentAt = 0;
  private start = 0;
  private due = 0;
  private timer: NodeJS.Timeout | undefined;
  private votes: number;
  private run: PickRun = { acks: [], gamesStarted: 0, failures: 0, latencies: [] };
  private idle: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly port: number,
    /** The `cookie` header of the session the server issued (startVersus). */
    private readonly cookie: string,
    private readonly worldcupId: string,
    private readonly rate: number,
    private readonly gameSize: number,
    baseVotes: number,
  ) {
    this.votes = baseVotes;
  }

  /** Opens the connection and starts picking; picks already made by earlier runs count in `baseVotes`. */
  async begin(): Promise<void> {
    this.run = { acks: [], gamesStarted: 0, failures: 0, latencies: [] };
    if (!this.socket) await this.connect();
    this.isRunning = true;
    this.start = performance.now();
    this.due = 0;
    this.pump();
  }

  /** Stops sending; resolves once the request in flight is answered. */
  async end(): Promise<PickRun> {
    this.isRunning = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight) await new Promise<void>((resolve) => (this.idle = resolve));
    if (this.failure) throw this.failure;
    return this.run;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => resolve());
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        if (this.inFlight) this.fail(new Error('pick driver: the server closed the connection'));
      });
      this.socket = socket;
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.isRunning = false;
    this.inFlight = false;
    this.idle?.();
  }

  /** Sends the next request when it is due (a game start goes out right away). */
  private pump(): void {
    if (!this.isRunning || this.inFlight || this.timer) return;
    if (!this.socket) {
      // The server closed the idle keep-alive connection: open another.
      this.connect().then(
        () => this.pump(),
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    if (!this.game) {
      this.isCreating = true;
      this.send('POST', `/api/v1/worldcups/${this.worldcupId}/games`, `{"size":${this.gameSize}}`);
      return;
    }
    const wait = this.start + (this.due * 1000) / this.rate - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    this.due++;
    this.isCreating = false;
    this.send('POST', `/api/v1/games/${this.game.id}/picks`, `{"winner":"${this.game.a}"}`);
  }

  private send(method: string, path: string, body: string): void {
    this.inFlight = true;
    this.sentAt = performance.now();
    this.socket?.write(
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\ncookie: ${this.cookie}\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const end = this.buf.indexOf(CRLFCRLF);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) return this.fail(new Error(`pick driver: response without content-length:\n${head}`));
    const total = end + 4 + Number(m[1]);
    if (this.buf.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buf.toString('utf8', end + 4, total);
    this.buf = this.buf.subarray(total);
    const at = monoMs();
    this.inFlight = false;
    this.onResponse(status, body, at);
    if (!this.isRunning) this.idle?.();
    else this.pump();
  }

  private onResponse(status: number, body: string, at: number): void {
    const wasCreate = this.isCreating;
    if (status !== 200 && status !== 201) {
      this.run.failures++;
      this.game = undefined; // our idea of the match may be stale: start another game
      return;
    }
    let reply: GameReply;
    try {
      reply = JSON.parse(body) as GameReply;
    } catch {
      this.run.failures++;
      this.game = undefined;
      return;
    }
    if (wasCreate) this.run.gamesStarted++;
    else {
      this.votes++;
      this.run.acks.push({ at, votes: this.votes });
      this.run.latencies.push(performance.now() - this.sentAt);
    }
    const a = reply.match?.a?.id;
    this.game = reply.done !== true && typeof reply.id === 'string' && typeof a === 'string' ? { id: reply.id, a } : undefined;
  }
}
