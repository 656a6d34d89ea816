/**
 * The viewers of bench/live.ts: one child process holding N Server-Sent-Event connections to one
 * stream (raw sockets, bench/live-sse.ts), so that the thousands of sockets and their parsing cost
 * neither the server's nor the pick driver's event loop. It records, per viewer, every event that
 * carries a vote count (`snapshot`, `ranking`) with its arrival time on the monotonic clock shared
 * by all processes (process.hrtime), and counts the rest.
 *
 * Protocol (IPC): the child connects its viewers (at most `concurrency` still waiting for their
 * snapshot at a time, so the server's accept queue never overflows), sends `ready`; on `stop` it
 * closes every socket, writes its records to a JSON file and sends `done`.
 *
 * Mode 'tally' (bench/rooms.ts, a live room's audience): the vote-carrying events are the room's
 * `snapshot` and `state` (kind 0 and 2, the count from the room's `tally`) and `tally` (kind 1),
 * and the count recorded is left + right (scanTally).
 *
 * Run by live.ts and rooms.ts through startViewers(); the file is the child's entry.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, isMain } from './lib.js';
import { type SseEvent, SseReader, eventData, parsedTally, scanTally, scanVotes } from './live-sse.js';
import { deliveriesIn, procCpuSeconds } from './live-stats.js';

/** Milliseconds on CLOCK_MONOTONIC: comparable between the processes of one machine. */
export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What the viewers follow: a world cup's ranking (`votes`), or a live room's tally (left + right). */
export type ViewerMode = 'ranking' | 'tally';

/** Per viewer, its vote-carrying events in arrival order: kind 0 = snapshot, 1 = ranking (or tally), 2 = a room's state. */
export interface ViewerRecord {
  votes: number[];
  at: number[];
  kind: number[];
  /** Arrival times of every other event (champion, activity): writes the server made besides rankings. */
  otherAt: number[];
}

export interface ViewersResult {
  requested: number;
  /** Viewers whose response head was a 200 event stream. */
  connected: number;
  withSnapshot: number;
  connectMs: number;
  records: ViewerRecord[];
  /** Events received, by type, plus `other` (comments, retry). */
  counts: Record<string, number>;
  /** Snapshots beyond each viewer's first: the server resynced a viewer that had fallen behind. */
  resyncs: number;
  /** Ids skipped between consecutive events of a viewer (messages the server dropped for it). */
  idGaps: number;
  /** A viewer's vote count going down. */
  votesBackwards: number;
  errors: number;
  /** Streams the server ended or closed while the benchmark ran. */
  closedEarly: number;
  badStatus: number;
  /** Events parsed in full as JSON (a sample of viewers) and how many disagreed with the byte scan. */
  checked: number;
  mismatches: number;
  /** Data bytes of ranking (or tally) events received, and their count: the payload size. */
  rankingDataBytes: number;
  snapshotDataBytes: number;
  bytes: number;
}

interface ReadyInfo {
  connected: number;
  withSnapshot: number;
  connectMs: number;
}

/** What arrived so far: ranking events inside [from, to] over all viewers, and payload sizes. */
export interface ViewerStats {
  deliveries: number;
  rankingEvents: number;
  rankingDataBytes: number;
  snapshots: number;
  snapshotDataBytes: number;
}

type FromChild = ({ type: 'ready' } & ReadyInfo) | ({ type: 'stats' } & ViewerStats) | { type: 'done' };

export interface ViewerProcess {
  pid: number;
  ready: Promise<ReadyInfo>;
  /** CPU seconds (user + system) of the child so far, from /proc. */
  cpuSeconds(): number;
  stats(from: number, to: number): Promise<ViewerStats>;
  stop(): Promise<ViewersResult>;
  kill(): void;
}

/**
 * Starts the viewer process. Its soft open-files limit is raised to the hard limit first (through
 * `sh -c 'ulimit -n …; exec node …'`), since it needs one descriptor per viewer.
 */
