/**
 * The voters of bench/rooms.ts: a burst of votes, each from its own session, on a fixed schedule
 * (vote k due at start + k × seconds / n), sent over a pool of keep-alive connections per server
 * (raw sockets, one request in flight on each). A vote that comes due while every connection to its
 * server is busy waits in a queue; its latency is counted from when it was due, not from when it
 * went out, so a slow server cannot hide its backlog in the client (no coordinated omission).
 *
 * Sessions come first, before the clock starts: one GET per voter that the server answers with a
 * fresh `vs_session` cookie (an anonymous session, as a phone opening the join page gets).
 */
import net from 'node:net';
import { monoMs } from './live-viewers.js';

export type Side = 'left' | 'right';

export interface VoteTarget {
  port: number;
  /** POST path of the votes, e.g. /api/v1/rooms/ABCDEF/votes. */
  path: string;
}

export interface Ballot {
  /** Index into the burst's targets. */
  target: number;
  /** `vs_session=…` (empty for the bare server, which has no sessions). */
  cookie: string;
  side: Side;
}

export interface VoteOutcome {
  side: Side;
  target: number;
  /** HTTP status; 0 when no answer came (connection lost, or the burst's deadline passed). */
  status: number;
  /** Monotonic ms (process.hrtime): when the vote was due, went out, and was answered. */
  due: number;
  sent: number;
  at: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('\r\n0\r\n\r\n');

/** One keep-alive connection: one request at a time, answers parsed by content-length (or a small chunked body). */
class Connection {
  private socket: net.Socket | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private current: { k: number; onDone: (k: number, status: number) => void } | undefined;

  constructor(
    private readonly port: number,
    private readonly onIdle: () => void,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => resolve());
      socket.once('error', reject);
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.buf = Buffer.alloc(0);
        this.finish(0); // a request in flight got no answer
      });
      this.socket = socket;
    });
  }

  send(k: number, request: string, onDone: (k: number, status: number) => void): void {
    this.current = { k, onDone };
    if (this.socket) {
      this.socket.write(request);
      return;
    }
    // The server closed the idle connection: open another, then send.
    this.open().then(
      () => this.socket?.write(request),
      () => this.finish(0),
    );
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private finish(status: number): void {
    const c = this.current;
    if (!c) return;
    this.current = undefined;
    c.onDone(c.k, status);
    this.onIdle();
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const end = this.buf.indexOf(CRLFCRLF);
      if (end < 0) return;
      const head = this.buf.toString('latin1', 0, end);
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      let total = end + 4 + Number(m?.[1] ?? 0);
      if (!m && /\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        // A small chunked body: it ends at the zero-size chunk.
        const last = this.buf.indexOf(LAST_CHUNK, end + 2);
        if (last < 0) return;
        total = last + LAST_CHUNK.length;
      }
      if (this.buf.length < total) return;
      this.buf = this.buf.subarray(total);
      this.finish(Number(head.slice(9, 12)));
    }
  }
}

/** Fires `ballots` at `targets` over `seconds`, `connections` keep-alive connections per target. */
export class VoteBurst {
  private readonly pools: Connection[][];
  private readonly queues: number[][];

  constructor(
    private readonly targets: VoteTarget[],
    connections: number,
  ) {
    this.queues = targets.map(() => []);
    this.pools = targets.map((t, i) => Array.from({ length: connections }, () => new Connection(t.port, () => this.drain(i))));
  }

  /** Opens every connection (before the clock starts). */
  async open(): Promise<void> {
    await Promise.all(this.pools.flat().map((c) => c.open()));
  }

  close(): void {
    for (const c of this.pools.flat()) c.close();
  }

  private dispatch: ((target: number) => void) | undefined;

  private drain(target: number): void {
    this.dispatch?.(target);
  }

  /** Resolves once every vote is answered, or `deadlineMs` after the last one was due (the rest: status 0). */
  run(ballots: Ballot[], seconds: number, deadlineMs = 30_000): Promise<VoteOutcome[]> {
    const n = ballots.length;
    const gap = (seconds * 1000) / Math.max(1, n);
    const out: VoteOutcome[] = ballots.map((b) => ({ side: b.side, target: b.target, status: 0, due: 0, sent: 0, at: 0 }));
    const requests = ballots.map((b) => {
      const body = `{"side":"${b.side}"}`;
      const t = this.targets[b.target] as VoteTarget;
      const cookie = b.cookie ? `cookie: ${b.cookie}\r\n` : '';
      return `POST ${t.path} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\n${cookie}content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
    });
    return new Promise((resolve) => {
      let answered = 0;
      let next = 0;
      let timer: NodeJS.Timeout | undefined;
      const start = monoMs();
      const finish = () => {
        if (timer) clearTimeout(timer);
        this.dispatch = undefined;
        resolve(out);
      };
      const onDone = (k: number, status: number) => {
        const o = out[k] as VoteOutcome;
        if (o.at > 0) return;
        o.status = status;
        o.at = monoMs();
        if (++answered === n) finish();
      };
      this.dispatch = (target) => {
        const queue = this.queues[target] as number[];
        for (const c of this.pools[target] as Connection[]) {
          if (queue.length === 0) return;
          if (c.busy) continue;
          const k = queue.shift() as number;
          (out[k] as VoteOutcome).sent = monoMs();
          c.send(k, requests[k] as string, onDone);
        }
      };
      const tick = () => {
        const now = monoMs();
        const touched = new Set<number>();
        while (next < n && start + next * gap <= now) {
          const b = ballots[next] as Ballot;
          (out[next] as VoteOutcome).due = start + next * gap;
          (this.queues[b.target] as number[]).push(next);
          touched.add(b.target);
          next++;
        }
        for (const t of touched) this.drain(t);
        if (next < n) timer = setTimeout(tick, Math.max(0, start + next * gap - monoMs()));
        else timer = setTimeout(finish, deadlineMs);
      };
      if (n === 0) finish();
      else tick();
    });
  }
}

/**
 * `count` fresh sessions from the server at `url`: one GET of `path` each (`concurrency` at a
 * time), keeping the `vs_session` cookie it sets.
 */
export async function freshSessions(url: string, path: string, count: number, concurrency = 32): Promise<string[]> {
  const cookies: string[] = new Array<string>(count).fill('');
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const k = next++;
      const res = await fetch(url + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vs_session='));
      if (!cookie) throw new Error(`GET ${path} set no session cookie`);
      cookies[k] = cookie.split(';')[0] ?? '';
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (new Set(cookies).size !== count) throw new Error('the server issued the same session twice');
  return cookies;
}
