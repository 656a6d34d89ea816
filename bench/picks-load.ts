/**
 * The load side of bench/picks.ts: one player per connection playing games pick by pick, driven
 * by the lean raw-socket client (bench/http-load.ts) or by autocannon, and the merged statistics.
 */
import autocannon from 'autocannon';
import { type Exchange, runLoad } from './http-load.js';
import { type ChildServer, type CpuReading, cpuMeter, fmtInt, fmtMs, fmtPct, log, summarize, table } from './lib.js';


export interface Ticket {
  id: string;
  /** Candidate `a` of the game's current match. */
  a: string;
}

export interface GamePool {
  next(): Ticket | undefined;
  remaining(): number;
}

/** What one autocannon run saw. */
export interface RawRun {
  picks: number;
  durationS: number;
  latencies: number[];
  failures: Record<string, number>;
  insane: number;
  exhausted: number;
  bytes: number;
  responses: number;
  gamesFinished: number;
  cpu: CpuReading;
}

export interface LoadStats {
  label: string;
  /** 200 responses to picks over the measured rounds. */
  picks: number;
  picksPerSec: number;
  p50: number;
  p99: number;
  mean: number;
  /** Non-200 answers by status, plus connection errors/timeouts from autocannon. */
  failures: Record<string, number>;
  /** Responses that broke the protocol (picks counter not advancing by one, unparsable body). */
  insane: number;
  /** Requests that found the game pool empty (and went to /health instead). */
  exhausted: number;
  bytesPerResponse: number;
  gamesFinished: number;
  /** Cores used on average by the client, the server and everything else. */
  clientCpu: number;
  serverCpu: number;
  otherCpu: number;
  /** CPU time per acknowledged pick, in µs: what one pick costs each side, independent of contention. */
  serverUsPerPick: number;
  clientUsPerPick: number;
  seconds: number;
  /** picks/s of each measured round, to show the spread. */
  perRound: number[];
}

interface GameReply {
  id?: unknown;
  done?: unknown;
  picks?: unknown;
  match?: { a?: { id?: unknown } } | null;
}

type Counters = Omit<RawRun, 'durationS' | 'cpu' | 'latencies'>;

/**
 * One connection's player: plays a game from the pool pick by pick (always candidate `a` of the
 * match in the last response), checks every answer, moves on to a fresh game when one ends.
 */
class Player {
  private game: Ticket | undefined;
  private a = '';
  private picks = 0;
  private fallback = false;
  /** Set when the current game ended (finished, or our view of it is stale after an error). */
  ended = false;

  constructor(
    private readonly pool: GamePool,
    private readonly run: Counters,
    private readonly acknowledge: (gameId: string, version: number) => void,
  ) {}

  next(): Exchange {
    if (this.ended || !this.game) {
      this.ended = false;
      this.game = this.pool.next();
      if (!this.game) {
        this.run.exhausted++;
        this.fallback = true;
        return { method: 'GET', path: '/api/v1/health' };
      }
      this.a = this.game.a;
      this.picks = 0;
    }
    return { method: 'POST', path: `/api/v1/games/${this.game.id}/picks`, body: `{"winner":"${this.a}"}` };
  }

  /** Returns false for responses that were not picks (pool ran dry). */
  onResponse(status: number, body: string): boolean {
    if (this.fallback) {
      this.fallback = false;
      return false;
    }
    const run = this.run;
    run.responses++;
    run.bytes += Buffer.byteLength(body);
    if (status !== 200 || !this.game) {
      run.failures[String(status)] = (run.failures[String(status)] ?? 0) + 1;
      this.ended = true; // our idea of the match may be stale: move on to another game
      return true;
    }
    let reply: GameReply;
    try {
      reply = JSON.parse(body) as GameReply;
    } catch {
      run.insane++;
      this.ended = true;
      return true;
    }
    run.picks++;
    const n = typeof reply.picks === 'number' ? reply.picks : -1;
    if (reply.id !== this.game.id || n !== this.picks + 1) run.insane++;
    this.acknowledge(this.game.id, n);
    this.picks = n;
    const nextA = reply.match?.a?.id;
    if (reply.done === true) {
      run.gamesFinished++;
      this.ended = true;
    } else if (typeof nextA === 'string') {
      this.a = nextA;
    } else {
      run.insane++;
      this.ended = true;
    }
    return true;
  }
}

interface LoadOpts {
  connections: number;
  durationS: number;
  picksPerGame: number;
  client: 'lean' | 'autocannon';
}

const newCounters = (): Counters => ({ picks: 0, failures: {}, insane: 0, exhausted: 0, bytes: 0, responses: 0, gamesFinished: 0 });

/** Drives `server` for `durationS`: every connection plays its own games from `pool`. */
export async function runPicks(
  server: ChildServer,
  pool: GamePool,
  opts: LoadOpts,
  acknowledge: (gameId: string, version: number) => void,
): Promise<RawRun> {
  return opts.client === 'autocannon' ? runAutocannon(server, pool, opts, acknowledge) : runLean(server, pool, opts, acknowledge);
}

