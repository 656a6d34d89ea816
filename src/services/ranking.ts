import { type Place, placesOf } from '../domain/rating/places.js';
import { championshipRateOf, isScored, matchesOf, recordsOf, winRateOf } from '../domain/stats.js';
import { compareRankingItems, isProvisional, predictedWinProbability } from '../shared/rating.js';
import type { RankingQuery, RankingSource } from '../shared/arena.js';
import type { History, HistoryPoint, Matrix, Ranking, RankingItem } from '../shared/schemas.js';
import type { VoteSource } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import type { CandidateCache } from './candidate-cache.js';
import { badRequest, notFound } from './errors.js';
import type { RankingEngine, RankingResult, RankingView } from './rating/ranking-engine.js';
import { HISTORY_POINTS, hourBucket, parseSnapshot, round1 } from './rating/snapshots.js';
import type { Viewer, WorldCupService } from './worldcups.js';

/** Snapshots behind the 순위 추이 sparkline and the history endpoint. */
const TREND_POINTS = 30;
const NO_RECORD = { wins: 0, losses: 0, ties: 0 } as const;

/** The pair cells' sources each `?source=` reads (undefined: all of them). */
const SOURCES: Record<RankingSource, readonly VoteSource[] | undefined> = {
  all: undefined,
  bracket: ['bracket'],
  arena: ['arena', 'blind'],
  blind: ['blind'],
  room: ['room'],
};

/** How the table shows one candidate of a result: scored at all, provisional, and its place (see domain/rating/places.ts). */
export interface Standing {
  isScored: boolean;
  isProvisional: boolean;
  place: Place | undefined;
}

/**
 * Every candidate's standing in `result`, by id: heat map, table and camp view number candidates
 * alike from this. A candidate never compared has only the prior's 1000: no score, no place.
 */
export function standingsOf(result: RankingResult): Map<string, Standing> {
  const records = recordsOf(result.pairs);
  const rows = result.candidateIds.map((id, k) => {
    const scored = isScored(result, k);
    const ci: [number, number] | null = scored ? [round1(result.lower[k] as number), round1(result.upper[k] as number)] : null;
    return { id, isScored: scored, isProvisional: isProvisional(matchesOf(records.get(id) ?? NO_RECORD), ci), k };
  });
  const places = placesOf(
    rows.map((r) => ({
      isRanked: r.isScored && !r.isProvisional,
      score: result.scores[r.k] as number,
      lower: result.lower[r.k] as number,
      upper: result.upper[r.k] as number,
      component: result.components[r.k] as number,
    })),
  );
  return new Map(rows.map((r, x) => [r.id, { isScored: r.isScored, isProvisional: r.isProvisional, place: places[x] }]));
}

/**
 * The ranking table and the views derived from it (see README "Statistics"): counters read from
 * the maintained aggregates, Bradley–Terry scores and intervals from the ranking engine.
 */
