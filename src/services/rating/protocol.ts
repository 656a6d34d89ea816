/** Messages between the ranking engine and its worker threads. */
import type { Comparisons } from '../../domain/rating/comparisons.js';
import type { Leaderboard, Solver } from '../../domain/rating/leaderboard.js';
import type { CellFilter } from '../../store/votes-repo.js';
import type { PairCells } from './pair-cells.js';

/** What the engine knows of a prepared leaderboard when it shares the bootstrap out (see leaderboard.ts). */
export interface PreparedFit {
  solver: Solver;
  /** The full fit over the compared candidates. */
  theta: Float64Array;
}

/**
 * A whole leaderboard, or one stage of it: the fit, a share of the bootstrap rounds, or the
 * intervals from all rounds' replicates (a big world cup's rounds can run on several workers).
 */
export type RatingJob =
  | { kind: 'leaderboard' }
  | { kind: 'prepare' }
  | { kind: 'replicates'; fit: PreparedFit; from: number; to: number }
  | { kind: 'finish'; fit: PreparedFit; samples: Float64Array }
  /** Read a world cup's pair cells from the database (SQLite, read-only, off the event loop). */
  | { kind: 'pairs'; worldcupId: string; candidateIds: string[]; filter?: CellFilter | undefined };

/** One job on the pair counts of a world cup (see domain/rating/comparisons.ts). */
export interface RatingRequest extends Comparisons {
  id: number;
  rounds: number;
  /** Warm start θ per candidate index. */
  init: Float64Array;
  /** Camp index per candidate (−1: none), for the camps' statistics; absent when there are no camps. */
  groups?: Int32Array | undefined;
  job: RatingJob;
}

export type RatingResult =
  | ({ kind: 'leaderboard' } & Leaderboard)
  | ({ kind: 'prepare' } & PreparedFit)
  | { kind: 'replicates'; samples: Float64Array }
  | { kind: 'pairs'; cells: PairCells };

export type RatingResponse = ({ id: number; ok: true; ms: number } & RatingResult) | { id: number; ok: false; error: string };

/** What a rating worker is started with. */
export interface WorkerSetup {
  /** SQLite: the database file, which the worker reads pair cells from (read-only). */
  sqlitePath?: string | undefined;
}
