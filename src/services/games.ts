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
import type { Candidate, Game, ResumableGame } from '../shared/schemas.js';
import type { GameProgress, GameRow } from '../store/games-repo.js';
import type { Repos, Store } from '../store/store.js';
import type { CandidateCache, CandidateSet } from './candidate-cache.js';
import { AppError, badRequest, conflict, notFound } from './errors.js';
import type { FlagReason } from '../domain/fair-play.js';
import { type Agreement, agreementOf } from '../domain/stats.js';
import { FAIR_PLAY_OFF, FairPlay, type FairPlayOptions } from './fair-play.js';
import type { MinuteCounters } from '../live/counters.js';
import { GameCache, type LiveGame } from './game-cache.js';
import { type Viewer, isPlayer, requireActor } from './access.js';
import type { DomainEventBus } from './domain-events.js';
import { newId, newSecretId, secureRandom } from './ids.js';
import { type ContentLang, localTitle, localizeCandidate } from './localize.js';
import { type WorldCupService, arenaSettingsOf } from './worldcups.js';

/** The compare-and-set found the stored game ahead of our copy: reload and try once more. */
class StaleCopy extends AppError {
  constructor() {
    super(409, 'game_busy', 'the game changed meanwhile; reload it');
  }
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

/** Runs a bracket operation; its rule violations are the client's mistake: 409 with the bracket's code. */
function bracketStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof BracketError) throw conflict(error.code, error.message);
    throw error;
  }
}

interface Transition {
  progress: GameProgress;
  state: BracketState;
  pickTimes: readonly number[];
  /** The game's fair-play flag after this step (sticky: once set, it stays). */
  flagged: string | null;
  /** The writes, run inside the shared (group-committed) transaction after the compare-and-set; they return what to announce once committed. */
  write: (tx: Repos) => Promise<Announcement[]>;
}

/** A domain event to publish once the transaction that caused it is committed. */
type Announcement = () => Promise<void>;

/**
 * Takes a flagged game's standing votes out of the ledger (one delta per pair cell, however many
 * of the game's votes it holds) and counts them as excluded instead.
 */
async function excludeVotes(tx: Repos, worldcupId: string, standing: readonly { winner_id: string; loser_id: string }[]): Promise<void> {
  const cells = new Map<string, { winnerId: string; loserId: string; n: number }>();
  for (const p of standing) {
    const key = `${p.winner_id}\n${p.loser_id}`;
    const cell = cells.get(key) ?? { winnerId: p.winner_id, loserId: p.loser_id, n: 0 };
    cell.n++;
    cells.set(key, cell);
  }
  for (const c of cells.values()) await tx.votes.count(worldcupId, 'bracket', c.winnerId, c.loserId, 'win', -c.n);
  await tx.votes.exclude(worldcupId, standing.length);
}

