/**
 * A live room under load (issue 14, "Load"): 5,000 audience members connected by SSE
 * (GET /api/v1/rooms/:code/events, anonymous sessions) and 5,000 votes (POST …/votes, each from a
 * different session) arriving within 5 seconds, next to a bare node:http counter that takes the same
 * votes (POST → 202, count++) and fans a tally out to as many SSE viewers twice a second, 500
 * viewers at a time as Versus' hub does (bench/live-bare.ts, MODE=tally SLICE=500), in the same run. Two set-ups: one instance on SQLite, and two
 * instances on one PostgreSQL database + Redis (README "Several instances"), viewers and votes
 * split across both.
 *
 * The servers run with every rate limit off: LIMIT_* = 0 (TRUST_AND_SAFETY_OFF_ENV, plus
 * LIMIT_ROOM_VOTES_PER_MINUTE=0 and LIMIT_ROOMS_PER_MINUTE=0), LIMIT_STREAMS_PER_SESSION=0 and
 * LIMIT_STREAMS_PER_ADDRESS=0, since every voter and viewer comes from 127.0.0.1.
 *
 * Each set-up: the host (the session startVersus got) creates a world cup of 8 text candidates and
 * a room (size 2, voteSeconds 30, reveal 'live'); the voters' sessions are fetched (one GET of the
 * room each, keeping the `vs_session` cookie) before any clock starts. The bare baseline goes
 * first: its viewers connect, the same ballots are fired at it, its count is read. Then Versus: the
 * host starts the room, the viewers connect (bench/live-viewers.ts in mode 'tally', one child
 * process per instance), the votes go out (bench/room-votes.ts: vote k due at k × 5 s / 5,000, over
 * BENCH_ROOMS_CONNECTIONS keep-alive connections per instance), and 1.5 s after the last
 * acknowledgement the host closes voting and GET …/results is read on every instance.
 *
 * Checks (bench/room-stats.ts):
 *   - final tally = acknowledged votes per side exactly (lost: acknowledged but missing; double:
 *     beyond the acknowledged and unanswered ones). A lost or double vote fails the run (exit 1).
 *   - acknowledgement p50/p99, from when each vote was due (client queueing included). Target p99 ≤ 300 ms.
 *   - tally age: every 100 ms from the first vote to 1.5 s after the last acknowledgement, each
 *     viewer's newest tally must include every vote acknowledged more than 1 s earlier; the worst
 *     age, its p99 over (viewer, sample) pairs and the share of viewers ever older than 1 s.
 *
 * Env: BENCH_ROOMS_VIEWERS (5000), BENCH_ROOMS_VOTES (5000), BENCH_ROOMS_SECONDS (5),
 *      BENCH_ROOMS_CONNECTIONS (128 per instance), BENCH_ROOMS_CLUSTER=0 (SQLite only),
 *      BENCH_ROOMS_INSTANCES (2: instances on PostgreSQL + Redis; 1 for a diagnosis),
 *      BENCH_PROFILE=1 (the SQLite instance under --cpu-prof; its profile is printed).
 *      TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: admin connection; a database is
 *      created and dropped), TEST_REDIS_URL (redis://127.0.0.1:6379; a unique prefix, deleted after).
 * Standalone: tsx bench/rooms.ts (≈ 1.5 minutes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createTestDatabase } from '../test/helpers/databases.js';
import { REDIS_URL, canReachPostgres, canReachRedis } from '../test/helpers/env.js';
import { printProfile } from './cpuprofile.js';
import { type ChildServer, envNumber, fmtInt, freePort, isMain, log, rng, sleep, startChild, startVersus } from './lib.js';
import { PgActivitySampler } from './room-pg.js';
import { type RoomRun, printScenario } from './room-report.js';
import { checkTally, coresMeter, summarizeVotes, tallyAge, type Tally } from './room-stats.js';
import { type Ballot, VoteBurst, freshSessions } from './room-votes.js';
import { type ViewerProcess, monoMs, startViewers } from './live-viewers.js';

export { roomsRows } from './room-report.js';

export interface RoomsOptions {
  viewers: number;
  votes: number;
  seconds: number;
  connections: number;
  cluster: boolean;
  /** Instances in the PostgreSQL + Redis set-up (2; 1 tells PostgreSQL's share from the instances'). */
  instances: number;
  profile: boolean;
}

