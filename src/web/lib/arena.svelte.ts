/**
 * The arena page's state (issue 13): the battle on screen, the reveal after a vote, and the one
 * request at a time that moves between them. The server draws every battle; the vote's answer
 * carries the next one, so voting costs one request. A battle that is gone (voted elsewhere,
 * expired, not this session's) is replaced by a fresh one with a word about why.
 */
import type { Battle, BattleChoice, BattleSide, NamedSide, VoteResult } from '../../shared/arena';
import { ApiError, api } from './api';
import { delay } from './format';
import type { MessageKey } from './i18n';
import { errorMessage, t } from './locale.svelte';
import { prefersReducedMotion } from './motion';

/** A side with its candidate named (not blind, or once voted); a blind side carries no name. */
export function isNamed(side: BattleSide): side is NamedSide {
  return 'name' in side;
}

export interface ArenaOptions {
  blind?: boolean;
  category?: string;
}

/** Why a battle can no longer take a vote: the server's code → what the voter is told. */
const REPLACED: Record<string, MessageKey> = {
  already_voted: 'arena.stale',
  battle_expired: 'arena.expired',
  not_found: 'arena.stale',
};

export class ArenaState {
  battle = $state<Battle | null>(null);
  /** Counts the battles shown: the page's key for "a new battle" (the battle's id stays out of the DOM). */
  seq = $state(0);
  /** The names after a vote, until the voter moves on to `reveal.next`. */
  reveal = $state<VoteResult | null>(null);
  busy = $state(false);
  /** The side being voted for, while the request runs (the card shows it at once). */
  pending = $state<BattleChoice | null>(null);
  /** A problem the voter should read (rate limit, network); the battle stays. */
  error = $state<string | null>(null);
  /** Informational: the battle was replaced by a fresh one, and why. */
  notice = $state<string | null>(null);
  /** No battle can be drawn at all (arena closed, world cup gone). */
  fatal = $state<string | null>(null);

  constructor(
    private readonly worldcupId: string,
    private options: ArenaOptions = {},
  ) {}

  /** Draws a new battle with these options (the blind toggle, the category picker), dropping any reveal. */
  async restart(options: ArenaOptions): Promise<void> {
    this.options = options;
    await this.run(async () => {
      await this.fresh();
    });
  }

  async vote(choice: BattleChoice): Promise<void> {
    const current = this.battle;
    if (!current || this.busy || this.reveal) return;
    this.pending = choice;
    await this.run(async () => {
      try {
        const [result] = await Promise.all([api.vote(current.id, choice), delay(prefersReducedMotion() ? 0 : 120)]);
        if (this.battle === current) this.reveal = result;
      } catch (e) {
        await this.replaceIfGone(e);
      }
    });
  }

  async skip(): Promise<void> {
    const current = this.battle;
    if (!current || this.busy || this.reveal) return;
    await this.run(async () => {
      try {
        const next = await api.skip(current.id);
        if (this.battle === current) this.show(next);
      } catch (e) {
        await this.replaceIfGone(e);
      }
    });
  }

  /** After the reveal: the next battle the vote's answer carried (a fresh one if it had none). */
  async continue(): Promise<void> {
    const shown = this.reveal;
    if (!shown || this.busy) return;
    this.notice = null;
    this.error = null;
    if (shown.next) {
      this.show(shown.next);
      return;
    }
    await this.run(async () => {
      await this.fresh();
    });
  }

  private show(battle: Battle): void {
    this.battle = battle;
    this.reveal = null;
    this.seq += 1;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      await work();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
      this.pending = null;
    }
  }

  private async fresh(): Promise<void> {
    try {
      const battle = await api.startBattle(this.worldcupId, this.options);
      this.show(battle);
      this.fatal = null;
    } catch (e) {
      // 409 on drawing: the arena is closed for this world cup (bracket only); 404: it is gone.
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        this.fatal = e.status === 409 ? t('arena.closed') : errorMessage(e);
        return;
      }
      throw e;
    }
  }

  /** 404/409/410 on a vote or skip: this battle is over for us; say why and draw another. */
  private async replaceIfGone(e: unknown): Promise<void> {
    if (!(e instanceof ApiError) || ![404, 409, 410].includes(e.status)) throw e;
    const key = REPLACED[e.code] ?? (e.status === 410 ? 'arena.expired' : 'arena.stale');
    this.notice = t(key);
    await this.fresh();
  }
}
