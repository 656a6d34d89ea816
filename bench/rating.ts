/**
 * The ranking engine (src/domain/rating): from stored votes to a full leaderboard, what a pick
 * costs to keep the aggregates it reads, and the recompute latency of a big world cup.
 *
 *   1. 150 candidates with known strengths (θ ~ N(0, 1)), 1,000,000 votes between uniformly random
 *      pairs (5% ties), tallied into pair counts (what Versus stores); then computeLeaderboard with
 *      200 bootstrap rounds (median of `runs` after a warm-up), and its pieces: the Bradley–Terry
 *      fit, the bootstrap, and inside the bootstrap the Poisson resampling alone. Baselines: a naive
 *      implementation measured in the same run (Jacobi-preconditioned gradient ascent to the same
 *      tolerance, bootstrap refitting every round from zero with exact Poisson draws; its scores
 *      must agree within 0.01), and LMArena FastChat's documented time for this workload.
 *   2. Per-pick cost of the aggregates: `tx.games.recordPick` (pick row + pair-cell upsert) in
 *      batches of 50 inside `store.transaction`, next to inserting only the pick row, on SQLite.
 *   3. Recompute latency for 1,000 candidates and 200,000 votes (one run, it is slow).
 *
 * Env: BENCH_RATING_RUNS (5), BENCH_RATING_VOTES (1000000), BENCH_RATING_PICK_BATCHES (100 per
 *      method), BENCH_RATING_BIG=0 skips part 3.
 * Standalone: tsx bench/rating.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { bootstrapIntervals } from '../src/domain/rating/bootstrap.js';
import { DEFAULT_LAMBDA, fitBradleyTerry, gradient, toScore, weightsOf } from '../src/domain/rating/bradley-terry.js';
import { type Comparisons, type PairTally, packComparisons } from '../src/domain/rating/comparisons.js';
import { computeLeaderboard } from '../src/domain/rating/leaderboard.js';
import { choleskyFactor, choleskySolve } from '../src/domain/rating/linear.js';
import { poisson, seededRandom } from '../src/domain/rating/random.js';
import { PoissonResampler } from '../src/domain/rating/resample.js';
import { AppError } from '../src/services/errors.js';
import { openStore } from '../src/store/store.js';
import { QueryTemplate } from '../src/store/templates.js';
import type { NewCandidateRow, WorldcupRow } from '../src/store/worldcups-repo.js';
import { fmtInt, fmtMs, isMain, log, table } from './lib.js';

/**
 * LMArena FastChat (`compute_bt` + `compute_bootstrap_bt`, 100 rounds, scipy, two processes) on
 * this workload (150 models, 1M battles) on this machine: a documented figure, not measured here.
 */
export const FASTCHAT_MS = 5_100;
const TARGET_MS = 100;
const ROUNDS = 200;
const PICK_BATCH = 50;

export interface RatingOptions {
  runs: number;
  votes: number;
  pickBatches: number;
  big: boolean;
}

export function ratingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RatingOptions {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Math.round(Number(v)) : d);
  return {
    runs: Math.max(5, num(env.BENCH_RATING_RUNS, 5)),
    votes: num(env.BENCH_RATING_VOTES, 1_000_000),
    pickBatches: num(env.BENCH_RATING_PICK_BATCHES, 100),
    big: env.BENCH_RATING_BIG !== '0',
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

// ---- workload -----------------------------------------------------------------------------------

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Raw votes as they happen: [a, b, outcome] with outcome 0 = a won, 1 = b won, 2 = tie. */
interface Votes {
  n: number;
  theta: Float64Array;
  a: Int32Array;
  b: Int32Array;
  outcome: Uint8Array;
}

function generateVotes(n: number, count: number, tieRate: number, seed: number): Votes {
  const random = seededRandom(seed);
  const theta = Float64Array.from({ length: n }, () => normal(random));
  const v: Votes = { n, theta, a: new Int32Array(count), b: new Int32Array(count), outcome: new Uint8Array(count) };
  for (let k = 0; k < count; k++) {
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    v.a[k] = a;
    v.b[k] = b;
    const pA = 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)));
    v.outcome[k] = random() < tieRate ? 2 : random() < pA ? 0 : 1;
  }
  return v;
}

