import { type Kysely, sql } from 'kysely';
import type { Database, VoteSource } from './schema.js';
import { QueryTemplate } from './templates.js';

/** A pair cell as the ranking reads it: the head-to-head counts of one pair, all sources summed. */
export interface PairCountRow {
  lo_id: string;
  hi_id: string;
  lo_wins: number;
  hi_wins: number;
  ties: number;
}

/** One counted vote as an export lists it (votes.jsonl): a game's standing, counted pick. */
export interface CountedVoteRow {
  game_id: string;
  version: number;
  created_at: number;
  winner_id: string;
  loser_id: string;
  /** Who cast it: the game's owner key (a session hash or `u:<id>`); exports hash it. */
  voter: string;
}

/** A page of counted votes and where the next page starts (undefined: this was the last). */
export interface CountedVotePage {
  rows: CountedVoteRow[];
  nextGameId: string | undefined;
}

/** How a counted vote ended: one side won, or a tie (half a win each). */
export type VoteOutcome = 'win' | 'tie';

/** Which cells a ranking reads: some sources only, one prompt category only (undefined: all). */
export interface CellFilter {
  sources?: readonly VoteSource[] | undefined;
  category?: string | undefined;
}

/** Counted votes by source (a tie is half a vote to each side, one vote in all). */
export type SourceTotals = Record<VoteSource, number>;

/** [worldcup_id, lo_id, hi_id, source, category, lo_wins, hi_wins, ties]: adds the three deltas to the pair's cell of that source and category (compiled once: the per-pick statement). */
const countPair = new QueryTemplate<[string, string, string, VoteSource, string, number, number, number]>((db) =>
  db
    .insertInto('pair_counts')
    .values({ worldcup_id: '', lo_id: '', hi_id: '', source: 'bracket', category: '', lo_wins: 0, hi_wins: 0, ties: 0 })
    .onConflict((oc) =>
      oc.columns(['worldcup_id', 'lo_id', 'hi_id', 'source', 'category']).doUpdateSet((eb) => ({
        lo_wins: eb('pair_counts.lo_wins', '+', eb.ref('excluded.lo_wins')),
        hi_wins: eb('pair_counts.hi_wins', '+', eb.ref('excluded.hi_wins')),
        ties: eb('pair_counts.ties', '+', eb.ref('excluded.ties')),
      })),
    ),
);

/** [delta, id]: adds to the world cup's count of excluded votes. */
const countExcluded = new QueryTemplate<[number, string]>((db) =>
  db
    .updateTable('worldcups')
    .set((eb) => ({ excluded_votes: eb('excluded_votes', '+', 0) }))
    .where('id', '=', ''),
);

/**
 * The vote ledger: the one home of counted votes, whatever casts them (a game's pick, later an
 * arena battle or a live room). Every count is a delta on the pair's cell of its source, made
 * inside the transaction that stores the vote itself, so counts never drift from the votes; the
 * ranking reads the cells, never the raw votes.
 */
