import { availableParallelism } from 'node:os';
import { toTheta } from '../../domain/rating/bradley-terry.js';
import { type Comparisons, packComparisons } from '../../domain/rating/comparisons.js';
import { type Leaderboard, chooseSolver } from '../../domain/rating/leaderboard.js';
import type { Store } from '../../store/store.js';
import type { DomainEventBus } from '../domain-events.js';
import { SizedLru } from '../sized-lru.js';
import { FairQueue } from './fair-queue.js';
import { type RankingResult, type RankingView, unscored, viewKey } from './ranking-result.js';
import { GapRecorder } from './gap-points.js';
import { cellsOf, comparisonsOf, rowsOf } from './pair-cells.js';
import { RatingWorker, sharedLeaderboard } from './rating-worker.js';
import { type SnapshotItem, encodeSnapshot, hourBucket } from './snapshots.js';

export type { RankingResult, RankingView };

export interface EngineOptions {
  /** Bootstrap refits per computation. */
  rounds?: number;
  /** Never start computations of one world cup closer together than this. */
  minIntervalMs?: number;
  /** Wait this long after a pick before computing, to take in the picks that follow it. */
  settleMs?: number;
  /** Write a snapshot at most this often per world cup (the hour's snapshot is replaced). */
  snapshotEveryMs?: number;
  /** Worker threads computing rankings (config RATING_WORKERS); by default one per core but one. */
  workers?: number;
  /** Memory for the last results of world cups (their pair counts included). */
  resultBytes?: number;
  /**
   * How long a read waits for the computation that takes in the reader's own votes (read-your-
   * writes) before it answers with the last ranking computed; reads never start a computation.
   */
  readWaitMs?: number;
  /**
   * Waits for the world cup's cluster-wide lock, so that with several instances one computes at a
   * time (the lock expires by itself after `ttlMs`). Without it, this instance is alone.
   */
  lock?: (worldcupId: string, ttlMs: number) => Promise<() => Promise<void>>;
}

interface WorldcupState {
  worldcupId: string;
  view: RankingView | undefined;
  isDirty: boolean;
  timer: NodeJS.Timeout | undefined;
  running: Promise<RankingResult> | undefined;
  lastStartedAt: number;
  /** How long the last computation took, reads included: big world cups are recomputed less often. */
  lastDurationMs: number;
  lastSnapshotAt: number;
  /** Candidates ranked in the last snapshot: a ranking that ranks more is saved at once. */
  lastSnapshotRanked: number;
  /** Readers waiting for the next result (undefined when it failed). */
  waiters: ((result: RankingResult | undefined) => void)[];
}

/** Pairs × rounds from which a computation's bootstrap is shared among idle workers (smaller ones are over before the hand-offs pay). */
const SHARE_FROM_PAIR_ROUNDS = 2_000_000;

/** About what a result takes in memory: its pair rows dominate. */
const resultBytes = (r: RankingResult): number => 2_000 + 160 * r.pairs.length + 120 * r.candidateIds.length;

/** By default every core but one computes rankings (the event loop keeps one); at least one. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism() - 1);

/**
 * Keeps each world cup's ranking fresh without doing work per pick or per read: a pick (or an edit)
 * marks the world cup dirty, and a recompute runs `settleMs` later on a worker thread, at most once
 * per max(`minIntervalMs`, 4 × its last duration) — the per-world-cup budget: however busy, one world
 * cup can occupy at most a fifth of a worker. Which dirty world cup a free worker takes is decided
 * by a fair queue (fair-queue.ts): each world cup waits behind at most one job of each other, and
 * the least busy goes first. Reads return the last result; they wait only for a computation that is
 * already due (read-your-writes), and at most `readWaitMs`.
 */
export class RankingEngine {
  private readonly results: SizedLru<RankingResult>;
  private readonly states = new Map<string, WorldcupState>();
  /** The view keys of each world cup that has any (all votes' key excluded). */
  private readonly viewKeys = new Map<string, Set<string>>();
  private readonly workers: RatingWorker[];
  private readonly queue = new FairQueue();
  private readonly gaps: GapRecorder;
  private readonly rounds: number;
  private readonly minIntervalMs: number;
  private readonly settleMs: number;
  private readonly snapshotEveryMs: number;
  private readonly readWaitMs: number;
  private isClosed = false;

