/**
 * Pick throughput over HTTP on SQLite, next to a bare node:http baseline driven by the very same
 * client, followed by a durability check of every acknowledged pick.
 *
 *   - Versus runs as a child process (`node --import tsx src/cli/main.ts serve`) on a fresh DATA_DIR;
 *     the bare server (bench/bare-server.ts) is another child. The load generator is this process.
 *   - One world cup with 1024 text candidates; games of size 1024 (1023 picks each) are created
 *     between runs, always enough for the next run.
 *   - 50 keep-alive connections, one request in flight each: every connection plays its own games,
 *     picking candidate `a` of the current match it learned from the previous response. The load
 *     generator is bench/http-load.ts (raw sockets, a few µs of CPU per request) because
 *     autocannon's per-request setupRequest/onResponse path costs more CPU than the bare server it
 *     measures; BENCH_CLIENT=autocannon runs the very same players under autocannon to compare.
 *   - Both servers get a warm-up, then the measured time is split into rounds that alternate
 *     bare / Versus, so background load on a shared machine hits both alike.
 *   - Finally a short load phase during which the Versus child is SIGKILLed with requests in
 *     flight; then the SQLite file is opened and every acknowledged (game, version) must be stored.
 *
 * Env: BENCH_PICKS_SECONDS (10 per server), BENCH_WARMUP_SECONDS (2), BENCH_ROUNDS (2),
 *      BENCH_CONNECTIONS (50), BENCH_GAME_SIZE (1024), BENCH_CLIENT (lean | autocannon),
 *      BENCH_PROFILE=1 runs Versus under --cpu-prof and prints its hot spots.
 * Standalone: tsx bench/picks.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { printProfile } from './cpuprofile.js';
import { type Exchange, runLoad } from './http-load.js';
import {
  type ChildServer,
  type CpuReading,
  cpuMeter,
  fmtInt,
  fmtMs,
  fmtPct,
  freePort,
  isMain,
  log,
  sleep,
  startChild,
  summarize,
  table,
} from './lib.js';

/** Candidates in the world cup (the maximum); games are `gameSize` (1024 unless BENCH_GAME_SIZE). */
const CANDIDATES = 1024;
/** A valid session cookie, so the server does not mint (and Set-Cookie) a new session per request. */
const SESSION = 'vs_session=benchbenchbenchbenchbenchbench0001';

export interface PicksOptions {
  connections: number;
  /** Measured seconds per server, split over `rounds` alternating bare/Versus segments. */
  durationS: number;
  warmupS: number;
  rounds: number;
  /** Bracket size of every game (a power of two ≤ 1024); each game gives gameSize − 1 picks. */
  gameSize: number;
  /** Load generator: the lean raw-socket client (default) or autocannon (BENCH_CLIENT=autocannon). */
  client: 'lean' | 'autocannon';
  profile: boolean;
}

export function picksOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PicksOptions {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    connections: Math.round(num(env.BENCH_CONNECTIONS, 50)),
    durationS: num(env.BENCH_PICKS_SECONDS, 10),
    warmupS: num(env.BENCH_WARMUP_SECONDS, 2),
    rounds: Math.round(num(env.BENCH_ROUNDS, 2)),
    gameSize: Math.max(2, Math.min(CANDIDATES, 2 ** Math.round(Math.log2(num(env.BENCH_GAME_SIZE, CANDIDATES))))),
    client: env.BENCH_CLIENT === 'autocannon' ? 'autocannon' : 'lean',
    profile: env.BENCH_PROFILE === '1',
  };
}

interface Ticket {
  id: string;
  /** Candidate `a` of the game's current match. */
  a: string;
}

interface GamePool {
  next(): Ticket | undefined;
  remaining(): number;
}

/** What one autocannon run saw. */
interface RawRun {
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
async function runPicks(
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
    headers: { cookie: SESSION },
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
    headers: { 'content-type': 'application/json', cookie: SESSION },
    requests: Array.from({ length: opts.picksPerGame }, () => pick),
  });
  const cpu = meter();
  if (result.errors > 0) run.failures.errors = result.errors;
  if (result.timeouts > 0) run.failures.timeouts = result.timeouts;
  return { ...run, latencies, durationS: result.duration, cpu };
}

