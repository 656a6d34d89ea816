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
 *   - On PostgreSQL too (BENCH_PG=0 skips it): a third child on a fresh database, in the same
 *     alternating rounds, printed next to SQLite (no target; the durability check is SQLite's).
 *
 * Env: BENCH_PICKS_SECONDS (10 per server), BENCH_WARMUP_SECONDS (2), BENCH_ROUNDS (2),
 *      BENCH_CONNECTIONS (50), BENCH_GAME_SIZE (1024), BENCH_CLIENT (lean | autocannon),
 *      BENCH_PROFILE=1 runs Versus under --cpu-prof and prints its hot spots.
 * Standalone: tsx bench/picks.ts
 * Parts: bench/picks-load.ts (players, load runs, statistics), bench/picks-data.ts (the world cup,
 * game pools and the durability check).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../test/helpers/databases.js';
import { printProfile } from './cpuprofile.js';
import { envNumber, fmtInt, freePort, isMain, log, sleep, startChild, type ChildServer, startVersus } from './lib.js';
import { CANDIDATES, type Durability, checkDurability, endlessPool, versusGames } from './picks-data.js';
import { type LoadStats, type RawRun, mergeRuns, printLoadTable, runPicks } from './picks-load.js';

export type { Durability } from './picks-data.js';
export { type LoadStats, printLoadTable } from './picks-load.js';

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
  /** Also run Versus on PostgreSQL (TEST_DATABASE_URL's server), in the same rounds. */
  postgres: boolean;
}

export function picksOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PicksOptions {
  return {
    connections: Math.round(envNumber(env.BENCH_CONNECTIONS, 50)),
    durationS: envNumber(env.BENCH_PICKS_SECONDS, 10),
    warmupS: envNumber(env.BENCH_WARMUP_SECONDS, 2),
    rounds: Math.round(envNumber(env.BENCH_ROUNDS, 2)),
    gameSize: Math.max(2, Math.min(CANDIDATES, 2 ** Math.round(Math.log2(envNumber(env.BENCH_GAME_SIZE, CANDIDATES))))),
    client: env.BENCH_CLIENT === 'autocannon' ? 'autocannon' : 'lean',
    profile: env.BENCH_PROFILE === '1',
    postgres: env.BENCH_PG !== '0',
  };
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
  /** The same on PostgreSQL, against the same bare rounds. */
  postgres?: { stats: LoadStats; ratio: number } | undefined;
  durability: Durability;
  gamesCreated: number;
  profileFile?: string | undefined;
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
  let versusPg: ChildServer | undefined;
  const pgDatabase = options.postgres && !options.profile ? await createTestDatabase('postgres') : undefined;
  try {
    const barePort = await freePort();
    bare = await startChild({
      name: 'bare node:http',
      script: 'bench/bare-server.ts',
      env: { PORT: String(barePort), GAME_SIZE: String(gameSize) },
      port: barePort,
      healthPath: '/api/v1/health',
    });
    versus = await startVersus({ dataDir, seed: false, profileDir });

    const games = await versusGames(versus, gameSize);
    if (pgDatabase?.databaseUrl) {
      versusPg = await startVersus({ dataDir: pgDatabase.dataDir, seed: false, name: 'versus (postgres)', env: { DATABASE_URL: pgDatabase.databaseUrl } });
    }
    const pgGames = versusPg && (await versusGames(versusPg, gameSize));
    const barePool = endlessPool('bare');
    // Enough fresh games for `seconds` at `rate` (with headroom), plus the half-played game every
    // connection abandons when a run ends.
    const need = (rate: number, seconds: number) => Math.ceil((rate * seconds * 1.5) / picksPerGame) + connections;
    let rateCeiling = 0;
    // A Versus run: its pool topped up for the fastest rate seen so far, then loaded for `seconds`.
    const playVersus = async (server: ChildServer, pool: typeof games, seconds: number, ack: typeof acknowledge) => {
      await pool.refill(need(rateCeiling, seconds));
      return runPicks(server, pool, { connections, durationS: seconds, picksPerGame, client }, ack);
    };

    // Warm-up: JIT, SQLite page cache, WAL growth. The bare warm-up also sizes the game pool.
    const bareWarm = await runPicks(bare, barePool, { connections, durationS: warmupS, picksPerGame, client }, noAck);
    rateCeiling = bareWarm.picks / bareWarm.durationS;
    await playVersus(versus, games, warmupS, acknowledge);
    if (versusPg && pgGames) await playVersus(versusPg, pgGames, warmupS, noAck);

    const bareRuns: RawRun[] = [];
    const versusRuns: RawRun[] = [];
    const pgRuns: RawRun[] = [];
    for (let r = 0; r < rounds; r++) {
      const b = await runPicks(bare, barePool, { connections, durationS: roundS, picksPerGame, client }, noAck);
      bareRuns.push(b);
      rateCeiling = Math.max(rateCeiling, b.picks / b.durationS, ...versusRuns.map((v) => v.picks / v.durationS));
      versusRuns.push(await playVersus(versus, games, roundS, acknowledge));
      if (versusPg && pgGames) pgRuns.push(await playVersus(versusPg, pgGames, roundS, noAck));
    }
    await bare.stop('SIGTERM');
    await versusPg?.stop('SIGTERM');
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
    const pgStats = pgRuns.length > 0 ? mergeRuns('Versus (PostgreSQL)', pgRuns) : undefined;
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
      postgres: pgStats && { stats: pgStats, ratio: pgStats.picksPerSec / bareStats.picksPerSec },
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
    await versusPg?.stop('SIGKILL');
    await pgDatabase?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

function printPicks(r: PicksResult): void {
  log('');
  printLoadTable([r.bare, r.versus, ...(r.postgres ? [r.postgres.stats] : [])]);
  log(`ratio Versus/bare: ${r.ratio.toFixed(2)} (target ≥ 0.6)${r.ratio < 0.6 ? '  ← below target' : ''}`);
  if (r.postgres) log(`ratio Versus on PostgreSQL/bare: ${r.postgres.ratio.toFixed(2)} (no target; same bare rounds)`);
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