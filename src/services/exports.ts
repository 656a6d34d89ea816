/**
 * What leaves Versus as files: a world cup's ranking as CSV (anyone who may see the world cup), its
 * counted votes as JSON lines (its owner only, voters pseudonymised per world cup), and the whole
 * world cup with its ranking as JSON (the CLI's `versus export --format json`). The HTTP routes and
 * the CLI both come here, so a file is the same whoever asks for it.
 */
import { createHmac } from 'node:crypto';
import { csvRecord } from '../domain/csv.js';
import type { Ranking, WorldCup } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { Access, Viewer } from './access.js';
import type { RankingService } from './ranking.js';
import type { WorldCupService } from './worldcups.js';

/** A file to hand out: its suggested name and its content, whole or as it is produced. */
export interface ExportFile {
  filename: string;
  body: string | AsyncIterable<string>;
}

/** The columns of ranking.csv, in order (README "Import and export" documents each). */
export const RANKING_CSV_COLUMNS = [
  'rank',
  'position',
  'candidate_id',
  'name',
  'score',
  'ci_low',
  'ci_high',
  'wins',
  'losses',
  'ties',
  'matches',
  'win_rate',
  'appearances',
  'championships',
  'champion_rate',
  'provisional',
  'group',
] as const;

/** One counted vote of votes.jsonl. */
export interface ExportedVote {
  time: string;
  source: 'bracket' | 'arena' | 'blind';
  /** The pair, in candidate id order: a bracket pick records who won, not which side of the screen it was on. */
  a: string;
  b: string;
  /** The winner's candidate id, or "tie" (an arena tie or both-bad). */
  winner: string;
  /** The voter pseudonymised for this world cup: the same voter has the same value here, and another in every other world cup. */
  voter: string;
  /** Arena votes: the answer as given (both_bad is a tie above), the prompt's category, and the probability with which the sampler drew the pair. */
  choice?: 'left' | 'right' | 'tie' | 'both_bad';
  category?: string | null;
  probability?: number;
}

/** The whole world cup and its ranking (`versus export --format json`). */
export interface WorldCupExport {
  format: 'versus-worldcup/1';
  exportedAt: string;
  worldcup: Pick<WorldCup, 'id' | 'title' | 'description' | 'visibility' | 'tags' | 'candidates'>;
  ranking: Ranking;
}

/** Battles per page of votes.jsonl. */
const VOTE_PAGE_BATTLES = 5_000;
/** Games per page of votes.jsonl: at most 50 × 1,023 picks in memory at once. */
const VOTE_PAGE_GAMES = 50;
/** Hex digits of a voter's pseudonym: 64 bits, enough that two voters of one world cup never collide in practice. */
const VOTER_HASH_HEX = 16;

const rate = (r: number | null): number | null => (r === null ? null : Math.round(r * 10_000) / 10_000);

/** ranking.csv of a ranking payload: one header line, then one line per candidate in the table's order. */
export function rankingCsvOf(ranking: Ranking): string {
  let out = csvRecord(RANKING_CSV_COLUMNS);
  for (const it of ranking.items) {
    out += csvRecord([
      it.rank,
      it.position,
      it.candidateId,
      it.name,
      it.score,
      it.ci?.[0] ?? null,
      it.ci?.[1] ?? null,
      it.wins,
      it.losses,
      it.ties,
      it.matches,
      rate(it.winRate),
      it.appearances,
      it.championships,
      rate(it.championshipRate),
      it.provisional ? 1 : 0,
      it.group,
    ]);
  }
  return out;
}

export class ExportService {
  private voterKey: Promise<Buffer> | undefined;

  constructor(
    private readonly store: Store,
    private readonly access: Access,
    private readonly worldcups: WorldCupService,
    private readonly ranking: RankingService,
  ) {}

  /** ranking.csv: for anyone who may see the world cup (404 otherwise, like the ranking itself). */
  async rankingCsv(worldcupId: string, viewer: Viewer): Promise<ExportFile & { body: string }> {
    const ranking = await this.ranking.ranking(worldcupId, viewer);
    return { filename: `versus-${worldcupId}-ranking.csv`, body: rankingCsvOf(ranking) };
  }

