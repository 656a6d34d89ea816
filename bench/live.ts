/**
 * Live rankings over Server-Sent Events: thousands of viewers of one world cup while picks flow,
 * next to a bare node:http SSE server fanning out the same payload at the same rate, same run.
 *
 *   - Versus runs as a child (`node --import tsx src/cli/main.ts serve`, SQLite, SEED=1) and its
 *     viewers watch the seeded 32-candidate "Dream Cars 2024" world cup
 *     (GET /api/v1/worldcups/:id/events). The baseline, bench/live-bare.ts, is another child.
 *   - Viewers live in their own child process (bench/live-viewers.ts: raw sockets, chunked
 *     decoding and SSE parsing across TCP reads, vote counts scanned from the bytes, every 500th
 *     viewer checking the scan against JSON.parse). This process is the pick driver
 *     (bench/live-picks.ts: serial picks on one keep-alive connection at a fixed rate).
 *   - Phases: picks with no viewer (the server's CPU for the picks alone); then for N viewers
 *     (BENCH_LIVE_VIEWERS) and for the big count (BENCH_LIVE_BIG_VIEWERS): Versus' viewers connect
 *     (every one must get its snapshot), one Versus round with picks flowing, then the bare server
 *     starts at the ranking-event rate and mean sizes that round showed and its viewers connect;
 *     then rounds alternate bare, Versus, bare (2 per server, BENCH_LIVE_SECONDS split between
 *     them) with both sets of viewers connected, so background load hits both alike. Each round:
 *     1 s of load before its measured window, 1 s pause after it.
 *
 * Latency, Versus: for every pick acknowledged inside the measured windows (acknowledgement parsed by
 * the driver; one monotonic clock, process.hrtime, in every process) and every viewer: the time until that viewer received the first
 * `ranking` event whose `votes` ≥ the pick's cumulative count (picks are serial, so the k-th
 * acknowledged pick brings the count to base + k). p50/p99 are over all (pick, viewer) pairs and
 * include the ranking engine's debounce (30 ms settle, ≥ 250 ms between computations): a pick
 * just after a computation started waits for the next one. Target: p99 ≤ 250 ms.
 * Latency, bare: for every broadcast decided inside the windows and every viewer, the time from the
 * decision (timestamped by the bare server) to the viewer receiving it.
 * Fan-out (both): from an event's first arrival at any viewer to its arrival at each viewer.
 * Deliveries/s: ranking events received by viewers inside the windows per second; per core: divided
 * by the cores the server process used meanwhile (/proc/<pid>/stat, all threads; the main thread's
 * share is shown too). Versus' CPU also pays for its picks, its ranking computations and the other
 * events its viewers get (champion at every finished game, activity every 2 s: "other ev./s"); the
 * no-viewer phase shows what the picks and computations cost alone.
 *
 * Env: BENCH_LIVE_VIEWERS (2000), BENCH_LIVE_BIG_VIEWERS (10000; capped by the open-files limit and
 *      the ephemeral port range, as printed), BENCH_LIVE_PICKS_PER_SEC (50), BENCH_LIVE_SECONDS (10
 *      measured seconds per server and size), BENCH_LIVE_BARE_WRITE=string (the bare server writes a string per
 *      viewer, as the hub does, instead of one Buffer), BENCH_PROFILE=1 (Versus under --cpu-prof).
 * Standalone: tsx bench/live.ts (≈ 1.5 minutes with the defaults). Parts: live-viewers.ts (the
 * viewer process), live-sse.ts (its parser), live-picks.ts (pick driver), live-bare.ts (baseline),
 * live-stats.ts (latency, CPU, limits), live-report.ts (the printed table).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printProfile, summarizeProfile } from './cpuprofile.js';
import { printLive } from './live-report.js';
import { envNumber, fmtInt, fmtPct, freePort, isMain, log, sleep, startChild, summarize, type ChildServer, startVersus } from './lib.js';
import { PickDriver, type PickRun } from './live-picks.js';
import { type Latency, type Limits, type PhaseCpu, type Target, type Window, deliveriesIn, deliveryLatency } from './live-stats.js';
import { fanOut, firstArrivals, inWindows, machineLimits, otherDeliveriesIn, phaseCpuMeter } from './live-stats.js';
import { type ViewerProcess, type ViewersResult, monoMs, startViewers } from './live-viewers.js';

export interface LiveOptions {
  viewers: number;
  bigViewers: number;
  picksPerSec: number;
  seconds: number;
  bareWrite: 'buffer' | 'string';
  profile: boolean;
}

export function liveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveOptions {
  return {
    viewers: Math.round(envNumber(env.BENCH_LIVE_VIEWERS, 2000)),
    bigViewers: Math.round(envNumber(env.BENCH_LIVE_BIG_VIEWERS, 10_000)),
    picksPerSec: envNumber(env.BENCH_LIVE_PICKS_PER_SEC, 50),
    seconds: envNumber(env.BENCH_LIVE_SECONDS, 10),
    bareWrite: env.BENCH_LIVE_BARE_WRITE === 'string' ? 'string' : 'buffer',
    profile: env.BENCH_PROFILE === '1',
  };
}

export interface PhaseResult {
  label: string;
  viewers: number;
  ready: { withSnapshot: number; connectMs: number };
  latency: Latency;
  /** From the same targets to the event's first arrival at any viewer: the server's part before fan-out. */
  toFirst: Latency;
  fanOut: Latency;
  /** Ranking events per second as one viewer sees them, and their mean data size. */
  eventsPerSec: number;
  payloadBytes: number;
  snapshotBytes: number;
  deliveriesPerSec: number;
  /** Other events (champion, activity) delivered per second: writes besides the rankings. */
  otherPerSec: number;
  perCore: number;
  cpu: PhaseCpu;
  picksPerSec?: number | undefined;
  /** Pick request latency in the window (ms): how long the fan-out holds the server's event loop. */
  pickLatency?: { p50: number; p99: number } | undefined;
  votes: { from: number; to: number };
  viewersSeen: ViewersResult;
  /** The server's own count of viewers and resyncs (Versus' /health) at the end of the window. */
  serverSide?: { viewers: number; lagging: number; resyncs: number } | undefined;
  problems: string[];
}