/** Votes → one cell per unordered pair (lo wins, hi wins, ties), as the store keeps them. */
function tally(v: Votes): Comparisons {
  const cells = new Map<number, PairTally>();
  for (let k = 0; k < v.a.length; k++) {
    const a = v.a[k] as number;
    const b = v.b[k] as number;
    const lo = Math.min(a, b);
    const key = lo * v.n + Math.max(a, b);
    let t = cells.get(key);
    if (!t) cells.set(key, (t = { i: lo, j: Math.max(a, b), winsI: 0, winsJ: 0, ties: 0 }));
    const o = v.outcome[k];
    if (o === 2) t.ties++;
    else if ((o === 0) === (a === lo)) t.winsI++;
    else t.winsJ++;
  }
  return packComparisons(v.n, [...cells.values()]);
}

// ---- naive baseline -----------------------------------------------------------------------------

/**
 * The same penalised likelihood maximised by plain gradient ascent, each coordinate's step scaled
 * by a fixed curvature bound (λ + ½·its votes: the Hessian is at most twice its diagonal, and
 * p(1 − p) ≤ ¼), which makes every step an ascent step; then θ is re-centred (the likelihood
 * ignores a common shift, the penalty prefers mean 0), also an ascent step, without which the
 * mean would crawl at curvature λ. Stops at the engine's tolerance. (On a disconnected graph each
 * component's mean would still crawl; the bench data are connected.)
 */
function naiveFit(c: Comparisons, lambda = DEFAULT_LAMBDA, tolerance = 1e-9): { theta: Float64Array; iterations: number } {
  const n = c.n;
  const m = c.i.length;
  const bound = new Float64Array(n).fill(lambda);
  for (let k = 0; k < m; k++) {
    const total = (c.winsI[k] as number) + (c.winsJ[k] as number) + (c.ties[k] as number);
    bound[c.i[k] as number] = (bound[c.i[k] as number] as number) + total / 2;
    bound[c.j[k] as number] = (bound[c.j[k] as number] as number) + total / 2;
  }
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  let iterations = 0;
  for (; iterations < 100_000; iterations++) {
    for (let i = 0; i < n; i++) g[i] = -lambda * (theta[i] as number);
    for (let k = 0; k < m; k++) {
      const i = c.i[k] as number;
      const j = c.j[k] as number;
      const ties = c.ties[k] as number;
      const total = (c.winsI[k] as number) + (c.winsJ[k] as number) + ties;
      const p = 1 / (1 + Math.exp((theta[j] as number) - (theta[i] as number)));
      const r = (c.winsI[k] as number) + ties / 2 - total * p;
      g[i] = (g[i] as number) + r;
      g[j] = (g[j] as number) - r;
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (theta[i] as number) + (g[i] as number) / (bound[i] as number);
    mean /= n;
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      const step = (g[i] as number) / (bound[i] as number) - mean;
      theta[i] = (theta[i] as number) + step;
      maxStep = Math.max(maxStep, Math.abs(step));
    }
    if (maxStep < tolerance) break;
  }
  return { theta, iterations };
}

