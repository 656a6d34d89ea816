/**
 * What viewers see live: rankings as they are recomputed, who is playing, who just won. Game and
 * ranking events come in after commit; out go bus messages (any instance's viewers receive them)
 * and the snapshots a (re)connecting viewer starts from. Everything here is a hint: a failure is
 * logged and never touches the pick that caused it.
 */
import type { BusMessage, LiveBackend } from '../live/backend.js';
import {
  type Activity,
  type ChampionNotice,
  RECENT_CHAMPIONS,
  type Channel,
  SITE_CHANNEL,
  type SiteActivity,
  type SiteEvents,
  type WorldcupEvents,
  diffRanking,
  worldcupChannel,
} from '../shared/events.js';
import type { Ranking } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import type { CandidateCache } from './candidate-cache.js';
import type { DomainEventBus } from './domain-events.js';
import { presentSummary } from './present.js';
import type { RankingService } from './ranking.js';
import type { RankingResult } from './rating/ranking-engine.js';

const DAY_MS = 24 * 3600 * 1000;
const BUSIEST = 5;
const rankingKey = (worldcupId: string) => `ranking:${worldcupId}`;
const championsKey = (channel: string) => `champions:${channel}`;
/** Whether the whole site may hear about a world cup (the home page's feeds): public and not hidden by an admin. */
const isListed = (row: WorldcupRow | undefined): boolean => row?.visibility === 'public' && row.hidden_at === null;

type Payload<M, K extends keyof M> = M[K];

/** The world cup a site event is about (`worldcup`, `champion`), if any. */
function worldcupOfSiteEvent(m: BusMessage): string | undefined {
  if (m.event === 'worldcup') return (JSON.parse(m.data) as Payload<SiteEvents, 'worldcup'>).id;
  if (m.event === 'champion') return (JSON.parse(m.data) as Payload<SiteEvents, 'champion'>).worldcupId;
  return undefined;
}

export class LiveService {
  constructor(
    readonly backend: LiveBackend,
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly ranking: RankingService,
    events: DomainEventBus,
    private readonly onError: (error: unknown) => void,
  ) {
    events.on('game.started', (e) => this.touch(e.worldcupId, e.player, false));
    // A flagged game's player is playing, but its picks are no votes per minute.
    events.on('votes.changed', (e) => (e.change === 'cast' ? this.touch(e.worldcupId, e.voter, e.counted) : undefined));
    // A flagged game's champion is not announced: its finish does not count.
    events.on('game.finished', (e) => (e.counted ? this.announceChampion(e.worldcupId, e.resultId, e.championId) : undefined));
    events.on('worldcup.created', (e) => this.worldcupCreated(e.row));
    events.on('worldcup.hidden', (e) => this.worldcupHidden(e.worldcupId, e.reason));
    // Comments go to the world cup's viewers as they are (hints: a reconnect reloads the list).
    events.on('comment.posted', (e) => this.publishQuietly(worldcupChannel(e.comment.worldcupId), 'comment', e.comment));
    events.on('comment.deleted', (e) => this.publishQuietly(worldcupChannel(e.worldcupId), 'commentDeleted', { id: e.id, parentId: e.parentId }));
    events.on('comment.liked', (e) => this.publishQuietly(worldcupChannel(e.worldcupId), 'commentLikes', { id: e.id, likes: e.likes }));
    // Awaited by the engine, which publishes under the world cup's lock: deltas go out in order.
    events.on('ranking.computed', (e) => this.rankingComputed(e.result));
  }

  private async touch(worldcupId: string, player: string, isPick: boolean): Promise<void> {
    await this.backend.presence.touch(worldcupId, player, isPick);
  }

