/**
 * Per-minute counters shared by every instance: how many votes one voter (a session, an address)
 * cast over the last minute, whichever instance served them. In Redis when the site has it (one
 * script per hit, so instances never lose each other's counts), else in this process.
 */
import type { Redis } from 'ioredis';
import type { LiveBackend } from './backend.js';
import { minuteOf, slidingPerMinute } from './backend.js';

export interface MinuteCounters {
  /** Counts one event for each key now; resolves to each key's events over the last minute (sliding), this one included. */
  hit(keys: readonly string[]): Promise<number[]>;
}

/** Keys hit within the last two minutes, at most; older ones are dropped as they are passed. */
const MAX_MEMORY_KEYS = 100_000;

export function memoryCounters(now: () => number = Date.now): MinuteCounters {
  const counts = new Map<string, { minute: number; current: number; previous: number }>();
  return {
    hit(keys) {
      const t = now();
      const minute = minuteOf(t);
      const out = keys.map((key) => {
        let c = counts.get(key);
        if (!c || c.minute < minute - 1) c = { minute, current: 0, previous: 0 };
        else if (c.minute === minute - 1) c = { minute, current: 0, previous: c.current };
        c.current++;
        counts.delete(key); // re-insert at the end: the oldest keys come first
        counts.set(key, c);
        return slidingPerMinute(c.current, c.previous, t);
      });
      for (const [key, c] of counts) {
        if (counts.size <= MAX_MEMORY_KEYS && c.minute >= minute - 1) break;
        counts.delete(key);
      }
      return Promise.resolve(out);
    },
  };
}

// KEYS: per key, this minute's and the previous minute's counter. Increments this minute's (kept
// for two minutes) and returns both counts per key.
const HIT = `local out = {}
for i = 1, #KEYS, 2 do
  local current = redis.call('INCR', KEYS[i])
  if current == 1 then redis.call('PEXPIRE', KEYS[i], 120000) end
  out[#out + 1] = current
  out[#out + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
end
return out`;

export function redisCounters(client: Redis, prefix: string, now: () => number = Date.now): MinuteCounters {
  return {
    async hit(keys) {
      if (keys.length === 0) return [];
      const t = now();
      const minute = minuteOf(t);
      const redisKeys = keys.flatMap((key) => [`${prefix}count:${key}:${minute}`, `${prefix}count:${key}:${minute - 1}`]);
      const raw = (await client.eval(HIT, redisKeys.length, ...redisKeys)) as number[];
      return keys.map((_, i) => slidingPerMinute(Number(raw[2 * i] ?? 0), Number(raw[2 * i + 1] ?? 0), t));
    },
  };
}

/** The counters of a live backend: in Redis with it, else in this process. */
export function countersOf(backend: LiveBackend): MinuteCounters {
  return backend.redis ? redisCounters(backend.redis.client, backend.redis.prefix) : memoryCounters();
}
