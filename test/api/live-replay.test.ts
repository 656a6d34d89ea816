/**
 * What the live history keeps of world cups that are no longer public, on SQLite and PostgreSQL.
 * A reconnect to the site stream with Last-Event-ID replays what it missed, filtered like the
 * snapshot: nothing about a world cup made private (and renamed), hidden by an admin or deleted
 * since. And a deleted world cup's channel and live state are dropped once `closed` went out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage, LiveBackend } from '../../src/live/backend.js';
import { memoryBackend } from '../../src/live/memory.js';
import { type Services, createServices } from '../../src/services/index.js';
import { type SiteEvents, worldcupChannel } from '../../src/shared/events.js';
import type { Account } from '../../src/shared/accounts.js';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import type { Store } from '../../src/store/store.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase, openTestStore } from '../helpers/databases.js';
import { SseClient, type SseEvent } from '../helpers/sse.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const PASSWORD = 'correct horse battery';

/** Plays a 4-candidate game to its end. */
async function playOut(user: ApiClient, worldcupId: string): Promise<Game> {
  let game = await user.ok<Game>('POST', `/api/v1/worldcups/${worldcupId}/games`, 201, { json: { size: 4 } });
  while (game.match) {
    game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
  }
  return game;
}

/** The world cup a site event is about. */
function aboutOf(e: SseEvent): string | undefined {
  if (e.event === 'worldcup') return SseClient.json<SiteEvents['worldcup']>(e).id;
  if (e.event === 'champion') return SseClient.json<SiteEvents['champion']>(e).worldcupId;
  return undefined;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API live replay of the site stream (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { adminUsername: 'Root' } });
    const streams: SseClient[] = [];
    afterEach(() => {
      for (const stream of streams.splice(0)) stream.close();
    });
    const connect = async (opts?: { lastEventId: string }): Promise<SseClient> => {
      const stream = await SseClient.connect(`${t.url}/api/v1/events`, opts);
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };

    it('replays nothing about world cups made private (and renamed), hidden by an admin or deleted since; the others still', async () => {
      const admin = t.user();
      expect((await admin.ok<{ user: Account }>('POST', '/api/v1/auth/signup', 201, { json: { username: 'root', password: PASSWORD } })).user.role).toBe('admin');
      const owner = t.user();
      const witness = await connect();
      const resumeFrom = (await witness.waitFor((e) => e.event === 'snapshot')).id ?? '';
      expect(resumeFrom).toMatch(/^\d+$/);

      const titles = ['soon private cup', 'soon hidden cup', 'soon deleted cup', 'still public cup'];
      const cups: WorldCup[] = [];
      for (const title of titles) {
        const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title, description: `about ${title}`, candidates: textCandidates(4) } });
        cups.push(wc);
        await playOut(owner, wc.id);
        await witness.waitFor((e) => e.event === 'champion' && aboutOf(e) === wc.id, 5_000);
      }
      const [madePrivate, hidden, deleted, kept] = cups as [WorldCup, WorldCup, WorldCup, WorldCup];
      // Published while they were public: each has its `worldcup` and `champion` event in the history.
      for (const wc of cups) expect(witness.events.filter((e) => aboutOf(e) === wc.id).map((e) => e.event)).toEqual(['worldcup', 'champion']);
      const published = witness.events.filter((e) => e.id !== undefined && Number(e.id) > Number(resumeFrom));

      await owner.ok('PATCH', `/api/v1/worldcups/${madePrivate.id}`, 200, { json: { visibility: 'private', title: 'secret now' } });
      await admin.ok('POST', `/api/v1/admin/worldcups/${hidden.id}/hide`, 200);
      await owner.ok('DELETE', `/api/v1/worldcups/${deleted.id}`, 204);

      const resumed = await connect({ lastEventId: resumeFrom });
      // A world cup created now arrives live, after the replay: everything replayed is in by then.
      const marker = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'marker cup', candidates: textCandidates(4) } });
      await resumed.waitFor((e) => e.event === 'worldcup' && aboutOf(e) === marker.id, 5_000);

      const replayed = resumed.events.filter((e) => aboutOf(e) !== marker.id);
      expect(replayed.filter((e) => e.event === 'snapshot')).toEqual([]); // a replay, not a fresh start
      for (const wc of [madePrivate, hidden, deleted]) {
        expect(replayed.filter((e) => aboutOf(e) === wc.id)).toEqual([]);
        expect(replayed.some((e) => e.data.includes(wc.title) || e.data.includes(`about ${wc.title}`))).toBe(false);
      }
      // The unaffected world cup's events come back exactly as published, ids and all.
      const keptEvents = published.filter((e) => aboutOf(e) === kept.id);
      expect(keptEvents.map((e) => e.event)).toEqual(['worldcup', 'champion']);
      expect(replayed.filter((e) => e.id !== undefined)).toEqual(keptEvents);
      // The live stream, which heard them when they were public, is not what changed.
      expect(witness.isClosed).toBe(false);
    });
  });

  (enabled ? describe : describe.skip)(`live state of a deleted world cup (${dialect})`, () => {
    let db: TestDatabase;
    let store: Store;
    let live: LiveBackend;
    let services: Services;
    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      store = await openTestStore(db);
      live = memoryBackend();
      services = await createServices(store, { live });
    });
    afterAll(async () => {
      await services.close();
      await live.close();
      await store.close();
      await db.drop();
    });

    /** Polls `read` until `ok` (the live layer works after commit, in the background). */
    async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const value = await read();
        if (ok(value) || Date.now() > deadline) return value;
        await sleep(20);
      }
    }

    it("drops its channel's history, its last ranking and its champions once `closed` went out", async () => {
      const wc = await services.worldcups.create({ title: 'to delete', candidates: textCandidates(4) }, 'owner');
      const channel = worldcupChannel(wc.id);
      const base = await live.bus.lastId('never-used');
      const heard: BusMessage[] = [];
      const unsubscribe = await live.bus.subscribe(channel, (m) => heard.push(m));
      let game = await services.games.start(wc.id, 4, 'owner');
      while (game.match) game = await services.games.pick(game.id, 'owner', game.match.a.id, game.picks);
      const state = () => Promise.all([live.state.get(`ranking:${wc.id}`), live.state.list(`champions:${channel}`)]);
      const [ranking, champions] = await until(state, ([r, c]) => r?.includes('"votes":3') === true && c.length === 1);
      expect(ranking).toContain('"votes":3');
      expect(champions).toHaveLength(1);
      expect(await live.bus.lastId(channel)).toBeGreaterThan(base);

      await services.worldcups.delete(wc.id, 'owner');
      expect(await until(state, ([r, c]) => r === undefined && c.length === 0)).toEqual([undefined, []]);
      expect(heard.at(-1)?.event).toBe('closed'); // its viewers were told first
      expect(await live.bus.lastId(channel)).toBe(base);
      expect(await live.bus.since(channel, base)).toEqual([]);
      unsubscribe();
    });
  });
}
