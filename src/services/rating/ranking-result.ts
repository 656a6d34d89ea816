/** What the ranking engine computes (ranking-engine.ts): a world cup's result, of all votes or of a view. */
import type { CampStatistics } from '../../domain/rating/camp-stats.js';
import type { Leaderboard } from '../../domain/rating/leaderboard.js';
import type { CellFilter, PairCountRow, SourceTotals } from '../../store/votes-repo.js';

/**
 * Which votes a ranking is computed from: all (the world cup's ranking, the one live viewers see,
 * snapshotted and announced), or a view of some sources or one prompt category (`?source=`,
 * `?category=`), computed when read and kept like the main one.
 */
export type RankingView = CellFilter;

/** The engine's key of a world cup's view: the world cup's id for all votes. */
export function viewKey(worldcupId: string, view: RankingView | undefined): string {
  if (!view || (view.sources === undefined && view.category === undefined)) return worldcupId;
  return `${worldcupId}\n${view.sources?.join(',') ?? ''}\n${view.category ?? ''}`;
}

/** One world cup's Bradley–Terry ranking, as last computed. */
export interface RankingResult {
  worldcupId: string;
  /** The votes it counts (undefined: all). */
  view: RankingView | undefined;
  /** Counted votes by source among those it counts. */
  sources: SourceTotals;
  /** Candidate id per index of the arrays below. */
  candidateIds: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  scores: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  ranks: readonly number[];
  /** Connected component per index (−1: never compared): only candidates of one component can be compared. */
  components: Int32Array;
  /** Camp names by index, and the camps' statistics from the same bootstrap (see domain/rating/camp-stats.ts). */
  groupNames: readonly string[];
  camps: CampStatistics | undefined;
  /** The pair counts the ranking was computed from (the matrix and camp endpoints reuse them). */
  pairs: readonly PairCountRow[];
  votes: number;
  computedAt: number;
  computeMs: number;
}

/** The leaderboard of `n` candidates without a single comparison. */
export function unscored(n: number): Pick<Leaderboard, 'scores' | 'lower' | 'upper' | 'ranks' | 'components' | 'camps'> {
  const prior = () => new Float64Array(n).fill(1000);
  return { scores: prior(), lower: prior(), upper: prior(), ranks: new Array<number>(n).fill(0), components: new Int32Array(n).fill(-1), camps: undefined };
}
