import type { Kysely, Selectable } from 'kysely';
import type { Database, GamesTable } from './schema.js';
import { QueryTemplate } from './templates.js';

// The per-pick statements, compiled once (see templates.ts). Placeholder values only fix the
// shape; the comment on each lists the parameter order.

/** [version, updated_at, finished_at, champion_id, id, expectedVersion] */
const advanceGame = new QueryTemplate<[number, number, number | null, string | null, string, number]>((db) =>
  db
    .updateTable('games')
    .set({ version: 0, updated_at: 0, finished_at: 0, champion_id: '' })
    .where('id', '=', '')
    .where('version', '=', 0),
);

/** [game_id, version, worldcup_id, round, winner_id, loser_id, created_at, counted] */
const insertPick = new QueryTemplate<[string, number, string, number, string, string, number, number]>((db) =>
  db.insertInto('picks').values({
    game_id: '',
    version: 0,
    worldcup_id: '',
    round: 0,
    winner_id: '',
    loser_id: '',
    created_at: 0,
    counted: 0,
  }),
);

export type GameRow = Selectable<GamesTable>;
export type GameProgress = Pick<GameRow, 'version' | 'updated_at' | 'finished_at' | 'champion_id'>;

/** A game as the bracket logic needs it: its row, the drawn entrants and the winners so far. */
export interface StoredGame {
  row: GameRow;
  entrants: string[];
  winners: string[];
  /** When each of its picks was made, undone ones included, in play order (fair play's pace). */
  pickTimes: number[];
}

export interface PickRecord {
  worldcupId: string;
  gameId: string;
  /** The game version this pick produced. */
  version: number;
  round: number;
  winnerId: string;
  loserId: string;
  at: number;
  /** False for a flagged game's pick: stored, but counted as excluded instead of in its pair cell. */
  counted: boolean;
}

/** A game as its public result shows it: the row and its standing picks in play order. */
export interface StoredResult {
  row: GameRow;
  entrants: string[];
  /** The standing picks' winners in play order (the bracket replays them). */
  winners: string[];
}

/** Games started since a time on one world cup, by one session and by one address. */
export interface RecentStarts {
  bySession: number;
  byAddress: number;
}

/**
 * Games, their picks and the aggregates the ranking reads. Every method that changes a count is
 * called inside the transaction that records or undoes the pick, so counters never drift.
 */