  /**
   * A new ranking was computed here (the engine holds the world cup's lock, so publishers take
   * turns): store it as the snapshot new viewers start from, then publish what changed. In that
   * order, a viewer connecting in between gets the new state plus a delta it already has.
   */
  async rankingComputed(result: RankingResult): Promise<void> {
    try {
      const row = await this.store.worldcups.get(result.worldcupId);
      if (!row) return;
      const ranking = await this.ranking.present(row, result);
      const key = rankingKey(row.id);
      const stored = await this.backend.state.get(key);
      const before = stored === undefined ? undefined : (JSON.parse(stored) as Ranking);
      // Published even when no row changed: the new time stamp is news too (the table says when it was computed).
      const delta = diffRanking(before, ranking);
      await this.backend.state.set(key, JSON.stringify(ranking), DAY_MS);
      await this.publish(worldcupChannel(row.id), 'ranking', delta);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Ends the world cup's streams everywhere (see WorldcupEvents.closed); an admin hiding it is
   * 'private' too. A deleted world cup's channel is then forgotten, once `closed` went out.
   */
  worldcupHidden(worldcupId: string, reason: 'private' | 'deleted'): void {
    const closed = this.publish(worldcupChannel(worldcupId), 'closed', { reason });
    (reason === 'deleted' ? closed.then(() => this.forgetWorldcup(worldcupId)) : closed).catch(this.onError);
  }

  /**
   * Drops what the backend keeps for a deleted world cup: its channel's history (nobody may resume
   * it) and its last ranking and champions. Otherwise they would stay for a day or a week, and a
   * site that deletes a lot would hold them all.
   */
  private async forgetWorldcup(worldcupId: string): Promise<void> {
    await Promise.all([
      this.backend.bus.forget(worldcupChannel(worldcupId)),
      this.backend.state.delete(rankingKey(worldcupId)),
      this.backend.state.delete(championsKey(worldcupChannel(worldcupId))),
    ]);
  }

  worldcupCreated(row: WorldcupRow): void {
    if (!isListed(row)) return;
    this.publish(SITE_CHANNEL, 'worldcup', presentSummary(row, null)).catch(this.onError);
  }

  /** The state a viewer of this world cup starts from; the caller has checked that it may see it. */
  async worldcupSnapshot(row: WorldcupRow): Promise<string> {
    const stored = await this.backend.state.get(rankingKey(row.id));
    const rankings = this.ranking;
    const ranking = stored === undefined ? await rankings.present(row, await rankings.current(row.id)) : (JSON.parse(stored) as Ranking);
    const snapshot: Payload<WorldcupEvents, 'snapshot'> = {
      ranking,
      activity: await this.activity(row.id),
      champions: await this.champions(worldcupChannel(row.id)),
    };
    return JSON.stringify(snapshot);
  }

  async worldcupActivity(worldcupId: string): Promise<string> {
    return JSON.stringify(await this.activity(worldcupId));
  }

  async siteSnapshot(): Promise<string> {
    const snapshot: Payload<SiteEvents, 'snapshot'> = { activity: await this.siteActivityState(), champions: await this.listedChampions() };
    return JSON.stringify(snapshot);
  }

  async siteActivity(): Promise<string> {
    return JSON.stringify(await this.siteActivityState());
  }

  /**
   * The site channel's replay (Last-Event-ID) minus what is no longer listed: history keeps a new
   * world cup's title, description and cover, and its champions, as published, and the world cup
   * may have been made private, hidden or deleted since. The same rule as the snapshot's.
   */
  async listedReplay(missed: BusMessage[]): Promise<BusMessage[]> {
    const about = new Map<BusMessage, string>();
    for (const m of missed) {
      const worldcupId = worldcupOfSiteEvent(m);
      if (worldcupId !== undefined) about.set(m, worldcupId);
    }
    if (about.size === 0) return missed;
    const rows = await this.store.worldcups.getMany([...new Set(about.values())]);
    const listed = new Set(rows.filter(isListed).map((r) => r.id));
    return missed.filter((m) => {
      const worldcupId = about.get(m);
      return worldcupId === undefined || listed.has(worldcupId);
    });
  }

  private activity(worldcupId: string): Promise<Activity> {
    return this.backend.presence.counts(worldcupId);
  }

  private async siteActivityState(): Promise<SiteActivity> {
    const [counts, busiest] = await Promise.all([this.backend.presence.site(), this.backend.presence.busiest(2 * BUSIEST)]);
    const rows = await Promise.all(busiest.map(async (b) => ({ ...b, row: await this.store.worldcups.get(b.worldcupId) })));
    return {
      ...counts,
      busiest: rows
        .filter((r) => isListed(r.row))
        .slice(0, BUSIEST)
        .map((r) => ({ worldcupId: r.worldcupId, title: r.row?.title ?? '', playing: r.playing })),
    };
  }

  /** The site's recent champions, minus those of world cups made private or hidden since. */
  private async listedChampions(): Promise<ChampionNotice[]> {
    const champions = await this.champions(SITE_CHANNEL);
    const rows = await this.store.worldcups.getMany(champions.map((c) => c.worldcupId));
    const listed = new Set(rows.filter(isListed).map((r) => r.id));
    return champions.filter((c) => listed.has(c.worldcupId));
  }

  private async champions(channel: string): Promise<ChampionNotice[]> {
    return (await this.backend.state.list(championsKey(channel))).map((raw) => JSON.parse(raw) as ChampionNotice);
  }

  private async announceChampion(worldcupId: string, resultId: string, candidateId: string): Promise<void> {
    const [row, cached] = await Promise.all([this.store.worldcups.get(worldcupId), this.cache.load(worldcupId)]);
    // The champion may have been removed by an edit after its game was drawn.
    const set = cached && (await this.cache.include(cached, [candidateId]));
    const candidate = set?.byId.get(candidateId);
    if (!row || !candidate) return;
    const notice: ChampionNotice = {
      worldcupId,
      worldcupTitle: row.title,
      resultId,
      candidateId,
      candidateName: candidate.name,
      media: candidate.media,
      at: new Date().toISOString(),
    };
    // Private and hidden world cups stay off the site-wide ticker (their own channel is for the owner only).
    const own = worldcupChannel(worldcupId);
    await this.backend.state.push(championsKey(own), JSON.stringify(notice), RECENT_CHAMPIONS, DAY_MS);
    await this.publish(own, 'champion', notice);
    if (!isListed(row)) return;
    await this.backend.state.push(championsKey(SITE_CHANNEL), JSON.stringify(notice), RECENT_CHAMPIONS, DAY_MS);
    await this.publish(SITE_CHANNEL, 'champion', notice);
  }

  private publishQuietly<M, K extends keyof M & string>(channel: Channel<M>, event: K, data: M[K]): void {
    this.publish(channel, event, data).catch(this.onError);
  }

  private publish<M, K extends keyof M & string>(channel: Channel<M>, event: K, data: M[K]): Promise<number> {
    return this.backend.bus.publish(channel, event, JSON.stringify(data));
  }
}