/** Bootstrap by brute force: every round, exact Poisson draws of every count and a fit from zero. */
function naiveBootstrap(c: Comparisons, rounds: number, random: () => number): { lower: Float64Array; upper: Float64Array } {
  const m = c.i.length;
  const columns = Array.from({ length: c.n }, () => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const resampled: Comparisons = { ...c, winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      resampled.winsI[k] = poisson(c.winsI[k] as number, random);
      resampled.winsJ[k] = poisson(c.winsJ[k] as number, random);
      resampled.ties[k] = poisson(c.ties[k] as number, random);
    }
    naiveFit(resampled).theta.forEach((t, i) => columns[i]?.push(t));
  }
  const at = (s: number[], q: number) => {
    const pos = q * (s.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, s.length - 1);
    return (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
  };
  const lower = new Float64Array(c.n);
  const upper = new Float64Array(c.n);
  columns.forEach((col, i) => {
    col.sort((a, b) => a - b);
    lower[i] = at(col, 0.025);
    upper[i] = at(col, 0.975);
  });
  return { lower, upper };
}

// ---- diagnostics --------------------------------------------------------------------------------

export interface ChordStats {
  /** The full-data fit the chord steps start from (its time, ms). */
  fitMs: number;
  rounds: number;
  /** Rounds whose chord iteration converged within the engine's 12 steps (the rest fall back to Newton). */
  converged: number;
  meanSteps: number;
}

/**
 * Replays the bootstrap's chord iteration (bootstrap.ts) for a few rounds, without the Newton
 * fallback, to show how often the cheap path works on this data.
 */
function chordStats(c: Comparisons, rounds: number): ChordStats {
  const n = c.n;
  const m = c.i.length;
  const [full, fitMs] = time(() => fitBradleyTerry(c));
  const factor = choleskyFactor(full.hessian, n);
  const resampled: Comparisons = { ...c, winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) };
  const draws = [c.winsI, c.winsJ, c.ties].map((counts) => new PoissonResampler(counts));
  const w = { a: new Float64Array(m), b: new Float64Array(m) };
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  const step = new Float64Array(n);
  const random = seededRandom(1);
  let converged = 0;
  let steps = 0;
  for (let r = 0; r < rounds; r++) {
    draws[0]?.draw(resampled.winsI, random);
    draws[1]?.draw(resampled.winsJ, random);
    draws[2]?.draw(resampled.ties, random);
    weightsOf(resampled, w);
    theta.set(full.theta);
    for (let s = 0; s < 12; s++) {
      gradient(resampled, w, theta, DEFAULT_LAMBDA, g);
      choleskySolve(factor, n, g, step);
      let maxStep = 0;
      for (let i = 0; i < n; i++) {
        theta[i] = (theta[i] as number) + (step[i] as number);
        maxStep = Math.max(maxStep, Math.abs(step[i] as number));
      }
      steps++;
      if (maxStep < 1e-6) {
        converged++;
        break;
      }
    }
  }
  return { fitMs, rounds, converged, meanSteps: steps / rounds };
}

// ---- part 1: leaderboard ------------------------------------------------------------------------

export interface LeaderboardBench {
  candidates: number;
  votes: number;
  pairs: number;
  generateMs: number;
  tallyMs: number;
  runs: number;
  /** Medians over `runs`. */
  leaderboardMs: number;
  fitMs: number;
  bootstrapMs: number;
  /** The bootstrap's Poisson draws alone (3 × pairs × 200). */
  resampleMs: number;
  fitIterations: number;
  chord: ChordStats;
  naive: { fitMs: number; bootstrapMs: number; iterations: number; maxScoreDiff: number; maxBoundDiff: number };
}

function leaderboardBench(opts: RatingOptions): LeaderboardBench {
  const candidates = 150;
  const [votes, generateMs] = time(() => generateVotes(candidates, opts.votes, 0.05, 2024));
  const [c, tallyMs] = time(() => tally(votes));
  log(`workload: ${candidates} candidates, ${fmtInt(opts.votes)} votes generated in ${fmtMs(generateMs)} ms, tallied into ${fmtInt(c.i.length)} pair cells in ${fmtMs(tallyMs)} ms`);

  let engine = computeLeaderboard(c, { rounds: ROUNDS, seed: 1 }); // warm-up (JIT)
  const lb: number[] = [];
  const fit: number[] = [];
  const boot: number[] = [];
  const resample: number[] = [];
  let fitIterations = 0;
  for (let r = 0; r < opts.runs; r++) {
    let ms: number;
    [engine, ms] = time(() => computeLeaderboard(c, { rounds: ROUNDS, seed: 1 }));
    lb.push(ms);
    const [f, fitMs] = time(() => fitBradleyTerry(c));
    fit.push(fitMs);
    fitIterations = f.iterations;
    boot.push(time(() => bootstrapIntervals(c, f, { rounds: ROUNDS, random: seededRandom(1) }))[1]);
    resample.push(
      time(() => {
        const random = seededRandom(1);
        const out = new Float64Array(c.i.length);
        const draws = [c.winsI, c.winsJ, c.ties].map((counts) => new PoissonResampler(counts));
        for (let k = 0; k < ROUNDS; k++) for (const d of draws) d.draw(out, random);
      })[1],
    );
  }
  const chord = chordStats(c, 50);

  naiveFit(c); // warm-up
  const naiveFits: number[] = [];
  let nf = naiveFit(c);
  for (let r = 0; r < opts.runs; r++) {
    let ms: number;
    [nf, ms] = time(() => naiveFit(c));
    naiveFits.push(ms);
  }
  const [nb, naiveBootMs] = time(() => naiveBootstrap(c, ROUNDS, seededRandom(7)));
  let maxScoreDiff = 0;
  let maxBoundDiff = 0;
  nf.theta.forEach((t, i) => {
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(toScore(t) - (engine.scores[i] as number)));
    maxBoundDiff = Math.max(
      maxBoundDiff,
      Math.abs(toScore(nb.lower[i] as number) - (engine.lower[i] as number)),
      Math.abs(toScore(nb.upper[i] as number) - (engine.upper[i] as number)),
    );
  });
  return {
    candidates,
    votes: opts.votes,
    pairs: c.i.length,
    generateMs,
    tallyMs,
    runs: opts.runs,
    leaderboardMs: median(lb),
    fitMs: median(fit),
    bootstrapMs: median(boot),
    resampleMs: median(resample),
    fitIterations,
    chord,
    naive: { fitMs: median(naiveFits), bootstrapMs: naiveBootMs, iterations: nf.iterations, maxScoreDiff, maxBoundDiff },
  };
}

