/**
 * Records the camps' gap over time as votes come in: after a computation of a world cup with two or
 * more camps, a point (each camp's mean gap to the rest, with its interval) whenever the counted
 * votes grew by 5% or 5 votes since the last point, whichever is more. Each point is the gap
 * measured from every vote counted until then, so the series is what the trend compares (see
 * domain/rating/verdict.ts); the spacing keeps it about 20 points per tenfold growth of the votes.
 */
import type { Store } from '../../store/store.js';
import type { RankingResult } from './ranking-engine.js';

/** The first point once a world cup has this many counted votes. */
export const FIRST_GAP_POINT_VOTES = 5;

/** The vote count at which the point after one at `votes` is due. */
export const nextGapPointAt = (votes: number): number => votes + Math.max(5, Math.ceil(votes * 0.05));

export class GapRecorder {
  /** World cup → votes at its last point (loaded from the database the first time). */
  private readonly last = new Map<string, number>();

  constructor(private readonly store: Store) {}

  async record(result: RankingResult): Promise<void> {
    const camps = result.camps;
    if (!camps || result.groupNames.length < 2 || result.votes < FIRST_GAP_POINT_VOTES) return;
    let last = this.last.get(result.worldcupId);
    if (last === undefined) {
      const [latest] = await this.store.ranking.gapPoints(result.worldcupId, 1);
      last = latest?.votes ?? 0;
    }
    // Only as the votes grow: a drop (undos, flags) records nothing, so the curve never runs backwards.
    if (last > 0 && result.votes < nextGapPointAt(last)) return;
    const gaps: Record<string, [number, number, number]> = {};
    result.groupNames.forEach((name, k) => {
      const gap = camps.vsRest[k];
      if (gap) gaps[name] = [gap.value, gap.lo, gap.hi];
    });
    if (Object.keys(gaps).length === 0) return;
    await this.store.ranking.saveGapPoint(result.worldcupId, { votes: result.votes, taken_at: result.computedAt, gaps: JSON.stringify(gaps) });
    this.last.set(result.worldcupId, result.votes);
    if (this.last.size > 50_000) this.last.clear(); // reloaded from the database when needed
  }

  forget(worldcupId: string): void {
    this.last.delete(worldcupId);
  }
}
