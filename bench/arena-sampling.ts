/**
 * Arena sample efficiency (issue 13): how many votes the active pair sampler needs to find the top k,
 * next to uniform pairs, on the same simulated voters (src/domain/arena/simulate.ts).
 *
 *   40 candidates with θ ~ N(0, 1), 20 seeds, top 5: votes until the fitted top 5 is the true top 5
 *   and stays so for 500 more votes, for `uniform` and `active` on the same truths and voters
 *   (refit every 25 votes, 50 bootstrap rounds). Prints the median of each, the ratio active /
 *   uniform next to the target (≤ 0.5×; a simple boundary sampler measured 0.57×), and Kendall τ of
 *   the full fitted order at equal vote counts (mean over seeds, with the paired difference's ±2 SE
 *   as the noise band).
 *
 * By default every simulated vote goes through the service layer (BattleService.start and .vote on
 * a fresh SQLite store per run: the server's own sampler on the engine's ranking as last
 * computed, refreshed every 25 votes; its draws seeded per run, so a run repeats); BENCH_ARENA_THROUGH=domain runs the sampler directly
 * (faster, for tuning).
 *
 * Env: BENCH_ARENA_THROUGH (services), BENCH_ARENA_SEEDS (20), BENCH_ARENA_CANDIDATES (40), BENCH_ARENA_TOPK (5),
 *      BENCH_ARENA_CONFIRM (500), BENCH_ARENA_MAX_VOTES (12000; a run that has not found the top by then counts as ∞ in the median), BENCH_ARENA_REFIT (25),
 *      BENCH_ARENA_ROUNDS (50), BENCH_ARENA_TUNING (JSON of sampler.ts's ActiveTuning, for experiments).
 * Standalone: npx tsx bench/arena-sampling.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SimulationOptions, type SimulationResult, simulate } from '../src/domain/arena/simulate.js';
import { simulateThroughServices } from '../src/services/arena-simulation.js';
import { AppError } from '../src/services/errors.js';
import { openStore } from '../src/store/store.js';
import type { ActiveTuning } from '../src/domain/arena/sampler.js';
import { envNumber, fmtInt, isMain, log, table } from './lib.js';

export const ARENA_TARGET = 0.5;

export interface ArenaOptions {
  seeds: number;
  candidates: number;
  topK: number;
  confirmVotes: number;
  maxVotes: number;
  refitEvery: number;
  rounds: number;
  tauAt: number[];
  tuning: Partial<ActiveTuning> | undefined;
  through: 'services' | 'domain';
}

export interface ModeSummary {
  /** Votes per seed (null: not found within maxVotes). */
  votes: (number | null)[];
  median: number;
  /** Mean τ at each `tauAt`. */
  tau: number[];
}

export interface ArenaResult {
  options: ArenaOptions;
  uniform: ModeSummary;
  active: ModeSummary;
  ratio: number;
  /** Mean paired τ difference (active − uniform) and 2 standard errors, per `tauAt`. */
  tauDiff: { mean: number; twoSe: number }[];
  seconds: number;
  problems: string[];
}

export function arenaOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ArenaOptions {
  const num = (v: string | undefined, d: number) => Math.round(envNumber(v, d));
  const tuning = env.BENCH_ARENA_TUNING ? (JSON.parse(env.BENCH_ARENA_TUNING) as Partial<ActiveTuning>) : undefined;
  return {
    seeds: num(env.BENCH_ARENA_SEEDS, 20),
    candidates: num(env.BENCH_ARENA_CANDIDATES, 40),
    topK: num(env.BENCH_ARENA_TOPK, 5),
    confirmVotes: num(env.BENCH_ARENA_CONFIRM, 500),
    maxVotes: num(env.BENCH_ARENA_MAX_VOTES, 12_000),
    refitEvery: num(env.BENCH_ARENA_REFIT, 25),
    rounds: num(env.BENCH_ARENA_ROUNDS, 50),
    tauAt: [1000, 2000, 3000],
    tuning,
    through: env.BENCH_ARENA_THROUGH === 'domain' ? 'domain' : 'services',
  };
}

