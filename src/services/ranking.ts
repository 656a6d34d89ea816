import type { Ranking, RankingItem } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { CandidateCache } from './candidate-cache.js';
import { notFound } from './errors.js';
import type { Viewer, WorldCupService } from './worldcups.js';

const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);

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
    let wins = 0;
    let ties = 0;
    const items: RankingItem[] = counters.map((c) => {
      wins += c.wins;
      ties += c.ties;
      const matches = c.wins + c.losses + c.ties;
      return {
        candidateId: c.id,
        name: c.name,
        group: c.group_name,
        media: set.byId.get(c.id)?.media ?? null,
        rank: null,
        score: null,
        ci: null,
        wins: c.wins,
        losses: c.losses,
        ties: c.ties,
        matches,
        winRate: rate(c.wins + c.ties / 2, matches),
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
