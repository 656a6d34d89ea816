import type { Camp, Camps } from '../shared/schemas.js';
import type { SnapshotRow } from '../store/ranking-repo.js';
import type { Store } from '../store/store.js';
import type { RankingService } from './ranking.js';
import { HISTORY_POINTS, HOUR_MS, parseSnapshot, round1 } from './rating/snapshots.js';
import type { Viewer, WorldCupService } from './worldcups.js';

/** A gap that moved by less than this many points is "steady". */
const TREND_POINTS = 2;

/** Best score per camp in one snapshot. */
function bestByCamp(snap: SnapshotRow, campOf: ReadonlyMap<string, string>): Record<string, number> {
  const best: Record<string, number> = {};
  for (const [id, score] of parseSnapshot(snap)) {
    const camp = campOf.get(id);
    if (camp !== undefined && (best[camp] === undefined || score > best[camp])) best[camp] = score;
  }
  return best;
}

/**
 * "Which camp is winning, and is the gap closing?" — camps are the candidates sharing a `group`.
 * A camp leads only when its best candidate's 95% interval lies entirely above the other's.
 */
export class CampService {
  constructor(
    private readonly store: Store,
    private readonly worldcups: WorldCupService,
    private readonly ranking: RankingService,
  ) {}

  async camps(worldcupId: string, viewer: Viewer): Promise<Camps> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const [result, candidates, snapshots] = await Promise.all([
      this.ranking.current(worldcupId),
      this.store.worldcups.candidates(worldcupId),
      this.store.ranking.snapshots(worldcupId, HISTORY_POINTS),
    ]);
    const campOf = new Map(candidates.flatMap((c) => (c.group_name === null ? [] : [[c.id, c.group_name] as const])));
    const camps = new Map<string, Camp & { total: number; scored: number }>();
    for (const c of candidates) {
      if (c.group_name === null) continue;
      const camp = camps.get(c.group_name) ?? {
        name: c.group_name,
        candidates: 0,
        best: null,
        meanScore: null,
        crossCamp: { wins: 0, losses: 0, ties: 0, matches: 0, winRate: null },
        total: 0,
        scored: 0,
      };
      camp.candidates++;
      const k = result.indexOf.get(c.id);
      if (result.votes > 0 && k !== undefined && (result.ranks[k] ?? 0) > 0) {
        const score = result.scores[k] as number;
        camp.total += score;
        camp.scored++;
        if (!camp.best || score > camp.best.score) {
          camp.best = { candidateId: c.id, name: c.name, score, ci: [result.lower[k] as number, result.upper[k] as number] };
        }
      }
      camps.set(c.group_name, camp);
    }
    for (const p of result.pairs) {
      const lo = campOf.get(p.lo_id);
      const hi = campOf.get(p.hi_id);
      if (lo === undefined || hi === undefined || lo === hi) continue;
      const a = camps.get(lo);
      const b = camps.get(hi);
      if (!a || !b) continue;
      a.crossCamp.wins += p.lo_wins;
      a.crossCamp.losses += p.hi_wins;
      a.crossCamp.ties += p.ties;
      b.crossCamp.wins += p.hi_wins;
      b.crossCamp.losses += p.lo_wins;
      b.crossCamp.ties += p.ties;
    }
    const list: Camp[] = [...camps.values()]
      .map(({ total, scored, ...camp }) => {
        const r = camp.crossCamp;
        r.matches = r.wins + r.losses + r.ties;
        r.winRate = r.matches === 0 ? null : (r.wins + r.ties / 2) / r.matches;
        return {
          ...camp,
          best: camp.best && {
            ...camp.best,
            score: round1(camp.best.score),
            ci: [round1(camp.best.ci[0]), round1(camp.best.ci[1])] as [number, number],
          },
          meanScore: scored === 0 ? null : round1(total / scored),
        };
      })
      .sort((a, b) => (b.best?.score ?? -Infinity) - (a.best?.score ?? -Infinity) || a.name.localeCompare(b.name));
    const history = snapshots.map((snap) => ({ at: new Date(snap.taken_at).toISOString(), best: bestByCamp(snap, campOf) }));
    return {
      worldcupId,
      updatedAt: new Date(result.computedAt).toISOString(),
      camps: list,
      lead: this.lead(list, snapshots, campOf, result.computedAt),
      history,
    };
  }

  private lead(camps: readonly Camp[], snapshots: readonly SnapshotRow[], campOf: ReadonlyMap<string, string>, now: number): Camps['lead'] {
    const [first, second] = camps;
    if (!first?.best || !second?.best) return null;
    const gap = first.best.score - second.best.score;
    // "About a day ago": the latest snapshot at least 24 h old, else the oldest at least an hour old.
    const dayAgo = [...snapshots].reverse().find((s) => s.taken_at <= now - 24 * HOUR_MS);
    const then = dayAgo ?? snapshots.find((s) => s.taken_at <= now - HOUR_MS);
    let trend: 'narrowing' | 'widening' | 'steady' | null = null;
    if (then) {
      const best = bestByCamp(then, campOf);
      const a = best[first.name];
      const b = best[second.name];
      if (a !== undefined && b !== undefined) {
        const change = Math.abs(gap) - Math.abs(a - b);
        trend = change < -TREND_POINTS ? 'narrowing' : change > TREND_POINTS ? 'widening' : 'steady';
      }
    }
    return {
      leader: first.name,
      trailer: second.name,
      gap: round1(gap),
      isSeparated: first.best.ci[0] > second.best.ci[1],
      trend,
    };
  }
}
