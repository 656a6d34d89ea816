import {
  type BracketState,
  BracketError,
  applyPick,
  championOf,
  currentMatch,
  drawBracket,
  isFinished,
  undoPick,
} from '../domain/bracket.js';
import type { Candidate, Game } from '../shared/schemas.js';
import type { GameRow } from '../store/games-repo.js';
import type { Repos, Store } from '../store/store.js';
import type { CandidateCache, CandidateSet } from './candidate-cache.js';
import { AppError, badRequest, conflict, notFound } from './errors.js';
import { newSecretId, secureRandom } from './ids.js';
import type { Viewer, WorldCupService } from './worldcups.js';

/** What happened, for whoever listens after commit (live updates, the ranking engine). */
export interface GameEvent {
  type: 'pick' | 'undo' | 'finish' | 'unfinish';
  worldcupId: string;
  gameId: string;
  winnerId?: string;
  loserId?: string;
}

function stateOf(row: GameRow): BracketState {
  return { entrants: JSON.parse(row.entrants) as string[], winners: JSON.parse(row.winners) as string[] };
}

/** Refuses a request made against an older state of the game (see `pickSchema`). */
function checkExpectedPicks(state: BracketState, expected: number | undefined): void {
  if (expected !== undefined && expected !== state.winners.length) {
    throw conflict(
      'stale_game',
      `this request was made after ${expected} picks but the game has ${state.winners.length}: it was already answered (double click or retry); reload the game`,
    );
  }
}

/** Bracket rule violations are the client's mistake: 409, with the bracket's own code. */
function asConflict(error: unknown): never {
  if (error instanceof BracketError) throw conflict(error.code, error.message);
  throw error;
}

export class GameService {
  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
    private readonly onEvent: (e: GameEvent) => void = () => undefined,
  ) {}

  async start(worldcupId: string, size: number, viewer: Viewer): Promise<Game> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const set = await this.cache.load(worldcupId);
    if (!set) throw notFound('world cup');
    if (size > set.active.length) {
      throw badRequest('invalid_size', `size ${size} is larger than the ${set.active.length} candidates`);
    }
    const entrants = drawBracket(
      set.active.map((c) => c.id),
      size,
      secureRandom,
    );
    const now = Date.now();
    const row: GameRow = {
      id: newSecretId(),
      worldcup_id: worldcupId,
      owner: viewer,
      size,
      entrants: JSON.stringify(entrants),
      winners: '[]',
      version: 0,
      created_at: now,
      updated_at: now,
      finished_at: null,
      champion_id: null,
    };
    await this.store.groupCommit((tx) => tx.games.insert(row));
    return this.present(row, set);
  }

  async get(id: string): Promise<Game> {
    const row = await this.store.games.get(id);
    if (!row) throw notFound('game');
    return this.present(row, await this.candidatesOf(row));
  }

  /** Records a pick; resolves only after it is committed. */
  async pick(id: string, winnerId: string, expectedPicks?: number): Promise<Game> {
    const { row, events } = await this.store.groupCommit((tx) => this.pickIn(tx, id, winnerId, expectedPicks));
    events.forEach(this.onEvent);
    return this.present(row, await this.candidatesOf(row));
  }

  private async pickIn(
    tx: Repos,
    id: string,
    winnerId: string,
    expectedPicks: number | undefined,
  ): Promise<{ row: GameRow; events: GameEvent[] }> {
    const row = await tx.games.get(id);
    if (!row) throw notFound('game');
    const state = stateOf(row);
    checkExpectedPicks(state, expectedPicks);
    let outcome;
    try {
      outcome = applyPick(state, winnerId);
    } catch (error) {
      asConflict(error);
    }
    const now = Date.now();
    const champion = championOf(outcome.state);
    const next: GameRow = {
      ...row,
      winners: JSON.stringify(outcome.state.winners),
      version: row.version + 1,
      updated_at: now,
      finished_at: champion ? now : null,
      champion_id: champion,
    };
    // The compare-and-set is the job's first write: losing the race writes nothing (group-commit contract).
    if (!(await tx.games.advance(id, row.version, next))) throw conflict('game_busy', 'the game changed meanwhile; reload it');
    await tx.games.recordPick({
      worldcupId: row.worldcup_id,
      gameId: id,
      version: next.version,
      round: outcome.match.round,
      winnerId: outcome.winner,
      loserId: outcome.loser,
      at: now,
    });
    const events: GameEvent[] = [
      { type: 'pick', worldcupId: row.worldcup_id, gameId: id, winnerId: outcome.winner, loserId: outcome.loser },
    ];
    if (champion) {
      await tx.games.countFinish(row.worldcup_id, outcome.state.entrants, champion, 1);
      events.push({ type: 'finish', worldcupId: row.worldcup_id, gameId: id, winnerId: champion });
    }
    return { row: next, events };
  }

  /** Takes back the last pick (also after the final): the match is open again and the vote stops counting. */
  async undo(id: string, expectedPicks?: number): Promise<Game> {
    const { row, events } = await this.store.groupCommit(async (tx) => {
      const row = await tx.games.get(id);
      if (!row) throw notFound('game');
      const state = stateOf(row);
      checkExpectedPicks(state, expectedPicks);
      let outcome;
      try {
        outcome = undoPick(state);
      } catch (error) {
        asConflict(error);
      }
      const now = Date.now();
      const next: GameRow = {
        ...row,
        winners: JSON.stringify(outcome.state.winners),
        version: row.version + 1,
        updated_at: now,
        finished_at: null,
        champion_id: null,
      };
      if (!(await tx.games.advance(id, row.version, next))) throw conflict('game_busy', 'the game changed meanwhile; reload it');
      const events: GameEvent[] = [];
      if (isFinished(state) && row.champion_id) {
        await tx.games.countFinish(row.worldcup_id, state.entrants, row.champion_id, -1);
        events.push({ type: 'unfinish', worldcupId: row.worldcup_id, gameId: id });
      }
      const undone = await tx.games.undoLatestPick(id, now);
      if (undone) {
        events.push({ type: 'undo', worldcupId: row.worldcup_id, gameId: id, winnerId: undone.winner_id, loserId: undone.loser_id });
      }
      return { row: next, events };
    });
    events.forEach(this.onEvent);
    return this.present(row, await this.candidatesOf(row));
  }

  private async candidatesOf(row: GameRow): Promise<CandidateSet> {
    const entrants = JSON.parse(row.entrants) as string[];
    let set = await this.cache.load(row.worldcup_id);
    // A candidate added by an edit on another instance may be newer than our cached copy.
    if (set && entrants.some((id) => !set?.byId.has(id))) set = await this.cache.load(row.worldcup_id, { force: true });
    if (!set) throw notFound('game');
    return set;
  }

  private present(row: GameRow, set: CandidateSet): Game {
    const state = stateOf(row);
    const candidate = (id: string): Candidate => {
      const c = set.byId.get(id);
      if (!c) throw new AppError(410, 'candidate_gone', 'a candidate of this game no longer exists');
      return c;
    };
    const match = currentMatch(state);
    const champion = championOf(state);
    return {
      id: row.id,
      worldcupId: row.worldcup_id,
      worldcupTitle: set.title,
      size: row.size,
      done: champion !== null,
      match: match ? { round: match.round, index: match.index, total: match.total, a: candidate(match.a), b: candidate(match.b) } : null,
      champion: champion ? candidate(champion) : null,
      picks: state.winners.length,
      totalPicks: row.size - 1,
      canUndo: state.winners.length > 0,
    };
  }
}
