import type { Kysely, Selectable } from 'kysely';
import type { Database, PairCountsTable } from './schema.js';

export type PairCountRow = Omit<Selectable<PairCountsTable>, 'worldcup_id'>;

/** Read side of the maintained aggregates; never scans raw picks. */
export class RankingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  pairCounts(worldcupId: string): Promise<PairCountRow[]> {
    return this.db
      .selectFrom('pair_counts')
      .select(['lo_id', 'hi_id', 'lo_wins', 'hi_wins', 'ties'])
      .where('worldcup_id', '=', worldcupId)
      .execute();
  }
}
