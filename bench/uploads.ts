/**
 * Pick acknowledgement while big images are being uploaded (SQLite): the attack of issue 9 item 4,
 * where eight parallel uploads of a 50-megapixel interlaced PNG took libuv's threads from the WAL
 * syncs that acknowledge picks.
 *
 *   - Two Versus children on fresh DATA_DIRs: one with the decode cap (UPLOAD_CONCURRENCY=1, the
 *     default) and one with the cap lifted (UPLOAD_CONCURRENCY=16: every upload decodes at once,
 *     as before the cap). Quotas and rate limits are off.
 *   - Players pick in games of 1024 text candidates, each meaning to pick every 100 ms, one request
 *     in flight each. A pick's latency counts from when it was due, not from when it could be sent:
 *     a stall counts against every pick it delayed, not only against the one in flight (otherwise
 *     a stalled closed loop records one slow pick where users would have waited many times).
 *   - Each round: picks alone on the capped server, then picks while `uploads` parallel uploads of
 *     the PNG run on it, then the same uploads on the uncapped server. Rounds alternate so that
 *     background load on a shared machine hits every phase alike.
 *
 * Env: BENCH_UPLOAD_ROUNDS (3), BENCH_UPLOADS (8), BENCH_UPLOAD_PLAYERS (8),
 *      BENCH_UPLOAD_IDLE_SECONDS (3, the phase without uploads).
 * Standalone: tsx bench/uploads.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type ChildServer, envNumber, fmtMs, isMain, log, sleep, startVersus, summarize, table } from './lib.js';

export interface UploadsOptions {
  rounds: number;
  uploads: number;
  players: number;
  idleS: number;
}

export function uploadsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadsOptions {
  return {
    rounds: Math.round(envNumber(env.BENCH_UPLOAD_ROUNDS, 3)),
    uploads: Math.round(envNumber(env.BENCH_UPLOADS, 8)),
    players: Math.round(envNumber(env.BENCH_UPLOAD_PLAYERS, 8)),
    idleS: envNumber(env.BENCH_UPLOAD_IDLE_SECONDS, 3),
  };
}

export interface PhaseStats {
  label: string;
  picks: number;
  p50: number;
  p99: number;
  /** Seconds from the first upload sent to the last one stored (upload phases only). */
  uploadsS?: number;
}

export interface UploadsResult {
  options: UploadsOptions;
  /** Width × height and size of the PNG uploaded. */
  image: { megapixels: number; bytes: number };
  idle: PhaseStats;
  capped: PhaseStats;
  uncapped: PhaseStats;
  /** What went wrong (a failed upload or pick, a phase without picks); empty when all is well. */
  problems: string[];
}

const GAME_SIZE = 1024;
/** A player's picks are due this often: a steady load, far from saturating (that is bench/picks.ts). */
const PICK_EVERY_MS = 100;

