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

/** [game_id, version, worldcup_id, round, winner_id, loser_id, created_at] */
const insertPick = new QueryTemplate<[string, number, string, number, string, string, number]>((db) =>
  db.insertInto('picks').values({
    game_id: '',
    version: 0,
    worldcup_id: '',
    round: 0,
    winner_id: '',
    loser_id: '',
    created_at: 0,
  }),
);

/** [worldcup_id, lo_id, hi_id, lo_wins, hi_wins]: adds the two deltas to the pair's cell. */
const countPair = new QueryTemplate<[string, string, string, number, number]>((db) =>
  db
    .insertInto('pair_counts')
    .values({ worldcup_id: '', lo_id: '', hi_id: '', lo_wins: 0, hi_wins: 0 })
    .onConflict((oc) =>
      oc.columns(['worldcup_id', 'lo_id', 'hi_id']).doUpdateSet((eb) => ({
        lo_wins: eb('pair_counts.lo_wins', '+', eb.ref('excluded.lo_wins')),
        hi_wins: eb('pair_counts.hi_wins', '+', eb.ref('excluded.hi_wins')),
      })),
    ),
);

export type GameRow = Selectable<GamesTable>;
export type GameProgress = Pick<GameRow, 'version' | 'updated_at' | 'finished_at' | 'champion_id'>;

/** A game as the bracket logic needs it: its row, the drawn entrants and the winners so far. */
export interface StoredGame {
  row: GameRow;
  entrants: string[];
  winners: string[];
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
}

/**
 * Games, their picks and the aggregates the ranking reads. Every method that changes a count is
 * called inside the transaction that records or undoes the pick, so counters never drift.
 */
export class GameRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: GameRow, entrants: readonly string[]): Promise<void> {
    await this.db.insertInto('games').values(row).execute();
    await this.db.insertInto('game_entrants').values({ game_id: row.id, entrants: JSON.stringify(entrants) }).execute();
    await this.db
      .updateTable('worldcups')
      .set((eb) => ({ plays: eb('plays', '+', 1) }))
      .where('id', '=', row.worldcup_id)
      .execute();
  }

  /** Loads a game with its bracket; the winners are its counted picks in play order. */
  async load(id: string): Promise<StoredGame | undefined> {
    const row = await this.db.selectFrom('games').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const bracket = await this.db.selectFrom('game_entrants').select('entrants').where('game_id', '=', id).executeTakeFirst();
    const picks = await this.db
      .selectFrom('picks')
      .select('winner_id')
      .where('game_id', '=', id)
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

  /** Stores a pick and counts it in the pair's head-to-head cell. */
  async recordPick(p: PickRecord): Promise<void> {
    await insertPick.run(this.db, [p.gameId, p.version, p.worldcupId, p.round, p.winnerId, p.loserId, p.at]);
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

  /** Adds `delta` (±1) to the pair cell of a decided vote, in one upsert. */
  private async countVote(worldcupId: string, winnerId: string, loserId: string, delta: 1 | -1): Promise<void> {
    const winnerIsLo = winnerId < loserId;
    await countPair.run(this.db, [
      worldcupId,
      winnerIsLo ? winnerId : loserId,
      winnerIsLo ? loserId : winnerId,
      winnerIsLo ? delta : 0,
      winnerIsLo ? 0 : delta,
    ]);
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
