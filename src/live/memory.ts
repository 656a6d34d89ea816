/** The live backend in one process: what a single instance on SQLite needs, with no Redis. */
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

interface Channel {
  seq: number;
  history: BusMessage[];
  listeners: Set<(m: BusMessage) => void>;
}

interface Activity {
  /** player → last seen (ms). */
  seen: Map<string, number>;
  /** 5-second bucket → picks. */
  picks: Map<number, number>;
}

const SITE = '';

export function memoryBackend(now: () => number = Date.now): LiveBackend {
  // Ids start at the process's start time, not at 0: a browser resuming with an id this process
  // never gave out (the server restarted) finds it below every kept id and gets a snapshot.
  const base = now();
  const channels = new Map<string, Channel>();
  const state = new Map<string, { value: string; expiresAt: number }>();
  const lists = new Map<string, { values: string[]; expiresAt: number }>();
  const locks = new Map<string, { token: symbol; expiresAt: number }>();
  const activity = new Map<string, Activity>();
  /** key → holder → expiry (ms). */
  const leases = new Map<string, Map<string, number>>();

  const channel = (name: string): Channel => {
    let c = channels.get(name);
    if (!c) channels.set(name, (c = { seq: base, history: [], listeners: new Set() }));
    return c;
  };
  const holdersOf = (key: string): Map<string, number> => {
    let holders = leases.get(key);
    if (!holders) leases.set(key, (holders = new Map<string, number>()));
    return holders;
  };
  const forgetIfUnused = (name: string, c: Channel) => {
    // Nothing to keep once it has no listeners and no messages: drop the entry so channels of deleted world cups do not pile up.
    if (c.listeners.size === 0 && c.history.length === 0 && c.seq === base && channels.get(name) === c) channels.delete(name);
  };
  const activityOf = (key: string): Activity => {
    let a = activity.get(key);
    if (!a) activity.set(key, (a = { seen: new Map(), picks: new Map() }));
    return a;
  };
  const countsOf = (key: string): ActivityCounts => {
    const a = activity.get(key);
    if (!a) return { playing: 0, picksPerMinute: 0 };
    const t = now();
    for (const [player, at] of a.seen) if (at <= t - PRESENCE_WINDOW_MS) a.seen.delete(player);
    const buckets = pickBuckets(t);
    const oldest = buckets[buckets.length - 1] ?? 0;
    for (const b of a.picks.keys()) if (b < oldest) a.picks.delete(b);
    return { playing: a.seen.size, picksPerMinute: picksInLastMinute(buckets.map((b) => a.picks.get(b) ?? 0), t) };
  };

  return {
    kind: 'memory',
    bus: {
      publish(name, event, data) {
        const c = channel(name);
        const m: BusMessage = { id: ++c.seq, event, data };
        c.history.push(Buffer.byteLength(data) > HISTORY_MAX_BYTES ? { id: m.id, event: NOT_KEPT, data: '' } : m);
        if (c.history.length > HISTORY_LIMIT) c.history.splice(0, c.history.length - HISTORY_LIMIT);
        for (const listener of c.listeners) listener(m);
        return Promise.resolve(m.id);
      },
      subscribe(name, listener) {
        const c = channel(name);
        c.listeners.add(listener);
        return Promise.resolve(() => {
          c.listeners.delete(listener);
          forgetIfUnused(name, c);
        });
      },
      since(name, afterId) {
        const c = channel(name);
        if (afterId > c.seq) return Promise.resolve(undefined);
        const first = c.history[0]?.id ?? c.seq + 1;
        if (first > afterId + 1) return Promise.resolve(undefined);
        const missed = c.history.filter((m) => m.id > afterId);
        return Promise.resolve(missed.some((m) => m.event === NOT_KEPT) ? undefined : missed);
      },
      lastId: (name) => Promise.resolve(channels.get(name)?.seq ?? base),
      forget(name) {
        const c = channels.get(name);
        if (c) {
          c.seq = base;
          c.history = [];
          forgetIfUnused(name, c);
        }
        return Promise.resolve();
      },
    },
    state: {
      get(key) {
        const hit = state.get(key);
        return Promise.resolve(hit && hit.expiresAt > now() ? hit.value : undefined);
      },
      set(key, value, ttlMs) {
        state.set(key, { value, expiresAt: now() + ttlMs });
        return Promise.resolve();
      },
      push(key, value, limit, ttlMs) {
        const hit = lists.get(key);
        const values = [value, ...(hit && hit.expiresAt > now() ? hit.values : [])].slice(0, limit);
        lists.set(key, { values, expiresAt: now() + ttlMs });
        return Promise.resolve();
      },
      list(key) {
        const hit = lists.get(key);
        return Promise.resolve(hit && hit.expiresAt > now() ? [...hit.values] : []);
      },
      delete(key) {
        state.delete(key);
        lists.delete(key);
        return Promise.resolve();
      },
    },
    locks: {
      tryLock(key, ttlMs) {
        const held = locks.get(key);
        if (held && held.expiresAt > now()) return Promise.resolve(undefined);
        const token = Symbol(key);
        locks.set(key, { token, expiresAt: now() + ttlMs });
        const release: Release = () => {
          if (locks.get(key)?.token === token) locks.delete(key);
          return Promise.resolve();
        };
        return Promise.resolve(release);
      },
    },
    presence: {
      touch(worldcupId, player, isPick) {
        const t = now();
        const bucket = pickBucketOf(t);
        for (const key of [worldcupId, SITE]) {
          const a = activityOf(key);
          a.seen.set(player, t);
          if (isPick) a.picks.set(bucket, (a.picks.get(bucket) ?? 0) + 1);
        }
        return Promise.resolve();
      },
      counts: (worldcupId) => Promise.resolve(countsOf(worldcupId)),
      site: () => Promise.resolve(countsOf(SITE)),
      busiest(limit) {
        const rows = [...activity.keys()]
          .filter((key) => key !== SITE)
          .map((worldcupId) => ({ worldcupId, playing: countsOf(worldcupId).playing }))
          .filter((r) => r.playing > 0)
          .sort((a, b) => b.playing - a.playing || a.worldcupId.localeCompare(b.worldcupId));
        return Promise.resolve(rows.slice(0, limit));
      },
    },
    leases: {
      acquire(key, holder, cap, ttlMs) {
        const holders = holdersOf(key);
        // Expired holders are dropped here, where they are counted: a key holds about `cap` of them.
        const t = now();
        for (const [h, expiresAt] of holders) if (expiresAt <= t) holders.delete(h);
        if (!holders.has(holder) && holders.size >= cap) return Promise.resolve(false);
        holders.set(holder, now() + ttlMs);
        return Promise.resolve(true);
      },
      renew(held, ttlMs) {
        for (const { key, holder } of held) holdersOf(key).set(holder, now() + ttlMs);
        return Promise.resolve();
      },
      release(held) {
        for (const { key, holder } of held) {
          const holders = leases.get(key);
          holders?.delete(holder);
          if (holders?.size === 0) leases.delete(key);
        }
        return Promise.resolve();
      },
    },
    close() {
      channels.clear();
      return Promise.resolve();
    },
  };
}