export function roomsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RoomsOptions {
  return {
    viewers: Math.round(envNumber(env.BENCH_ROOMS_VIEWERS, 5000)),
    votes: Math.round(envNumber(env.BENCH_ROOMS_VOTES, 5000)),
    seconds: envNumber(env.BENCH_ROOMS_SECONDS, 5),
    connections: Math.round(envNumber(env.BENCH_ROOMS_CONNECTIONS, 128)),
    cluster: env.BENCH_ROOMS_CLUSTER !== '0',
    instances: Math.max(1, Math.min(4, Math.round(envNumber(env.BENCH_ROOMS_INSTANCES, 2)))),
    profile: env.BENCH_PROFILE === '1',
  };
}

export interface Scenario {
  label: string;
  versus: RoomRun;
  bare: RoomRun;
}

export interface RoomsResult {
  options: RoomsOptions;
  single: Scenario;
  cluster: Scenario | { skipped: string };
  problems: string[];
}

/** Rate limits off (see the header): the trust-and-safety set, plus the rooms' own two. */
const ROOM_BENCH_ENV = { LIMIT_ROOM_VOTES_PER_MINUTE: '0', LIMIT_ROOMS_PER_MINUTE: '0' };
const VOTE_SECONDS = 30;
/** How long after the last acknowledgement the viewers are still sampled (and voting stays open). */
const TAIL_MS = 1500;
const SAMPLE_MS = 100;
const AGE_LIMIT_MS = 1000;