export function startViewers(opts: { port: number; path: string; viewers: number; concurrency?: number; label: string; mode?: ViewerMode }): ViewerProcess {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-viewers-')), 'viewers.json');
  const node = [process.execPath, '--max-old-space-size=4096', '--import', 'tsx', 'bench/live-viewers.ts'];
  const child = spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', ...node], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LV_PORT: String(opts.port),
      LV_PATH: opts.path,
      LV_VIEWERS: String(opts.viewers),
      LV_CONCURRENCY: String(opts.concurrency ?? 200),
      LV_OUT: out,
      LV_MODE: opts.mode ?? 'ranking',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.label}: spawn failed`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  const fromChild = (type: FromChild['type']) =>
    new Promise<FromChild>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`${opts.label}: viewer process exited (${code}) before '${type}':\n${tail.trim()}`)));
    });
  const ready = fromChild('ready').then((m) => m as ReadyInfo);
  ready.catch(() => undefined); // observed by the caller; no unhandled rejection if it never asks
  return {
    pid,
    ready,
    cpuSeconds: () => procCpuSeconds(pid),
    async stats(from, to) {
      const reply = fromChild('stats');
      child.send({ type: 'stats', from, to });
      return (await reply) as ViewerStats;
    },
    async stop() {
      const done = fromChild('done');
      child.send({ type: 'stop' });
      await done;
      await exited;
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as ViewersResult;
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
      return result;
    },
    kill() {
      child.kill('SIGKILL');
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    },
  };
}

const RAMP_TIMEOUT_MS = 120_000;

/** Every this-many-th viewer parses its events in full and checks the byte scan against JSON.parse. */
const CHECK_EVERY = 500;

class Viewer {
  readonly record: ViewerRecord = { votes: [], at: [], kind: [], otherAt: [] };
  socket: net.Socket | undefined;
  snapshots = 0;
  lastId = -1;
  lastVotes = -1;
  isOpen = false;
  private readonly reader: SseReader;
  private now = 0;
  private isSettled = false;

  constructor(
    private readonly index: number,
    private readonly r: ViewersResult,
    private readonly onSettled: () => void,
    private readonly mode: ViewerMode = 'ranking',
  ) {
    this.reader = new SseReader({
      onHead: (status, head) => {
        const ok = status === 200 && /\r\ncontent-type:\s*text\/event-stream/i.test(head);
        if (ok) r.connected++;
        else {
          r.badStatus++;
          this.settle();
        }
        return ok;
      },
      onEvent: (e) => this.onEvent(e),
      onOther: () => {
        r.counts.other = (r.counts.other ?? 0) + 1;
      },
      onEnd: () => undefined,
    });
  }

  connect(port: number, urlPath: string): void {
    const socket = net.connect(port, '127.0.0.1');
    this.socket = socket;
    this.isOpen = true;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      // A per-viewer session cookie, as a browser that opened the page before would send.
      const cookie = `vs_session=benchviewer${String(this.index).padStart(22, '0')}`;
      socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\nCookie: ${cookie}\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      this.now = monoMs(); // one timestamp per read: every event completed by it arrived now
      this.reader.push(chunk);
    });
    socket.on('error', () => {
      this.r.errors++;
    });
    socket.on('close', () => {
      if (this.isOpen) this.r.closedEarly++;
      this.isOpen = false;
      this.settle(); // no snapshot coming: give up on this one, the ramp goes on
    });
  }

  get bytes(): number {
    return this.reader.bytes;
  }

  /** Done connecting: it got its first snapshot, or it never will. Once per viewer. */
  private settle(): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.onSettled();
  }

  close(): void {
    this.isOpen = false;
    this.socket?.destroy();
  }

  private onEvent(e: SseEvent): void {
    const r = this.r;
    r.counts[e.type] = (r.counts[e.type] ?? 0) + 1;
    if (e.id !== undefined) {
      if (this.lastId >= 0 && e.id > this.lastId + 1 && e.type !== 'snapshot') r.idGaps += e.id - this.lastId - 1;
      this.lastId = e.id;
    }
    const live = this.mode === 'tally' ? 'tally' : 'ranking';
    if (e.type !== 'snapshot' && e.type !== live && !(this.mode === 'tally' && e.type === 'state')) {
      this.record.otherAt.push(Math.round(this.now * 1000) / 1000);
      return;
    }
    const votes = this.mode === 'tally' ? scanTally(e) : scanVotes(e);
    const len = e.dataEnd - e.dataStart;
    if (e.type === live) r.rankingDataBytes += len;
    else if (e.type === 'snapshot') r.snapshotDataBytes += len;
    if (this.index % CHECK_EVERY === 0) this.check(e, votes);
    if (votes < this.lastVotes) r.votesBackwards++;
    this.lastVotes = votes;
    this.record.votes.push(votes);
    this.record.at.push(Math.round(this.now * 1000) / 1000);
    this.record.kind.push(e.type === 'snapshot' ? 0 : e.type === live ? 1 : 2);
    if (e.type === 'snapshot') {
      this.snapshots++;
      if (this.snapshots === 1) this.settle();
      else r.resyncs++;
    }
  }

  private check(e: SseEvent, votes: number): void {
    this.r.checked++;
    try {
      if (this.mode === 'tally') {
        if (parsedTally(e.type, eventData(e)) !== votes) this.r.mismatches++;
        return;
      }
      const data = JSON.parse(eventData(e)) as { votes?: unknown; items?: unknown; ranking?: { votes?: unknown; items?: unknown } };
      const body = e.type === 'snapshot' ? data.ranking : data;
      if (body?.votes !== votes || !Array.isArray(body.items)) this.r.mismatches++;
    } catch {
      this.r.mismatches++;
    }
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.LV_PORT);
  const urlPath = process.env.LV_PATH ?? '/';
  const n = Number(process.env.LV_VIEWERS ?? 1);
  const concurrency = Number(process.env.LV_CONCURRENCY ?? 200);
  const out = process.env.LV_OUT ?? '';
  const mode: ViewerMode = process.env.LV_MODE === 'tally' ? 'tally' : 'ranking';
  const r: ViewersResult = {
    requested: n,
    connected: 0,
    withSnapshot: 0,
    connectMs: 0,
    records: [],
    counts: {},
    resyncs: 0,
    idGaps: 0,
    votesBackwards: 0,
    errors: 0,
    closedEarly: 0,
    badStatus: 0,
    checked: 0,
    mismatches: 0,
    rankingDataBytes: 0,
    snapshotDataBytes: 0,
    bytes: 0,
  };
  const viewers: Viewer[] = [];
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    let started = 0;
    let settled = 0;
    const startNext = () => {
      if (started >= n) return;
      const v: Viewer = new Viewer(
        started++,
        r,
        () => {
          settled++;
          if (settled === n) resolve();
          else startNext();
        },
        mode,
      );
      viewers.push(v);
      v.connect(port, urlPath);
    };
    for (let k = 0; k < Math.min(concurrency, n); k++) startNext();
    if (n === 0) resolve();
    // A server that stops answering must not hang the benchmark: report who got a snapshot so far.
    setTimeout(resolve, RAMP_TIMEOUT_MS).unref();
  });
  r.connectMs = performance.now() - t0;
  r.withSnapshot = viewers.filter((v) => v.snapshots > 0).length;
  process.send?.({ type: 'ready', connected: r.connected, withSnapshot: r.withSnapshot, connectMs: r.connectMs });
  process.on('message', (m: { type?: string; from?: number; to?: number }) => {
    if (m.type === 'stats') {
      const deliveries = deliveriesIn(
        viewers.map((v) => v.record),
        [{ from: m.from ?? 0, to: m.to ?? Infinity }],
      );
      const stats: ViewerStats = {
        deliveries,
        rankingEvents: r.counts.ranking ?? 0,
        rankingDataBytes: r.rankingDataBytes,
        snapshots: r.counts.snapshot ?? 0,
        snapshotDataBytes: r.snapshotDataBytes,
      };
      process.send?.({ type: 'stats', ...stats });
      return;
    }
    if (m.type !== 'stop') return;
    for (const v of viewers) v.close();
    r.records = viewers.map((v) => v.record);
    r.bytes = viewers.reduce((a, v) => a + v.bytes, 0);
    fs.writeFileSync(out, JSON.stringify(r));
    process.send?.({ type: 'done' }, () => process.exit(0));
  });
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