export interface LiveResult {
  options: LiveOptions;
  limits: Limits;
  bigViewers: number;
  idle: { serverCpu: number; serverMain: number; picksPerSec: number };
  small: { versus: PhaseResult; bare: PhaseResult };
  big: { versus: PhaseResult; bare: PhaseResult };
  problems: string[];
}

/** Before each round's window: the load starts and the first events flow. */
const WARM_MS = 1000;
/** After each round: the last ranking event (≤ 300 ms after the last pick) goes out. */
const GAP_MS = 1000;
const ROUNDS = 2;
const GAME_SIZE = 32;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The seeded 32-candidate "Dream Cars 2024" world cup. */
async function dreamCars(baseUrl: string): Promise<string> {
  const list = await getJson<{ items: { id: string; title: string; candidateCount: number }[] }>(`${baseUrl}/api/v1/worldcups?limit=50`);
  const wc = list.items.find((w) => w.title.includes('Dream Cars 2024') && w.candidateCount === GAME_SIZE);
  if (!wc) throw new Error(`seeded "Dream Cars 2024" world cup not found among ${list.items.map((w) => w.title).join(', ')}`);
  return wc.id;
}

/** One server with its viewers connected, measured in rounds that alternate with the other server. */
interface Side {
  label: string;
  server: ChildServer;
  viewers: number;
  process: ViewerProcess;
  ready: { withSnapshot: number; connectMs: number };
  /** Starts the load (picks, or the bare server's broadcasts); `end` stops it. */
  begin(): Promise<void>;
  end(): Promise<PickRun | undefined>;
  rounds: { window: Window; cpu: PhaseCpu; picks?: PickRun | undefined; health?: Health | undefined }[];
}

interface Health {
  live?: { viewers: number; lagging: number; resyncs: number };
}

