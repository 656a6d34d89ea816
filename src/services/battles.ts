/**
 * Arena battles (issue 13, README "Arena"): the server draws a pair for one voter (arena-draw.ts),
 * who answers it once — left, right, tie or both bad (half a win each) — or skips it. Every
 * counted vote goes into the same vote ledger as a game's picks, with its source: 'blind' for a
 * blind battle whose names the voter had not seen, 'arena' otherwise. Only the voter it was drawn
 * for can answer a battle; to anyone else it does not exist.
 */
import type { Battle, BattleChoice, BattleSide, NamedSide, VoteResult } from '../shared/arena.js';
import type { Candidate } from '../shared/schemas.js';
import type { BattleRow, PromptResponseRow, PromptRow } from '../store/arena-repo.js';
import type { Store } from '../store/store.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import { type Viewer, isPlayer, requireActor } from './access.js';
import { ArenaDraw } from './arena-draw.js';
import type { CandidateCache, CandidateSet } from './candidate-cache.js';
import type { DomainEventBus } from './domain-events.js';
import { AppError, conflict, notFound } from './errors.js';
import type { FairPlay } from './fair-play.js';
import { newSecretId, secureRandom } from './ids.js';
import { type ContentLang, localizeCandidate } from './localize.js';
import { imageUrl, thumbUrl } from './present.js';
import type { RankingEngine } from './rating/ranking-engine.js';
import { type WorldCupService, arenaSettingsOf } from './worldcups.js';

export interface BattleOptions {
  /** A battle not answered within this is gone (410 battle_expired). ARENA_BATTLE_MINUTES. */
  lifetimeMs: number;
  /** Counted votes one voter may cast in 24 hours; 0: no cap. ARENA_DAILY_VOTES. */
  dailyVotes: number;
  /**
   * What draws pairs and sides: the cryptographic source unless a simulation seeds its own (so
   * runs can be repeated and paired). Never configurable from outside: ids stay secure regardless.
   */
  random?: () => number;
}

export const DEFAULT_BATTLE_OPTIONS: BattleOptions = { lifetimeMs: 30 * 60_000, dailyVotes: 0 };

const DAY_MS = 24 * 3_600_000;
const DAILY_CAP = 'daily_vote_cap';

/** What a voter asked for when a battle was drawn; the next one is drawn alike. */
interface Wish {
  blind?: boolean | undefined;
  category?: string | undefined;
}

