/**
 * The live backend over Redis, for several instances: channels are Redis pub/sub plus a capped
 * sorted set per channel (resume history) and a counter (ids), written by one script so that ids,
 * history and delivery order agree across instances. Keys share a prefix (REDIS_PREFIX) and
 * expire when idle, so a shared Redis needs no cleanup.
 */
import { Redis } from 'ioredis';
import {
  type ActivityCounts,
  type BusMessage,
  HISTORY_LIMIT,
  HISTORY_MAX_BYTES,
  type LiveBackend,
  NOT_KEPT,
  PRESENCE_WINDOW_MS,
  type Release,
  pickBucketOf,
  pickBuckets,
  picksInLastMinute,
} from './backend.js';

/** Channel keys live a week past their last message; counters a little over two minutes. */
const CHANNEL_TTL_MS = 7 * 24 * 3600 * 1000;
const COUNTER_TTL_MS = 150_000;

// KEYS: seq, history, pub/sub channel. ARGV: event, data, history limit, ttl, largest kept, marker.
const PUBLISH = `
local id = redis.call('INCR', KEYS[1])
local msg = id .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2]
if #ARGV[2] > tonumber(ARGV[5]) then
  redis.call('ZADD', KEYS[2], id, id .. '\\n' .. ARGV[6] .. '\\n')
else
  redis.call('ZADD', KEYS[2], id, msg)
end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[3]) + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', KEYS[3], msg)
return id`;

// KEYS: seq, history. ARGV: after. Returns {seq, found (0 none / 1 messages / -1 gap), messages…}.
const SINCE = `
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local after = tonumber(ARGV[1])
if after > seq then return {seq, -1} end
if after == seq then return {seq, 0} end
local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if #first == 0 or tonumber(first[2]) > after + 1 then return {seq, -1} end
local out = {seq, 1}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. after, '+inf')) do out[#out + 1] = m end
return out`;

// Lease expiries are in Redis's own clock (TIME), so instances whose clocks disagree still agree on them.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS: lease set (holder → expiry). ARGV: holder, cap, ttl. Pruning, counting and adding in one
// script is what makes the cap exact when instances acquire at once.
const ACQUIRE = `${NOW}
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1`;

// KEYS: lease sets. ARGV: ttl, then the holder of each key in order.
const RENEW = `${NOW}
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + ttl, ARGV[i + 1])
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
return #KEYS`;
/** Leases renewed per script call: one heartbeat of thousands of streams must not block Redis for long. */
const RENEW_BATCH = 500;

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

function parseMessage(raw: string): BusMessage {
  const a = raw.indexOf('\n');
  const b = raw.indexOf('\n', a + 1);
  return { id: Number(raw.slice(0, a)), event: raw.slice(a + 1, b), data: raw.slice(b + 1) };
}

export interface RedisBackendOptions {
  url: string;
  /** Prefix of every key and channel, so instances of one site share them and others do not. */
  prefix?: string;
  /** Connection trouble (ioredis reconnects by itself); told at most once per 10 s. */
  onError?: (error: unknown) => void;
}

