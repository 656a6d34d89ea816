import { toTheta } from '../../domain/rating/bradley-terry.js';
import { type PairTally, packComparisons } from '../../domain/rating/comparisons.js';
import type { PairCountRow } from '../../store/ranking-repo.js';
import type { Store } from '../../store/store.js';
import { RatingWorker } from './rating-worker.js';
import { type SnapshotItem, encodeSnapshot, hourBucket } from './snapshots.js';

/** One world cup's Bradley–Terry ranking, as last computed. */
export interface RankingResult {
  worldcupId: string;
  /** Candidate id per index of the arrays below. */
  candidateIds: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  scores: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  ranks: readonly number[];
  /** The pair counts the ranking was computed from (the matrix endpoint reuses them). */
  pairs: readonly PairCountRow[];
  votes: number;
  computedAt: number;
  computeMs: number;
}

export interface EngineOptions {
  /** Bootstrap refits per computation. */
  rounds?: number;
  /** Never start computations of one world cup closer together than this. */
  minIntervalMs?: number;
  /** Wait this long after a pick before computing, to take in the picks that follow it. */
  settleMs?: number;
  /** Write a snapshot at most this often per world cup (the hour's snapshot is replaced). */
  snapshotEveryMs?: number;
  /**
   * Waits for the world cup's cluster-wide lock, so that with several instances one computes at a
   * time (the lock expires by itself after `ttlMs`). Without it, this instance is alone.
   */
  lock?: (worldcupId: string, ttlMs: number) => Promise<() => Promise<void>>;
  /** Hears each new result while the lock is still held (publishing it is then in order). */
  onUpdate?: (result: RankingResult) => Promise<void>;
}

interface WorldcupState {
  isDirty: boolean;
  timer: NodeJS.Timeout | undefined;
  running: Promise<RankingResult> | undefined;
  lastStartedAt: number;
  /** How long the last computation took, reads included: big world cups are recomputed less often. */
  lastDurationMs: number;
  lastSnapshotAt: number;
  /** Candidates ranked in the last snapshot: a ranking that ranks more is saved at once. */
  lastSnapshotRanked: number;
}


/**
 * Keeps each world cup's ranking fresh without doing work per pick: a pick marks the world cup
 * dirty, and a recompute runs on the worker thread `settleMs` later, at most once per
 * `minIntervalMs` (so a new ranking is ready well within a second of the last pick while picks
 * flow, and an idle world cup costs nothing).
 */
export class RankingEngine {
  private readonly results = new Map<string, RankingResult>();
  private readonly states = new Map<string, WorldcupState>();
  private readonly worker = new RatingWorker();
  private readonly rounds: number;
  private readonly minIntervalMs: number;
  private readonly settleMs: number;
  private readonly snapshotEveryMs: number;
  private isClosed = false;

  constructor(
    private readonly store: Store,
    private readonly opts: EngineOptions = {},
  ) {
    this.rounds = opts.rounds ?? 200;
    // 180 ms: a viewer sees a pick within a quarter second at the 99th percentile (the wait for the
    // next computation is up to this long, plus ~30 ms of computing and ~40 ms of fan-out), and no
    // world cup's table changes more than five or six times a second.
    this.minIntervalMs = opts.minIntervalMs ?? 180;
    this.settleMs = opts.settleMs ?? 30;
    this.snapshotEveryMs = opts.snapshotEveryMs ?? 60_000;
  }

  /** Starts the worker thread and waits until it answers, so the first ranking is not delayed by it. */
  async warmUp(): Promise<void> {
    await this.worker.compute({ n: 0, i: new Int32Array(0), j: new Int32Array(0), winsI: new Float64Array(0), winsJ: new Float64Array(0), ties: new Float64Array(0) }, 1);
  }

  /** A counted vote changed in this world cup. */
  noteChange(worldcupId: string): void {
    const state = this.state(worldcupId);
    state.isDirty = true;
    this.schedule(worldcupId, state);
  }

  /**
   * Another instance computed this world cup from votes this one may not have seen: the next read
   * recomputes (nothing is scheduled, so an instance nobody asks does no work).
   */
  invalidate(worldcupId: string): void {
    const state = this.states.get(worldcupId);
    if (state) state.isDirty = true;
  }

  /**
   * A ranking that includes every vote committed before this call (read-your-writes: a player who
   * opens the ranking right after a game sees their picks). With no change pending it is the
   * stored result; otherwise it waits for the computation that takes the change in.
   */
  async current(worldcupId: string): Promise<RankingResult> {
    const state = this.state(worldcupId);
    const known = this.results.get(worldcupId);
    if (known && !state.isDirty && !state.running) return known;
    if (state.running) {
      const result = await state.running;
      // That computation may have started before the latest change: then wait for the next one.
      if (!state.isDirty) return result;
      return this.current(worldcupId);
    }
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    return this.recompute(worldcupId, state);
  }

