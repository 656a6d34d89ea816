import type { Kysely, Selectable } from 'kysely';
import type { CampGapsTable, Database, RankingSnapshotsTable } from './schema.js';

export type SnapshotRow = Omit<Selectable<RankingSnapshotsTable>, 'worldcup_id'>;
export type GapPointRow = Omit<Selectable<CampGapsTable>, 'worldcup_id'>;

/** What the ranking engine keeps of its results: hourly snapshots and the camps' gap points. (The pair counts it reads are the vote ledger's: votes-repo.ts.) */
export class RankingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores the ranking of an hour bucket, replacing an earlier one of the same hour. */
  async saveSnapshot(worldcupId: string, snapshot: SnapshotRow): Promise<void> {
    await this.db
      .insertInto('ranking_snapshots')
      .values({ worldcup_id: worldcupId, ...snapshot })
      .onConflict((oc) =>
        oc.columns(['worldcup_id', 'bucket']).doUpdateSet({ taken_at: snapshot.taken_at, items: snapshot.items }),
      )
      .execute();
  }

  /** The most recent `limit` snapshots, oldest first. */
  async snapshots(worldcupId: string, limit: number): Promise<SnapshotRow[]> {
    const rows = await this.db
      .selectFrom('ranking_snapshots')
      .select(['bucket', 'taken_at', 'items'])
      .where('worldcup_id', '=', worldcupId)
      .orderBy('bucket', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  /** Records a camp gap measurement (a second one at the same vote count replaces the first). */
  async saveGapPoint(worldcupId: string, point: GapPointRow): Promise<void> {
    await this.db
      .insertInto('camp_gaps')
      .values({ worldcup_id: worldcupId, ...point })
      .onConflict((oc) => oc.columns(['worldcup_id', 'votes']).doUpdateSet({ taken_at: point.taken_at, gaps: point.gaps }))
      .execute();
  }

  /** The camp gap measurements, oldest (fewest votes) first; the newest `limit`. */
  async gapPoints(worldcupId: string, limit: number): Promise<GapPointRow[]> {
    const rows = await this.db
      .selectFrom('camp_gaps')
      .select(['votes', 'taken_at', 'gaps'])
      .where('worldcup_id', '=', worldcupId)
      .orderBy('votes', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }
}
