import { type Kysely, type Selectable, sql } from 'kysely';
import type { Dialect } from './db.js';
import type { Database, RoomVoteSource, RoomsTable } from './schema.js';

export type RoomRow = Selectable<RoomsTable>;
export type RoomSide = 'left' | 'right';

/** A match's tally by source. */
export interface TallyRow {
  source: RoomVoteSource;
  left_votes: number;
  right_votes: number;
}

/** What `vote` stores: one voter's side on one match. */
export interface RoomVote {
  code: string;
  matchNo: number;
  voter: string;
  side: RoomSide;
  source: RoomVoteSource;
  at: number;
}

/** The room's new state, written only over the version it was computed from. */
export interface RoomUpdate {
  state: string;
  status: RoomRow['status'];
  match_no: number;
  opens_at: number | null;
  closes_at: number | null;
  updated_at: number;
}

/**
 * Live rooms' rows (migration 0012). A vote and the close that decides its match never cross: a
 * vote reads the room's window under a shared lock on its row (see `vote`), and a close first
 * marks the row decided (an exclusive lock) before it reads the tally. So every vote that was
 * acknowledged is in the tally the close reads, and a vote arriving after the close finds the
 * window shut.
 */
export class RoomsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async insert(row: RoomRow): Promise<boolean> {
    const result = await this.db.insertInto('rooms').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  get(code: string): Promise<RoomRow | undefined> {
    return this.db.selectFrom('rooms').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Rooms of a host not finished yet (the cap on open rooms). */
  async openOf(host: string): Promise<number> {
    const row = await this.db
      .selectFrom('rooms')
      .select(sql<number>`cast(count(*) as integer)`.as('n'))
      .where('host', '=', host)
      .where('status', '!=', 'finished')
      .executeTakeFirst();
    return row?.n ?? 0;
  }

  /** Writes `update` if the room is still at `version`; false when someone else moved it first. */
  async update(code: string, version: number, update: RoomUpdate): Promise<boolean> {
    const result = await this.db
      .updateTable('rooms')
      .set({ ...update, version: version + 1 })
      .where('code', '=', code)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Marks the room's current match closed if it is still at `version` and voting: the first step
   * of deciding it (see the class comment). False when it was not.
   */
  async markClosing(code: string, version: number): Promise<boolean> {
    const result = await this.db
      .updateTable('rooms')
      .set({ status: 'decided' })
      .where('code', '=', code)
      .where('version', '=', version)
      .where('status', '=', 'voting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Stores a vote if `matchNo` is open at `vote.at` (false, and nothing written, when it is not),
   * replacing the voter's earlier vote on the match. The window is read under a shared lock on the
   * room's row (PostgreSQL): votes do not wait for each other, but a close's update of the row waits
   * for every vote that read it open, and a vote after the close finds it shut. SQLite runs one
   * writing transaction at a time, which gives the same order without a lock.
   */
  async vote(vote: RoomVote): Promise<boolean> {
    // One statement: the vote is inserted from the room's row only while that row shows the match open.
    const result = await this.db
      .insertInto('room_votes')
      .columns(['code', 'match_no', 'voter', 'side', 'source', 'at'])
      .expression(() => {
        let open = this.db
          .selectFrom('rooms')
          .select([
            'code',
            'match_no',
            sql<string>`${vote.voter}`.as('voter'),
            sql<RoomSide>`${vote.side}`.as('side'),
            sql<RoomVoteSource>`${vote.source}`.as('source'),
            sql<number>`${vote.at}`.as('at'),
          ])
          .where('code', '=', vote.code)
          .where('status', '=', 'voting')
          .where('match_no', '=', vote.matchNo)
          .where('opens_at', '<=', vote.at)
          .where('closes_at', '>', vote.at);
        if (this.dialect === 'postgres') open = open.forShare();
        return open;
      })
      .onConflict((oc) => oc.columns(['code', 'match_no', 'voter']).doUpdateSet({ side: vote.side, source: vote.source, at: vote.at }))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** A match's tally by source, counted from its votes. */
  async tally(code: string, matchNo: number): Promise<TallyRow[]> {
    const rows = await this.db
      .selectFrom('room_votes')
      .select(['source', 'side', sql<number>`cast(count(*) as integer)`.as('n')])
      .where('code', '=', code)
      .where('match_no', '=', matchNo)
      .groupBy(['source', 'side'])
      .execute();
    const bySource = new Map<RoomVoteSource, TallyRow>();
    for (const r of rows) {
      const row = bySource.get(r.source) ?? { source: r.source, left_votes: 0, right_votes: 0 };
      if (r.side === 'left') row.left_votes += r.n;
      else row.right_votes += r.n;
      bySource.set(r.source, row);
    }
    return [...bySource.values()];
  }

  async myVote(code: string, matchNo: number, voter: string): Promise<RoomSide | null> {
    const row = await this.db.selectFrom('room_votes').select('side').where('code', '=', code).where('match_no', '=', matchNo).where('voter', '=', voter).executeTakeFirst();
    return row?.side ?? null;
  }
}