export class BattleService {
  readonly draws: ArenaDraw;

  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
    private readonly engine: RankingEngine,
    private readonly events: DomainEventBus,
    private readonly fairPlay: FairPlay,
    private readonly opts: BattleOptions = DEFAULT_BATTLE_OPTIONS,
  ) {
    this.draws = new ArenaDraw(store);
  }

  /** Draws a battle of the world cup for `viewer`. */
  async start(worldcupId: string, viewer: Viewer, wish: Wish = {}, address?: string, lang?: ContentLang): Promise<Battle> {
    requireActor(viewer);
    return this.drawFor(await this.worldcups.visibleRow(worldcupId, viewer), viewer, wish, address, lang);
  }

  /** Draws a battle of a world cup the viewer may see (its row already read). */
  private async drawFor(row: WorldcupRow, viewer: Viewer, wish: Wish, address: string | undefined, lang: ContentLang | undefined): Promise<Battle> {
    const worldcupId = row.id;
    const settings = arenaSettingsOf(row);
    if (settings.mode === 'bracket') throw conflict('arena_closed', 'this world cup is played as brackets only; its owner closed it to the arena');
    const now = Date.now();
    if (this.opts.dailyVotes > 0 && (await this.store.arena.countedSince(viewer, now - DAY_MS)) >= this.opts.dailyVotes) {
      throw new AppError(429, DAILY_CAP, `you have cast the ${this.opts.dailyVotes} votes a voter may cast in a day; come back tomorrow`);
    }
    const set = await this.cache.load(worldcupId);
    if (!set) throw notFound('world cup');
    const draw = await this.draws.draw(set, await this.engine.latest(worldcupId), settings, wish.category, this.opts.random ?? secureRandom);
    const battle: BattleRow = {
      id: newSecretId(),
      worldcup_id: worldcupId,
      owner: viewer,
      ip_key: address === undefined ? null : await this.fairPlay.addressKey(address),
      left_id: draw.leftId,
      right_id: draw.rightId,
      prompt_id: draw.prompt?.id ?? null,
      // What was asked for (null: any category), so the next battle is drawn alike.
      category: wish.category ?? null,
      blind: (wish.blind ?? settings.blind) ? 1 : 0,
      probability: draw.probability,
      created_at: now,
      decided_at: null,
      choice: null,
      source: null,
      counted: 0,
      flagged: null,
    };
    await this.store.arena.insertBattle(battle);
    return this.present(battle, set, draw.prompt, lang);
  }

  /**
   * Records the voter's one answer and answers with the names and the next battle. A vote faster
   * than a person reads (FLAG_MIN_PICK_MS after the battle was drawn) or from a voter voting too
   * fast overall is stored but not counted, and nobody is told, as with brackets.
   */
  async vote(id: string, viewer: Viewer, choice: BattleChoice, address?: string, lang?: ContentLang): Promise<VoteResult> {
    const { battle, row } = await this.openBattle(id, viewer);
    const now = Date.now();
    const { minPickMs } = this.fairPlay.options;
    const flag = minPickMs > 0 && now - Number(battle.created_at) < minPickMs ? 'too_fast' : await this.fairPlay.judgeVoter(battle.owner, battle.ip_key);
    const counted = flag === null;
    const prompt = battle.prompt_id === null ? null : ((await this.store.arena.getPrompt(battle.prompt_id)) ?? null);
    // Blind only if the voter has not seen these two named on this prompt before (a battle they answered).
    const seen = battle.blind === 1 && (await this.store.arena.sawNames(battle.worldcup_id, viewer, battle.left_id, battle.right_id, battle.prompt_id, now));
    const source = battle.blind === 1 && !seen ? 'blind' : 'arena';
    await this.store.groupCommit(async (tx) => {
      // The compare-and-set first: of two votes racing on one battle, one is the answer.
      if (!(await tx.arena.decide(id, { choice, decided_at: now, source, counted: counted ? 1 : 0, flagged: flag }))) throw alreadyVoted();
      if (!counted) return tx.votes.exclude(battle.worldcup_id, 1);
      const category = prompt?.category ?? '';
      if (choice === 'left' || choice === 'right') {
        const [winner, loser] = choice === 'left' ? [battle.left_id, battle.right_id] : [battle.right_id, battle.left_id];
        return tx.votes.count(battle.worldcup_id, source, winner, loser, 'win', 1, category);
      }
      return tx.votes.count(battle.worldcup_id, source, battle.left_id, battle.right_id, 'tie', 1, category);
    });
    void this.events.emit('votes.changed', { worldcupId: battle.worldcup_id, source, voter: viewer, change: 'cast', counted });
    const set = await this.setShowing(battle);
    const responses = await this.responsesOf(battle);
    const named = (candidateId: string): NamedSide => ({ ...this.candidate(set, candidateId, lang), response: responses.get(candidateId) ?? null });
    return { choice, left: named(battle.left_id), right: named(battle.right_id), next: await this.next(battle, row, viewer, address, lang) };
  }

  /** Skips the battle (recorded, never counted) and answers with the next. */
  async skip(id: string, viewer: Viewer, address?: string, lang?: ContentLang): Promise<Battle> {
    const { battle, row } = await this.openBattle(id, viewer);
    if (!(await this.store.arena.decide(id, { choice: 'skip', decided_at: Date.now(), source: null, counted: 0, flagged: null }))) throw alreadyVoted();
    // A skip answers with the next battle only: why there is none (closed, the daily cap) is the answer.
    return this.drawFor(row, viewer, wishOf(battle), address, lang);
  }

  /** The viewer's battle, still open and not expired, and its world cup; 404 to anyone else. */
  private async openBattle(id: string, viewer: Viewer): Promise<{ battle: BattleRow; row: WorldcupRow }> {
    const battle = await this.store.arena.getBattle(id);
    if (!battle || !isPlayer(battle, viewer)) throw notFound('battle');
    if (battle.choice !== null) throw alreadyVoted();
    if (Date.now() - Number(battle.created_at) > this.opts.lifetimeMs) {
      throw new AppError(410, 'battle_expired', `this battle was drawn more than ${Math.round(this.opts.lifetimeMs / 60_000)} minutes ago; start a new one`);
    }
    // The world cup must still be visible to the voter (made private, hidden or deleted since: gone).
    return { battle, row: await this.worldcups.visibleRow(battle.worldcup_id, viewer) };
  }

  /**
   * The next battle after a vote, drawn as the answered one was; null when there is none to draw
   * (the arena closed meanwhile, or this vote reached the daily cap): the vote is stored either
   * way, so its answer must not be an error.
   */
  private async next(battle: BattleRow, row: WorldcupRow, viewer: Viewer, address: string | undefined, lang: ContentLang | undefined): Promise<Battle | null> {
    try {
      return await this.drawFor(row, viewer, wishOf(battle), address, lang);
    } catch (error) {
      if (error instanceof AppError && (error.status === 409 || error.code === DAILY_CAP)) return null;
      throw error;
    }
  }

  private async setShowing(battle: BattleRow): Promise<CandidateSet> {
    const set = await this.cache.load(battle.worldcup_id);
    if (set && set.byId.has(battle.left_id) && set.byId.has(battle.right_id)) return set;
    const fresh = await this.cache.load(battle.worldcup_id, { force: true });
    if (!fresh) throw notFound('battle');
    return this.cache.include(fresh, [battle.left_id, battle.right_id]);
  }

  private candidate(set: CandidateSet, id: string, lang: ContentLang | undefined): Candidate {
    const c = set.byId.get(id);
    if (!c) throw new AppError(410, 'candidate_gone', 'a candidate of this battle no longer exists');
    return localizeCandidate(c, set.slug, lang);
  }

  /** The two candidates' responses to the battle's prompt, by candidate id. */
  private async responsesOf(battle: Pick<BattleRow, 'prompt_id' | 'left_id' | 'right_id'>): Promise<Map<string, NonNullable<NamedSide['response']>>> {
    if (battle.prompt_id === null) return new Map();
    const rows = await this.store.arena.responses(battle.prompt_id, [battle.left_id, battle.right_id]);
    const uploads = new Map((await this.store.uploads.meta(rows.flatMap((r) => (r.image_id ? [r.image_id] : [])))).map((u) => [u.id, u]));
    return new Map(rows.map((r) => [r.candidate_id, responseOf(r, uploads)]));
  }

  /** The battle as its voter sees it: in a blind one, only what is voted on. */
  private async present(battle: BattleRow, set: CandidateSet, prompt: PromptRow | null, lang: ContentLang | undefined): Promise<Battle> {
    const responses = await this.responsesOf(battle);
    const side = (candidateId: string): BattleSide => {
      const c = this.candidate(set, candidateId, lang);
      const response = responses.get(candidateId) ?? null;
      // Blind: the response when there is a prompt (what is voted on), else the candidate's medium.
      if (battle.blind === 1) return { media: prompt ? null : c.media, response };
      return { ...c, response };
    };
    return {
      id: battle.id,
      worldcupId: battle.worldcup_id,
      blind: battle.blind === 1,
      prompt: prompt ? { text: prompt.text, category: prompt.category } : null,
      left: side(battle.left_id),
      right: side(battle.right_id),
      expiresAt: new Date(Number(battle.created_at) + this.opts.lifetimeMs).toISOString(),
    };
  }
}

/** What a battle was drawn with: the next one is drawn alike. */
function wishOf(battle: BattleRow): Wish {
  return { blind: battle.blind === 1, category: battle.category ?? undefined };
}

function alreadyVoted(): AppError {
  return conflict('already_voted', 'this battle has been answered already; each battle takes one vote');
}

function responseOf(r: PromptResponseRow, uploads: ReadonlyMap<string, { width: number; height: number }>): NonNullable<NamedSide['response']> {
  if (!r.image_id) return { text: r.text, image: null };
  const meta = uploads.get(r.image_id);
  return { text: r.text, image: { url: imageUrl(r.image_id), thumbUrl: thumbUrl(r.image_id), width: meta?.width ?? 0, height: meta?.height ?? 0 } };
}