/** A 50-megapixel interlaced PNG that compresses to ≈ 1 MB: cheap to send, costly to decode. */
async function bigInterlacedPng(): Promise<{ png: Buffer; megapixels: number }> {
  const edge = 7071; // 7071² ≈ 49.999 MP, just under the upload limit of 50
  const png = await sharp({ create: { width: edge, height: edge, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .composite([{ input: { create: { width: 2000, height: 2000, channels: 3, background: '#fa3' } }, top: 100, left: 100 }])
    .png({ progressive: true })
    .toBuffer();
  return { png, megapixels: (edge * edge) / 1e6 };
}

/** A Versus child as every benchmark starts one (lib.ts), with the decode cap under test. */
const startServer = (name: string, dataDir: string, concurrency: number): Promise<ChildServer> =>
  startVersus({ name, dataDir, seed: false, env: { UPLOAD_CONCURRENCY: String(concurrency) } });

interface GameReply {
  id: string;
  done?: boolean;
  match?: { a?: { id?: string } } | null;
}

/** A server's players: one session (the server accepts only sessions it issued) and fresh games. */
interface Table {
  url: string;
  cookie: string;
  games: { id: string; a: string }[];
}

async function call<T>(table: Pick<Table, 'url' | 'cookie'>, path: string, body: unknown): Promise<{ status: number; text: string; json: T }> {
  const res = await fetch(table.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: table.cookie },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined) as T };
}

/** One world cup of 1024 text candidates and `count` games of it, owned by a session the server issued. */
async function setTable(server: ChildServer, count: number): Promise<Table> {
  const { url, session: cookie } = server;
  const candidates = Array.from({ length: GAME_SIZE }, (_, i) => ({ name: `후보 ${i + 1}`, text: `텍스트 후보 #${i + 1}` }));
  const wc = await call<{ id: string }>({ url, cookie }, '/api/v1/worldcups', { title: '업로드 벤치 (bench)', candidates });
  if (wc.status !== 201) throw new Error(`creating the world cup → ${wc.status}: ${wc.text.slice(0, 300)}`);
  const games: Table['games'] = [];
  for (let i = 0; i < count; i++) {
    const g = await call<GameReply>({ url, cookie }, `/api/v1/worldcups/${wc.json.id}/games`, { size: GAME_SIZE });
    const a = g.json.match?.a?.id;
    if (g.status !== 201 || !a) throw new Error(`starting a game → ${g.status}: ${g.text.slice(0, 300)}`);
    games.push({ id: g.json.id, a });
  }
  return { url, cookie, games };
}

/** Players picking until `stop` resolves; returns every pick's latency in ms, from when it was due. */
async function pickUntil(table: Table, players: number, stop: Promise<unknown>, problems: string[]): Promise<number[]> {
  const latencies: number[] = [];
  let isStopped = false;
  void stop.finally(() => (isStopped = true));
  const play = async () => {
    let game = table.games.pop();
    let due = performance.now() + Math.random() * PICK_EVERY_MS; // players out of step
    while (!isStopped && game) {
      if (due > performance.now()) await sleep(due - performance.now());
      if (isStopped) break;
      const res = await call<GameReply>(table, `/api/v1/games/${game.id}/picks`, { winner: game.a });
      if (res.status !== 200) {
        problems.push(`pick → ${res.status}: ${res.text.slice(0, 200)}`);
        game = table.games.pop();
        continue;
      }
      latencies.push(performance.now() - due);
      due += PICK_EVERY_MS;
      const next = res.json.match?.a?.id;
      game = res.json.done || !next ? table.games.pop() : { id: game.id, a: next };
    }
    if (!game) problems.push('ran out of games');
    // Not finished: back to the pool for the next phase.
    else table.games.push(game);
  };
  await Promise.all(Array.from({ length: players }, play));
  return latencies;
}

/** `count` parallel uploads of `png` from as many sessions; resolves with the seconds until the last is stored. */
async function uploadAll(url: string, png: Buffer, count: number, problems: string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'big.png');
      const res = await fetch(`${url}/api/v1/uploads`, { method: 'POST', body: form });
      const text = await res.text();
      if (res.status !== 201) problems.push(`upload → ${res.status}: ${text.slice(0, 200)}`);
    }),
  );
  return (performance.now() - t0) / 1000;
}

function phase(label: string, latencies: number[], uploadsS: number[] = []): PhaseStats {
  const s = summarize(latencies);
  const stats: PhaseStats = { label, picks: s.n, p50: s.p50, p99: s.p99 };
  if (uploadsS.length > 0) stats.uploadsS = summarize(uploadsS).p50;
  return stats;
}