  /**
   * Subscribes to the votes and edits that make a world cup's ranking due, and publishes each new
   * result as `ranking.computed` — while still holding the world cup's lock, and awaiting the
   * subscribers, so that publishers take turns and deltas go out in order.
   */
  constructor(
    private readonly store: Store,
    private readonly events: DomainEventBus,
    private readonly opts: EngineOptions = {},
  ) {
    // A flagged game's picks change no count: nothing to recompute (its flagging does change them).
    events.on('votes.changed', (e) => (e.counted ? this.noteChange(e.worldcupId) : undefined));
    events.on('worldcup.changed', (e) => (e.candidatesChanged ? this.noteChange(e.worldcupId) : undefined));
    this.rounds = opts.rounds ?? 200;
    // 180 ms: a viewer sees a pick within a quarter second at the 99th percentile (the wait for the
    // next computation is up to this long, plus ~30 ms of computing and ~40 ms of fan-out), and no
    // world cup's table changes more than five or six times a second.
    this.minIntervalMs = opts.minIntervalMs ?? 180;
    this.settleMs = opts.settleMs ?? 30;
    this.snapshotEveryMs = opts.snapshotEveryMs ?? 60_000;
    this.readWaitMs = opts.readWaitMs ?? 2_000;
    this.results = new SizedLru(opts.resultBytes ?? 128 * 1024 * 1024, resultBytes);
    // On SQLite the workers also read the pair cells, on connections of their own (off the event loop).
    this.workers = Array.from({ length: Math.max(1, opts.workers ?? defaultWorkers()) }, () => new RatingWorker({ sqlitePath: store.sqlitePath }));
    this.gaps = new GapRecorder(store);
  }

  /** Starts the worker threads and waits until they answer, so the first ranking is not delayed by them. */
  async warmUp(): Promise<void> {
    const empty = packComparisons(0, []);
    await Promise.all(this.workers.map((w) => w.compute(empty, 1)));
  }

  /**
   * A counted vote changed in this world cup, or which candidates it ranks did: its ranking is
   * recomputed soon; its views are due, recomputed when next read (nobody may be looking at them).
   */
  noteChange(worldcupId: string): void {
    const state = this.state(worldcupId, undefined);
    state.isDirty = true;
    this.schedule(worldcupId, state);
    this.markViews(worldcupId);
  }

  private markViews(worldcupId: string): void {
    for (const key of this.viewKeys.get(worldcupId) ?? []) {
      const view = this.states.get(key);
      if (view) view.isDirty = true;
    }
  }

  /**
   * Another instance computed this world cup from votes this one may not have seen: the next read
   * asks for a recompute (nothing is scheduled, so an instance nobody asks does no work).
   */
  invalidate(worldcupId: string): void {
    const state = this.states.get(worldcupId);
    if (state) state.isDirty = true;
    this.markViews(worldcupId);
  }

