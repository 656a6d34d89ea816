import type { BracketState } from '../domain/bracket.js';
import type { GameProgress, GameRow } from '../store/games-repo.js';
import type { Store } from '../store/store.js';

/** A game as this instance last saw it committed. */
export interface LiveGame {
  row: GameRow;
  state: BracketState;
  /** When each pick was made, undone ones included: fair play judges the pace without a query. */
  pickTimes: readonly number[];
}

/**
 * Recently played games in memory, so a pick neither reads nor parses the game: the database is
 * only written. The cache is a hint, never the authority: every write is a compare-and-set on the
 * stored version, and a game changed by another instance fails it and is reloaded.
 */
export class GameCache {
  private readonly games = new Map<string, LiveGame>();

  constructor(
    private readonly store: Store,
    private readonly maxEntries = 20_000,
  ) {}

  async get(id: string): Promise<LiveGame | undefined> {
    const hit = this.games.get(id);
    if (hit) return hit;
    const stored = await this.store.games.load(id);
    if (!stored) return undefined;
    const game = { row: stored.row, state: { entrants: stored.entrants, winners: stored.winners }, pickTimes: stored.pickTimes };
    this.put(game);
    return game;
  }

  /** Records what a committed pick or undo made of the game. */
  commit(previous: LiveGame, changes: GameProgress & Partial<GameRow>, state: BracketState, pickTimes: readonly number[]): LiveGame {
    const game = { row: { ...previous.row, ...changes }, state, pickTimes };
    this.put(game);
    return game;
  }

  put(game: LiveGame): void {
    this.games.delete(game.row.id); // re-insert at the end: Map order is our LRU order
    this.games.set(game.row.id, game);
    if (this.games.size > this.maxEntries) {
      const oldest = this.games.keys().next().value;
      if (oldest !== undefined) this.games.delete(oldest);
    }
  }

  forget(id: string): void {
    this.games.delete(id);
  }
}