export class GameRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Counts a game start on the world cup (plays + 1). Called first in the starting transaction: on
   * PostgreSQL the update locks the world cup's row until commit, so starts of one world cup, from
   * any instance, are judged by fair play one at a time. False when the world cup is gone (deleted
   * meanwhile; on PostgreSQL the update waited for that deletion to commit).
   */
  async countStart(worldcupId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('worldcups')
      .set((eb) => ({ plays: eb('plays', '+', 1) }))
      .where('id', '=', worldcupId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async insert(row: GameRow, entrants: readonly string[]): Promise<void> {
    await this.db.insertInto('games').values(row).execute();
    await this.db.insertInto('game_entrants').values({ game_id: row.id, entrants: JSON.stringify(entrants) }).execute();
  }

  /** Loads a game with its bracket; the winners are its counted picks in play order. */
  async load(id: string): Promise<StoredGame | undefined> {
    const row = await this.db.selectFrom('games').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const bracket = await this.db.selectFrom('game_entrants').select('entrants').where('game_id', '=', id).executeTakeFirst();
    const picks = await this.db
      .selectFrom('picks')
      .select(['winner_id', 'created_at', 'undone_at'])
      .where('game_id', '=', id)
      .orderBy('version')
      .execute();
    return {
      row,
      entrants: JSON.parse(bracket?.entrants ?? '[]') as string[],
      winners: picks.filter((p) => p.undone_at === null).map((p) => p.winner_id),
      // PostgreSQL returns bigint columns as strings.
      pickTimes: picks.map((p) => Number(p.created_at)),
    };
  }

  /** A game found by its public result id, with its standing picks in play order. */
  async loadResult(resultId: string): Promise<StoredResult | undefined> {
    const row = await this.db.selectFrom('games').selectAll().where('result_id', '=', resultId).executeTakeFirst();
    if (!row) return undefined;
    const bracket = await this.db.selectFrom('game_entrants').select('entrants').where('game_id', '=', row.id).executeTakeFirst();
    const picks = await this.db
      .selectFrom('picks')
      .select('winner_id')
      .where('game_id', '=', row.id)
      .where('undone_at', 'is', null)
      .orderBy('version')
      .execute();
    return { row, entrants: JSON.parse(bracket?.entrants ?? '[]') as string[], winners: picks.map((p) => p.winner_id) };
  }

  /**
   * Compare-and-set of a game's progress. Returns false (and writes nothing) when another request
   * moved the game past `expectedVersion` first.
   */
  async advance(id: string, expectedVersion: number, next: GameProgress): Promise<boolean> {
    const result = await advanceGame.run(this.db, [next.version, next.updated_at, next.finished_at, next.champion_id, id, expectedVersion]);
    return result.numAffectedRows === 1n;
  }

  /** Stores a pick (the vote ledger counts it: VotesRepo, in the same transaction). */
  async recordPick(p: PickRecord): Promise<void> {
    await insertPick.run(this.db, [p.gameId, p.version, p.worldcupId, p.round, p.winnerId, p.loserId, p.at, p.counted ? 1 : 0]);
  }

  /**
   * Marks the game's latest standing pick undone and returns it (whether it counted, so the caller
   * takes it out of the ledger; an excluded one stays excluded), or undefined if there is none.
   */
  async undoLatestPick(gameId: string, at: number): Promise<{ winner_id: string; loser_id: string; counted: boolean } | undefined> {
    const latest = await this.db
      .selectFrom('picks')
      .select(['version', 'worldcup_id', 'winner_id', 'loser_id', 'counted'])
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
    return { winner_id: latest.winner_id, loser_id: latest.loser_id, counted: Number(latest.counted) === 1 };
  }

  /**
   * Flags a game (fair play) and marks its standing counted picks as no longer counted. Returns
   * those picks, for the caller to take out of the ledger; none (and no change) if already flagged.
   */
  async flag(gameId: string, reason: string): Promise<{ winner_id: string; loser_id: string }[]> {
    const marked = await this.db.updateTable('games').set({ flagged: reason }).where('id', '=', gameId).where('flagged', 'is', null).executeTakeFirst();
    if (marked.numUpdatedRows === 0n) return [];
    const standing = await this.db
      .selectFrom('picks')
      .select(['winner_id', 'loser_id'])
      .where('game_id', '=', gameId)
      .where('counted', '=', 1)
      .where('undone_at', 'is', null)
      .execute();
    if (standing.length > 0) {
      await this.db.updateTable('picks').set({ counted: 0 }).where('game_id', '=', gameId).where('counted', '=', 1).where('undone_at', 'is', null).execute();
    }
    return standing;
  }

  /**
   * Candidate ids drawn into the world cup's unfinished games that were played at or after
   * `since`: the removed candidates an edit must keep, because those games still show them.
   */
  async entrantsOfOpenGames(worldcupId: string, since: number): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('game_entrants')
      .innerJoin('games', 'games.id', 'game_entrants.game_id')
      .select('game_entrants.entrants as entrants')
      .where('games.worldcup_id', '=', worldcupId)
      .where('games.finished_at', 'is', null)
      .where('games.updated_at', '>=', since)
      .execute();
    return new Set(rows.flatMap((r) => JSON.parse(r.entrants) as string[]));
  }

  /**
   * The id of `owner`'s most recently played unfinished game of a world cup (to resume it), if
   * any. The games_wc_owner_started index narrows it to that owner's games of the world cup.
   */
  async latestOpenGame(worldcupId: string, owner: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('games')
      .select('id')
      .where('worldcup_id', '=', worldcupId)
      .where('owner', '=', owner)
      .where('finished_at', 'is', null)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /** Games started at or after `since` on a world cup by `owner`, and by `ipKey` (0 when it is null). */
  async recentStarts(worldcupId: string, owner: string, ipKey: string | null, since: number): Promise<RecentStarts> {
    const count = async (column: 'owner' | 'ip_key', value: string): Promise<number> => {
      const row = await this.db
        .selectFrom('games')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('worldcup_id', '=', worldcupId)
        .where(column, '=', value)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0); // PostgreSQL counts are bigint strings
    };
    return { bySession: await count('owner', owner), byAddress: ipKey === null ? 0 : await count('ip_key', ipKey) };
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
