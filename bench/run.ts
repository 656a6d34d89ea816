/**
 * `npm run bench`: every benchmark in sequence, then one summary table with each figure next to
 * its baseline. Everything runs against 127.0.0.1 and stops by itself (≈ 5.5 minutes, plus ≈ 12 for the arena simulation).
 *
 *   bench/picks.ts   pick throughput over HTTP (SQLite) vs a bare node:http server, + durability
 *   bench/search.ts  search latency on 10k world cups, SQLite and PostgreSQL, vs plain scans
 *   bench/rating.ts  leaderboard (BT + bootstrap CIs + ranks) from 1M votes vs a naive fit, the
 *                    per-pick cost of the pair counts, and a 1,000-candidate recompute
 *   bench/live.ts    live rankings over SSE: pick-to-viewer latency at 2,000 viewers and ranking
 *                    deliveries per core at 10,000, vs a bare node:http SSE fan-out
 *   bench/uploads.ts pick latency while 8 big images upload, with the decode cap and without it
 *   bench/weight.ts  the play page's JavaScript bytes and LCP on Slow 4G in chromium, brotli vs identity
 *   bench/rooms.ts   a live room: 5,000 SSE viewers and 5,000 votes in 5 s, one instance (SQLite) and two
 *                    (PostgreSQL + Redis), vs a bare node:http counter fanning out a tally
 *   bench/arena-sampling.ts  votes until simulated voters' true top 5 of 40 is found, active vs uniform pairs
 *
 * Knobs (env): BENCH_ONLY=picks|search|rating|live|uploads|weight|rooms|arena, plus those documented in each benchmark file.
 * Exit code 1 only when a benchmark fails to run or a sanity check shows the work did not happen
 * (or an acknowledged pick or room vote is missing or counted twice); slow numbers never fail.
 */
import os from 'node:os';
import { type ArenaResult, arenaRows, runArenaBench } from './arena-sampling.js';
import { type LiveResult, runLiveBench } from './live.js';
import { type PicksResult, runPicksBench } from './picks.js';
import { type RoomsResult, roomsRows, runRoomsBench } from './rooms.js';
import { FASTCHAT_MS, type RatingResult, bestMs, bigVerdict, runRatingBench } from './rating.js';
import { type DialectResult, type SearchResult, runSearchBench } from './search.js';
import { type UploadsResult, runUploadsBench } from './uploads.js';
import { type WeightResult, runWeightBench, weightRows } from './weight.js';
import { fmtInt, fmtMs, log, table } from './lib.js';

const speedup = (x: number): string => `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}×`;

function searchRows(r: DialectResult): string[][] {
  return r.queries.map((x) => [
    `search ${r.dialect} "${x.q}" (${fmtInt(x.hits)} hits) p50 / p99 ms`,
    `${fmtMs(x.repo.p50)} / ${fmtMs(x.repo.p99)}`,
    `${fmtMs(x.baseline.p50)} / ${fmtMs(x.baseline.p99)}`,
    `${speedup(x.baseline.p50 / x.repo.p50)}${x.sameResults ? '' : ' (RESULTS DIFFER)'}`,
  ]);
}

function ratingRows(r: RatingResult): string[][] {
  const l = r.leaderboard;
  const naiveMs = l.naive.fitMs + l.naive.bootstrapMs;
  const rows = [
    [
      `leaderboard ${l.candidates} cand. / ${fmtInt(l.votes)} votes, 200 rounds (ms)`,
      fmtMs(l.leaderboardMs),
      `${fmtMs(naiveMs)} (naive)`,
      `${speedup(naiveMs / l.leaderboardMs)}; target ≤ 100 ms ${l.leaderboardMs <= 100 ? 'met' : 'MISSED'}`,
    ],
    ['  BT fit / bootstrap (ms)', `${fmtMs(l.fitMs)} / ${fmtMs(l.bootstrapMs)}`, `${fmtMs(l.naive.fitMs)} / ${fmtMs(l.naive.bootstrapMs)}`, ''],
    ['  vs LMArena FastChat, 100 rounds (ms)', fmtMs(l.leaderboardMs), `${fmtInt(FASTCHAT_MS)} (documented, not measured)`, speedup(FASTCHAT_MS / l.leaderboardMs)],
    [
      'pair-count upkeep: µs per pick (batches of 50, SQLite)',
      r.picks.recordPickUs.toFixed(1),
      `${r.picks.insertOnlyUs.toFixed(1)} (pick row only)`,
      `+${(r.picks.recordPickUs - r.picks.insertOnlyUs).toFixed(1)} µs${r.picks.consistent ? '' : ' (INCONSISTENT)'}`,
    ],
  ];
  for (const b of r.big ?? []) {
    const best = bestMs(b);
    rows.push([
      `leaderboard ${b.label}, 200 rounds (ms)`,
      `${fmtMs(b.oneWorkerMs)} (1 worker)${b.twoWorkersMs === undefined ? '' : ` / ${fmtMs(b.twoWorkersMs)} (2 workers)`}`,
      `${fmtMs(b.denseMs)} (dense path)`,
      `${speedup(b.denseMs / best)}; target ≤ ${fmtInt(b.targetMs)} ms ${bigVerdict(b)}`,
    ]);
  }
  return rows;
}