async function connect(side: Omit<Side, 'process' | 'ready' | 'rounds'> & { path: string }): Promise<Side> {
  log(`- ${side.label}: connecting ${fmtInt(side.viewers)} viewers …`);
  const port = Number(new URL(side.server.url).port);
  const vp = startViewers({ port, path: side.path, viewers: side.viewers, label: side.label });
  try {
    const ready = await vp.ready;
    log(`  ${fmtInt(ready.withSnapshot)}/${fmtInt(side.viewers)} got a snapshot in ${(ready.connectMs / 1000).toFixed(1)} s`);
    return { ...side, process: vp, ready, rounds: [] };
  } catch (error) {
    vp.kill();
    throw error;
  }
}

async function round(side: Side, seconds: number): Promise<void> {
  await side.begin();
  await sleep(WARM_MS);
  const meter = phaseCpuMeter(side.server.pid, () => side.process.cpuSeconds());
  const from = monoMs();
  await sleep(seconds * 1000);
  const to = monoMs();
  const cpu = meter();
  const health = side.label.startsWith('Versus') ? await getJson<Health>(`${side.server.url}/api/v1/health`).catch(() => undefined) : undefined;
  const picks = await side.end();
  side.rounds.push({ window: { from, to }, cpu, picks, health });
  await sleep(GAP_MS); // the last ranking event goes out before the other side's round starts
}

/** Everything one side saw, once its viewers are stopped. */
async function result(side: Side, targetsOf: (windows: Window[]) => Promise<Target[]>): Promise<PhaseResult> {
  const seen = await side.process.stop();
  const windows = side.rounds.map((r) => r.window);
  const windowS = windows.reduce((a, w) => a + (w.to - w.from) / 1000, 0);
  const weigh = (f: (c: PhaseCpu) => number) => side.rounds.reduce((a, r) => a + f(r.cpu) * r.cpu.wallS, 0) / side.rounds.reduce((a, r) => a + r.cpu.wallS, 0);
  const cpu: PhaseCpu = {
    wallS: weigh(() => 1) * windowS,
    server: weigh((c) => c.server),
    serverMain: weigh((c) => c.serverMain),
    viewers: weigh((c) => c.viewers),
    driver: weigh((c) => c.driver),
    other: weigh((c) => c.other),
  };
  const targets = await targetsOf(windows);
  const delivered = deliveriesIn(seen.records, windows);
  const acks = side.rounds.flatMap((r) => (r.picks ? r.picks.acks.map((a, k) => ({ ...a, ms: r.picks?.latencies[k] ?? 0 })) : []));
  const inWindow = acks.filter((a) => inWindows(a.at, windows));
  const allVotes = seen.records.flatMap((r) => (r.votes.length ? [r.votes[0] as number, r.votes[r.votes.length - 1] as number] : []));
  const votes = { from: Math.min(...allVotes), to: Math.max(...allVotes) };
  const isVersus = side.rounds.some((r) => r.picks);
  const problems: string[] = [];
  if (seen.withSnapshot < side.viewers) problems.push(`${side.viewers - seen.withSnapshot} of ${side.viewers} viewers got no snapshot`);
  const noRanking = seen.records.filter((r) => !r.kind.includes(1)).length;
  if (noRanking > 0) problems.push(`${noRanking} viewers received no ranking event`);
  if (seen.mismatches > 0) problems.push(`${seen.mismatches} of ${seen.checked} events checked in full disagree with the byte scan`);
  if (seen.votesBackwards > 0) problems.push(`vote count went down ${seen.votesBackwards} times along a stream`);
  if (!(votes.to > votes.from)) problems.push(`votes did not increase (${votes.from} → ${votes.to})`);
  if (isVersus && acks.length === 0) problems.push('no pick was acknowledged');
  for (const p of problems) log(`  !! ${side.label}: ${p}`);
  const last = side.rounds[side.rounds.length - 1]?.health?.live;
  return {
    label: side.label,
    viewers: side.viewers,
    ready: side.ready,
    latency: deliveryLatency(seen.records, targets),
    toFirst: deliveryLatency([firstArrivals(seen.records)], targets),
    fanOut: fanOut(seen.records, windows),
    eventsPerSec: delivered / Math.max(1, seen.records.length) / windowS,
    payloadBytes: seen.rankingDataBytes / Math.max(1, seen.counts.ranking ?? 0),
    snapshotBytes: seen.snapshotDataBytes / Math.max(1, seen.counts.snapshot ?? 0),
    deliveriesPerSec: delivered / windowS,
    otherPerSec: otherDeliveriesIn(seen.records, windows) / windowS,
    perCore: delivered / windowS / cpu.server,
    cpu,
    picksPerSec: isVersus ? inWindow.length / windowS : undefined,
    pickLatency: isVersus ? summarize(inWindow.map((a) => a.ms)) : undefined,
    votes,
    viewersSeen: { ...seen, records: [] },
    serverSide: last ? { viewers: last.viewers, lagging: last.lagging, resyncs: last.resyncs } : undefined,
    problems,
  };
}

