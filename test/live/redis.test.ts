/**
 * The live backend over Redis: the conformance suite (each test under its own key prefix), then
 * what only Redis does, two instances sharing one site through it. Gated like PostgreSQL: skipped
 * locally without Redis, an error in CI. Every key this run created is deleted afterwards.
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveBackend } from '../../src/live/backend.js';
import { redisBackend } from '../../src/live/redis.js';
import { REDIS_URL, requireDependency } from '../helpers/env.js';
import { recorder, runLiveConformance, sleep } from './conformance.js';

/** Every key of this run starts with it; each backend below adds its own suffix. */
const RUN_PREFIX = `versus-test-${process.pid}-${Date.now()}:`;

/** Deletes every key under `prefix`; returns how many there were. */
async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

async function countKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    let count = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) count += keys.length;
    return count;
  } finally {
    redis.disconnect();
  }
}

/** A TCP proxy in front of Redis that can refuse connections for a while, like a Redis restart. */
class FlakyRedis {
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((client) => {
    const { hostname, port } = new URL(REDIS_URL);
    const upstream = net.connect({ host: hostname, port: Number(port || 6379) });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', end).on('close', end);
    }
    client.pipe(upstream).pipe(client);
  });
  port = 0;

  async up(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Cuts every connection and refuses new ones until up(). */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}

if (await requireDependency('redis')) {
  afterAll(async () => {
    expect(await deleteKeys(RUN_PREFIX)).toBeGreaterThan(0); // the suites did write under the run's prefix…
    expect(await countKeys(RUN_PREFIX)).toBe(0); // …and nothing of it is left behind
  });

  let suffix = 0;
  runLiveConformance('Redis', () => redisBackend({ url: REDIS_URL, prefix: `${RUN_PREFIX}${++suffix}:` }));

  describe('Redis live backend: two instances of one site', () => {
    const prefix = `${RUN_PREFIX}shared:`;
    let a: LiveBackend;
    let b: LiveBackend;
    let stranger: LiveBackend;
    beforeAll(async () => {
      [a, b, stranger] = await Promise.all([
        redisBackend({ url: REDIS_URL, prefix }),
        redisBackend({ url: REDIS_URL, prefix }),
        redisBackend({ url: REDIS_URL, prefix: `${RUN_PREFIX}other-site:` }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a, b, stranger].map((live) => live.close()));
    });

    it('delivers what one instance publishes to the other, with one numbering and one history', async () => {
      const [onA, onB, onStranger] = [recorder(), recorder(), recorder()];
      await a.bus.subscribe('worldcup:x', onA.listener);
      await b.bus.subscribe('worldcup:x', onB.listener);
      await stranger.bus.subscribe('worldcup:x', onStranger.listener);

      expect(await a.bus.publish('worldcup:x', 'ranking', '{"from":"a"}')).toBe(1);
      expect(await b.bus.publish('worldcup:x', 'champion', '{"from":"b"}')).toBe(2);
      expect(await a.bus.publish('worldcup:x', 'ranking', '{"from":"a again"}')).toBe(3);
      const all = [
        { id: 1, event: 'ranking', data: '{"from":"a"}' },
        { id: 2, event: 'champion', data: '{"from":"b"}' },
        { id: 3, event: 'ranking', data: '{"from":"a again"}' },
      ];
      expect(await onB.until(3)).toEqual(all);
      expect(await onA.until(3)).toEqual(all);
      expect(await b.bus.since('worldcup:x', 1)).toEqual(all.slice(1));
      expect([await a.bus.lastId('worldcup:x'), await b.bus.lastId('worldcup:x')]).toEqual([3, 3]);

      // Another site on the same Redis (another prefix) sees none of it.
      await sleep(100);
      expect(onStranger.messages).toEqual([]);
      expect(await stranger.bus.lastId('worldcup:x')).toBe(0);
    });

    it('shares state, locks and presence between the instances', async () => {
      await a.state.set('ranking:x', '{"votes":3}', 60_000);
      expect(await b.state.get('ranking:x')).toBe('{"votes":3}');
      await b.state.push('champions:x', 'first', 10, 60_000);
      await a.state.push('champions:x', 'second', 10, 60_000);
      expect(await b.state.list('champions:x')).toEqual(['second', 'first']);

      const release = await a.locks.tryLock('ranking:x', 60_000);
      expect(release).toBeDefined();
      expect(await b.locks.tryLock('ranking:x', 60_000)).toBeUndefined();
      await release?.();
      const onB = await b.locks.tryLock('ranking:x', 60_000);
      expect(onB).toBeDefined();
      await onB?.();

      await a.presence.touch('x', 'player-1', true);
      await b.presence.touch('x', 'player-2', true);
      await b.presence.touch('y', 'player-3', false);
      for (const live of [a, b]) {
        expect(await live.presence.counts('x')).toEqual({ playing: 2, picksPerMinute: 2 });
        expect(await live.presence.site()).toEqual({ playing: 3, picksPerMinute: 2 });
        expect(await live.presence.busiest(5)).toEqual([
          { worldcupId: 'x', playing: 2 },
          { worldcupId: 'y', playing: 1 },
        ]);
      }
      expect(await stranger.presence.site()).toEqual({ playing: 0, picksPerMinute: 0 });
      expect(await stranger.state.get('ranking:x')).toBeUndefined();
    });
  });

  describe('Redis live backend: Redis unreachable for a moment', () => {
    it('subscribes again after a subscribe failed: the channel is not left deaf', async () => {
      const flaky = new FlakyRedis();
      await flaky.up();
      const prefix = `${RUN_PREFIX}blip:`;
      const [live, direct] = await Promise.all([redisBackend({ url: `redis://127.0.0.1:${flaky.port}`, prefix }), redisBackend({ url: REDIS_URL, prefix })]);
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined); // ioredis reports each refused reconnect
      try {
        await flaky.down();
        await expect(live.bus.subscribe('worldcup:x', () => undefined)).rejects.toThrow();
        await flaky.up();
        const heard = recorder();
        await live.bus.subscribe('worldcup:x', heard.listener);
        await direct.bus.publish('worldcup:x', 'ranking', 'after the blip');
        expect(await heard.until(1)).toEqual([{ id: 1, event: 'ranking', data: 'after the blip' }]);
      } finally {
        await Promise.all([live.close(), direct.close()]);
        await flaky.down();
        quiet.mockRestore();
      }
    });
  });
} else {
  describe.skip('live backend conformance: Redis (not reachable)', () => it('skipped', () => undefined));
}
