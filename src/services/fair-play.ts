import { createHash } from 'node:crypto';
import { type FlagReason, isTooFast, isTooManyGames, isVotingTooFast } from '../domain/fair-play.js';
import { type MinuteCounters, memoryCounters } from '../live/counters.js';
import type { Repos, Store } from '../store/store.js';

/** FLAG_MIN_PICK_MS and FLAG_GAMES_PER_HOUR (README "Fair play"); 0 turns a rule off. */
export interface FairPlayOptions {
  minPickMs: number;
  gamesPerHour: number;
  /** Counted votes per minute of one voter over all their games (FLAG_VOTES_PER_MINUTE); 0 off. */
  votesPerMinute?: number;
  /** The same for one address; 0 off. */
  votesPerMinuteByAddress?: number;
}

export const FAIR_PLAY_OFF: FairPlayOptions = { minPickMs: 0, gamesPerHour: 0, votesPerMinute: 0, votesPerMinuteByAddress: 0 };

const HOUR_MS = 3_600_000;

/**
 * Applies the fair-play rules to games: which new game starts flagged, which pick flags its game.
 * The rules themselves are pure (domain/fair-play.ts); this adds the data they look at.
 */
export class FairPlay {
  private salt: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    readonly options: FairPlayOptions,
    /** Votes per voter over the last minute, shared by every instance (live/counters.ts). */
    private readonly counters: MinuteCounters = memoryCounters(),
  ) {}

  /** games.ip_key of a client address: a salted hash (the salt is per site), never the address. */
  async addressKey(address: string): Promise<string> {
    this.salt ??= this.store.accounts.siteSecret('ip_salt').catch((error: unknown) => {
      this.salt = undefined; // try again next time rather than remember a failure
      throw error;
    });
    const salt = await this.salt;
    return createHash('sha256').update(salt).update('\n').update(address).digest('base64url').slice(0, 22);
  }

  /**
   * Whether a game being started now is one too many; runs in the transaction that inserts it,
   * after the world cup's row was locked (GameRepo.countStart), so that concurrent starts on
   * several instances are judged one after the other and each sees the others' games.
   */
  async judgeStart(tx: Repos, worldcupId: string, owner: string, ipKey: string | null, now: number): Promise<FlagReason | null> {
    if (this.options.gamesPerHour <= 0) return null;
    const recent = await tx.games.recentStarts(worldcupId, owner, ipKey, now - HOUR_MS);
    return isTooManyGames(recent, this.options.gamesPerHour) ? 'too_many_games' : null;
  }

  /**
   * Counts a vote of the voter (the game's owner, and its address when known) and says whether
   * the voter now votes too fast over all their games. If the counters cannot be reached (Redis
   * down) the vote is not judged: fair play is a guard, and a pick must never fail on it.
   */
  async judgeVoter(owner: string, ipKey: string | null): Promise<FlagReason | null> {
    const { votesPerMinute = 0, votesPerMinuteByAddress = 0 } = this.options;
    const keys = [...(votesPerMinute > 0 ? [`voter:${owner}`] : []), ...(votesPerMinuteByAddress > 0 && ipKey !== null ? [`address:${ipKey}`] : [])];
    if (keys.length === 0) return null;
    let counts: number[];
    try {
      counts = await this.counters.hit(keys);
    } catch {
      return null;
    }
    const limits = keys.map((k) => (k.startsWith('voter:') ? votesPerMinute : votesPerMinuteByAddress));
    return counts.some((n, i) => isVotingTooFast(n, limits[i] ?? 0)) ? 'voter_too_fast' : null;
  }

  /** Whether a counting game whose picks were made at `pickTimes` (the new one last) is now flagged. */
  judgePace(pickTimes: readonly number[]): FlagReason | null {
    return isTooFast(pickTimes, this.options.minPickMs) ? 'too_fast' : null;
  }
}
