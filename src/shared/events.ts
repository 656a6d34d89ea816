/**
 * The live event map: every event the server pushes over Server-Sent Events, with its payload.
 * Imported by server and web; a payload change gets a new event name, never a silent reshape.
 *
 * A stream starts with `snapshot` (the full state), then sends deltas. Every event from the
 * channel's history carries an SSE id; a reconnect sending Last-Event-ID gets exactly the events it
 * missed, or a new snapshot when they are no longer kept. `activity` is current state, not history:
 * it carries no id and does not move the resume point.
 */
import type { PublicComment } from './comments.js';
import { compareRankingItems } from './rating.js';
import type { Room, RoomResults, RoomTally } from './rooms.js';
import { type Media, type Ranking, type RankingItem, type WorldCupSummary, rankingItemSchema } from './schemas.js';

export interface Activity {
  /** Players who started a game or picked within the last minute. */
  playing: number;
  picksPerMinute: number;
}

export interface SiteActivity extends Activity {
  /** World cups being played now, most players first (public ones only). */
  busiest: { worldcupId: string; title: string; playing: number }[];
}

/** Someone finished a game: "방금 누군가 포르쉐 911을 우승시켰습니다". */
export interface ChampionNotice {
  worldcupId: string;
  worldcupTitle: string;
  /** The game's public, read-only result id (unique per notice). Never the game's own id: that lets its player act. */
  resultId: string;
  candidateId: string;
  candidateName: string;
  media: Media | null;
  at: string;
}

/** A row of a delta: the candidate's id and the fields that changed (all of them for a new row). */
export type RankingRowChange = Partial<RankingItem> & { candidateId: string };

/**
 * A new ranking: per changed row only the fields that changed (a vote moves every score a little,
 * but names, pictures and most counters stay), the rows that are gone, and the table's totals.
 */
export interface RankingDelta {
  worldcupId: string;
  votes: number;
  games: number;
  excludedVotes: number;
  updatedAt: string;
  /** The live table is always of all votes; these are its votes by source. */
  sources: Ranking['sources'];
  items: RankingRowChange[];
  removed: string[];
}

/** `GET /api/v1/worldcups/:id/events` */
export interface WorldcupEvents {
  snapshot: { ranking: Ranking; activity: Activity; champions: ChampionNotice[] };
  ranking: RankingDelta;
  activity: Activity;
  champion: ChampionNotice;
  /** A new comment or reply (viewer-specific fields are the client's to fill in: liked false, not mine). */
  comment: PublicComment;
  /** A comment was deleted: a root with replies shows as deleted, anything else goes. */
  commentDeleted: { id: string; parentId: string | null };
  /** A comment's like count changed. */
  commentLikes: { id: string; likes: number };
  /**
   * The world cup became private or was deleted: the server ends every stream of it after this
   * event. A browser reconnects by itself; only the owner of a private world cup gets back in.
   */
  closed: { reason: 'private' | 'deleted' };
}

/** A match's split while voting (`tally`), tagged with the match it counts. */
export interface RoomTallyUpdate extends RoomTally {
  round: number;
  matchIndex: number;
}

/** A match the host advanced: the audience's split and result, and the host's winner (a candidate id). */
export interface RoomDecided {
  round: number;
  matchIndex: number;
  tally: { left: number; right: number; bySource?: RoomTally['bySource'] };
  result: 'left' | 'right' | 'tie';
  winner: string | null;
  overridden: boolean;
}

/**
 * `GET /api/v1/rooms/:code/events` (issue 14). `snapshot` and `state` are the room as the stream's
 * viewer sees it (the host's own stream: as the host), without anyone's vote (`myVote` null: each
 * client keeps its own). `tally` goes out at most twice a second while voting; to the audience only
 * with reveal 'live'.
 */
export interface RoomEvents {
  snapshot: Room;
  state: Room;
  tally: RoomTallyUpdate;
  decided: RoomDecided;
  finished: RoomResults;
}

/** The event after which the hub ends a channel's streams. */
export const CLOSING_EVENT = 'closed';

/** `GET /api/v1/events`: the home page's ticker. */
export interface SiteEvents {
  snapshot: { activity: SiteActivity; champions: ChampionNotice[] };
  activity: SiteActivity;
  champion: ChampionNotice;
  worldcup: WorldCupSummary;
}

/**
 * A channel's name, typed by the event map its messages follow: publishing a `WorldcupEvents`
 * event on the site channel (or a payload of the wrong shape) does not compile.
 */
export type Channel<M> = string & { readonly events?: M };

export const SITE_CHANNEL: Channel<SiteEvents> = 'site';
export const worldcupChannel = (worldcupId: string): Channel<WorldcupEvents> => `worldcup:${worldcupId}`;
/** Champions a snapshot carries (the ticker's length). */
export const RECENT_CHAMPIONS = 10;

/** The delta that turns ranking `before` into `after` (undefined `before`: every row in full). */
export function diffRanking(before: Ranking | undefined, after: Ranking): RankingDelta {
  const old = new Map(before?.items.map((it) => [it.candidateId, it]));
  const items: RankingRowChange[] = [];
  for (const it of after.items) {
    const prior = old.get(it.candidateId);
    if (!prior) {
      items.push(it);
      continue;
    }
    const change: RankingRowChange = { candidateId: it.candidateId };
    let isChanged = false;
    for (const key of Object.keys(it) as (keyof RankingItem)[]) {
      if (JSON.stringify(it[key]) === JSON.stringify(prior[key])) continue;
      Object.assign(change, { [key]: it[key] });
      isChanged = true;
    }
    if (isChanged) items.push(change);
  }
  const kept = new Set(after.items.map((it) => it.candidateId));
  const removed = (before?.items ?? []).filter((it) => !kept.has(it.candidateId)).map((it) => it.candidateId);
  return {
    worldcupId: after.worldcupId,
    votes: after.votes,
    games: after.games,
    excludedVotes: after.excludedVotes,
    updatedAt: after.updatedAt,
    sources: after.sources,
    items,
    removed,
  };
}

/**
 * Applies a delta: changed fields merged into their rows, new rows added, removed ones dropped, in
 * table order. A change for a row this ranking lacks counts only if it is a whole row.
 */
export function applyRankingDelta(ranking: Ranking, delta: RankingDelta): Ranking {
  const rows = new Map(ranking.items.map((it) => [it.candidateId, it]));
  for (const id of delta.removed) rows.delete(id);
  for (const change of delta.items) {
    const prior = rows.get(change.candidateId);
    if (prior) {
      rows.set(change.candidateId, { ...prior, ...change });
      continue;
    }
    const whole = rankingItemSchema.safeParse(change);
    if (whole.success) rows.set(change.candidateId, whole.data);
  }
  return {
    worldcupId: ranking.worldcupId,
    votes: delta.votes,
    games: delta.games,
    excludedVotes: delta.excludedVotes,
    updatedAt: delta.updatedAt,
    source: ranking.source,
    category: ranking.category,
    sources: delta.sources,
    items: [...rows.values()].sort(compareRankingItems),
  };
}