export class GameService {
  private readonly games: GameCache;
  private readonly fairPlay: FairPlay;

  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
    private readonly events: DomainEventBus,
    opts: { fairPlay?: FairPlayOptions; cacheBytes?: number; counters?: MinuteCounters } = {},
  ) {
    this.games = new GameCache(store, opts.cacheBytes);
    this.fairPlay = new FairPlay(store, opts.fairPlay ?? FAIR_PLAY_OFF, opts.counters);
  }

  /**
   * Starts a game. `address` is the client's IP, for fair play's games-per-address rule; only its
   * salted hash is stored. A game started one too many is flagged from the start, and nobody is told.
   */
  async start(worldcupId: string, size: number, viewer: Viewer, address?: string, lang?: ContentLang): Promise<Game> {
    requireActor(viewer);
    const wc = await this.worldcups.visibleRow(worldcupId, viewer);
    if (arenaSettingsOf(wc).mode === 'arena') throw conflict('bracket_closed', 'this world cup is played in the arena only; its owner closed it to brackets');
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
    const ipKey = address === undefined ? null : await this.fairPlay.addressKey(address);
    const now = Date.now();
    const row: GameRow = {
      id: newSecretId(),
      worldcup_id: worldcupId,
      owner: viewer,
      size,
      version: 0,
      created_at: now,
      updated_at: now,
      finished_at: null,
      champion_id: null,
      flagged: null,
      ip_key: ipKey,
      // Read-only and public (a result page can be shared); 16 base62 characters ≈ 95 bits.
      result_id: newId(16),
    };
    await this.store.groupCommit(async (tx) => {
      // Counted in the inserting transaction, after the world cup's row is locked, so games started
      // together (in one batch, or on several instances) see each other.
      // A world cup deleted meanwhile: refused before anything is written, as group commit requires.
      if (!(await tx.games.countStart(worldcupId))) throw notFound('world cup');
      row.flagged = await this.fairPlay.judgeStart(tx, worldcupId, viewer, ipKey, now);
      await tx.games.insert(row, entrants);
    });
    const game: LiveGame = { row, state: { entrants, winners: [] }, pickTimes: [] };
    this.games.put(game);
    void this.events.emit('game.started', { worldcupId, gameId: row.id, player: viewer });
    return this.present(game, set, null, lang);
  }

  /** The stored state (not this instance's cached copy: another instance may have moved the game). */
  async get(id: string, viewer: Viewer, lang?: ContentLang): Promise<Game> {
    this.games.forget(id);
    const game = await this.ownGame(id, viewer);
    return this.present(game, await this.candidatesOf(game), await this.agreement(game), lang);
  }

  /**
   * `viewer`'s most recently played unfinished game of a world cup, to offer resuming it; null when
   * there is none (or its current match shows a candidate that no longer exists). Older unfinished
   * games stay where they are: starting a new game abandons nothing, it only becomes the one offered.
   */
  async resumable(worldcupId: string, viewer: Viewer): Promise<ResumableGame> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    if (viewer.length === 0) return { game: null };
    const id = await this.store.games.latestOpenGame(worldcupId, viewer);
    if (id === undefined) return { game: null };
    let game: Game;
    try {
      game = await this.get(id, viewer);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return { game: null };
      throw error;
    }
    if (!game.match) return { game: null };
    const updatedAt = (await this.games.get(id))?.row.updated_at ?? Date.now();
    const { round, index, total } = game.match;
    return {
      game: { id, size: game.size, round, index, total, picks: game.picks, totalPicks: game.totalPicks, updatedAt: new Date(Number(updatedAt)).toISOString() },
    };
  }

  /**
   * The game, if `viewer` started it; to anyone else it does not exist (404), so a game id seen
   * somewhere lets nobody act. A cached copy that names another owner is reloaded once first:
   * signing up hands an anonymous session's games to the account, maybe on another instance.
   */
  private async ownGame(id: string, viewer: Viewer): Promise<LiveGame> {
    let game = await this.games.get(id);
    if (game && !isPlayer(game.row, viewer)) {
      this.games.forget(id);
      game = await this.games.get(id);
    }
    if (!game || !isPlayer(game.row, viewer)) throw notFound('game');
    return game;
  }

  /**
   * Records a pick; resolves only after it is committed. A flagged game's pick is stored but not
   * counted, and so is its finish; a pick that reveals a too-fast pace flags the game first, which
   * takes its earlier votes back out of the counts. The player sees the same game either way.
   */
  async pick(id: string, viewer: Viewer, winnerId: string, expectedPicks?: number, lang?: ContentLang): Promise<Game> {
    const voterFlag = await this.judgeVoter(id, viewer);
    return this.transition(id, viewer, lang, (game) => {
      checkExpectedPicks(game.state, expectedPicks);
      const outcome = bracketStep(() => applyPick(game.state, winnerId));
      const champion = championOf(outcome.state);
      const now = Date.now();
      const { row } = game;
      const pickTimes = [...game.pickTimes, now];
      const flagNow = row.flagged === null ? (this.fairPlay.judgePace(pickTimes) ?? voterFlag) : null;
      const flagged = row.flagged ?? flagNow;
      const isCounted = flagged === null;
      const progress = { version: row.version + 1, updated_at: now, finished_at: champion ? now : null, champion_id: champion };
      const votes = { worldcupId: row.worldcup_id, source: 'bracket' as const, voter: row.owner };
      return {
        progress,
        state: outcome.state,
        pickTimes,
        flagged,
        write: async (tx) => {
          const announce: Announcement[] = [];
          if (flagNow) {
            const standing = await tx.games.flag(id, flagNow);
            if (standing.length > 0) {
              await excludeVotes(tx, row.worldcup_id, standing);
              announce.push(() => this.events.emit('votes.changed', { ...votes, change: 'excluded', counted: true }));
            }
          }
          await tx.games.recordPick({
            worldcupId: row.worldcup_id,
            gameId: id,
            version: progress.version,
            round: outcome.match.round,
            winnerId: outcome.winner,
            loserId: outcome.loser,
            at: now,
            counted: isCounted,
          });
          if (isCounted) await tx.votes.count(row.worldcup_id, 'bracket', outcome.winner, outcome.loser, 'win', 1);
          else await tx.votes.exclude(row.worldcup_id, 1);
          announce.push(() => this.events.emit('votes.changed', { ...votes, change: 'cast', counted: isCounted }));
          if (champion) {
            if (isCounted) await tx.games.countFinish(row.worldcup_id, outcome.state.entrants, champion, 1);
            const finished = { worldcupId: row.worldcup_id, resultId: row.result_id, championId: champion, player: row.owner, counted: isCounted };
            announce.push(() => this.events.emit('game.finished', finished));
          }
          return announce;
        },
      };
    });
  }

  /**
   * "Others chose" for the game's last standing pick (null before the first): the share of its
   * pair's counted votes won by the pick, read after commit (this pick included) from the pair's
   * ledger cell — one primary-key lookup, outside the transaction, so a pick is not slowed.
   */
  private async agreement(game: LiveGame): Promise<Agreement | null> {
    const { entrants, winners } = game.state;
    const winner = winners.at(-1);
    const match = currentMatch({ entrants, winners: winners.slice(0, -1) });
    if (winner === undefined || !match) return null;
    const loser = winner === match.a ? match.b : match.a;
    const [cell] = await this.store.votes.pairCells(game.row.worldcup_id, [[winner, loser]]);
    return agreementOf(cell, winner);
  }

  /**
   * Takes back the last pick: its match is open again and the vote stops counting. A finished game
   * is final (409 game_finished): its champion has been announced and counted, and taking it back
   * would let a game be "won" again and again.
   */
  undo(id: string, viewer: Viewer, expectedPicks?: number, lang?: ContentLang): Promise<Game> {
    return this.transition(id, viewer, lang, (game) => {
      if (isFinished(game.state)) throw conflict('game_finished', 'this game is over: its champion is final; start a new game to play again');
      checkExpectedPicks(game.state, expectedPicks);
      const outcome = bracketStep(() => undoPick(game.state));
      const { row } = game;
      const now = Date.now();
      return {
        progress: { version: row.version + 1, updated_at: now, finished_at: null, champion_id: null },
        state: outcome.state,
        pickTimes: game.pickTimes,
        flagged: row.flagged,
        write: async (tx) => {
          const undone = await tx.games.undoLatestPick(id, now);
          if (!undone) return [];
          if (undone.counted) await tx.votes.count(row.worldcup_id, 'bracket', undone.winner_id, undone.loser_id, 'win', -1);
          const change = { worldcupId: row.worldcup_id, source: 'bracket' as const, voter: row.owner, change: 'undone' as const, counted: undone.counted };
          return [() => this.events.emit('votes.changed', change)];
        },
      };
    });
  }

  /** Counts the vote towards its voter's pace over all their games (fair play); a flag reason when too fast. */
  private async judgeVoter(id: string, viewer: Viewer): Promise<FlagReason | null> {
    const { row } = await this.ownGame(id, viewer);
    return row.flagged === null ? this.fairPlay.judgeVoter(row.owner, row.ip_key) : null;
  }

  /**
   * Applies a pick or undo: decides it on the cached game, then commits it with a compare-and-set
   * on the stored version (the job's first write, as group commit requires). If another instance
   * moved the game meanwhile (the compare-and-set fails, or the cached copy refuses what the
   * client, who saw a newer state, asks), the copy is reloaded and the decision made once more on
   * the truth.
   */
  private async transition(id: string, viewer: Viewer, lang: ContentLang | undefined, decide: (game: LiveGame) => Transition): Promise<Game> {
    for (let attempt = 0; ; attempt++) {
      const game = await this.ownGame(id, viewer);
      let t: Transition;
      try {
        t = decide(game);
      } catch (error) {
        // Refused on our copy: another instance may have moved the game since (a player whose
        // requests a proxy spreads over instances), so the refusal stands only on the stored truth.
        if (!(error instanceof AppError) || attempt > 0) throw error;
        this.games.forget(id);
        continue;
      }
      try {
        const announce = await this.store.groupCommit(async (tx) => {
          if (!(await tx.games.advance(id, game.row.version, t.progress))) throw new StaleCopy();
          return t.write(tx);
        });
        const next = this.games.commit(game, { ...t.progress, flagged: t.flagged }, t.state, t.pickTimes);
        for (const send of announce) void send();
        return this.present(next, await this.candidatesOf(next), await this.agreement(next), lang);
      } catch (error) {
        if (!(error instanceof StaleCopy) || attempt > 0) throw error;
        this.games.forget(id);
      }
    }
  }

  private async candidatesOf(game: LiveGame): Promise<CandidateSet> {
    const set = await this.cache.load(game.row.worldcup_id);
    const match = currentMatch(game.state);
    const shown = [match?.a, match?.b, championOf(game.state)].filter((c): c is string => typeof c === 'string');
    if (set && shown.every((c) => set.byId.has(c))) return set;
    // A candidate added by an edit on another instance may be newer than our cached copy, and one
    // removed by an edit is not in it at all (the game was drawn before).
    const fresh = await this.cache.load(game.row.worldcup_id, { force: true });
    if (!fresh) throw notFound('game');
    return this.cache.include(fresh, shown);
  }

  private present(game: LiveGame, set: CandidateSet, agreed: Agreement | null = null, lang?: ContentLang): Game {
    const { row, state } = game;
    const candidate = (id: string): Candidate => {
      const c = set.byId.get(id);
      if (!c) throw new AppError(410, 'candidate_gone', 'a candidate of this game no longer exists');
      return localizeCandidate(c, set.slug, lang);
    };
    const match = currentMatch(state);
    const champion = championOf(state);
    return {
      id: row.id,
      resultId: row.result_id,
      worldcupId: row.worldcup_id,
      worldcupTitle: localTitle(set.slug, lang) ?? set.title,
      size: row.size,
      done: champion !== null,
      match: match ? { round: match.round, index: match.index, total: match.total, a: candidate(match.a), b: candidate(match.b) } : null,
      champion: champion ? candidate(champion) : null,
      picks: state.winners.length,
      totalPicks: row.size - 1,
      canUndo: state.winners.length > 0 && champion === null,
      agreed,
    };
  }
}