async function api<T>(base: string, method: string, urlPath: string, cookie: string, body?: unknown): Promise<T> {
  const res = await fetch(base + urlPath, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${urlPath} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A world cup of 8 text candidates and a room on it (size 2, reveal 'live'), opened by the host. */
async function openRoom(base: string, host: string): Promise<string> {
  const candidates = Array.from({ length: 8 }, (_, i) => ({ name: `Candidate ${i + 1}`, text: `text of candidate ${i + 1}` }));
  const wc = await api<{ id: string }>(base, 'POST', '/api/v1/worldcups', host, { title: 'Room bench cup', candidates });
  const room = await api<{ code: string }>(base, 'POST', '/api/v1/rooms', host, { worldcupId: wc.id, size: 2, voteSeconds: VOTE_SECONDS, reveal: 'live' });
  return room.code;
}

/** One server (or a pair) under the same burst: how to begin, where to watch and vote, and how to read the final tally. */
interface Target {
  label: string;
  servers: ChildServer[];
  eventsPath: string;
  votesPath: string;
  /** Before the viewers connect (Versus: the host starts the room). */
  begin(): Promise<void>;
  /** After the tail (Versus: the host closes voting): the final tally as each server reports it. */
  end(): Promise<Tally[]>;
  /** The PostgreSQL database the servers share: its connections' states are sampled during the burst. */
  pgUrl?: string | undefined;
}

async function run(t: Target, ballots: Ballot[], o: RoomsOptions): Promise<RoomRun> {
  log(`- ${t.label}: ${fmtInt(o.viewers)} viewers, ${fmtInt(ballots.length)} votes in ${o.seconds} s`);
  const viewers: ViewerProcess[] = [];
  const sampler = t.pgUrl ? new PgActivitySampler(t.pgUrl) : undefined;
  const burst = new VoteBurst(
    t.servers.map((s) => ({ port: Number(new URL(s.url).port), path: t.votesPath })),
    o.connections,
  );
  try {
    await t.begin();
    const began = monoMs();
    const shares = t.servers.map((_, i) => Math.floor(o.viewers / t.servers.length) + (i < o.viewers % t.servers.length ? 1 : 0));
    t.servers.forEach((s, i) => viewers.push(startViewers({ port: Number(new URL(s.url).port), path: t.eventsPath, viewers: shares[i] ?? 0, label: `${t.label} viewers`, mode: 'tally' })));
    const ready = await Promise.all(viewers.map((v) => v.ready));
    const withSnapshot = ready.reduce((a, r) => a + r.withSnapshot, 0);
    const connectMs = Math.max(...ready.map((r) => r.connectMs));
    log(`  ${fmtInt(withSnapshot)}/${fmtInt(o.viewers)} viewers got a snapshot in ${(connectMs / 1000).toFixed(1)} s`);
    await burst.open();
    const usedS = (monoMs() - began) / 1000;
    if (usedS + o.seconds + 5 > VOTE_SECONDS) log(`  note: ${usedS.toFixed(1)} s of the ${VOTE_SECONDS} s window went before the first vote`);
    const meter = coresMeter(
      t.servers.map((s) => s.pid),
      viewers.map((v) => v.pid),
    );
    await sampler?.start();
    const outcomes = await burst.run(ballots, o.seconds);
    const votes = summarizeVotes(outcomes);
    await sleep(Math.max(0, votes.lastAck + TAIL_MS - monoMs()));
    const cores = meter();
    const pgWaits = await sampler?.stop();
    const finals = await t.end();
    await sleep(300);
    const seen = await Promise.all(viewers.splice(0).map((v) => v.stop()));
    const records = seen.flatMap((s) => s.records);
    const final = finals[0] ?? { left: Number.NaN, right: Number.NaN };
    const check = checkTally(outcomes, final);
    const ackTimes = outcomes.filter((x) => x.status === 202).map((x) => x.at);
    const age = tallyAge(records, ackTimes, votes.firstDue, votes.lastAck + TAIL_MS, SAMPLE_MS, AGE_LIMIT_MS);
    const problems: string[] = [];
    if (withSnapshot < o.viewers) problems.push(`${o.viewers - withSnapshot} of ${o.viewers} viewers got no snapshot`);
    if (check.lost > 0) problems.push(`${check.lost} acknowledged votes missing from the final tally`);
    if (check.double > 0) problems.push(`${check.double} votes in the final tally beyond those sent`);
    if (votes.acked < votes.sent) problems.push(`${votes.sent - votes.acked} of ${votes.sent} votes not acknowledged (${JSON.stringify(votes.refused)})`);
    if (finals.some((f) => f.left !== final.left || f.right !== final.right)) problems.push(`the instances report different tallies: ${JSON.stringify(finals)}`);
    const mismatches = seen.reduce((a, s) => a + s.mismatches, 0);
    if (mismatches > 0) problems.push(`${mismatches} events checked in full disagree with the byte scan`);
    const backwards = seen.reduce((a, s) => a + s.votesBackwards, 0);
    if (backwards > 0) problems.push(`a viewer's tally went down ${backwards} times`);
    for (const p of problems) log(`  !! ${t.label}: ${p}`);
    return {
      label: t.label,
      servers: t.servers.length,
      viewers: o.viewers,
      ready: { withSnapshot, connectMs },
      votes,
      check,
      age,
      cores,
      tallyEvents: seen.reduce((a, s) => a + (s.counts.tally ?? 0), 0) / Math.max(1, records.length),
      resyncs: seen.reduce((a, s) => a + s.resyncs, 0),
      pgWaits,
      problems,
    };
  } finally {
    burst.close();
    await sampler?.stop();
    for (const v of viewers) v.kill();
  }
}

function startBare(): Promise<ChildServer> {
  return freePort().then((port) =>
    startChild({ name: 'bare counter', script: 'bench/live-bare.ts', env: { PORT: String(port), MODE: 'tally', RATE: '2', SLICE: '500' }, port, healthPath: '/api/v1/health' }),
  );
}

/** The bare counter, then Versus on `servers` (the first one hosts), with the same viewers and ballots. */
async function scenario(label: string, servers: ChildServer[], o: RoomsOptions, pgUrl?: string): Promise<Scenario> {
  log(`\n### ${label}`);
  const [first] = servers;
  if (!first) throw new Error('no server');
  const host = first.session;
  const code = await openRoom(first.url, host);
  const roomPath = `/api/v1/rooms/${code}`;
  const t0 = performance.now();
  const perServer = await Promise.all(servers.map((s, i) => freshSessions(s.url, roomPath, Math.ceil((o.votes - i) / servers.length))));
  log(`- room ${code}: ${fmtInt(o.votes)} voter sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const random = rng(14);
  const ballots: Ballot[] = Array.from({ length: o.votes }, (_, k) => ({
    target: k % servers.length,
    cookie: perServer[k % servers.length]?.[Math.floor(k / servers.length)] ?? '',
    side: random() < 0.55 ? 'left' : 'right',
  }));
  const bare = await startBare();
  let bareRun: RoomRun;
  try {
    const control = (on: boolean) => fetch(`${bare.url}/control?on=${on ? 1 : 0}`).then((r) => r.text());
    bareRun = await run(
      {
        label: 'bare node:http counter',
        servers: [bare],
        eventsPath: '/events',
        votesPath: '/api/v1/rooms/BARE00/votes',
        begin: () => control(true).then(() => undefined),
        end: async () => {
          await control(false);
          const r = await fetch(`${bare.url}/tally`);
          return [(await r.json()) as Tally];
        },
      },
      ballots.map((b) => ({ ...b, target: 0 })),
      o,
    );
  } finally {
    await bare.stop('SIGKILL');
  }
  const versusRun = await run(
    {
      label: `Versus, ${label}`,
      servers,
      eventsPath: `${roomPath}/events`,
      votesPath: `${roomPath}/votes`,
      begin: async () => {
        const room = await api<{ status: string }>(first.url, 'POST', `${roomPath}/start`, host);
        if (room.status !== 'voting') throw new Error(`the started room is ${room.status}, not voting`);
      },
      end: async () => {
        await api(first.url, 'POST', `${roomPath}/close`, host);
        const results = await Promise.all(servers.map((s) => api<{ matches: { tally: Tally }[] }>(s.url, 'GET', `${roomPath}/results`, host)));
        return results.map((r) => r.matches[0]?.tally ?? { left: Number.NaN, right: Number.NaN });
      },
      pgUrl,
    },
    ballots,
    o,
  );
  const result = { label, versus: versusRun, bare: bareRun };
  printScenario(result);
  return result;
}

/** With BENCH_PROFILE=1: stops the servers gracefully (--cpu-prof writes on exit) and prints each main thread's profile. */
async function printProfiles(profileDir: string | undefined, servers: ChildServer[], votes: number): Promise<void> {
  if (!profileDir) return;
  await Promise.all(servers.map((s) => s.stop('SIGTERM')));
  log('(profiled run: --cpu-prof slows the servers, the numbers above are not comparable; the profile spans the whole process: start, sessions, viewers, votes)');
  for (const s of servers) {
    const file = fs.readdirSync(profileDir).find((f) => f.includes(`.${s.pid}.0.`) && f.endsWith('.cpuprofile'));
    log(`\n${s.name} (main thread):`);
    if (file) printProfile(path.join(profileDir, file), 25, { count: votes / servers.length, unit: 'vote' });
  }
}

async function single(o: RoomsOptions): Promise<Scenario> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-rooms-'));
  const profileDir = o.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-prof-')) : undefined;
  let versus: ChildServer | undefined;
  try {
    versus = await startVersus({ dataDir, seed: false, profileDir, timeoutMs: 60_000, env: ROOM_BENCH_ENV });
    const result = await scenario('one instance, SQLite', [versus], o);
    await printProfiles(profileDir, [versus], o.votes);
    return result;
  } finally {
    await versus?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

async function cluster(o: RoomsOptions): Promise<Scenario> {
  const db = await createTestDatabase('postgres');
  const profileDir = o.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-prof-')) : undefined;
  const prefix = `versus-bench-rooms-${process.pid}-${Date.now().toString(36)}:`;
  const servers: ChildServer[] = [];
  try {
    const env = { ...ROOM_BENCH_ENV, DATABASE_URL: db.databaseUrl ?? '', REDIS_URL, REDIS_PREFIX: prefix };
    // One at a time: the first migrates the empty database.
    for (let i = 0; i < o.instances; i++) {
      servers.push(await startVersus({ dataDir: db.dataDir, seed: false, name: `versus ${'ABCD'[i] ?? i}`, profileDir, timeoutMs: 60_000, env }));
    }
    const count = o.instances === 2 ? 'two instances' : o.instances === 1 ? 'one instance' : `${o.instances} instances`;
    const result = await scenario(`${count}, PostgreSQL + Redis`, servers, o, db.databaseUrl);
    await printProfiles(profileDir, servers, o.votes);
    return result;
  } finally {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    await db.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

export async function runRoomsBench(options: RoomsOptions = roomsOptionsFromEnv()): Promise<RoomsResult> {
  log(
    `\n## live room: ${fmtInt(options.viewers)} SSE viewers, ${fmtInt(options.votes)} votes from as many sessions in ${options.seconds} s, ` +
      `vs a bare node:http counter (load average ${os.loadavg()[0]?.toFixed(1) ?? '?'})`,
  );
  const one = await single(options);
  let two: Scenario | { skipped: string };
  if (!options.cluster) two = { skipped: 'BENCH_ROOMS_CLUSTER=0' };
  else if (!(await canReachPostgres())) two = { skipped: 'PostgreSQL not reachable' };
  else if (!(await canReachRedis())) two = { skipped: `Redis not reachable at ${REDIS_URL}` };
  else two = await cluster(options);
  if ('skipped' in two) log(`\ntwo instances: skipped (${two.skipped})`);
  const scenarios = [one, ...('skipped' in two ? [] : [two])];
  const problems = scenarios.flatMap((s) => [s.versus, s.bare].flatMap((r) => r.problems.map((p) => `${r.label}: ${p}`)));
  return { options, single: one, cluster: two, problems };
}

if (isMain(import.meta.url)) {
  runRoomsBench().then(
    (r) => process.exit(r.problems.length > 0 ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