function mergeRuns(label: string, runs: RawRun[]): LoadStats {
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

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: SESSION },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** One world cup with 1024 text candidates; `refill` tops up its pool of fresh games of `gameSize`. */
async function versusGames(baseUrl: string, gameSize: number): Promise<GamePool & { refill(min: number): Promise<number>; created(): number }> {
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => ({
    name: `후보 ${i + 1} candidate`,
    text: `텍스트 후보 #${i + 1}: a short text candidate`,
  }));
  const wc = await postJson<{ id: string; candidateCount: number }>(`${baseUrl}/api/v1/worldcups`, {
    title: '벤치마크 월드컵 (bench)',
    candidates,
  });
  if (wc.candidateCount !== CANDIDATES) throw new Error(`world cup has ${wc.candidateCount} candidates, expected ${CANDIDATES}`);
  const tickets: Ticket[] = [];
  let i = 0;
  const createOne = async () => {
    const g = await postJson<{ id: string; done: boolean; totalPicks: number; match: { a: { id: string } } | null }>(
      `${baseUrl}/api/v1/worldcups/${wc.id}/games`,
      { size: gameSize },
    );
    if (g.done || !g.match || g.totalPicks !== gameSize - 1) throw new Error(`unexpected new game: ${JSON.stringify(g).slice(0, 200)}`);
    tickets.push({ id: g.id, a: g.match.a.id });
  };
  return {
    next: () => tickets[i++],
    remaining: () => tickets.length - i,
    created: () => tickets.length,
    async refill(min: number) {
      const missing = Math.max(0, min - (tickets.length - i));
      let started = 0;
      const worker = async () => {
        while (started < missing) {
          started++;
          await createOne();
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      return missing;
    },
  };
}

/** The bare server has no games to create: any id starts a game at its first pick. */
function endlessPool(prefix: string): GamePool {
  let i = 0;
  return { next: () => ({ id: `${prefix}${(i++).toString(36).padStart(8, '0')}`, a: 'c00000000000' }), remaining: () => Infinity };
}

export interface Durability {
  acknowledged: number;
  stored: number;
  missing: number;
  duplicates: number;
  /** Stored but never acknowledged: picks in flight when a run ended (harmless). */
  unacknowledged: number;
  countersConsistent: boolean;
  detail: string;
}

function checkDurability(dbFile: string, acked: Map<string, number[]>): Durability {
  const db = new Database(dbFile);
  try {
    const stored = (db.prepare('select count(*) as n from picks where undone_at is null').get() as { n: number }).n;
    const storedKeys = new Map<string, Set<number>>();
    const rows = db.prepare('select game_id as g, version as v from picks where undone_at is null').iterate() as IterableIterator<{
      g: string;
      v: number;
    }>;
    for (const r of rows) {
      let s = storedKeys.get(r.g);
      if (!s) storedKeys.set(r.g, (s = new Set()));
      s.add(r.v);
    }
    let acknowledged = 0;
    let missing = 0;
    let duplicates = 0;
    const missingExamples: string[] = [];
    for (const [game, versions] of acked) {
      const seen = new Set<number>();
      const s = storedKeys.get(game);
      for (const v of versions) {
        acknowledged++;
        if (seen.has(v)) duplicates++;
        seen.add(v);
        if (!s?.has(v)) {
          missing++;
          if (missingExamples.length < 5) missingExamples.push(`${game}@${v}`);
        }
      }
    }
    // Every counted pick is one win in a pair cell (lo_wins + hi_wins); no bench pick is ever undone.
    const c = db.prepare('select coalesce(sum(lo_wins + hi_wins),0) as w from pair_counts').get() as { w: number };
    const g = db.prepare('select coalesce(sum(version),0) as v from games').get() as { v: number };
    const countersConsistent = c.w === stored && g.v === stored;
    const detail =
      `pair-cell wins ${c.w}, sum(games.version) ${g.v}` + (missingExamples.length ? `; missing e.g. ${missingExamples.join(', ')}` : '');
    return {
      acknowledged,
      stored,
      missing,
      duplicates,
      unacknowledged: stored - (acknowledged - missing - duplicates),
      countersConsistent,
      detail,
    };
  } finally {
    db.close();
  }
}

/** The final phase: load, then SIGKILL while requests are in flight. */
export interface CrashPhase {
  /** Picks acknowledged during the crash phase (before the kill). */
  picks: number;
  /** Requests cut off by the kill (connection errors seen by the client). */
  connectionErrors: number;
}

const CRASH_LOAD_S = 2;
const CRASH_AFTER_S = 1;

export interface PicksResult {
  options: PicksOptions;
  crash?: CrashPhase | undefined;
  bare: LoadStats;
  versus: LoadStats;
  ratio: number;
  durability: Durability;
  gamesCreated: number;
  profileFile?: string | undefined;
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

export async function runPicksBench(options: PicksOptions = picksOptionsFromEnv()): Promise<PicksResult> {
  const { connections, durationS, warmupS, rounds, gameSize, client } = options;
  const picksPerGame = gameSize - 1;
  const roundS = durationS / rounds;
  log(
    `\n## picks over HTTP (SQLite): games of ${gameSize}, ${connections} connections, 1 request in flight each (${client} client), ${warmupS} s warm-up each, ` +
      `then ${rounds} × (${roundS} s bare, ${roundS} s Versus)`,
  );
  const load = os.loadavg()[0] ?? 0;
  if (load > os.cpus().length * 0.5) {
    log(`note: load average ${load.toFixed(1)} on ${os.cpus().length} cores before starting; other work will add noise (see "other CPU")`);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-picks-'));
  const profileDir = options.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-prof-')) : undefined;
  const acked = new Map<string, number[]>();
  const acknowledge = (game: string, version: number) => {
    let list = acked.get(game);
    if (!list) acked.set(game, (list = []));
    list.push(version);
  };
  const noAck = () => undefined;
  let bare: ChildServer | undefined;
  let versus: ChildServer | undefined;
  try {
    const barePort = await freePort();
    bare = await startChild({
      name: 'bare node:http',
      script: 'bench/bare-server.ts',
      env: { PORT: String(barePort), GAME_SIZE: String(gameSize) },
      port: barePort,
      healthPath: '/api/v1/health',
    });
    const port = await freePort();
    versus = await startChild({
      name: 'versus',
      script: 'src/cli/main.ts',
      args: ['serve'],
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      // WEB_DIR points nowhere on purpose: API only, no dependence on a built web app.
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: '0', LOG_LEVEL: 'warn', WEB_DIR: path.join(dataDir, 'no-web') },
      port,
      healthPath: '/api/v1/health',
    });

    const games = await versusGames(versus.url, gameSize);
    const barePool = endlessPool('bare');
    // Enough fresh games for `seconds` at `rate` (with headroom), plus the half-played game every
    // connection abandons when a run ends.
    const need = (rate: number, seconds: number) => Math.ceil((rate * seconds * 1.5) / picksPerGame) + connections;

    // Warm-up: JIT, SQLite page cache, WAL growth. The bare warm-up also sizes the game pool.
    const bareWarm = await runPicks(bare, barePool, { connections, durationS: warmupS, picksPerGame, client }, noAck);
    let rateCeiling = bareWarm.picks / bareWarm.durationS;
    await games.refill(need(rateCeiling, warmupS));
    await runPicks(versus, games, { connections, durationS: warmupS, picksPerGame, client }, acknowledge);

    const bareRuns: RawRun[] = [];
    const versusRuns: RawRun[] = [];
    for (let r = 0; r < rounds; r++) {
      const b = await runPicks(bare, barePool, { connections, durationS: roundS, picksPerGame, client }, noAck);
      bareRuns.push(b);
      rateCeiling = Math.max(rateCeiling, b.picks / b.durationS, ...versusRuns.map((v) => v.picks / v.durationS));
      await games.refill(need(rateCeiling, roundS));
      versusRuns.push(await runPicks(versus, games, { connections, durationS: roundS, picksPerGame, client }, acknowledge));
    }
    await bare.stop('SIGTERM');
    let crash: CrashPhase | undefined;
    if (profileDir) {
      // A CPU profile is only written on a clean exit.
      await versus.stop('SIGTERM');
    } else {
      // Crash test: load again and SIGKILL the server mid-flight. Every pick acknowledged before
      // the kill must be in the database; those in flight may or may not be.
      await games.refill(need(rateCeiling, CRASH_LOAD_S));
      const server = versus;
      const load = runPicks(server, games, { connections, durationS: CRASH_LOAD_S, picksPerGame, client }, acknowledge);
      await sleep(CRASH_AFTER_S * 1000);
      await server.stop('SIGKILL');
      const r = await load;
      crash = { picks: r.picks, connectionErrors: (r.failures.errors ?? 0) + (r.failures.timeouts ?? 0) };
    }

    const bareStats = mergeRuns('bare node:http', bareRuns);
    const versusStats = mergeRuns('Versus (SQLite)', versusRuns);
    const durability = checkDurability(path.join(dataDir, 'versus.db'), acked);
    let profileFile: string | undefined;
    if (profileDir) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        profileFile = path.join(os.tmpdir(), `versus-picks-${Date.now()}.cpuprofile`);
        fs.copyFileSync(path.join(profileDir, file), profileFile);
      }
    }
    const result: PicksResult = {
      options,
      bare: bareStats,
      versus: versusStats,
      ratio: versusStats.picksPerSec / bareStats.picksPerSec,
      durability,
      crash,
      gamesCreated: games.created(),
      profileFile,
    };
    printPicks(result);
    return result;
  } finally {
    await bare?.stop('SIGKILL');
    await versus?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

function printPicks(r: PicksResult): void {
  log('');
  printLoadTable([r.bare, r.versus]);
  log(`ratio Versus/bare: ${r.ratio.toFixed(2)} (target ≥ 0.6)${r.ratio < 0.6 ? '  ← below target' : ''}`);
  log(`games: ${r.gamesCreated} created (size ${r.options.gameSize}), ${r.versus.gamesFinished} played to the end in the measured rounds`);
  const d = r.durability;
  const how = r.crash
    ? `server SIGKILLed ${CRASH_AFTER_S} s into a final load phase (${fmtInt(r.crash.picks)} picks acknowledged in it, ${r.crash.connectionErrors} connection errors after the kill)`
    : 'server stopped with SIGTERM (profiling)';
  log(
    `durability (${how}): acknowledged ${fmtInt(d.acknowledged)}, stored ${fmtInt(d.stored)} — ` +
      `missing ${d.missing}, duplicate acks ${d.duplicates}, stored but unacknowledged (in flight at a kill or run end) ${d.unacknowledged}; ` +
      `counters ${d.countersConsistent ? 'consistent' : 'INCONSISTENT'} (${d.detail})`,
  );
  if (d.missing > 0) log(`!! ${d.missing} ACKNOWLEDGED PICKS ARE MISSING FROM THE DATABASE`);
  for (const s of [r.bare, r.versus]) {
    if (s.insane > 0) log(`!! ${s.label}: ${s.insane} responses broke the protocol`);
    if (s.exhausted > 0) log(`!! ${s.label}: game pool ran dry ${s.exhausted} times (picks/s understated)`);
  }
  if (r.versus.picks === 0) log('!! no pick was acknowledged: the benchmark did not do its work');
  if (r.profileFile) {
    log('(profiled run: --cpu-prof slows the server, the numbers above are not comparable)');
    printProfile(r.profileFile, 25, { count: r.durability.acknowledged, unit: 'pick' });
  }
}

if (isMain(import.meta.url)) {
  runPicksBench().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
