import { Worker } from 'node:worker_threads';
import { type Comparisons, packComparisons } from '../../domain/rating/comparisons.js';
import type { CellFilter } from '../../store/votes-repo.js';
import type { Leaderboard } from '../../domain/rating/leaderboard.js';
import type { PairCells } from './pair-cells.js';
import type { PreparedFit, RatingJob, RatingRequest, RatingResponse, WorkerSetup } from './protocol.js';

type RatingSuccess = Extract<RatingResponse, { ok: true }>;

/**
 * One worker thread that computes leaderboards, one request at a time in arrival order (the
 * engine's scheduler gives each worker one job at a time). When run from TypeScript sources
 * (tests, `npm run dev`) the worker is loaded through tsx.
 */
export class RatingWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: RatingSuccess) => void; reject: (e: Error) => void }>();

  constructor(private readonly setup: WorkerSetup = {}) {}

  private start(): Worker {
    const fromSource = import.meta.url.endsWith('.ts');
    const file = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
    // From sources, a worker has no TypeScript loader of its own: register tsx's, then load the file.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true, workerData: this.setup },
        )
      : new Worker(file, { workerData: this.setup });
    worker.on('message', (res: RatingResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (this.pending.size === 0) worker.unref();
      if (res.ok) p.resolve(res);
      else p.reject(new Error(res.error));
    });
    const failAll = (error: Error) => {
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`rating worker exited with code ${code}`)));
    // An idle worker must not keep a finished process alive; a busy one must (see compute).
    worker.unref();
    return worker;
  }

  /** Whether a computation is under way on this worker. */
  get isBusy(): boolean {
    return this.pending.size > 0;
  }

  /** The whole leaderboard of `c` (with the camps' statistics when `groups` is given). */
  async compute(c: Comparisons, rounds: number, init: Float64Array = new Float64Array(c.n), groups?: Int32Array): Promise<Leaderboard & { ms: number }> {
    const res = await this.send(c, rounds, init, groups, { kind: 'leaderboard' });
    if (res.kind !== 'leaderboard') throw new Error('rating worker answered the wrong job');
    return res;
  }

  /** Whether this worker can read pair cells itself (SQLite). */
  get readsPairs(): boolean {
    return this.setup.sqlitePath !== undefined;
  }

  /** The world cup's pair cells among `candidateIds` (those `filter` selects), read by the worker on its own connection (see `readsPairs`). */
  async pairs(worldcupId: string, candidateIds: string[], filter?: CellFilter): Promise<PairCells> {
    const res = await this.send(packComparisons(0, []), 0, new Float64Array(0), undefined, { kind: 'pairs', worldcupId, candidateIds, filter });
    if (res.kind !== 'pairs') throw new Error('rating worker answered the wrong job');
    return res.cells;
  }

  /** Stage 1 of a shared leaderboard: the solver and the full fit. */
  async prepare(c: Comparisons, rounds: number, init: Float64Array, groups?: Int32Array): Promise<PreparedFit> {
    const res = await this.send(c, rounds, init, groups, { kind: 'prepare' });
    if (res.kind !== 'prepare') throw new Error('rating worker answered the wrong job');
    return { solver: res.solver, theta: res.theta };
  }

  /** Stage 2: bootstrap rounds `from` … `to` − 1. */
  async replicates(c: Comparisons, rounds: number, fit: PreparedFit, from: number, to: number): Promise<Float64Array> {
    const res = await this.send(c, rounds, new Float64Array(c.n), undefined, { kind: 'replicates', fit, from, to });
    if (res.kind !== 'replicates') throw new Error('rating worker answered the wrong job');
    return res.samples;
  }

  /** Stage 3: intervals, ranks and camps from every round's replicates. */
  async finish(c: Comparisons, rounds: number, groups: Int32Array | undefined, fit: PreparedFit, samples: Float64Array): Promise<Leaderboard & { ms: number }> {
    const res = await this.send(c, rounds, new Float64Array(c.n), groups, { kind: 'finish', fit, samples });
    if (res.kind !== 'leaderboard') throw new Error('rating worker answered the wrong job');
    return res;
  }

  private send(c: Comparisons, rounds: number, init: Float64Array, groups: Int32Array | undefined, job: RatingJob): Promise<RatingSuccess> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const req: RatingRequest = { id, n: c.n, i: c.i, j: c.j, winsI: c.winsI, winsJ: c.winsJ, ties: c.ties, rounds, init, groups, job };
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/**
 * One leaderboard computed by a team of workers: the fit on the first, the bootstrap rounds shared
 * out among all of them (those still idle when the fit is done), the intervals put together on the
 * first. Each round's randomness depends only on its number (domain/rating/random.ts roundBits), so
 * the ranking is the same however many workers computed it.
 */
export async function sharedLeaderboard(
  team: readonly RatingWorker[],
  c: Comparisons,
  rounds: number,
  init: Float64Array,
  groups: Int32Array | undefined,
): Promise<Leaderboard & { ms: number }> {
  const [lead, ...helpers] = team;
  if (!lead) throw new Error('a team has at least one worker');
  const started = performance.now();
  const fit = await lead.prepare(c, rounds, init, groups);
  const workers = [lead, ...helpers.filter((w) => !w.isBusy)];
  const share = Math.ceil(rounds / workers.length);
  const parts = await Promise.all(workers.map((w, k) => w.replicates(c, rounds, fit, Math.min(rounds, k * share), Math.min(rounds, (k + 1) * share))));
  const samples = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  const board = await lead.finish(c, rounds, groups, fit, samples);
  return { ...board, ms: performance.now() - started };
}