function liveRows(r: LiveResult): string[][] {
  const { small, big, idle } = r;
  const v = small.versus;
  const b = small.bare;
  const cores = (x: number) => x.toFixed(2);
  const net = big.versus.deliveriesPerSec / Math.max(0.01, big.versus.cpu.server - idle.serverCpu);
  return [
    [
      `live: ${fmtInt(v.viewers)} SSE viewers, ${r.options.picksPerSec} picks/s: pick → every viewer p50 / p99 ms`,
      `${fmtMs(v.latency.p50)} / ${fmtMs(v.latency.p99)}`,
      `${fmtMs(b.latency.p50)} / ${fmtMs(b.latency.p99)} (bare, from broadcast)`,
      `target p99 ≤ 250 ms ${v.latency.p99 <= 250 ? 'met' : 'MISSED'}`,
    ],
    [
      '  pick → first viewer / fan-out to all, p99 ms',
      `${fmtMs(v.toFirst.p99)} / ${fmtMs(v.fanOut.p99)}`,
      `– / ${fmtMs(b.fanOut.p99)}`,
      `fan-out ${speedup(v.fanOut.p99 / b.fanOut.p99)} the bare one`,
    ],
    [
      `  server cores used (picks alone: ${cores(idle.serverCpu)})`,
      cores(v.cpu.server),
      cores(b.cpu.server),
      `${fmtInt(v.deliveriesPerSec)} vs ${fmtInt(b.deliveriesPerSec)} deliveries/s`,
    ],
    [
      `live: ranking deliveries/s per server core, ${fmtInt(big.versus.viewers)} viewers`,
      `${fmtInt(big.versus.perCore)} (${fmtInt(net)} net of picks)`,
      `${fmtInt(big.bare.perCore)} (bare)`,
      `${(big.versus.perCore / big.bare.perCore).toFixed(2)}`,
    ],
    [
      `  at ${fmtInt(big.versus.viewers)}: pick → every viewer p99 / pick request p99 ms`,
      `${fmtMs(big.versus.latency.p99)} / ${fmtMs(big.versus.pickLatency?.p99 ?? Number.NaN)}`,
      `${fmtMs(big.bare.latency.p99)} (bare, from broadcast)`,
      '',
    ],
  ];
}

function uploadsRows(r: UploadsResult): string[][] {
  const { idle, capped, uncapped } = r;
  const ms = (p: { p50: number; p99: number }) => `${fmtMs(p.p50)} / ${fmtMs(p.p99)}`;
  return [
    [
      `picks during ${r.options.uploads} parallel ${r.image.megapixels.toFixed(0)}-MP PNG uploads, UPLOAD_CONCURRENCY=1: p50 / p99 ms`,
      ms(capped),
      `${ms(idle)} (no uploads)`,
      `${(capped.p50 / idle.p50).toFixed(1)}× / ${(capped.p99 / idle.p99).toFixed(1)}× the no-upload figures`,
    ],
    [
      '  same uploads, cap lifted (UPLOAD_CONCURRENCY=16, as before)',
      ms(uncapped),
      ms(capped),
      `cap ${speedup(uncapped.p50 / capped.p50)} / ${speedup(uncapped.p99 / capped.p99)} faster`,
    ],
    [
      '  all uploads stored, s (cap / no cap)',
      `${(capped.uploadsS ?? Number.NaN).toFixed(1)} / ${(uncapped.uploadsS ?? Number.NaN).toFixed(1)}`,
      '',
      '',
    ],
  ];
}

