import { type BracketState, applyPick, currentMatch } from '../domain/bracket.js';
import { agreementOf } from '../domain/stats.js';
import type { ResultMatch, Result } from '../shared/results.js';
import type { Candidate } from '../shared/schemas.js';
import type { StoredResult } from '../store/games-repo.js';
import type { Store } from '../store/store.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import type { Viewer } from './access.js';
import type { CandidateCache } from './candidate-cache.js';
import { notFound } from './errors.js';
import type { WorldCupService } from './worldcups.js';

/** A finished game's result as the service found it: the public view and its world cup's row. */
export interface FoundResult {
  result: Result;
  worldcup: WorldcupRow;
}

/** A candidate whose row is gone (deleted with an edit long after the game): shown by what is left. */
const goneCandidate = (id: string): Candidate => ({ id, name: '?', group: null, caption: null, media: null });

/**
 * Results: a finished game's public, read-only view by its result id. The game's own id and its
 * player never appear in it. Who may see it is the world cup's business (Access.visible): a private
 * world cup's results are 404 to everyone but its owner and admins, as the world cup itself is.
 * A game fair play excluded still has its result (it is the player's game; it only does not count),
 * and its picks show how everyone else's counted votes went.
 */
export class ResultService {
  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
  ) {}

  async get(resultId: string, viewer: Viewer): Promise<Result> {
    return (await this.find(resultId, viewer)).result;
  }

  /** The result and its world cup's row; 404 for an unknown id, an unfinished game or a world cup the viewer may not see. */
  async find(resultId: string, viewer: Viewer): Promise<FoundResult> {
    const stored = await this.store.games.loadResult(resultId);
    if (!stored || stored.row.finished_at === null || stored.row.champion_id === null) throw notFound('result');
    const worldcup = await this.worldcups.visibleRow(stored.row.worldcup_id, viewer).catch(() => {
      throw notFound('result');
    });
    const matches = replay(stored);
    const set = await this.cache.load(worldcup.id);
    if (!set) throw notFound('result');
    const shown = await this.cache.include(set, stored.entrants);
    const candidate = (id: string): Candidate => shown.byId.get(id) ?? goneCandidate(id);
    const cells = await this.store.votes.pairCells(
      worldcup.id,
      matches.map((m) => [m.a, m.b] as const),
    );
    const cellOf = new Map(cells.map((c) => [`${c.lo_id}\n${c.hi_id}`, c]));
    const rounds: ResultMatch[] = matches.map((m) => {
      const key = m.a < m.b ? `${m.a}\n${m.b}` : `${m.b}\n${m.a}`;
      return {
        round: m.round,
        left: candidate(m.a),
        right: candidate(m.b),
        picked: m.winner === m.a ? 'left' : 'right',
        agreed: agreementOf(cellOf.get(key), m.winner),
      };
    });
    return {
      worldcup,
      result: {
        id: stored.row.result_id,
        worldcup: { id: worldcup.id, title: worldcup.title },
        champion: candidate(stored.row.champion_id),
        size: stored.row.size,
        finishedAt: new Date(Number(stored.row.finished_at)).toISOString(),
        rounds,
      },
    };
  }
}

/** The game's matches in play order, replayed from its entrants and standing winners. */
function replay(stored: StoredResult): { round: number; a: string; b: string; winner: string }[] {
  let state: BracketState = { entrants: stored.entrants, winners: [] };
  const matches: { round: number; a: string; b: string; winner: string }[] = [];
  for (const winner of stored.winners) {
    const match = currentMatch(state);
    if (!match) break;
    matches.push({ round: match.round, a: match.a, b: match.b, winner });
    state = applyPick(state, winner).state;
  }
  return matches;
}
