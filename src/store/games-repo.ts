import type { Kysely, Selectable } from 'kysely';
import type { Database, GamesTable } from './schema.js';

export type GameRow = Selectable<GamesTable>;

export interface PickRecord {
  worldcupId: string;
  gameId: string;
  /** The game version this pick produced. */
  version: number;
  round: number;
  winnerId: string;
  loserId: string;
  at: number;
}

/**
 * Games, their picks and the aggregates the ranking reads. Every method that changes a count is
 * called inside the transaction that records or undoes the pick, so counters never drift.
 */
export class GameRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: GameRow): Promise<void> {
    await this.db.insertInto('games').values(row).execute();
    await this.db
      .updateTable('worldcups')
      .set((eb) => ({ plays: eb('plays', '+', 1) }))
      .where('id', '=', row.worldcup_id)
      .execute();
  }

  get(id: string): Promise<GameRow | undefined> {
    return this.db.selectFrom('games').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Compare-and-set of a game's bracket progress. Returns false (and writes nothing) when another
   * request moved the game past `expectedVersion` first.
   */
  async advance(
    id: string,
    expectedVersion: number,
    next: Pick<GameRow, 'winners' | 'version' | 'updated_at' | 'finished_at' | 'champion_id'>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('games')
      .set(next)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Stores a pick and counts it: winner/loser counters and the pair's head-to-head cell. */
  async recordPick(p: PickRecord): Promise<void> {
    await this.db
      .insertInto('picks')
      .values({
        game_id: p.gameId,
        version: p.version,
        worldcup_id: p.worldcupId,
        round: p.round,
        winner_id: p.winnerId,
        loser_id: p.loserId,
        created_at: p.at,
        undone_at: null,
      })
      .execute();
    await this.countVote(p.worldcupId, p.winnerId, p.loserId, 1);
  }

  /** Marks the game's latest counted pick undone and uncounts it; returns it, or undefined if none. */
  async undoLatestPick(gameId: string, at: number): Promise<{ winner_id: string; loser_id: string } | undefined> {
    const latest = await this.db
      .selectFrom('picks')
      .select(['version', 'worldcup_id', 'winner_id', 'loser_id'])
      .where('game_id', '=', gameId)
      .where('undone_at', 'is', null)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return undefined;
    await this.db
      .updateTable('picks')
      .set({ undone_at: at })
      .where('game_id', '=', gameId)
      .where('version', '=', latest.version)
      .execute();
    await this.countVote(latest.worldcup_id, latest.winner_id, latest.loser_id, -1);
    return latest;
  }

  /** Adds `delta` (±1) to a decided vote: winner.wins, loser.losses and the pair cell, each in one statement. */
  private async countVote(worldcupId: string, winnerId: string, loserId: string, delta: 1 | -1): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set((eb) => ({
        wins: eb('wins', '+', eb.case().when('id', '=', winnerId).then(delta).else(0).end()),
        losses: eb('losses', '+', eb.case().when('id', '=', loserId).then(delta).else(0).end()),
      }))
      .where('id', 'in', [winnerId, loserId])
      .execute();
    const winnerIsLo = winnerId < loserId;
    await this.db
      .insertInto('pair_counts')
      .values({
        worldcup_id: worldcupId,
        lo_id: winnerIsLo ? winnerId : loserId,
        hi_id: winnerIsLo ? loserId : winnerId,
        lo_wins: winnerIsLo ? delta : 0,
        hi_wins: winnerIsLo ? 0 : delta,
        ties: 0,
      })
      .onConflict((oc) =>
        oc.columns(['worldcup_id', 'lo_id', 'hi_id']).doUpdateSet((eb) => ({
          lo_wins: eb('pair_counts.lo_wins', '+', eb.ref('excluded.lo_wins')),
          hi_wins: eb('pair_counts.hi_wins', '+', eb.ref('excluded.hi_wins')),
        })),
      )
      .execute();
  }

  /** Counts (delta 1) or uncounts (delta −1) a finished game: appearances, the championship, finishes. */
  async countFinish(worldcupId: string, entrants: readonly string[], championId: string, delta: 1 | -1): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set((eb) => ({
        appearances: eb('appearances', '+', delta),
        championships: eb('championships', '+', eb.case().when('id', '=', championId).then(delta).else(0).end()),
      }))
      .where('id', 'in', [...entrants])
      .execute();
    await this.db
      .updateTable('worldcups')
      .set((eb) => ({ finishes: eb('finishes', '+', delta) }))
      .where('id', '=', worldcupId)
      .execute();
  }
}