// ---- part 2: per-pick cost of the aggregates ----------------------------------------------------

export interface PickCostBench {
  picks: number;
  /** µs per pick, from the median batch of 50 (commit included). */
  recordPickUs: number;
  insertOnlyUs: number;
  /** pair-cell wins add up to the picks recorded through recordPick. */
  consistent: boolean;
  /** SQLite's synchronous setting as the store opened it (whether a commit fsyncs). */
  synchronous: string;
}

/** [game_id, version, worldcup_id, round, winner_id, loser_id, created_at]: the pick row alone. */
const insertPickOnly = new QueryTemplate<[string, number, string, number, string, string, number]>((db) =>
  db.insertInto('picks').values({ game_id: '', version: 0, worldcup_id: '', round: 0, winner_id: '', loser_id: '', created_at: 0 }),
);

async function pickCostBench(batches: number): Promise<PickCostBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-rating-'));
  const store = await openStore({ sqlitePath: path.join(dir, 'versus.db') }, (e) => e instanceof AppError);
  try {
    const n = 150;
    const now = Date.now();
    const wc: WorldcupRow = {
      id: 'wcbenchrating',
      owner: 'bench',
      slug: null,
      title: '레이팅 벤치 (bench)',
      description: '',
      visibility: 'public',
      tags: '[]',
      search_text: 'rating bench',
      candidate_count: n,
      cover_image_id: null,
      plays: 0,
      finishes: 0,
      created_at: now,
      updated_at: now,
    };
    const ids = Array.from({ length: n }, (_, i) => `${wc.id}c${String(i).padStart(4, '0')}`);
    const candidates: NewCandidateRow[] = ids.map((id, position) => ({
      id,
      worldcup_id: wc.id,
      position,
      name: `후보 ${position + 1}`,
      group_name: null,
      caption: null,
      image_id: null,
      video_url: null,
      video_id: null,
      video_start: null,
      video_end: null,
      text: `candidate ${position + 1}`,
      active: 1,
    }));
    await store.transaction((tx) => tx.worldcups.insert(wc, [], candidates));
    const game = (id: string) => ({
      id,
      worldcup_id: wc.id,
      owner: 'bench',
      size: 1024,
      version: 0,
      created_at: now,
      updated_at: now,
      finished_at: null,
      champion_id: null,
    });
    await store.games.insert(game('gaggregate'), ids.slice(0, 16));
    await store.games.insert(game('grawonly'), ids.slice(0, 16));

    const random = seededRandom(11);
    const theta = Float64Array.from({ length: n }, () => normal(random));
    const pick = () => {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      const aWins = random() < 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)));
      return { winnerId: ids[aWins ? a : b] as string, loserId: ids[aWins ? b : a] as string };
    };
    let aggVersion = 0;
    let rawVersion = 0;
    const withAggregate = () =>
      store.transaction(async (tx) => {
        for (let k = 0; k < PICK_BATCH; k++) {
          const p = pick();
          await tx.games.recordPick({ worldcupId: wc.id, gameId: 'gaggregate', version: ++aggVersion, round: 1024, ...p, at: now });
        }
      });
    // The same transaction store.transaction opens, running only the pick-row insert.
    const rowOnly = () =>
      store.kysely.transaction().execute(async (trx) => {
        for (let k = 0; k < PICK_BATCH; k++) {
          const p = pick();
          await insertPickOnly.run(trx, ['grawonly', ++rawVersion, wc.id, 1024, p.winnerId, p.loserId, now]);
        }
      });
    // Warm-up: statements prepared, pages cached, every pair cell of the world cup mostly present.
    for (let b = 0; b < 40; b++) {
      await withAggregate();
      await rowOnly();
    }
    const agg: number[] = [];
    const raw: number[] = [];
    for (let b = 0; b < batches; b++) {
      // Alternate which goes first, so both see the same conditions.
      for (const which of b % 2 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        await (which === 0 ? withAggregate() : rowOnly());
        (which === 0 ? agg : raw).push(performance.now() - t0);
      }
    }
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.kysely);
    const level = Number(sync.rows[0]?.synchronous);
    const counted = await sql<{ w: number }>`select coalesce(sum(lo_wins + hi_wins), 0) as w from pair_counts where worldcup_id = ${wc.id}`.execute(
      store.kysely,
    );
    return {
      picks: batches * PICK_BATCH,
      recordPickUs: (median(agg) * 1000) / PICK_BATCH,
      insertOnlyUs: (median(raw) * 1000) / PICK_BATCH,
      consistent: Number(counted.rows[0]?.w) === aggVersion,
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level),
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- part 3: a big world cup --------------------------------------------------------------------