export async function redisBackend(opts: RedisBackendOptions): Promise<LiveBackend> {
  const prefix = opts.prefix ?? 'versus:';
  const redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = redis.duplicate();
  // Without listeners ioredis prints every failed reconnect to the console.
  let lastReported = 0;
  const report = (error: unknown) => {
    if (Date.now() - lastReported < 10_000) return;
    lastReported = Date.now();
    opts.onError?.(error);
  };
  redis.on('error', report);
  sub.on('error', report);
  await Promise.all([redis.connect(), sub.connect()]);
  const listeners = new Map<string, Set<(m: BusMessage) => void>>();
  sub.on('message', (redisChannel: string, raw: string) => {
    const set = listeners.get(redisChannel);
    if (!set) return;
    const m = parseMessage(raw);
    for (const listener of set) listener(m);
  });
  const keys = (channel: string) => ({
    seq: `${prefix}seq:${channel}`,
    history: `${prefix}hist:${channel}`,
    pubsub: `${prefix}ch:${channel}`,
  });
  const leaseKey = (key: string) => `${prefix}lease:${key}`;
  const presenceKey = (key: string) => `${prefix}presence:${key}`;
  const picksKey = (key: string, bucket: number) => `${prefix}picks5s:${key}:${bucket}`;
  const activeKey = `${prefix}active`;
  const SITE = '*';

  const countsOf = async (key: string): Promise<ActivityCounts> => {
    const now = Date.now();
    const results = await redis
      .pipeline()
      .zremrangebyscore(presenceKey(key), '-inf', now - PRESENCE_WINDOW_MS)
      .zcard(presenceKey(key))
      .mget(...pickBuckets(now).map((b) => picksKey(key, b)))
      .exec();
    const playing = Number(results?.[1]?.[1] ?? 0);
    const picks = (results?.[2]?.[1] as (string | null)[] | undefined) ?? [];
    return { playing, picksPerMinute: picksInLastMinute(picks.map(Number), now) };
  };

  return {
    kind: 'redis',
    redis: { client: redis, prefix },
    bus: {
      async publish(channel, event, data) {
        const k = keys(channel);
        return Number(await redis.eval(PUBLISH, 3, k.seq, k.history, k.pubsub, event, data, HISTORY_LIMIT, CHANNEL_TTL_MS, HISTORY_MAX_BYTES, NOT_KEPT));
      },
      async subscribe(channel, listener) {
        const k = keys(channel).pubsub;
        let set = listeners.get(k);
        if (!set) {
          listeners.set(k, (set = new Set()));
          try {
            await sub.subscribe(k);
          } catch (error) {
            // Not subscribed (Redis unreachable): forget the channel, or every later subscribe would skip SUBSCRIBE and hear nothing.
            if (listeners.get(k) === set) listeners.delete(k);
            throw error;
          }
        }
        set.add(listener);
        return () => {
          set.delete(listener);
          if (set.size === 0 && listeners.get(k) === set) {
            listeners.delete(k);
            sub.unsubscribe(k).catch(() => undefined);
          }
        };
      },
      async since(channel, afterId) {
        const k = keys(channel);
        const reply = (await redis.eval(SINCE, 2, k.seq, k.history, afterId)) as (number | string)[];
        if (Number(reply[1]) < 0) return undefined;
        const missed = reply.slice(2).map((raw) => parseMessage(String(raw)));
        return missed.some((m) => m.event === NOT_KEPT) ? undefined : missed;
      },
      async lastId(channel) {
        return Number((await redis.get(keys(channel).seq)) ?? 0);
      },
      async forget(channel) {
        const k = keys(channel);
        await redis.del(k.seq, k.history);
      },
    },
    state: {
      async get(key) {
        return (await redis.get(`${prefix}state:${key}`)) ?? undefined;
      },
      async set(key, value, ttlMs) {
        await redis.set(`${prefix}state:${key}`, value, 'PX', ttlMs);
      },
      async push(key, value, limit, ttlMs) {
        const k = `${prefix}list:${key}`;
        await redis.multi().lpush(k, value).ltrim(k, 0, limit - 1).pexpire(k, ttlMs).exec();
      },
      async list(key) {
        return redis.lrange(`${prefix}list:${key}`, 0, -1);
      },
      async delete(key) {
        await redis.del(`${prefix}state:${key}`, `${prefix}list:${key}`);
      },
    },
    locks: {
      async tryLock(key, ttlMs) {
        const k = `${prefix}lock:${key}`;
        const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
        if ((await redis.set(k, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
        const release: Release = async () => {
          await redis.eval(UNLOCK, 1, k, token);
        };
        return release;
      },
    },
    presence: {
      async touch(worldcupId, player, isPick) {
        const now = Date.now();
        const bucket = pickBucketOf(now);
        const p = redis.pipeline();
        for (const key of [worldcupId, SITE]) {
          p.zadd(presenceKey(key), now, player).pexpire(presenceKey(key), 2 * PRESENCE_WINDOW_MS);
          if (isPick) p.incr(picksKey(key, bucket)).pexpire(picksKey(key, bucket), COUNTER_TTL_MS);
        }
        p.zadd(activeKey, now, worldcupId).pexpire(activeKey, 2 * PRESENCE_WINDOW_MS);
        await p.exec();
      },
      counts: (worldcupId) => countsOf(worldcupId),
      site: () => countsOf(SITE),
      async busiest(limit) {
        const now = Date.now();
        await redis.zremrangebyscore(activeKey, '-inf', now - PRESENCE_WINDOW_MS);
        const ids = await redis.zrevrange(activeKey, 0, 4 * limit - 1);
        const rows = await Promise.all(ids.map(async (worldcupId) => ({ worldcupId, playing: (await countsOf(worldcupId)).playing })));
        return rows
          .filter((r) => r.playing > 0)
          .sort((a, b) => b.playing - a.playing || a.worldcupId.localeCompare(b.worldcupId))
          .slice(0, limit);
      },
    },
    leases: {
      async acquire(key, holder, cap, ttlMs) {
        return Number(await redis.eval(ACQUIRE, 1, leaseKey(key), holder, cap, ttlMs)) === 1;
      },
      async renew(held, ttlMs) {
        for (let start = 0; start < held.length; start += RENEW_BATCH) {
          const batch = held.slice(start, start + RENEW_BATCH);
          await redis.eval(RENEW, batch.length, ...batch.map((l) => leaseKey(l.key)), ttlMs, ...batch.map((l) => l.holder));
        }
      },
      async release(held) {
        if (held.length === 0) return;
        const p = redis.pipeline();
        for (const { key, holder } of held) p.zrem(leaseKey(key), holder);
        await p.exec();
      },
    },
    async close() {
      listeners.clear();
      await Promise.allSettled([sub.quit(), redis.quit()]);
    },
  };
}
