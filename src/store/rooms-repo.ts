import { type Kysely, type Selectable, sql } from 'kysely';
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
 * vote first updates the room's row where the match is still open by the clock (on PostgreSQL that
 * takes the row's lock), and a close first marks the row decided (the same lock) before it reads
 * the tally. So every vote that was acknowledged is in the tally the close reads, and a vote
 * arriving after the close finds the window shut.
 */
export class RoomsRepo {
  constructor(private readonly db: Kysely<Database>) {}

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
   * replacing the voter's earlier vote on the match; the tally follows. Returns the side replaced.
   */
  async vote(vote: RoomVote): Promise<{ isOpen: boolean; replaced: RoomSide | null }> {
    const open = await this.db
      .updateTable('rooms')
      .set((eb) => ({ votes: eb('votes', '+', 1) }))
      .where('code', '=', vote.code)
      .where('status', '=', 'voting')
      .where('match_no', '=', vote.matchNo)
      .where('opens_at', '<=', vote.at)
      .where('closes_at', '>', vote.at)
      .executeTakeFirst();
    if (Number(open.numUpdatedRows) !== 1) return { isOpen: false, replaced: null };
    const before = await this.db
      .selectFrom('room_votes')
      .select(['side', 'source'])
      .where('code', '=', vote.code)
      .where('match_no', '=', vote.matchNo)
      .where('voter', '=', vote.voter)
      .executeTakeFirst();
    if (before?.side === vote.side && before.source === vote.source) return { isOpen: true, replaced: before.side };
    if (before) {
      await this.db
        .updateTable('room_votes')
        .set({ side: vote.side, source: vote.source, at: vote.at })
        .where('code', '=', vote.code)
        .where('match_no', '=', vote.matchNo)
        .where('voter', '=', vote.voter)
        .execute();
      await this.addToTally(vote.code, vote.matchNo, before.source, before.side, -1);
    } else {
      await this.db.insertInto('room_votes').values({ code: vote.code, match_no: vote.matchNo, voter: vote.voter, side: vote.side, source: vote.source, at: vote.at }).execute();
    }
    await this.addToTally(vote.code, vote.matchNo, vote.source, vote.side, 1);
    return { isOpen: true, replaced: before?.side ?? null };
  }

  private async addToTally(code: string, matchNo: number, source: RoomVoteSource, side: RoomSide, delta: number): Promise<void> {
    const left = side === 'left' ? delta : 0;
    const right = side === 'right' ? delta : 0;
    await this.db
      .insertInto('room_tallies')
      .values({ code, match_no: matchNo, source, left_votes: left, right_votes: right })
      .onConflict((oc) =>
        oc.columns(['code', 'match_no', 'source']).doUpdateSet({
          left_votes: sql<number>`room_tallies.left_votes + ${left}`,
          right_votes: sql<number>`room_tallies.right_votes + ${right}`,
        }),
      )
      .execute();
  }

  tally(code: string, matchNo: number): Promise<TallyRow[]> {
    return this.db.selectFrom('room_tallies').select(['source', 'left_votes', 'right_votes']).where('code', '=', code).where('match_no', '=', matchNo).execute();
  }

  async myVote(code: string, matchNo: number, voter: string): Promise<RoomSide | null> {
    const row = await this.db.selectFrom('room_votes').select('side').where('code', '=', code).where('match_no', '=', matchNo).where('voter', '=', voter).executeTakeFirst();
    return row?.side ?? null;
  }
}