export interface BigBench {
  candidates: number;
  votes: number;
  pairs: number;
  leaderboardMs: number;
  fitMs: number;
  chord: ChordStats;
  finite: boolean;
}

function bigBench(): BigBench {
  const candidates = 1_000;
  const votes = 200_000;
  const c = tally(generateVotes(candidates, votes, 0.05, 4048));
  const [lb, leaderboardMs] = time(() => computeLeaderboard(c, { rounds: ROUNDS, seed: 1 }));
  const finite = [...lb.scores, ...lb.lower, ...lb.upper].every(Number.isFinite);
  const chord = chordStats(c, 10);
  return { candidates, votes, pairs: c.i.length, leaderboardMs, fitMs: chord.fitMs, chord, finite };
}

// ---- run ----------------------------------------------------------------------------------------

export interface RatingResult {
  options: RatingOptions;
  leaderboard: LeaderboardBench;
  picks: PickCostBench;
  big?: BigBench | undefined;
  /** Sanity checks that failed (the work did not happen as it should). */
  problems: string[];
}

const speedup = (x: number): string => `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}×`;
const pct = (part: number, whole: number): string => `${Math.round((100 * part) / whole)}%`;

function printRating(r: RatingResult): void {
  const l = r.leaderboard;
  const chord = (s: ChordStats) => `${s.converged}/${s.rounds} rounds converge in ≤ 12 chord steps (mean ${s.meanSteps.toFixed(1)} steps)`;
  log('');
  log(
    table(
      [`${l.candidates} candidates, ${fmtInt(l.votes)} votes, ${ROUNDS} rounds`, 'Versus ms', 'naive ms', 'speed-up'],
      [
        ['computeLeaderboard (scores + CIs + ranks)', fmtMs(l.leaderboardMs), fmtMs(l.naive.fitMs + l.naive.bootstrapMs), speedup((l.naive.fitMs + l.naive.bootstrapMs) / l.leaderboardMs)],
        [`  BT fit (${l.fitIterations} Newton steps; naive ${fmtInt(l.naive.iterations)} gradient steps)`, fmtMs(l.fitMs), fmtMs(l.naive.fitMs), speedup(l.naive.fitMs / l.fitMs)],
        ['  bootstrap, 200 refits', fmtMs(l.bootstrapMs), fmtMs(l.naive.bootstrapMs), speedup(l.naive.bootstrapMs / l.bootstrapMs)],
        ['    of which Poisson resampling', `${fmtMs(l.resampleMs)} (${pct(l.resampleMs, l.bootstrapMs)})`, '', ''],
        ['    of which chord refits (the rest)', `${fmtMs(l.bootstrapMs - l.resampleMs)} (${pct(l.bootstrapMs - l.resampleMs, l.bootstrapMs)})`, '', ''],
      ],
      [1, 2, 3],
    ),
  );
  log(`(medians of ${l.runs} runs after a warm-up; the naive bootstrap ran once; naive = gradient ascent to the same 1e-9 tolerance + refits from zero with exact Poisson draws)`);
  log(`naive vs Versus: scores differ by at most ${l.naive.maxScoreDiff.toExponential(1)} (must be < 0.01); CI bounds by at most ${l.naive.maxBoundDiff.toFixed(1)} score points (different random draws)`);
  log(`chord refits on this data: ${chord(l.chord)}`);
  log(
    `LMArena FastChat reference (compute_bt + compute_bootstrap_bt, 100 rounds, scipy, 2 processes): ${fmtInt(FASTCHAT_MS)} ms — documented constant, not measured — ` +
      `${speedup(FASTCHAT_MS / l.leaderboardMs)} slower than Versus with twice the rounds`,
  );
  const whole = l.fitMs + l.bootstrapMs;
  log(
    `target ≤ ${TARGET_MS} ms: ${l.leaderboardMs <= TARGET_MS ? 'met' : 'MISSED'} (${fmtMs(l.leaderboardMs)} ms; of fit + bootstrap = ${fmtMs(whole)} ms: ` +
      `fit ${pct(l.fitMs, whole)}, Poisson resampling ${pct(l.resampleMs, whole)}, chord refits ${pct(l.bootstrapMs - l.resampleMs, whole)})`,
  );
  const p = r.picks;
  log(
    `\nper pick, batches of ${PICK_BATCH} in one store.transaction, commit included (SQLite, synchronous=${p.synchronous}; ${fmtInt(p.picks)} picks each): ` +
      `recordPick (row + pair-cell upsert) ${p.recordPickUs.toFixed(1)} µs, pick row only ${p.insertOnlyUs.toFixed(1)} µs → ` +
      `the aggregate costs ${(p.recordPickUs - p.insertOnlyUs).toFixed(1)} µs per pick; pair cells ${p.consistent ? 'consistent' : 'INCONSISTENT'} with the picks`,
  );
  if (r.big) {
    const b = r.big;
    log(
      `\nrecompute, ${fmtInt(b.candidates)} candidates / ${fmtInt(b.votes)} votes (${fmtInt(b.pairs)} pair cells): computeLeaderboard ${fmtMs(b.leaderboardMs)} ms ` +
        `(fit ${fmtMs(b.fitMs)} ms, bootstrap ≈ ${fmtMs(b.leaderboardMs - b.fitMs)} ms; one run); ${chord(b.chord)}`,
    );
  }
  for (const problem of r.problems) log(`!! ${problem}`);
}