  /**
   * The world cup's ranking. The last result when nothing is due; while a computation is due (a
   * vote or edit since the last one, or none yet here), the result that takes it in, waiting at most
   * `readWaitMs` and then answering with what there is (undefined only before any result). A read
   * never adds work: it joins the computation that is due, queued fairly like any other.
   */
  async current(worldcupId: string, view?: RankingView): Promise<RankingResult> {
    const key = viewKey(worldcupId, view);
    const state = this.state(worldcupId, key === worldcupId ? undefined : view);
    const known = this.results.get(key);
    if (known && !state.isDirty && !state.running) return known;
    let next: Promise<RankingResult | undefined>;
    if (state.running && !state.isDirty) {
      // Under way and started after the last change: it takes in everything committed so far.
      next = state.running.catch(() => undefined);
    } else {
      state.isDirty = true;
      this.schedule(key, state);
      next = new Promise((resolve) => state.waiters.push(resolve));
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.readWaitMs)));
    const result = await Promise.race([next, late]);
    clearTimeout(timer);
    return result ?? this.results.get(key) ?? this.unscoredResult(state);
  }

  /**
   * The world cup's ranking of all votes as last computed here, without waiting for one that is
   * due (the arena's sampler: a battle is drawn now, from what is known); the one due is computed
   * when anyone reads or votes. Waits only when there is none yet here.
   */
  latest(worldcupId: string): Promise<RankingResult> {
    const known = this.results.get(worldcupId);
    return known ? Promise.resolve(known) : this.current(worldcupId);
  }

  /** Drops a world cup's state and result (it was deleted); a computation under way is not rescheduled. */
  forget(worldcupId: string): void {
    for (const key of [worldcupId, ...(this.viewKeys.get(worldcupId) ?? [])]) {
      const state = this.states.get(key);
      if (state) state.isDirty = false;
      if (state?.timer) clearTimeout(state.timer);
      this.states.delete(key);
      this.results.delete(key);
      this.queue.delete(key);
    }
    this.viewKeys.delete(worldcupId);
    this.gaps.forget(worldcupId);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.allSettled([...this.states.values()].flatMap((s) => (s.running ? [s.running] : [])));
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private state(worldcupId: string, view: RankingView | undefined): WorldcupState {
    const key = viewKey(worldcupId, view);
    let state = this.states.get(key);
    if (!state) {
      state = { worldcupId, view, isDirty: false, timer: undefined, running: undefined, lastStartedAt: 0, lastDurationMs: 0, lastSnapshotAt: 0, lastSnapshotRanked: 0, waiters: [] };
      this.states.set(key, state);
      if (key !== worldcupId) this.viewKeys.set(worldcupId, (this.viewKeys.get(worldcupId) ?? new Set()).add(key));
    }
    return state;
  }

  /** `key`: the state's view key (see viewKey). */
  private schedule(key: string, state: WorldcupState): void {
    // A running one reschedules when it ends; a queued one is taken in by the computation it waits for.
    if (state.timer || state.running || this.queue.has(key) || this.isClosed) return;
    // At most one computation per interval, and the interval at least four times the last
    // computation's length: one busy world cup can never keep more than a fifth of a worker busy.
    const interval = Math.max(this.minIntervalMs, 4 * state.lastDurationMs);
    const delay = Math.max(this.settleMs, state.lastStartedAt + interval - Date.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.queue.add(key);
      this.dispatch();
    }, delay);
    state.timer.unref();
  }

  /** Gives free workers the next rankings (world cups and their views, by key) from the fair queue. */
  private dispatch(): void {
    for (;;) {
      const worker = this.workers.find((w) => !w.isBusy);
      if (!worker || this.isClosed) return;
      const key = this.queue.next();
      if (key === undefined) return;
      const state = this.states.get(key);
      if (!state) continue; // forgotten meanwhile
      this.recompute(key, state, worker);
    }
  }

  private recompute(key: string, state: WorldcupState, worker: RatingWorker): void {
    state.isDirty = false;
    const waiters = state.waiters;
    state.waiters = [];
    const running = this.computeLocked(key, state, worker);
    state.running = running;
    running.then(
      (result) => waiters.forEach((w) => w(result)),
      // A failed background computation is retried by the next change or read; waiters get the last result.
      () => waiters.forEach((w) => w(undefined)),
    );
    void running
      .catch(() => undefined)
      .finally(() => {
        state.running = undefined;
        this.queue.charge(key, state.lastDurationMs);
        if (state.isDirty) this.schedule(key, state);
        this.dispatch();
      });
  }


  /** `key`: the state's view key; only the world cup's ranking of all votes is snapshotted and announced. */
  private async computeLocked(key: string, state: WorldcupState, worker: RatingWorker): Promise<RankingResult> {
    // Long enough for the computation, short enough that a crashed holder delays others only briefly.
    const release = this.opts.lock ? await this.opts.lock(key, 5_000 + 3 * state.lastDurationMs) : undefined;
    try {
      state.lastStartedAt = Date.now();
      const result = await this.compute(state, this.results.get(key), worker);
      state.lastDurationMs = Date.now() - state.lastStartedAt;
      // Not kept when the world cup was forgotten (deleted) meanwhile.
      if (this.states.get(key) === state) this.results.set(key, result);
      if (state.view !== undefined) return result;
      // At most one snapshot a minute, except when more candidates are ranked than in the last one:
      // a new world cup's first snapshot, taken after its first pick, would otherwise stand for a
      // minute with two candidates in the history.
      const ranked = result.ranks.filter((r) => r > 0).length;
      if (result.votes > 0 && (result.computedAt - state.lastSnapshotAt >= this.snapshotEveryMs || ranked > state.lastSnapshotRanked)) {
        state.lastSnapshotAt = result.computedAt;
        state.lastSnapshotRanked = ranked;
        await this.saveSnapshot(result);
      }
      await this.gaps.record(result);
      // Live updates are hints: the bus reports a subscriber's failure, never the ranking readers wait for.
      await this.events.emit('ranking.computed', { result });
      return result;
    } finally {
      await release?.().catch(() => undefined); // an unreleased lock expires by itself
    }
  }

  /**
   * A world cup's counts without scores: what a read answers when no ranking has been computed here
   * yet and the one due has not finished in time (not cached: the computation will be).
   */
  private async unscoredResult(state: WorldcupState): Promise<RankingResult> {
    const { base, candidateIds } = await this.load(state);
    return { ...base, ...unscored(candidateIds.length), computedAt: Date.now(), computeMs: 0 };
  }

  private async compute(state: WorldcupState, previous: RankingResult | undefined, worker: RatingWorker): Promise<RankingResult> {
    const started = Date.now();
    const { base, candidateIds, comparisons: c, groups } = await this.load(state, worker);
    // Nothing compared: every candidate sits at the prior's 1000, unranked. No worker needed.
    if (c.i.length === 0) return { ...base, ...unscored(candidateIds.length), computedAt: Date.now(), computeMs: Date.now() - started };
    // Warm start from the previous scores: a few new votes move θ little, so Newton needs a step or two.
    const init = new Float64Array(candidateIds.length);
    if (previous) {
      candidateIds.forEach((id, k) => {
        const before = previous.indexOf.get(id);
        if (before !== undefined) init[k] = toTheta(previous.scores[before] as number);
      });
    }
    const board = await this.leaderboard(c, init, groups, worker);
    return { ...base, scores: board.scores, lower: board.lower, upper: board.upper, ranks: board.ranks, components: board.components, camps: board.camps, computedAt: Date.now(), computeMs: board.ms };
  }

  /**
   * The leaderboard of `c` on `worker`; a big one on the sparse path also on every other idle
   * worker when no other world cup is waiting (see `sharedLeaderboard`).
   */
  private leaderboard(c: Comparisons, init: Float64Array, groups: Int32Array | undefined, worker: RatingWorker): Promise<Leaderboard & { ms: number }> {
    const helpers = this.workers.filter((w) => w !== worker && !w.isBusy);
    const compared = new Set([...c.i, ...c.j]).size;
    const isBig = c.i.length * this.rounds >= SHARE_FROM_PAIR_ROUNDS && chooseSolver(compared, c.i.length, this.rounds) === 'sparse';
    if (helpers.length === 0 || !isBig || this.queue.size > 0) return worker.compute(c, this.rounds, init, groups);
    return sharedLeaderboard([worker, ...helpers], c, this.rounds, init, groups);
  }

  /**
   * The world cup's active candidates, camps and pair counts, as a computation starts from them.
   * The cells are read by `worker` when it can (SQLite): tens of thousands of rows of a big world
   * cup would otherwise be built on the event loop, delaying every request for 100 ms and more.
   */
  private async load({ worldcupId, view }: WorldcupState, worker?: RatingWorker) {
    const candidates = await this.store.worldcups.candidates(worldcupId);
    const candidateIds = candidates.map((c) => c.id);
    const indexOf = new Map(candidateIds.map((id, k) => [id, k]));
    const groupNames = [...new Set(candidates.flatMap((c) => (c.group_name === null ? [] : [c.group_name])))].sort();
    const groupIndex = new Map(groupNames.map((name, k) => [name, k]));
    const groups = groupNames.length > 0 ? Int32Array.from(candidates, (c) => (c.group_name === null ? -1 : (groupIndex.get(c.group_name) ?? -1))) : undefined;
    const [cells, sources] = await Promise.all([
      worker?.readsPairs ? worker.pairs(worldcupId, candidateIds, view) : this.store.votes.pairCounts(worldcupId, view).then((rows) => cellsOf(rows, indexOf)),
      this.store.votes.sourceTotals(worldcupId, view),
    ]);
    const { comparisons, votes } = comparisonsOf(cells, candidateIds.length);
    return { base: { worldcupId, view, sources, candidateIds, indexOf, groupNames, pairs: rowsOf(cells, candidateIds), votes }, candidateIds, comparisons, groups };
  }

  private async saveSnapshot(r: RankingResult): Promise<void> {
    const items = r.candidateIds.flatMap((id, k): SnapshotItem[] => {
      const rank = r.ranks[k] ?? 0;
      return rank > 0 ? [[id, r.scores[k] as number, r.lower[k] as number, r.upper[k] as number, rank]] : [];
    });
    await this.store.ranking.saveSnapshot(r.worldcupId, {
      bucket: hourBucket(r.computedAt),
      taken_at: r.computedAt,
      items: encodeSnapshot(items),
    });
  }
}