  /**
   * votes.jsonl: the world cup's counted votes, one JSON object a line, read from the store a page
   * at a time as the file is sent. Its owner only: 404 to whoever may not see it, 403 to others.
   */
  async votesJsonl(worldcupId: string, viewer: Viewer): Promise<ExportFile & { body: AsyncIterable<string> }> {
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    this.access.requireOwner(row, viewer);
    const key = await this.worldcupVoterKey(row.id);
    return { filename: `versus-${row.id}-votes.jsonl`, body: this.voteLines(row.id, key) };
  }

  /** The world cup (title, description, candidates with their media) and its ranking. */
  async worldcupJson(worldcupId: string, viewer: Viewer): Promise<WorldCupExport> {
    const wc = await this.worldcups.get(worldcupId, viewer);
    const ranking = await this.ranking.ranking(worldcupId, viewer);
    return {
      format: 'versus-worldcup/1',
      exportedAt: new Date().toISOString(),
      worldcup: { id: wc.id, title: wc.title, description: wc.description, visibility: wc.visibility, tags: wc.tags, candidates: wc.candidates },
      ranking,
    };
  }

  private async *voteLines(worldcupId: string, key: Buffer): AsyncGenerator<string> {
    const pseudonyms = new Map<string, string>();
    const pseudonym = (voter: string): string => {
      let hash = pseudonyms.get(voter);
      if (hash === undefined) {
        hash = createHmac('sha256', key).update(voter).digest('hex').slice(0, VOTER_HASH_HEX);
        pseudonyms.set(voter, hash);
      }
      return hash;
    };
    let after: string | undefined;
    do {
      const page = await this.store.votes.countedVotesPage(worldcupId, after, VOTE_PAGE_GAMES);
      let chunk = '';
      for (const v of page.rows) {
        const [a, b] = v.winner_id < v.loser_id ? [v.winner_id, v.loser_id] : [v.loser_id, v.winner_id];
        const vote: ExportedVote = { time: new Date(v.created_at).toISOString(), source: 'bracket', a, b, winner: v.winner_id, voter: pseudonym(v.voter) };
        chunk += `${JSON.stringify(vote)}\n`;
      }
      if (chunk) yield chunk;
      after = page.nextGameId;
      // Cached pseudonyms are per page's voters at most: a world cup with millions of voters must not grow this.
      if (pseudonyms.size > 100_000) pseudonyms.clear();
    } while (after !== undefined);
    // Then the arena's counted votes, a page of battles at a time.
    let afterBattle: string | undefined;
    for (;;) {
      const rows = await this.store.arena.countedPage(worldcupId, afterBattle, VOTE_PAGE_BATTLES);
      let chunk = '';
      for (const v of rows) {
        const { choice } = v;
        if (choice === null || choice === 'skip') continue; // a counted battle has neither
        const [a, b] = v.left_id < v.right_id ? [v.left_id, v.right_id] : [v.right_id, v.left_id];
        const winner = choice === 'left' ? v.left_id : choice === 'right' ? v.right_id : 'tie';
        const vote: ExportedVote = {
          time: new Date(Number(v.decided_at ?? v.created_at)).toISOString(),
          source: v.source ?? 'arena',
          a,
          b,
          winner,
          voter: pseudonym(v.owner),
          choice,
          category: v.prompt_category,
          probability: v.probability,
        };
        chunk += `${JSON.stringify(vote)}\n`;
      }
      if (chunk) yield chunk;
      if (rows.length < VOTE_PAGE_BATTLES) break;
      afterBattle = rows[rows.length - 1]?.id;
      if (pseudonyms.size > 100_000) pseudonyms.clear();
    }
  }

  /**
   * The key of a world cup's voter pseudonyms: HMAC-SHA256 keyed by a secret of this site (derived
   * from the session key, which never leaves the server) over the world cup's id. Without the
   * secret a pseudonym cannot be traced back to a session or account, nor matched across world cups.
   */
  private async worldcupVoterKey(worldcupId: string): Promise<Buffer> {
    this.voterKey ??= this.store.accounts.siteSecret('session_key').then(
      (secret) => createHmac('sha256', secret).update('versus votes.jsonl voter pseudonyms').digest(),
      (error: unknown) => {
        this.voterKey = undefined; // a failed read is tried again by the next export
        throw error;
      },
    );
    const siteKey = await this.voterKey;
    return createHmac('sha256', siteKey).update(worldcupId).digest();
  }
}