export async function runUploadsBench(options: UploadsOptions = uploadsOptionsFromEnv()): Promise<UploadsResult> {
  const { rounds, uploads, players, idleS } = options;
  const { png, megapixels } = await bigInterlacedPng();
  log(
    `\n## picks while uploading (SQLite): ${players} players, a pick due from each every ${PICK_EVERY_MS} ms, ` +
      `${uploads} parallel uploads of a ${megapixels.toFixed(0)}-MP interlaced PNG (${(png.length / 1e6).toFixed(1)} MB), ` +
      `${rounds} rounds of (${idleS} s no uploads, uploads with UPLOAD_CONCURRENCY=1, uploads with 16); sharp.concurrency() here ${sharp.concurrency()}`,
  );
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-uploads-')));
  const problems: string[] = [];
  let capped: ChildServer | undefined;
  let uncapped: ChildServer | undefined;
  try {
    capped = await startServer('versus (UPLOAD_CONCURRENCY=1)', dirs[0] as string, 1);
    uncapped = await startServer('versus (UPLOAD_CONCURRENCY=16)', dirs[1] as string, 16);
    // A game gives 1023 picks and a phase needs at most a few thousand: a few games per player is plenty.
    const [cappedTable, uncappedTable] = await Promise.all([setTable(capped, players * 4), setTable(uncapped, players * 4)]);
    const samples = { idle: [] as number[], capped: [] as number[], uncapped: [] as number[] };
    const uploadTimes = { capped: [] as number[], uncapped: [] as number[] };
    // Warm-up: JIT, page cache, sharp's first load in each child.
    await uploadAll(capped.url, png, 1, problems);
    await uploadAll(uncapped.url, png, 1, problems);
    await pickUntil(cappedTable, players, sleep(1000), problems);
    await pickUntil(uncappedTable, players, sleep(1000), problems);
    for (let r = 0; r < rounds; r++) {
      samples.idle.push(...(await pickUntil(cappedTable, players, sleep(idleS * 1000), problems)));
      for (const [table, key] of [
        [cappedTable, 'capped'],
        [uncappedTable, 'uncapped'],
      ] as const) {
        const done = uploadAll(table.url, png, uploads, problems);
        samples[key].push(...(await pickUntil(table, players, done, problems)));
        uploadTimes[key].push(await done);
      }
      log(`  round ${r + 1}: ${samples.idle.length} / ${samples.capped.length} / ${samples.uncapped.length} picks so far (idle / capped / uncapped)`);
    }
    const result: UploadsResult = {
      options,
      image: { megapixels, bytes: png.length },
      idle: phase('no uploads', samples.idle),
      capped: phase(`${uploads} uploads, UPLOAD_CONCURRENCY=1`, samples.capped, uploadTimes.capped),
      uncapped: phase(`${uploads} uploads, UPLOAD_CONCURRENCY=16`, samples.uncapped, uploadTimes.uncapped),
      problems,
    };
    for (const p of [result.idle, result.capped, result.uncapped]) if (p.picks === 0) problems.push(`${p.label}: no pick was acknowledged`);
    printUploads(result);
    return result;
  } finally {
    await capped?.stop('SIGTERM');
    await uncapped?.stop('SIGTERM');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printUploads(r: UploadsResult): void {
  const row = (p: PhaseStats) => [
    p.label,
    String(p.picks),
    `${fmtMs(p.p50)} / ${fmtMs(p.p99)}`,
    `${(p.p50 / r.idle.p50).toFixed(1)}× / ${(p.p99 / r.idle.p99).toFixed(1)}×`,
    p.uploadsS === undefined ? '' : p.uploadsS.toFixed(1),
  ];
  log('');
  log(table(['phase', 'picks', 'pick p50 / p99 ms', 'vs no uploads', 'all uploads stored, s (median round)'], [r.idle, r.capped, r.uncapped].map(row)));
  log(`cap vs no cap: pick p50 ${(r.uncapped.p50 / r.capped.p50).toFixed(1)}× faster, p99 ${(r.uncapped.p99 / r.capped.p99).toFixed(1)}× faster with the cap`);
  log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine slows every phase alike)`);
  const distinct = [...new Set(r.problems)];
  for (const p of distinct.slice(0, 10)) log(`!! ${p}`);
}

if (isMain(import.meta.url)) {
  runUploadsBench().then(
    (r) => process.exit(r.problems.length > 0 ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
