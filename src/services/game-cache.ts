import type { BracketState } from '../domain/bracket.js';
import type { GameProgress, GameRow } from '../store/games-repo.js';
import type { Store } from '../store/store.js';
import { SizedLru } from './sized-lru.js';

/**
 * About what a game takes in memory: its row, and per drawn candidate an id string in the entrants
 * (and in the winners, half as many), plus a number per pick time. An estimate, on the high side.
 */
function approxBytes(game: LiveGame): number {
  return 600 + 64 * (game.state.entrants.length + game.state.winners.length) + 16 * game.pickTimes.length;
}

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
  private readonly games: SizedLru<LiveGame>;

  constructor(
    private readonly store: Store,
    maxBytes = 64 * 1024 * 1024,
  ) {
    this.games = new SizedLru(maxBytes, approxBytes);
  }

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
    this.games.set(game.row.id, game);
  }

  forget(id: string): void {
    this.games.delete(id);
  }
}
