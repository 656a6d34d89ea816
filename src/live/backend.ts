/**
 * The live layer's shared state: an event bus with numbered, resumable channels, a small
 * key-value state, locks, and presence/activity counters. In-process by default (memory.ts); with
 * REDIS_URL the same interfaces run over Redis (redis.ts), so any instance can serve any viewer.
 */
import type { Redis } from 'ioredis';

/** One published event. `id` grows by one per channel; `data` is the JSON payload, serialised once. */
export interface BusMessage {
  id: number;
  event: string;
  data: string;
}

export interface EventBus {
  /** Appends to the channel's history and delivers to every subscriber (on every instance). */
  publish(channel: string, event: string, data: string): Promise<number>;
  /** Starts delivering the channel's new messages, in id order. Resolves once subscribed. */
  subscribe(channel: string, listener: (m: BusMessage) => void): Promise<() => void>;
  /** Messages after `afterId` in order, or undefined when some are no longer kept (or the id is unknown, or from an earlier process). */
  since(channel: string, afterId: number): Promise<BusMessage[] | undefined>;
  /** The id of the channel's latest message (0 when none). */
  lastId(channel: string): Promise<number>;
  /**
   * Drops the channel's history and numbering (a deleted world cup's). Current subscribers stay
   * subscribed; a later publish starts the channel over, and old resume points get a snapshot.
   */
  forget(channel: string): Promise<void>;
}

export interface StateStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Adds `value` in front of the list at `key`, keeping its newest `limit` entries. */
  push(key: string, value: string, limit: number, ttlMs: number): Promise<void>;
  /** The list at `key`, newest first. */
  list(key: string): Promise<string[]>;
  /** Drops the value and the list at `key`. */
  delete(key: string): Promise<void>;
}

/** Releases a lock (a no-op when it already expired and someone else holds it). */
export type Release = () => Promise<void>;

export interface Locks {
  /** Takes the lock unless someone holds it; it expires by itself after `ttlMs`. */
  tryLock(key: string, ttlMs: number): Promise<Release | undefined>;
}

/** One holder's slot under a key (one open event stream counted against one cap). */
export interface Lease {
  key: string;
  holder: string;
}

/**
 * Counted slots with expiry: at most `cap` holders per key at once, on every instance together. A
 * lease lasts `ttlMs` unless renewed, so the slots of a crashed instance free themselves.
 */
export interface Leases {
  /** Takes a slot of `key` for `holder` unless `cap` other live holders have one; true when held (again, for a holder that has it). */
  acquire(key: string, holder: string, cap: number, ttlMs: number): Promise<boolean>;
  /**
   * Extends each lease to `ttlMs` from now. One that expired meanwhile is taken again even over
   * the cap: its holder is still there (say Redis lost it in a restart), so it still counts.
   */
  renew(leases: readonly Lease[], ttlMs: number): Promise<void>;
  /** Gives the slots back (a no-op for leases not held). */
  release(leases: readonly Lease[]): Promise<void>;
}

export interface ActivityCounts {
  /** Players seen (a game started or a pick made) within the presence window. */
  playing: number;
  /** Picks over the last minute (sliding). */
  picksPerMinute: number;
}

export interface Presence {
  /** A player was active in a world cup now; `isPick` counts towards picks per minute. */
  touch(worldcupId: string, player: string, isPick: boolean): Promise<void>;
  counts(worldcupId: string): Promise<ActivityCounts>;
  site(): Promise<ActivityCounts>;
  /** World cups with players now, most players first. */
  busiest(limit: number): Promise<{ worldcupId: string; playing: number }[]>;
}

export interface LiveBackend {
  kind: 'memory' | 'redis';
  bus: EventBus;
  state: StateStore;
  locks: Locks;
  presence: Presence;
  leases: Leases;
  /** The Redis connection and key prefix, for others that share them (rate limits); only on Redis. */
  redis?: { client: Redis; prefix: string };
  close(): Promise<void>;
}

/** How long a player counts as "playing now" after their last start or pick. */
export const PRESENCE_WINDOW_MS = 60_000;
/** Messages kept per channel for Last-Event-ID resume (a minute or more of ranking updates). */
export const HISTORY_LIMIT = 200;
/**
 * Larger messages are delivered but not kept (a marker takes their place, and resuming across it
 * means a snapshot): a big world cup's full-table deltas would otherwise hold megabytes per channel.
 */
export const HISTORY_MAX_BYTES = 32 * 1024;
/** The event name of such a marker in a channel's history. */
export const NOT_KEPT = '!';
const MINUTE_MS = 60_000;

/** Sliding picks per minute from two fixed minute buckets: the previous one weighted by how much of it the window still covers. */
export function slidingPerMinute(current: number, previous: number, now: number): number {
  const elapsed = (now % MINUTE_MS) / MINUTE_MS;
  return Math.round(current + previous * (1 - elapsed));
}

export const minuteOf = (now: number): number => Math.floor(now / MINUTE_MS);

/**
 * Picks per minute shown to viewers are counted in 5-second buckets: the last minute is twelve of
 * them, exact but for the oldest one the window's start falls in, weighted by how much of it the
 * window still covers. (Two minute buckets would show 2 for 3 picks made just across a minute.)
 */
const PICK_BUCKET_MS = 5_000;
const PICK_BUCKETS = MINUTE_MS / PICK_BUCKET_MS;

/** The bucket a pick made at `now` is counted in. */
export const pickBucketOf = (now: number): number => Math.floor(now / PICK_BUCKET_MS);

/** The buckets `picksInLastMinute` reads at `now`, newest first. */
export function pickBuckets(now: number): number[] {
  const newest = pickBucketOf(now);
  return Array.from({ length: PICK_BUCKETS + 1 }, (_, i) => newest - i);
}

/** Picks over the last minute from the counts of `pickBuckets(now)`, in that order. */
export function picksInLastMinute(counts: readonly number[], now: number): number {
  const elapsed = (now % PICK_BUCKET_MS) / PICK_BUCKET_MS;
  let sum = 0;
  for (let i = 0; i < PICK_BUCKETS; i++) sum += counts[i] ?? 0;
  return Math.round(sum + (counts[PICK_BUCKETS] ?? 0) * (1 - elapsed));
}