async function runLean(
  server: ChildServer,
  pool: GamePool,
  opts: LoadOpts,
  acknowledge: (gameId: string, version: number) => void,
): Promise<RawRun> {
  const run = newCounters();
  const url = new URL(server.url);
  const meter = cpuMeter(server);
  const result = await runLoad({
    host: url.hostname,
    port: Number(url.port),
    connections: opts.connections,
    durationS: opts.durationS,
    headers: { cookie: server.session },
    conversation: () => {
      const player = new Player(pool, run, acknowledge);
      return { next: () => player.next(), onResponse: (status, body) => void player.onResponse(status, body) };
    },
  });
  const cpu = meter();
  if (result.errors > 0) run.failures.errors = result.errors;
  if (result.timeouts > 0) run.failures.timeouts = result.timeouts;
  return { ...run, latencies: result.latencies, durationS: result.durationS, cpu };
}

interface AutocannonContext {
  player?: Player;
  t0?: number;
}

/**
 * The same players under autocannon (BENCH_CLIENT=autocannon). autocannon resets a connection's
 * context whenever it wraps around its requests array, so the array is one game long and a
 * player that ends its game early returns nothing, which makes autocannon wrap to a fresh one.
 */
async function runAutocannon(
  server: ChildServer,
  pool: GamePool,
  opts: LoadOpts,
  acknowledge: (gameId: string, version: number) => void,
): Promise<RawRun> {
  const run = newCounters();
  const latencies: number[] = [];
  const pick: autocannon.Request = {
    setupRequest: (req, context) => {
      const ctx = context as AutocannonContext;
      if (ctx.player?.ended) return undefined as unknown as autocannon.Request;
      ctx.player ??= new Player(pool, run, acknowledge);
      const x = ctx.player.next();
      ctx.t0 = performance.now();
      return { ...req, method: x.method, path: x.path, body: x.body };
    },
    onResponse: (status, body, context) => {
      const ctx = context as AutocannonContext;
      if (ctx.player?.onResponse(status, body) && ctx.t0 !== undefined) latencies.push(performance.now() - ctx.t0);
    },
  };
  const meter = cpuMeter(server);
  const result = await autocannon({
    url: server.url,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.durationS,
    timeout: 10,
    headers: { 'content-type': 'application/json', cookie: server.session },
    requests: Array.from({ length: opts.picksPerGame }, () => pick),
  });
  const cpu = meter();
  if (result.errors > 0) run.failures.errors = result.errors;
  if (result.timeouts > 0) run.failures.timeouts = result.timeouts;
  return { ...run, latencies, durationS: result.duration, cpu };
}

export function mergeRuns(label: string, runs: RawRun[]): LoadStats {
  const sum = (f: (r: RawRun) => number) => runs.reduce((a, r) => a + f(r), 0);
  const seconds = sum((r) => r.durationS);
  const wall = sum((r) => r.cpu.wallS);
  const failures: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
  const lat = summarize(runs.flatMap((r) => r.latencies));
  const responses = sum((r) => r.responses);
  return {
    label,
    picks: sum((r) => r.picks),
    picksPerSec: sum((r) => r.picks) / seconds,
    p50: lat.p50,
    p99: lat.p99,
    mean: lat.mean,
    failures,
    insane: sum((r) => r.insane),
    exhausted: sum((r) => r.exhausted),
    bytesPerResponse: responses > 0 ? sum((r) => r.bytes) / responses : 0,
    gamesFinished: sum((r) => r.gamesFinished),
    clientCpu: sum((r) => r.cpu.clientCpu * r.cpu.wallS) / wall,
    serverCpu: sum((r) => r.cpu.serverCpu * r.cpu.wallS) / wall,
    otherCpu: sum((r) => r.cpu.otherCpu * r.cpu.wallS) / wall,
    serverUsPerPick: (sum((r) => r.cpu.serverCpu * r.cpu.wallS) / Math.max(1, sum((r) => r.picks))) * 1e6,
    clientUsPerPick: (sum((r) => r.cpu.clientCpu * r.cpu.wallS) / Math.max(1, sum((r) => r.picks))) * 1e6,
    seconds,
    perRound: runs.map((r) => r.picks / r.durationS),
  };
}

export function printLoadTable(rows: LoadStats[]): void {
  log(
    table(
      ['server', 'picks', 'picks/s', 'per round', 'p50 ms', 'p99 ms', 'mean ms', 'B/resp', 'server CPU', 'µs/pick', 'client CPU', 'µs/pick', 'other CPU', 'failures'],
      rows.map((s) => [
        s.label,
        fmtInt(s.picks),
        fmtInt(s.picksPerSec),
        s.perRound.map(fmtInt).join(' / '),
        fmtMs(s.p50),
        fmtMs(s.p99),
        fmtMs(s.mean),
        fmtInt(s.bytesPerResponse),
        fmtPct(s.serverCpu),
        fmtInt(s.serverUsPerPick),
        fmtPct(s.clientCpu),
        fmtInt(s.clientUsPerPick),
        fmtPct(s.otherCpu),
        Object.entries(s.failures)
          .map(([k, v]) => `${k}×${v}`)
          .join(' ') || '0',
      ]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    ),
  );
}
