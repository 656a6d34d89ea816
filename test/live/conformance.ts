/**
 * The live backend conformance suite: the same behaviour in one process (memory) and over Redis.
 * Each implementation's test file calls runLiveConformance with a factory for a fresh, empty
 * backend (its own namespace), so the tests never see each other's channels, keys or players.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type BusMessage, HISTORY_LIMIT, HISTORY_MAX_BYTES, type LiveBackend } from '../../src/live/backend.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A bus listener that records what it hears and lets a test wait for it. */
export function recorder(): { messages: BusMessage[]; listener: (m: BusMessage) => void; until: (count: number, timeoutMs?: number) => Promise<BusMessage[]> } {
  const messages: BusMessage[] = [];
  return {
    messages,
    listener: (m) => {
      messages.push(m);
    },
    async until(count, timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages within ${timeoutMs} ms, got ${messages.length}`);
        await sleep(5);
      }
      return messages;
    },
  };
}

/** Payloads a JSON event can carry, including ones a naive framing would mangle. */
const PAYLOADS = ['{"n":0}', '', '{"name":"포르쉐 911 🚗","q":"\\"quoted\\""}', 'two\nlines\n', 'x'.repeat(10_000)];

/** How long a short TTL lives, and how long to wait for it to have expired. */
const SHORT_TTL_MS = 80;
const PAST_TTL_MS = 250;

export function runLiveConformance(name: string, open: () => Promise<LiveBackend>): void {
  describe(`live backend conformance: ${name}`, () => {
    const opened: LiveBackend[] = [];
    const fresh = async (): Promise<LiveBackend> => {
      const live = await open();
      opened.push(live);
      return live;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((live) => live.close()));
    });

    describe('event bus', () => {
      it('numbers each channel base + 1, + 2, + 3… on its own, and reports the latest id', async () => {
        const { bus } = await fresh();
        // The base is the id a channel with no messages reports: 0 on Redis, the process's start
        // time in the memory backend (so ids of an earlier process are never mistaken for its own).
        const o = await bus.lastId('a');
        expect(Number.isSafeInteger(o) && o >= 0).toBe(true);
        expect(await bus.lastId('b')).toBe(o);
        expect([await bus.publish('a', 'e', '1'), await bus.publish('a', 'e', '2'), await bus.publish('a', 'e', '3')]).toEqual([o + 1, o + 2, o + 3]);
        expect([await bus.publish('b', 'e', '1'), await bus.publish('b', 'e', '2')]).toEqual([o + 1, o + 2]);
        expect(await bus.publish('a', 'e', '4')).toBe(o + 4);
        expect([await bus.lastId('a'), await bus.lastId('b'), await bus.lastId('never-used')]).toEqual([o + 4, o + 2, o]);
      });

      it('delivers every message to every subscriber of the channel, in id order and byte for byte', async () => {
        const { bus } = await fresh();
        const [one, two, elsewhere] = [recorder(), recorder(), recorder()];
        await bus.subscribe('feed', one.listener);
        await bus.subscribe('feed', two.listener);
        await bus.subscribe('other', elsewhere.listener);
        // Published back to back without waiting: ids and delivery must still follow call order.
        const sent = Array.from({ length: 40 }, (_, k) => ({ event: k % 2 ? 'ranking' : 'champion', data: PAYLOADS[k % PAYLOADS.length] as string }));
        const o = await bus.lastId('feed');
        const ids = await Promise.all(sent.map((m) => bus.publish('feed', m.event, m.data)));
        expect(ids).toEqual(sent.map((_, k) => o + k + 1));
        const expected: BusMessage[] = sent.map((m, k) => ({ id: o + k + 1, ...m }));
        expect(await one.until(sent.length)).toEqual(expected);
        expect(await two.until(sent.length)).toEqual(expected);
        await sleep(100);
        expect(one.messages).toHaveLength(sent.length); // nothing twice
        expect(elsewhere.messages).toEqual([]);
      });

      it('stops delivering to a subscriber that unsubscribed, and only to it; re-subscribing works', async () => {
        const { bus } = await fresh();
        const [one, two, again] = [recorder(), recorder(), recorder()];
        const o = await bus.lastId('feed');
        const offOne = await bus.subscribe('feed', one.listener);
        const offTwo = await bus.subscribe('feed', two.listener);
        await bus.publish('feed', 'e', 'first');
        await two.until(1);
        await one.until(1);
        offOne();
        await bus.publish('feed', 'e', 'second');
        await two.until(2);
        offTwo();
        await bus.publish('feed', 'e', 'third');
        await sleep(150);
        expect(one.messages.map((m) => m.data)).toEqual(['first']);
        expect(two.messages.map((m) => m.data)).toEqual(['first', 'second']);
        // Unsubscribed or not, everything stays in the history.
        expect((await bus.since('feed', o))?.map((m) => m.data)).toEqual(['first', 'second', 'third']);

        const offAgain = await bus.subscribe('feed', again.listener);
        await bus.publish('feed', 'e', 'fourth');
        expect(await again.until(1)).toEqual([{ id: o + 4, event: 'e', data: 'fourth' }]);
        offAgain();
      });

      it('replays exactly the messages after an id, [] when up to date, undefined for an id from the future', async () => {
        const { bus } = await fresh();
        const o = await bus.lastId('h');
        expect(await bus.since('h', o)).toEqual([]);
        expect(await bus.since('h', o + 1)).toBeUndefined();
        for (let k = 1; k <= 5; k++) await bus.publish('h', `e${k}`, `d${k}`);
        expect(await bus.since('h', o + 2)).toEqual([
          { id: o + 3, event: 'e3', data: 'd3' },
          { id: o + 4, event: 'e4', data: 'd4' },
          { id: o + 5, event: 'e5', data: 'd5' },
        ]);
        expect((await bus.since('h', o))?.map((m) => m.id)).toEqual([o + 1, o + 2, o + 3, o + 4, o + 5]);
        expect(await bus.since('h', o + 5)).toEqual([]);
        expect(await bus.since('h', o + 6)).toBeUndefined();
        expect(await bus.since('h', 999_999_999_999_999)).toBeUndefined();
      });

      it(`keeps the newest ${HISTORY_LIMIT} messages: older resume points get undefined (a snapshot), newer ones the rest`, async () => {
        const { bus } = await fresh();
        const total = HISTORY_LIMIT + 10;
        const o = await bus.lastId('long');
        const ids = await Promise.all(Array.from({ length: total }, (_, k) => bus.publish('long', 'e', `m${k + 1}`)));
        expect(ids.at(-1)).toBe(o + total);
        expect(await bus.lastId('long')).toBe(o + total);
        expect(await bus.since('long', o + 5)).toBeUndefined();
        expect(await bus.since('long', o + 9)).toBeUndefined(); // message 10 is gone
        expect(await bus.since('long', o + 10)).toHaveLength(HISTORY_LIMIT); // 11…total are all kept
        const later = await bus.since('long', o + 20);
        expect(later).toHaveLength(total - 20);
        expect(later?.map((m) => m.id)).toEqual(Array.from({ length: total - 20 }, (_, k) => o + k + 21));
        expect(later?.map((m) => m.data)).toEqual(Array.from({ length: total - 20 }, (_, k) => `m${k + 21}`));
        expect(await bus.since('long', o + total)).toEqual([]);
      });

      it(`delivers a message over ${HISTORY_MAX_BYTES} bytes live but does not keep it: resuming across it gets undefined`, async () => {
        const { bus } = await fresh();
        const live = recorder();
        await bus.subscribe('big', live.listener);
        const o = await bus.lastId('big');
        const big = 'x'.repeat(HISTORY_MAX_BYTES + 1);
        await bus.publish('big', 'e', 'small');
        await bus.publish('big', 'e', big);
        await bus.publish('big', 'e', 'after');
        expect((await live.until(3)).map((m) => m.data)).toEqual(['small', big, 'after']);
        expect(await bus.since('big', o)).toBeUndefined();
        expect(await bus.since('big', o + 1)).toBeUndefined();
        expect(await bus.since('big', o + 2)).toEqual([{ id: o + 3, event: 'e', data: 'after' }]);
      });

      it("forgets a channel's history and numbering, and only that channel's; its subscribers still hear what comes next", async () => {
        const { bus } = await fresh();
        const heard = recorder();
        await bus.subscribe('gone', heard.listener);
        const o = await bus.lastId('gone');
        for (const data of ['1', '2', '3']) await bus.publish('gone', 'e', data);
        await bus.publish('kept', 'e', 'k1');
        await heard.until(3);
        await bus.forget('gone');
        await bus.forget('never-used'); // harmless
        expect(await bus.lastId('gone')).toBe(o);
        expect(await bus.since('gone', o)).toEqual([]);
        // A resume point from before is unknown now: the viewer gets a snapshot.
        expect(await bus.since('gone', o + 2)).toBeUndefined();
        expect(await bus.since('kept', o)).toEqual([{ id: o + 1, event: 'e', data: 'k1' }]);
        // Published again, the channel starts over; a subscriber from before still hears it.
        expect(await bus.publish('gone', 'e', 'again')).toBe(o + 1);
        expect((await heard.until(4)).at(-1)).toEqual({ id: o + 1, event: 'e', data: 'again' });
      });
    });

    describe('state', () => {
      it('stores values until their ttl passes', async () => {
        const { state } = await fresh();
        expect(await state.get('missing')).toBeUndefined();
        await state.set('k', '{"v":1}', 60_000);
        await state.set('k', '{"v":2}', 60_000);
        await state.set('short', 'gone soon', SHORT_TTL_MS);
        expect(await state.get('k')).toBe('{"v":2}');
        expect(await state.get('short')).toBe('gone soon');
        await sleep(PAST_TTL_MS);
        expect(await state.get('short')).toBeUndefined();
        expect(await state.get('k')).toBe('{"v":2}');
      });

      it('keeps the newest `limit` list entries, newest first, until the ttl passes', async () => {
        const { state } = await fresh();
        expect(await state.list('missing')).toEqual([]);
        for (const v of ['a', 'b', 'c', 'd']) await state.push('champions', v, 3, 60_000);
        await state.push('other', 'x', 3, 60_000);
        expect(await state.list('champions')).toEqual(['d', 'c', 'b']);
        expect(await state.list('other')).toEqual(['x']);

        await state.push('short', 'old', 3, SHORT_TTL_MS);
        await sleep(PAST_TTL_MS);
        expect(await state.list('short')).toEqual([]);
        await state.push('short', 'new', 3, 60_000);
        expect(await state.list('short')).toEqual(['new']);
      });

      it('deletes the value and the list at a key, and nothing else', async () => {
        const { state } = await fresh();
        await state.set('ranking:x', '{"v":1}', 60_000);
        await state.push('champions:x', 'a', 3, 60_000);
        await state.set('ranking:y', '{"v":2}', 60_000);
        await state.push('champions:y', 'b', 3, 60_000);
        await state.delete('ranking:x');
        await state.delete('champions:x');
        await state.delete('missing'); // harmless
        expect([await state.get('ranking:x'), await state.list('champions:x')]).toEqual([undefined, []]);
        expect([await state.get('ranking:y'), await state.list('champions:y')]).toEqual(['{"v":2}', ['b']]);
        // A deleted list starts over when pushed to again.
        await state.push('champions:x', 'c', 3, 60_000);
        expect(await state.list('champions:x')).toEqual(['c']);
      });
    });

    describe('locks', () => {
      it('refuses a held lock until it is released', async () => {
        const { locks } = await fresh();
        const release = await locks.tryLock('ranking:a', 60_000);
        expect(release).toBeDefined();
        expect(await locks.tryLock('ranking:a', 60_000)).toBeUndefined();
        expect(await locks.tryLock('ranking:b', 60_000)).toBeDefined(); // another key is free
        await release?.();
        const again = await locks.tryLock('ranking:a', 60_000);
        expect(again).toBeDefined();
        expect(await locks.tryLock('ranking:a', 60_000)).toBeUndefined();
      });

      it('frees a lock by itself once its ttl passes', async () => {
        const { locks } = await fresh();
        expect(await locks.tryLock('k', SHORT_TTL_MS)).toBeDefined();
        expect(await locks.tryLock('k', SHORT_TTL_MS)).toBeUndefined();
        await sleep(PAST_TTL_MS);
        expect(await locks.tryLock('k', 60_000)).toBeDefined();
      });

      it('ignores a stale release: an expired holder cannot free the lock someone else now holds', async () => {
        const { locks } = await fresh();
        const stale = await locks.tryLock('k', SHORT_TTL_MS);
        await sleep(PAST_TTL_MS);
        const current = await locks.tryLock('k', 60_000);
        expect(current).toBeDefined();
        await stale?.();
        expect(await locks.tryLock('k', 60_000)).toBeUndefined(); // still held by `current`
        await current?.();
        await current?.(); // releasing twice is harmless
        expect(await locks.tryLock('k', 60_000)).toBeDefined();
      });
    });

    describe('leases', () => {
      const lease = (key: string, holder: string) => ({ key, holder });

      it('gives at most `cap` holders a slot of a key, each key on its own; a holder asking again keeps its one slot', async () => {
        const { leases } = await fresh();
        expect(await leases.acquire('streams:s1', 'h1', 2, 60_000)).toBe(true);
        expect(await leases.acquire('streams:s1', 'h2', 2, 60_000)).toBe(true);
        expect(await leases.acquire('streams:s1', 'h3', 2, 60_000)).toBe(false);
        expect(await leases.acquire('streams:s1', 'h1', 2, 60_000)).toBe(true); // already holds one
        expect(await leases.acquire('streams:s1', 'h3', 2, 60_000)).toBe(false); // …and took no second
        expect(await leases.acquire('streams:s2', 'h3', 2, 60_000)).toBe(true);
        expect(await leases.acquire('streams:s1', 'h3', 3, 60_000)).toBe(true); // a higher cap has room
      });

      it('frees a slot on release; releasing what is not held changes nothing', async () => {
        const { leases } = await fresh();
        for (const holder of ['h1', 'h2']) expect(await leases.acquire('k', holder, 2, 60_000)).toBe(true);
        await leases.release([lease('k', 'h1')]);
        expect(await leases.acquire('k', 'h3', 2, 60_000)).toBe(true);
        await leases.release([lease('k', 'h1'), lease('k', 'nobody'), lease('other', 'h2')]);
        await leases.release([]);
        expect(await leases.acquire('k', 'h4', 2, 60_000)).toBe(false); // h2 and h3 still hold it
        await leases.release([lease('k', 'h2'), lease('k', 'h3')]);
        expect(await leases.acquire('k', 'h4', 2, 60_000)).toBe(true);
        expect(await leases.acquire('k', 'h5', 2, 60_000)).toBe(true);
      });

      it("frees the slot of a holder that stops renewing once the ttl passes (a crashed instance's); renewing keeps one", async () => {
        const { leases } = await fresh();
        expect(await leases.acquire('k', 'renewed', 2, SHORT_TTL_MS)).toBe(true);
        expect(await leases.acquire('k', 'crashed', 2, SHORT_TTL_MS)).toBe(true);
        expect(await leases.acquire('k', 'late', 2, SHORT_TTL_MS)).toBe(false);
        for (let waited = 0; waited < PAST_TTL_MS; waited += SHORT_TTL_MS / 4) {
          await leases.renew([lease('k', 'renewed')], SHORT_TTL_MS);
          await sleep(SHORT_TTL_MS / 4);
        }
        expect(await leases.acquire('k', 'late', 2, 60_000)).toBe(true); // the crashed one's slot
        expect(await leases.acquire('k', 'later', 2, 60_000)).toBe(false); // the renewed one still holds its own
      });

      it('takes an expired lease again on renewal, even over the cap: its holder is still there', async () => {
        const { leases } = await fresh();
        expect(await leases.acquire('k', 'paused', 1, SHORT_TTL_MS)).toBe(true);
        await sleep(PAST_TTL_MS);
        expect(await leases.acquire('k', 'newcomer', 1, 60_000)).toBe(true);
        await leases.renew([lease('k', 'paused')], 60_000);
        await leases.release([lease('k', 'newcomer')]);
        expect(await leases.acquire('k', 'third', 1, 60_000)).toBe(false); // `paused` counts again
      });

      it('is exact when many ask at once: `cap` of them get a slot, the rest none', async () => {
        const { leases } = await fresh();
        const holders = Array.from({ length: 60 }, (_, k) => `h${k}`);
        const granted = await Promise.all(holders.map((h) => leases.acquire('busy', h, 7, 60_000)));
        expect(granted.filter(Boolean)).toHaveLength(7);
        // Released all at once and taken again at once: still exactly the cap.
        await leases.release(holders.filter((_, k) => granted[k]).map((h) => lease('busy', h)));
        const again = await Promise.all(holders.map((h) => leases.acquire('busy', `${h}-again`, 7, 60_000)));
        expect(again.filter(Boolean)).toHaveLength(7);
      });
    });

    describe('presence', () => {
      it('is empty before anyone plays', async () => {
        const { presence } = await fresh();
        expect(await presence.counts('wc-none')).toEqual({ playing: 0, picksPerMinute: 0 });
        expect(await presence.site()).toEqual({ playing: 0, picksPerMinute: 0 });
        expect(await presence.busiest(5)).toEqual([]);
      });

      it('counts distinct players and their picks per world cup and site-wide, busiest first', async () => {
        const { presence } = await fresh();
        const touches: [string, string, boolean][] = [
          ['wc-a', 'p1', false], // started a game
          ['wc-a', 'p1', true],
          ['wc-a', 'p2', true],
          ['wc-a', 'p2', true],
          ['wc-b', 'p3', false],
          ['wc-c', 'p4', true],
          ['wc-c', 'p5', false],
          ['wc-c', 'p6', false],
          ['wc-b', 'p1', false], // p1 also plays wc-b: one more player there, not on the site
        ];
        for (const [wc, player, isPick] of touches) await presence.touch(wc, player, isPick);
        expect(await presence.counts('wc-a')).toEqual({ playing: 2, picksPerMinute: 3 });
        expect(await presence.counts('wc-b')).toEqual({ playing: 2, picksPerMinute: 0 });
        expect(await presence.counts('wc-c')).toEqual({ playing: 3, picksPerMinute: 1 });
        expect(await presence.site()).toEqual({ playing: 6, picksPerMinute: 4 });
        expect(await presence.busiest(10)).toEqual([
          { worldcupId: 'wc-c', playing: 3 },
          { worldcupId: 'wc-a', playing: 2 },
          { worldcupId: 'wc-b', playing: 2 },
        ]);
        expect(await presence.busiest(1)).toEqual([{ worldcupId: 'wc-c', playing: 3 }]);
      });
    });
  });
}
