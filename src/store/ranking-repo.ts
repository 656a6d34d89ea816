import type { Kysely, Selectable } from 'kysely';
import type { Database, PairCountsTable, RankingSnapshotsTable } from './schema.js';

export type PairCountRow = Omit<Selectable<PairCountsTable>, 'worldcup_id'>;
export type SnapshotRow = Omit<Selectable<RankingSnapshotsTable>, 'worldcup_id'>;

/** Read side of the maintained aggregates (never scans raw picks), and ranking snapshots. */
export class RankingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  pairCounts(worldcupId: string): Promise<PairCountRow[]> {
    return this.db
      .selectFrom('pair_counts')
      .select(['lo_id', 'hi_id', 'lo_wins', 'hi_wins', 'ties'])
      .where('worldcup_id', '=', worldcupId)
      .execute();
  }

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
}