/** Median with "not found" as +∞ (so a run that never finds the top counts against its mode). */
function medianVotes(votes: (number | null)[]): number {
  const sorted = votes.map((v) => v ?? Infinity).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summarise(runs: SimulationResult[], tauAt: number[]): ModeSummary {
  const votes = runs.map((r) => r.votes);
  const tau = tauAt.map((at) => {
    const values = runs.map((r) => r.tau.find((t) => t.at === at)?.tau ?? Number.NaN);
    return values.reduce((s, t) => s + t, 0) / values.length;
  });
  return { votes, median: medianVotes(votes), tau };
}

/** One run: through the services on a fresh SQLite store of its own, or the domain sampler directly. */
async function runOnce(through: 'services' | 'domain', opts: SimulationOptions): Promise<SimulationResult> {
  if (through === 'domain') return simulate(opts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-arena-'));
  const store = await openStore({ sqlitePath: path.join(dir, 'versus.db') }, (e) => e instanceof AppError);
  try {
    return await simulateThroughServices(store, opts);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runArenaBench(options: ArenaOptions = arenaOptionsFromEnv()): Promise<ArenaResult> {
  const t0 = performance.now();
  log(`\n## arena sampling: ${options.candidates} candidates, top ${options.topK}, ${options.seeds} seeds, confirm ${options.confirmVotes} votes, through the ${options.through === 'services' ? 'service layer' : 'domain sampler'}`);
  const runs: Record<'uniform' | 'active', SimulationResult[]> = { uniform: [], active: [] };
  for (let seed = 1; seed <= options.seeds; seed++) {
    const line: string[] = [];
    for (const mode of ['uniform', 'active'] as const) {
      const result = await runOnce(options.through, {
        n: options.candidates,
        seed,
        mode,
        topK: options.topK,
        confirmVotes: options.confirmVotes,
        maxVotes: options.maxVotes,
        refitEvery: options.refitEvery,
        rounds: options.rounds,
        tauAt: options.tauAt,
        ...(options.tuning ? { tuning: options.tuning } : {}),
      });
      runs[mode].push(result);
      line.push(`${mode} ${result.votes === null ? 'not found' : fmtInt(result.votes)}`);
    }
    log(`seed ${seed}: ${line.join(', ')}`);
  }
  const uniform = summarise(runs.uniform, options.tauAt);
  const active = summarise(runs.active, options.tauAt);
  const tauDiff = options.tauAt.map((at) => {
    const d = runs.active.map((r, s) => (r.tau.find((t) => t.at === at)?.tau ?? Number.NaN) - (runs.uniform[s]?.tau.find((t) => t.at === at)?.tau ?? Number.NaN));
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, d.length - 1));
    return { mean, twoSe: (2 * sd) / Math.sqrt(d.length) };
  });
  const problems: string[] = [];
  if (!Number.isFinite(uniform.median) || !Number.isFinite(active.median)) problems.push('a median run did not find the top k within maxVotes');
  return { options, uniform, active, ratio: active.median / uniform.median, tauDiff, seconds: (performance.now() - t0) / 1000, problems };
}

export function arenaRows(r: ArenaResult): string[][] {
  const o = r.options;
  const fmt = (v: number) => (Number.isFinite(v) ? fmtInt(v) : '∞');
  const rows = [
    [
      `arena: median votes to the true top ${o.topK} (+${o.confirmVotes} stable), ${o.candidates} cand., ${o.seeds} seeds`,
      `${fmt(r.active.median)} (active)`,
      `${fmt(r.uniform.median)} (uniform)`,
      `${r.ratio.toFixed(2)}× (target ≤ ${ARENA_TARGET}× ${r.ratio <= ARENA_TARGET ? 'met' : 'MISSED'}; simple boundary 0.57×)`,
    ],
  ];
  o.tauAt.forEach((at, x) => {
    const d = r.tauDiff[x];
    rows.push([
      `  Kendall τ, full order, at ${fmtInt(at)} votes`,
      `${(r.active.tau[x] ?? Number.NaN).toFixed(3)} (active)`,
      `${(r.uniform.tau[x] ?? Number.NaN).toFixed(3)} (uniform)`,
      d ? `Δ ${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(3)} ± ${d.twoSe.toFixed(3)} (2 SE)` : '',
    ]);
  });
  return rows;
}

if (isMain(import.meta.url)) {
  runArenaBench().then(
    (r) => {
      log(table(['benchmark', 'figure', 'baseline', 'ratio'], arenaRows(r)));
      log(`(${r.seconds.toFixed(0)} s)`);
      if (r.problems.length > 0) log(`!! ${r.problems.join('; ')}`);
      process.exit(r.problems.length > 0 ? 1 : 0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