export async function runRatingBench(opts: RatingOptions = ratingOptionsFromEnv()): Promise<RatingResult> {
  log(`\n## rating engine: leaderboard from pair counts (${ROUNDS} bootstrap rounds), per-pick aggregate cost, big recompute`);
  const t0 = performance.now();
  const leaderboard = leaderboardBench(opts);
  const t1 = performance.now();
  const picks = await pickCostBench(opts.pickBatches);
  const t2 = performance.now();
  const big = opts.big ? bigBench() : undefined;
  const t3 = performance.now();
  const seconds = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
  const problems: string[] = [];
  if (!(leaderboard.naive.maxScoreDiff < 0.01)) problems.push(`naive and Versus scores differ by ${leaderboard.naive.maxScoreDiff}`);
  if (!picks.consistent) problems.push('pair-cell wins do not add up to the recorded picks');
  if (big && !big.finite) problems.push('the 1,000-candidate leaderboard has non-finite values');
  const result: RatingResult = { options: opts, leaderboard, picks, big, problems };
  printRating(result);
  log(`(rating bench time: leaderboard ${seconds(t0, t1)}, per pick ${seconds(t1, t2)}${big ? `, recompute ${seconds(t2, t3)}` : ''})`);
  return result;
}

if (isMain(import.meta.url)) {
  runRatingBench().then(
    (r) => process.exit(r.problems.length > 0 ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