async function startBare(rate: number, payloadBytes: number, snapshotBytes: number, write: 'buffer' | 'string'): Promise<ChildServer> {
  const port = await freePort();
  return startChild({
    name: 'bare SSE',
    script: 'bench/live-bare.ts',
    env: { PORT: String(port), RATE: String(rate), PAYLOAD_BYTES: String(Math.round(payloadBytes)), SNAPSHOT_BYTES: String(Math.round(snapshotBytes)), WRITE: write },
    port,
    healthPath: '/api/v1/health',
  });
}

/**
 * Versus and the bare server at `viewers` each, both sets of viewers connected throughout, in
 * alternating rounds (Versus, bare, Versus, bare …) so that background load hits both alike. The
 * bare server fans out at the rate and mean sizes Versus showed in its first round.
 */
async function pair(versus: ChildServer, wcId: string, driver: PickDriver, viewers: number, o: LiveOptions): Promise<{ versus: PhaseResult; bare: PhaseResult }> {
  const roundS = o.seconds / ROUNDS;
  let v: Side | undefined;
  let b: Side | undefined;
  let bare: ChildServer | undefined;
  try {
    v = await connect({
      label: `Versus, ${fmtInt(viewers)} viewers, ${o.picksPerSec} picks/s`,
      server: versus,
      path: `/api/v1/worldcups/${wcId}/events`,
      viewers,
      begin: () => driver.begin(),
      end: () => driver.end(),
    });
    await round(v, roundS);
    const first = v.rounds[0]?.window ?? { from: 0, to: 0 };
    const st = await v.process.stats(first.from, first.to);
    const rate = Math.max(0.5, Math.round((st.deliveries / viewers / ((first.to - first.from) / 1000)) * 10) / 10);
    const payload = st.rankingDataBytes / Math.max(1, st.rankingEvents);
    bare = await startBare(rate, payload, st.snapshotDataBytes / Math.max(1, st.snapshots), o.bareWrite);
    const bareUrl = bare.url;
    b = await connect({
      label: `bare node:http, ${fmtInt(viewers)} viewers, ${rate} events/s of ${fmtInt(payload)} B (${o.bareWrite})`,
      server: bare,
      path: '/events',
      viewers,
      begin: () => getJson(`${bareUrl}/control?on=1`).then(() => undefined),
      end: () => getJson(`${bareUrl}/control?on=0`).then(() => undefined),
    });
    log(`  ${ROUNDS} rounds of ${roundS} s each, alternating Versus and bare`);
    await round(b, roundS);
    for (let r = 1; r < ROUNDS; r++) {
      await round(v, roundS);
      await round(b, roundS);
    }
    const vs = v;
    const versusResult = await result(v, (windows) =>
      Promise.resolve(vs.rounds.flatMap((r) => r.picks?.acks ?? []).filter((a) => inWindows(a.at, windows))),
    );
    const bareResult = await result(b, async (windows) => {
      const list = await getJson<{ broadcasts: [number, number][] }>(`${bareUrl}/broadcasts`);
      return list.broadcasts.filter(([, at]) => inWindows(at, windows)).map(([votes, at]) => ({ votes, at }));
    });
    return { versus: versusResult, bare: bareResult };
  } finally {
    v?.process.kill();
    b?.process.kill();
    await bare?.stop('SIGKILL');
  }
}