export class VotesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Counts `delta` votes (negative to take them back) between `a` and `b`: won by `a` for 'win',
   * a tie for 'tie' (a tie is recorded once per vote in `ties`; the statistics count it as half a
   * win for each side). `category`: the prompt category of an arena vote ('' for none).
   */
  async count(worldcupId: string, source: VoteSource, a: string, b: string, outcome: VoteOutcome, delta: number, category = ''): Promise<void> {
    const aIsLo = a < b;
    const [lo, hi] = aIsLo ? [a, b] : [b, a];
    const win = outcome === 'win' ? delta : 0;
    await countPair.run(this.db, [worldcupId, lo, hi, source, category, aIsLo ? win : 0, aIsLo ? 0 : win, outcome === 'tie' ? delta : 0]);
  }

  /** Adds `n` votes that fair play excluded (stored, never counted) to the world cup's tally of them. */
  async exclude(worldcupId: string, n: number): Promise<void> {
    await countExcluded.run(this.db, [n, worldcupId]);
  }

  /** The world cup's pair cells with their counts summed over sources; callers narrow and group. */
  private summedCells(worldcupId: string) {
    return this.db
      .selectFrom('pair_counts')
      .select([
        'lo_id',
        'hi_id',
        // Sums are bigint strings on PostgreSQL: cast back to integers, as every other count is.
        sql<number>`cast(sum(lo_wins) as integer)`.as('lo_wins'),
        sql<number>`cast(sum(hi_wins) as integer)`.as('hi_wins'),
        sql<number>`cast(sum(ties) as integer)`.as('ties'),
      ])
      .where('worldcup_id', '=', worldcupId);
  }

  /** The world cup's pair cells, the sources and categories summed (or those of `filter` only). */
  pairCounts(worldcupId: string, filter: CellFilter = {}): Promise<PairCountRow[]> {
    let q = this.summedCells(worldcupId);
    if (filter.sources !== undefined) q = q.where('source', 'in', [...filter.sources]);
    if (filter.category !== undefined) q = q.where('category', '=', filter.category);
    return q.groupBy(['lo_id', 'hi_id']).execute();
  }

  /** The counted votes of the cells `filter` selects, by source: one aggregate over the world cup's cells. */
  async sourceTotals(worldcupId: string, filter: CellFilter = {}): Promise<SourceTotals> {
    let q = this.db
      .selectFrom('pair_counts')
      .select(['source', sql<number>`cast(sum(lo_wins) + sum(hi_wins) as integer)`.as('wins'), sql<number>`cast(sum(ties) as integer)`.as('ties')])
      .where('worldcup_id', '=', worldcupId);
    if (filter.sources !== undefined) q = q.where('source', 'in', [...filter.sources]);
    if (filter.category !== undefined) q = q.where('category', '=', filter.category);
    const totals: SourceTotals = { bracket: 0, arena: 0, blind: 0, room: 0 };
    // A tie is one vote, recorded once in its cell's `ties`.
    for (const r of await q.groupBy('source').execute()) totals[r.source] = Number(r.wins) + Number(r.ties);
    return totals;
  }

  /**
   * The counted votes (standing picks that fair play did not exclude) of up to `gameLimit` games
   * of the world cup whose id follows `afterGameId`, in game id and play order. Paging by game
   * keeps both statements on indexes (games by world cup, picks by game) on both dialects, and a
   * page holds at most gameLimit × 1,023 picks however many votes the world cup has.
   */
  async countedVotesPage(worldcupId: string, afterGameId: string | undefined, gameLimit: number): Promise<CountedVotePage> {
    let games = this.db.selectFrom('games').select(['id', 'owner']).where('worldcup_id', '=', worldcupId);
    if (afterGameId !== undefined) games = games.where('id', '>', afterGameId);
    const page = await games.orderBy('id').limit(gameLimit).execute();
    if (page.length === 0) return { rows: [], nextGameId: undefined };
    const owners = new Map(page.map((g) => [g.id, g.owner]));
    const picks = await this.db
      .selectFrom('picks')
      .select(['game_id', 'version', 'created_at', 'winner_id', 'loser_id'])
      .where('game_id', 'in', page.map((g) => g.id))
      .where('counted', '=', 1)
      .where('undone_at', 'is', null)
      .orderBy('game_id')
      .orderBy('version')
      .execute();
    return {
      // created_at is a bigint column: a string from PostgreSQL's driver, a number from SQLite's.
      rows: picks.map((p) => ({ ...p, created_at: Number(p.created_at), version: Number(p.version), voter: owners.get(p.game_id) ?? '' })),
      nextGameId: page.length < gameLimit ? undefined : page[page.length - 1]?.id,
    };
  }

  /**
   * The cells of these pairs (any order of each pair), the sources summed: one primary-key lookup
   * per pair, in chunks. What a pick's "others chose" and a result's agreed shares read.
   */
  async pairCells(worldcupId: string, pairs: readonly (readonly [string, string])[]): Promise<PairCountRow[]> {
    const unique = new Map<string, { lo: string; hi: string }>();
    for (const [a, b] of pairs) {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      unique.set(`${lo}\n${hi}`, { lo, hi });
    }
    const keys = [...unique.values()];
    const rows: PairCountRow[] = [];
    for (let i = 0; i < keys.length; i += 200) {
      const chunk = keys.slice(i, i + 200);
      const found = await this.summedCells(worldcupId)
        .where((eb) => eb.or(chunk.map(({ lo, hi }) => eb.and([eb('lo_id', '=', lo), eb('hi_id', '=', hi)]))))
        .groupBy(['lo_id', 'hi_id'])
        .execute();
      rows.push(...found);
    }
    return rows;
  }
}
