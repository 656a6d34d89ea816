import type { Ranking, RankingItem } from '../shared/schemas.js';
import type { PairCountRow } from '../store/ranking-repo.js';
import type { Store } from '../store/store.js';
import type { CandidateCache } from './candidate-cache.js';
import { notFound } from './errors.js';
import type { Viewer, WorldCupService } from './worldcups.js';

const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);

interface VoteTotals {
  wins: number;
  losses: number;
  ties: number;
}

/** Per-candidate wins, losses and ties: sums over the pair cells each takes part in. */
function totalsByCandidate(pairs: readonly PairCountRow[]): Map<string, VoteTotals> {
  const totals = new Map<string, VoteTotals>();
  const add = (id: string, wins: number, losses: number, ties: number) => {
    const t = totals.get(id) ?? { wins: 0, losses: 0, ties: 0 };
    t.wins += wins;
    t.losses += losses;
    t.ties += ties;
    totals.set(id, t);
  };
  for (const p of pairs) {
    add(p.lo_id, p.lo_wins, p.hi_wins, p.ties);
    add(p.hi_id, p.hi_wins, p.lo_wins, p.ties);
  }
  return totals;
}

/**
 * The ranking table, computed from the maintained counters (see the statistics definitions in
 * README). `score`, `ci` and `rank` stay null until the Bradley–Terry engine fills them.
 */
export class RankingService {
  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
  ) {}

  async ranking(worldcupId: string, viewer: Viewer): Promise<Ranking> {
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    const set = await this.cache.load(worldcupId);
    if (!set) throw notFound('world cup');
    const counters = await this.store.worldcups.candidates(worldcupId);
    const totals = totalsByCandidate(await this.store.ranking.pairCounts(worldcupId));
    let wins = 0;
    let ties = 0;
    const items: RankingItem[] = counters.map((c) => {
      const t = totals.get(c.id) ?? { wins: 0, losses: 0, ties: 0 };
      wins += t.wins;
      ties += t.ties;
      const matches = t.wins + t.losses + t.ties;
      return {
        candidateId: c.id,
        name: c.name,
        group: c.group_name,
        media: set.byId.get(c.id)?.media ?? null,
        rank: null,
        score: null,
        ci: null,
        wins: t.wins,
        losses: t.losses,
        ties: t.ties,
        matches,
        winRate: rate(t.wins + t.ties / 2, matches),
        appearances: c.appearances,
        championships: c.championships,
        championshipRate: rate(c.championships, c.appearances),
      };
    });
    // Until scores exist: 우승 비율 first, then 승률, then experience; null rates sort last.
    const key = (v: number | null) => v ?? -1;
    items.sort(
      (a, b) =>
        key(b.championshipRate) - key(a.championshipRate) ||
        key(b.winRate) - key(a.winRate) ||
        b.matches - a.matches ||
        a.name.localeCompare(b.name),
    );
    return {
      worldcupId,
      // Each counted vote gives one win, or half a win to each side of a tie (counted twice in `ties`).
      votes: wins + ties / 2,
      games: row.finishes,
      updatedAt: new Date().toISOString(),
      items,
    };
  }
}