export async function runLiveBench(options: LiveOptions = liveOptionsFromEnv()): Promise<LiveResult> {
  const limits = machineLimits();
  const bigViewers = Math.min(options.bigViewers, limits.maxViewers);
  const viewers = Math.min(options.viewers, limits.maxViewers);
  log(
    `\n## live rankings over SSE: ${fmtInt(viewers)} and ${fmtInt(bigViewers)} viewers of one 32-candidate world cup, ` +
      `${options.picksPerSec} picks/s, ${options.seconds} s measured per server and size, vs a bare node:http SSE server`,
  );
  log(
    `limits: open files ${limits.nofileSoft} soft / ${limits.nofileHard} hard (the server child inherits the soft one), ` +
      `${fmtInt(limits.ephemeralPorts)} ephemeral ports → at most ${fmtInt(limits.maxViewers)} viewers`,
  );
  if (bigViewers < options.bigViewers) {
    log(`note: ${fmtInt(options.bigViewers)} viewers do not fit here (raise \`ulimit -n\` before running); measuring ${fmtInt(bigViewers)} instead`);
  }
  const load = os.loadavg()[0] ?? 0;
  if (load > os.cpus().length * 0.5) log(`note: load average ${load.toFixed(1)} on ${os.cpus().length} cores before starting (see "other CPU")`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-live-'));
  const profileDir = options.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-prof-')) : undefined;
  let versus: ChildServer | undefined;
  let driver: PickDriver | undefined;
  try {
    versus = await startVersus({ dataDir, seed: true, profileDir, timeoutMs: 60_000 });
    const wcId = await dreamCars(versus.url);
    const base = await getJson<{ votes: number }>(`${versus.url}/api/v1/worldcups/${wcId}/ranking`);
    driver = new PickDriver(Number(new URL(versus.url).port), versus.session, wcId, options.picksPerSec, GAME_SIZE, base.votes);

    // Picks alone: warms the server up and shows what they cost without any viewer.
    await driver.begin();
    await sleep(1000);
    const idleMeter = phaseCpuMeter(versus.pid, () => 0);
    const i0 = monoMs();
    await sleep(3000);
    const idleCpu = idleMeter();
    const idleRun = await driver.end();
    const idle = { serverCpu: idleCpu.server, serverMain: idleCpu.serverMain, picksPerSec: idleRun.acks.filter((a) => a.at >= i0).length / idleCpu.wallS };
    log(`- picks alone (no viewer): ${idle.picksPerSec.toFixed(0)} picks/s, server CPU ${fmtPct(idle.serverCpu)} (main thread ${fmtPct(idle.serverMain)})`);

    const small = await pair(versus, wcId, driver, viewers, options);
    const big = await pair(versus, wcId, driver, bigViewers, options);
    driver.close();
    await versus.stop('SIGTERM');
    const result: LiveResult = {
      options,
      limits,
      bigViewers,
      idle,
      small,
      big,
      problems: [small.versus, small.bare, big.versus, big.bare].flatMap((p) => p.problems.map((x) => `${p.label}: ${x}`)),
    };
    printLive(result);
    if (profileDir) {
      // --cpu-prof writes one profile per thread: the main thread's is CPU.<date>.<pid>.0.<seq>.
      const files = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      const main = files.find((f) => f.includes(`.${versus?.pid ?? 0}.0.`)) ?? files[0];
      const deliveries = [small.versus, big.versus].reduce((a, p) => a + (p.viewersSeen.counts.ranking ?? 0), 0);
      log('(profiled run: --cpu-prof slows the server, the numbers above are not comparable)');
      for (const f of files.filter((x) => x !== main)) {
        const w = summarizeProfile(path.join(profileDir, f));
        log(`worker thread ${f}: ${(w.totalMs / 1000).toFixed(1)} s busy; top: ${w.functions.slice(0, 3).map((h) => `${h.name} ${h.selfMs.toFixed(0)} ms`).join(', ')}`);
      }
      if (main) printProfile(path.join(profileDir, main), 25, { count: deliveries, unit: 'delivery' });
    }
    return result;
  } finally {
    driver?.close();
    await versus?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  runLiveBench().then(
    (r) => process.exit(r.problems.length > 0 ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