export class RankingService {
  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
    readonly engine: RankingEngine,
  ) {}

  /**
   * The ranking table, of all votes or of the votes `query` selects. A category must be one of
   * the world cup's (every view is computed and kept like the ranking itself: their number stays
   * bounded by what the world cup has).
   */
  async ranking(worldcupId: string, viewer: Viewer, query: Partial<RankingQuery> = {}): Promise<Ranking> {
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    const source = query.source ?? 'all';
    const { category } = query;
    if (category !== undefined && !(await this.store.arena.categories(worldcupId)).some((c) => c.category === category)) {
      throw badRequest('unknown_category', `this world cup has no prompts of the category "${category}"`);
    }
    const view: RankingView = { sources: SOURCES[source], category };
    return this.present(row, await this.engine.current(worldcupId, view), { source, category: category ?? null });
  }

  /** The ranking table of `result` (live updates present each new result as it is computed). */
  async present(row: WorldcupRow, result: RankingResult, selected: { source: RankingSource; category: string | null } = { source: 'all', category: null }): Promise<Ranking> {
    const worldcupId = row.id;
    const set = await this.cache.load(worldcupId);
    if (!set) throw notFound('world cup');
    const [counters, snapshots] = await Promise.all([
      this.store.worldcups.candidates(worldcupId),
      this.store.ranking.snapshots(worldcupId, TREND_POINTS),
    ]);
    // The engine's result carries the pair counts it was computed from, and current() includes
    // every vote committed before this call: the win/loss columns and the scores agree.
    const records = recordsOf(result.pairs);
    // One point per earlier hour, then the current rank (this hour's snapshot would repeat it).
    const thisHour = hourBucket(result.computedAt);
    const trends = new Map<string, number[]>();
    for (const snap of snapshots.filter((s) => s.bucket < thisHour)) {
      for (const [id, , , , rank] of parseSnapshot(snap)) trends.set(id, [...(trends.get(id) ?? []), rank]);
    }
    let wins = 0;
    let ties = 0;
    const standings = standingsOf(result);
    const items: RankingItem[] = counters.map((c) => {
      const t = records.get(c.id) ?? NO_RECORD;
      wins += t.wins;
      ties += t.ties;
      const matches = matchesOf(t);
      const k = result.indexOf.get(c.id) ?? -1;
      const standing = standings.get(c.id);
      const scored = standing?.isScored === true;
      const rank = scored ? (result.ranks[k] as number) : null;
      return {
        candidateId: c.id,
        name: c.name,
        group: c.group_name,
        media: set.byId.get(c.id)?.media ?? null,
        rank,
        position: standing?.place?.position ?? null,
        rankRange: standing?.place?.range ?? null,
        score: scored ? round1(result.scores[k] as number) : null,
        ci: scored ? [round1(result.lower[k] as number), round1(result.upper[k] as number)] : null,
        wins: t.wins,
        losses: t.losses,
        ties: t.ties,
        matches,
        winRate: winRateOf(t),
        appearances: c.appearances,
        championships: c.championships,
        championshipRate: championshipRateOf(c.championships, c.appearances),
        provisional: standing?.isProvisional ?? true,
        trend: [...(trends.get(c.id) ?? []).slice(-(TREND_POINTS - 1)), ...(rank === null ? [] : [rank])],
      };
    });
    items.sort(compareRankingItems);
    return {
      worldcupId,
      // Each counted vote gives one win, or half a win to each side of a tie (counted twice in `ties`).
      votes: wins + ties / 2,
      games: row.finishes,
      excludedVotes: row.excluded_votes,
      updatedAt: new Date(result.computedAt).toISOString(),
      ...selected,
      sources: result.sources,
      items,
    };
  }

  async matrix(worldcupId: string, viewer: Viewer): Promise<Matrix> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const result = await this.engine.current(worldcupId);
    const candidates = await this.store.worldcups.candidates(worldcupId);
    const score = (id: string): number | null => {
      const k = result.indexOf.get(id);
      return k !== undefined && isScored(result, k) ? (result.scores[k] as number) : null;
    };
    const standings = standingsOf(result);
    const ordered = candidates
      .map((c) => ({ id: c.id, name: c.name, group: c.group_name, score: score(c.id), position: standings.get(c.id)?.place?.position ?? null }))
      .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.name.localeCompare(b.name));
    const active = new Set(candidates.map((c) => c.id));
    const cells = result.pairs
      .filter((p) => active.has(p.lo_id) && active.has(p.hi_id) && p.lo_wins + p.hi_wins + p.ties > 0)
      .map((p) => {
        const a = score(p.lo_id);
        const b = score(p.hi_id);
        return {
          a: p.lo_id,
          b: p.hi_id,
          wins: p.lo_wins,
          losses: p.hi_wins,
          ties: p.ties,
          predicted: a === null || b === null ? null : Math.round(predictedWinProbability(a, b) * 1000) / 1000,
        };
      });
    return {
      worldcupId,
      updatedAt: new Date(result.computedAt).toISOString(),
      candidates: ordered.map((c) => ({ ...c, score: c.score === null ? null : round1(c.score) })),
      cells,
    };
  }

  async history(worldcupId: string, viewer: Viewer, candidateId?: string): Promise<History> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const snapshots = await this.store.ranking.snapshots(worldcupId, HISTORY_POINTS);
    const points: HistoryPoint[] = [];
    for (const snap of snapshots) {
      const at = new Date(snap.taken_at).toISOString();
      for (const [id, score, lower, upper, rank] of parseSnapshot(snap)) {
        if (candidateId === undefined || id === candidateId) points.push({ at, candidateId: id, score, ci: [lower, upper], rank });
      }
    }
    if (candidateId !== undefined && !(await this.store.worldcups.candidates(worldcupId)).some((c) => c.id === candidateId)) {
      throw notFound('candidate');
    }
    return { worldcupId, candidateId: candidateId ?? null, points };
  }

  /** The current result, for services that derive more from it (camps). */
  current(worldcupId: string): Promise<RankingResult> {
    return this.engine.current(worldcupId);
  }
}