function summary(
  picks: PicksResult | undefined,
  search: SearchResult | undefined,
  rating: RatingResult | undefined,
  live: LiveResult | undefined,
  uploads: UploadsResult | undefined,
  weight: WeightResult | undefined,
  rooms: RoomsResult | undefined,
  arena: ArenaResult | undefined,
): string {
  const rows: string[][] = [];
  if (picks) {
    const { bare, versus, durability: d } = picks;
    rows.push([
      `picks/s, ${picks.options.connections} conns, games of ${picks.options.gameSize} (SQLite)`,
      fmtInt(versus.picksPerSec),
      `${fmtInt(bare.picksPerSec)} (bare node:http)`,
      `${picks.ratio.toFixed(2)} (target ≥ 0.6)`,
    ]);
    if (picks.postgres) {
      const pg = picks.postgres.stats;
      rows.push([
        `picks/s, same load (PostgreSQL)`,
        `${fmtInt(pg.picksPerSec)} (p50 / p99 ${fmtMs(pg.p50)} / ${fmtMs(pg.p99)} ms)`,
        `${fmtInt(bare.picksPerSec)} (bare node:http)`,
        `${picks.postgres.ratio.toFixed(2)} (no target)`,
      ]);
    }
    rows.push(['pick latency p50 / p99 ms', `${fmtMs(versus.p50)} / ${fmtMs(versus.p99)}`, `${fmtMs(bare.p50)} / ${fmtMs(bare.p99)}`, '']);
    rows.push([
      'server CPU per pick (µs)',
      fmtInt(versus.serverUsPerPick),
      fmtInt(bare.serverUsPerPick),
      `${(versus.serverUsPerPick / bare.serverUsPerPick).toFixed(1)}× the work`,
    ]);
    rows.push([
      'cores used: server / client / other processes',
      `${versus.serverCpu.toFixed(2)} / ${versus.clientCpu.toFixed(2)} / ${versus.otherCpu.toFixed(2)}`,
      `${bare.serverCpu.toFixed(2)} / ${bare.clientCpu.toFixed(2)} / ${bare.otherCpu.toFixed(2)}`,
      '',
    ]);
    rows.push([
      picks.crash ? 'durability: SIGKILL mid-load, then count' : 'durability (SIGTERM: profiling)',
      `acknowledged ${fmtInt(d.acknowledged)}, stored ${fmtInt(d.stored)}`,
      'all acknowledged stored',
      d.missing === 0 ? 'missing 0' : `MISSING ${d.missing}`,
    ]);
  }
  if (search) {
    rows.push(...searchRows(search.sqlite));
    if ('skipped' in search.postgres) rows.push(['search postgres', `skipped: ${search.postgres.skipped}`, '', '']);
    else rows.push(...searchRows(search.postgres));
  }
  if (rating) rows.push(...ratingRows(rating));
  if (live) rows.push(...liveRows(live));
  if (uploads) rows.push(...uploadsRows(uploads));
  if (weight) rows.push(...weightRows(weight));
  if (rooms) rows.push(...roomsRows(rooms));
  if (arena) rows.push(...arenaRows(arena));
  const baselines = [
    'baselines: picks → bare node:http child driven by the same client',
    "search sqlite → plain LIKE '%q%' over worldcups (popular order)",
    'search postgres → same repo query, index/bitmap scans off (seq scan)',
    'rating → naive gradient-ascent fit + bootstrap refitting from zero, same run; per pick → inserting the pick row only',
    'live → bare node:http SSE child fanning out the same payload size at the same event rate to as many viewers, same run',
    'uploads → picks with no uploads, and with the decode cap lifted, same run',
    'weight → the same page served uncompressed (Accept-Encoding: identity), same run',
    'live room → bare node:http child counting the same votes (POST → 202, count++) and fanning out a tally twice a second to as many SSE viewers, 500 at a time as the hub does, same run',
    'arena → uniform pairs on the same simulated truths and voters, same run',
  ].join('; ');
  return `${table(['benchmark', 'figure', 'baseline', 'ratio / speed-up'], rows)}\n(${baselines})`;
}

async function main(): Promise<number> {
  const only = process.env.BENCH_ONLY;
  const t0 = performance.now();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  log(`# Versus benchmarks — node ${process.version}, ${os.cpus().length} cores, load average ${load}`);
  let failed = false;
  let picks: PicksResult | undefined;
  let search: SearchResult | undefined;
  let rating: RatingResult | undefined;
  let live: LiveResult | undefined;
  let uploads: UploadsResult | undefined;
  let weight: WeightResult | undefined;
  let rooms: RoomsResult | undefined;
  let arena: ArenaResult | undefined;
  if (!only || only === 'picks') {
    try {
      picks = await runPicksBench();
      if (picks.versus.picks === 0 || picks.bare.picks === 0 || picks.durability.missing > 0 || picks.versus.insane > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! picks benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'search') {
    try {
      search = await runSearchBench();
      const dialects = [search.sqlite, ...('skipped' in search.postgres ? [] : [search.postgres])];
      if (dialects.some((d) => d.queries.some((q) => !q.sameResults) || d.queries.every((q) => q.hits === 0))) failed = true;
    } catch (error) {
      failed = true;
      log(`!! search benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'rating') {
    try {
      rating = await runRatingBench();
      if (rating.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! rating benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'live') {
    try {
      live = await runLiveBench();
      if (live.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! live benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'uploads') {
    try {
      uploads = await runUploadsBench();
      if (uploads.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! uploads benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'weight') {
    try {
      weight = await runWeightBench();
      if (weight.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! weight benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'rooms') {
    try {
      rooms = await runRoomsBench();
      if (rooms.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! rooms benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!only || only === 'arena') {
    try {
      arena = await runArenaBench();
      if (arena.problems.length > 0) failed = true;
    } catch (error) {
      failed = true;
      log(`!! arena benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  log(`\n## summary (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  log(summary(picks, search, rating, live, uploads, weight, rooms, arena));
  if (failed) log('\n!! a benchmark failed or a sanity check did not hold (see above)');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
