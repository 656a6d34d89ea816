/**
 * "Which camp is winning, and is the gap closing?" — camps are the candidates sharing a `group`.
 * Camps are compared as whole camps (README "Statistics"): each camp's mean score and the gap
 * between camps come with intervals from the ranking's own bootstrap replicates, and a camp leads
 * only when the gap's interval excludes zero; the cross-camp record carries a Wilson interval; the
 * trend compares the gap now with the gap at half the votes, against its own noise. The best
 * candidates' comparison stays as a secondary line (`lead`).
 */
import type { Estimate as DomainEstimate } from '../domain/rating/camp-stats.js';
import { type GapPoint, gapTrend, leaderOf, votesToSettle, winRateInterval } from '../domain/rating/verdict.js';
import type { Camp, CampComparison, Camps, Estimate } from '../shared/schemas.js';
import type { GapPointRow, SnapshotRow } from '../store/ranking-repo.js';
import type { Store } from '../store/store.js';
import { type RankingService, standingsOf } from './ranking.js';
import type { RankingResult } from './rating/ranking-engine.js';
import { HISTORY_POINTS, HOUR_MS, parseSnapshot, round1 } from './rating/snapshots.js';
import type { Viewer, WorldCupService } from './worldcups.js';

/** A best-candidate gap that moved by less than this many points is "steady". */
const TREND_POINTS = 2;
/** Gap points a camps payload carries at most (the newest). */
const GAP_POINTS = 200;

interface Record3 {
  wins: number;
  losses: number;
  ties: number;
}

const estimate = (e: DomainEstimate): Estimate => ({ value: round1(e.value), ci: [round1(e.lo), round1(e.hi)] });

/** Best score per camp in one snapshot. */
function bestByCamp(snap: SnapshotRow, campOf: ReadonlyMap<string, string>): Record<string, number> {
  const best: Record<string, number> = {};
  for (const [id, score] of parseSnapshot(snap)) {
    const camp = campOf.get(id);
    if (camp !== undefined && (best[camp] === undefined || score > best[camp])) best[camp] = score;
  }
  return best;
}

/** Head-to-head records between camps: `records.get(a)?.get(b)` is camp a's record against camp b. */
function crossRecords(result: RankingResult, campOf: ReadonlyMap<string, string>): Map<string, Map<string, Record3>> {
  const records = new Map<string, Map<string, Record3>>();
  const add = (a: string, b: string, wins: number, losses: number, ties: number) => {
    const row = records.get(a) ?? new Map<string, Record3>();
    const r = row.get(b) ?? { wins: 0, losses: 0, ties: 0 };
    r.wins += wins;
    r.losses += losses;
    r.ties += ties;
    row.set(b, r);
    records.set(a, row);
  };
  for (const p of result.pairs) {
    const lo = campOf.get(p.lo_id);
    const hi = campOf.get(p.hi_id);
    if (lo === undefined || hi === undefined || lo === hi) continue;
    add(lo, hi, p.lo_wins, p.hi_wins, p.ties);
    add(hi, lo, p.hi_wins, p.lo_wins, p.ties);
  }
  return records;
}

/** A record against the given camps together. */
function against(records: ReadonlyMap<string, ReadonlyMap<string, Record3>>, camp: string, others: readonly string[]): Record3 {
  const total = { wins: 0, losses: 0, ties: 0 };
  for (const other of others) {
    const r = records.get(camp)?.get(other);
    if (!r) continue;
    total.wins += r.wins;
    total.losses += r.losses;
    total.ties += r.ties;
  }
  return total;
}

function winRate(r: Record3): { value: number | null; ci: [number, number] | null } {
  const matches = r.wins + r.losses + r.ties;
  return { value: matches === 0 ? null : (r.wins + r.ties / 2) / matches, ci: winRateInterval(r.wins + r.ties / 2, matches) };
}

export class CampService {
  constructor(
    private readonly store: Store,
    private readonly worldcups: WorldCupService,
    private readonly ranking: RankingService,
  ) {}