  /** Drops a world cup's state and result (it was deleted); a computation under way is not rescheduled. */
  forget(worldcupId: string): void {
    const state = this.states.get(worldcupId);
    if (state) state.isDirty = false;
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(worldcupId);
    this.results.delete(worldcupId);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.allSettled([...this.states.values()].flatMap((s) => (s.running ? [s.running] : [])));
    await this.worker.close();
  }

  private state(worldcupId: string): WorldcupState {
    let state = this.states.get(worldcupId);
    if (!state) {
      state = { isDirty: false, timer: undefined, running: undefined, lastStartedAt: 0, lastDurationMs: 0, lastSnapshotAt: 0, lastSnapshotRanked: 0 };
      this.states.set(worldcupId, state);
    }
    return state;
  }

  private schedule(worldcupId: string, state: WorldcupState): void {
    if (state.timer || state.running || this.isClosed) return; // a running one reschedules when it ends
    // At most one computation per interval, and the interval at least four times the last
    // computation's length: one busy world cup (a 1,000-candidate one takes seconds) can never keep
    // more than a fifth of a core busy, which would slow the picks themselves.
    const interval = Math.max(this.minIntervalMs, 4 * state.lastDurationMs);
    const delay = Math.max(this.settleMs, state.lastStartedAt + interval - Date.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      // A failed background computation is retried by the next change or read; nothing waits on it.
      this.recompute(worldcupId, state).catch(() => undefined);
    }, delay);
    state.timer.unref();
  }

  private recompute(worldcupId: string, state: WorldcupState): Promise<RankingResult> {
    state.isDirty = false;
    const running = this.computeLocked(worldcupId, state).finally(() => {
      state.running = undefined;
      if (state.isDirty) this.schedule(worldcupId, state);
    });
    state.running = running;
    return running;
  }

  private async computeLocked(worldcupId: string, state: WorldcupState): Promise<RankingResult> {
    // Long enough for the computation, short enough that a crashed holder delays others only briefly.
    const release = this.opts.lock ? await this.opts.lock(worldcupId, 5_000 + 3 * state.lastDurationMs) : undefined;
    try {
      state.lastStartedAt = Date.now();
      const result = await this.compute(worldcupId, this.results.get(worldcupId));
      state.lastDurationMs = Date.now() - state.lastStartedAt;
      // Not kept when the world cup was forgotten (deleted) meanwhile.
      if (this.states.get(worldcupId) === state) this.results.set(worldcupId, result);
      // At most one snapshot a minute, except when more candidates are ranked than in the last one:
      // a new world cup's first snapshot, taken after its first pick, would otherwise stand for a
      // minute with two candidates in the history.
      const ranked = result.ranks.filter((r) => r > 0).length;
      if (result.votes > 0 && (result.computedAt - state.lastSnapshotAt >= this.snapshotEveryMs || ranked > state.lastSnapshotRanked)) {
        state.lastSnapshotAt = result.computedAt;
        state.lastSnapshotRanked = ranked;
        await this.saveSnapshot(result);
      }
      // Live updates are hints: their failure must not fail the ranking that readers wait for.
      await this.opts.onUpdate?.(result).catch(() => undefined);
      return result;
    } finally {
      await release?.().catch(() => undefined); // an unreleased lock expires by itself
    }
  }

  private async compute(worldcupId: string, previous: RankingResult | undefined): Promise<RankingResult> {
    const candidates = await this.store.worldcups.candidates(worldcupId);
    const pairs = await this.store.ranking.pairCounts(worldcupId);
    const candidateIds = candidates.map((c) => c.id);
    const indexOf = new Map(candidateIds.map((id, k) => [id, k]));
    const tallies: PairTally[] = [];
    let votes = 0;
    for (const p of pairs) {
      const i = indexOf.get(p.lo_id);
      const j = indexOf.get(p.hi_id);
      // Pairs with a removed candidate drop out of the ranking with it.
      if (i === undefined || j === undefined) continue;
      if (p.lo_wins + p.hi_wins + p.ties === 0) continue;
      votes += p.lo_wins + p.hi_wins + p.ties;
      tallies.push({ i, j, winsI: p.lo_wins, winsJ: p.hi_wins, ties: p.ties });
    }
    // Warm start from the previous scores: a few new votes move θ little, so Newton needs a step or two.
    const init = new Float64Array(candidateIds.length);
    if (previous) {
      candidateIds.forEach((id, k) => {
        const before = previous.indexOf.get(id);
        if (before !== undefined) init[k] = toTheta(previous.scores[before] as number);
      });
    }
    const board = await this.worker.compute(packComparisons(candidateIds.length, tallies), this.rounds, init);
    return { worldcupId, candidateIds, indexOf, ...board, pairs, votes, computedAt: Date.now(), computeMs: board.ms };
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