  async camps(worldcupId: string, viewer: Viewer): Promise<Camps> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const [result, candidates, snapshots, gapRows] = await Promise.all([
      this.ranking.current(worldcupId),
      this.store.worldcups.candidates(worldcupId),
      this.store.ranking.snapshots(worldcupId, HISTORY_POINTS),
      this.store.ranking.gapPoints(worldcupId, GAP_POINTS),
    ]);
    const campOf = new Map(candidates.flatMap((c) => (c.group_name === null ? [] : [[c.id, c.group_name] as const])));
    const records = crossRecords(result, campOf);
    const standings = standingsOf(result);
    const names = [...new Set(campOf.values())];
    const list: Camp[] = names.map((name) => {
      const k = result.groupNames.indexOf(name);
      const mean = k >= 0 ? result.camps?.means[k] : undefined;
      let best: Camp['best'] = null;
      let size = 0;
      for (const c of candidates) {
        if (c.group_name !== name) continue;
        size++;
        const x = result.indexOf.get(c.id);
        if (x === undefined || standings.get(c.id)?.isScored !== true) continue;
        const score = result.scores[x] as number;
        if (best && score <= best.score) continue;
        best = { candidateId: c.id, name: c.name, score, ci: [result.lower[x] as number, result.upper[x] as number], position: standings.get(c.id)?.place?.position ?? null };
      }
      const others = names.filter((n) => n !== name);
      const record = against(records, name, others);
      const rate = winRate(record);
      return {
        name,
        candidates: size,
        best: best && { ...best, score: round1(best.score), ci: [round1(best.ci[0]), round1(best.ci[1])] },
        meanScore: mean ? round1(mean.value) : null,
        mean: mean ? estimate(mean) : null,
        crossCamp: { ...record, matches: record.wins + record.losses + record.ties, winRate: rate.value, winRateCi: rate.ci },
      };
    });
    list.sort((a, b) => (b.mean?.value ?? -Infinity) - (a.mean?.value ?? -Infinity) || a.name.localeCompare(b.name));
    const gapSeries = (camp: string): GapPoint[] =>
      gapRows.flatMap((row) => {
        const g = (JSON.parse(row.gaps) as Record<string, [number, number, number]>)[camp];
        return g ? [{ votes: row.votes, gap: g[0] }] : [];
      });
    const compare = (camp: string, vs: string): CampComparison => {
      const k = result.groupNames.indexOf(camp);
      const gap = k >= 0 ? result.camps?.vsRest[k] : undefined;
      const others = vs === 'rest' ? names.filter((n) => n !== camp) : [vs];
      const record = against(records, camp, others);
      const side = gap ? leaderOf(gap) : null;
      return {
        group: camp,
        against: vs,
        leader: side === 'first' ? camp : side === 'second' && vs !== 'rest' ? vs : null,
        meanGap: gap ? estimate(gap) : null,
        crossWinRate: { ...winRate(record), ...record },
        trend: gap ? gapTrend(gapSeries(camp), gap, result.votes) : null,
        votesToSettle: gap ? votesToSettle(gap, result.votes) : null,
      };
    };
    const [first, second] = list;
    const comparison = list.length === 2 && first && second ? compare(first.name, second.name) : null;
    const versusRest = list.length >= 3 ? list.map((c) => compare(c.name, 'rest')) : [];
    const followed = comparison?.group ?? versusRest[0]?.group;
    return {
      worldcupId,
      updatedAt: new Date(result.computedAt).toISOString(),
      votes: result.votes,
      camps: list,
      comparison,
      versusRest,
      gapHistory: followed === undefined ? [] : gapHistoryOf(gapRows, followed),
      lead: this.lead([...list].sort((a, b) => (b.best?.score ?? -Infinity) - (a.best?.score ?? -Infinity)), snapshots, campOf, result.computedAt),
      history: snapshots.map((snap) => ({ at: new Date(snap.taken_at).toISOString(), best: bestByCamp(snap, campOf) })),
    };
  }

  /** Secondary line: the two camps' best candidates compared, and that gap against about a day ago. */
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
    return { leader: first.name, trailer: second.name, gap: round1(gap), isSeparated: first.best.ci[0] > second.best.ci[1], trend };
  }
}

function gapHistoryOf(rows: readonly GapPointRow[], camp: string): Camps['gapHistory'] {
  return rows.flatMap((row) => {
    const g = (JSON.parse(row.gaps) as Record<string, [number, number, number]>)[camp];
    return g ? [{ votes: row.votes, at: new Date(row.taken_at).toISOString(), gap: round1(g[0]), ci: [round1(g[1]), round1(g[2])] as [number, number] }] : [];
  });
}
