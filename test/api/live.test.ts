/**
 * Live updates through the HTTP API, on SQLite and PostgreSQL: what a viewer of a world cup's
 * event stream (and of the site-wide stream) sees while others play — the snapshot it starts from,
 * ranking deltas that rebuild the ranking, champions, activity, privacy, resuming with
 * Last-Event-ID, keep-alive comments — and what a viewer that stops reading costs the server.
 */
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubStats } from '../../src/live/hub.js';
import { type RankingDelta, type SiteEvents, type WorldcupEvents, applyRankingDelta } from '../../src/shared/events.js';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient, type SseEvent, type SseOptions } from '../helpers/sse.js';

type Snapshot = WorldcupEvents['snapshot'];
type ChampionEvent = WorldcupEvents['champion'];
const json = <T>(e: SseEvent): T => SseClient.json<T>(e);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const is =
  (event: string, where: (data: string) => boolean = () => true) =>
  (e: SseEvent): boolean =>
    e.event === event && where(e.data);
const deltaWithVotes = (votes: number) => is('ranking', (d) => (JSON.parse(d) as RankingDelta).votes === votes);
const championOf = (resultId: string) => is('champion', (d) => (JSON.parse(d) as ChampionEvent).resultId === resultId);

function createWorldCup(user: ApiClient, title: string, visibility: 'public' | 'private' = 'public'): Promise<WorldCup> {
  const json = { title, visibility, candidates: textCandidates(8) };
  return user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json });
}

const startGame = (user: ApiClient, worldcupId: string, size: number) => user.ok<Game>('POST', `/api/v1/worldcups/${worldcupId}/games`, 201, { json: { size } });

/** One pick: the first candidate of the open match wins. */
function pick(user: ApiClient, game: Game): Promise<Game> {
  if (!game.match) throw new Error(`game ${game.id} is over`);
  return user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
}

async function playOut(user: ApiClient, start: Game): Promise<Game> {
  let game = start;
  while (!game.done) game = await pick(user, game);
  return game;
}

const idsOf = (events: readonly SseEvent[]) => events.filter((e) => e.id !== undefined).map((e) => Number(e.id));

/** Polls `read` until `ok`, failing with the last value after `timeoutMs`. */
async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The hub's default: a viewer with more than this unsent is skipped. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Loopback sockets absorb ~4 MB before the server buffers anything: give up after this many ~1 MB updates. */
const MAX_EDITS = 10;
/** With names and texts of ~1.8 KB of UTF-8 each, an edit of all of them fits the 1 MB request limit. */
const BIG_CUP = 512;

/** Names and texts near the length limits, in three-byte characters, tagged with the edit `version`. */
function bigCandidates(version: number, ids?: readonly string[]) {
  return Array.from({ length: BIG_CUP }, (_, i) => ({
    ...(ids ? { id: ids[i] } : {}),
    name: `후보 ${i} v${version} ${'가'.repeat(85)}`,
    text: `v${version} ${'나'.repeat(490)}`,
  }));
}

/** A GET over a raw socket that reads nothing until `resume()`: a viewer that stopped reading. */
class StalledViewer {
  text = '';
  private readonly decoder = new StringDecoder('utf8');

  private constructor(readonly socket: net.Socket) {}

  static open(base: string, path: string): Promise<StalledViewer> {
    const { hostname, port } = new URL(base);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: hostname, port: Number(port) }, () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`);
        socket.pause();
        resolve(new StalledViewer(socket));
      });
      socket.once('error', reject);
    });
  }

  resume(): void {
    this.socket.on('data', (chunk: Buffer) => {
      this.text += this.decoder.write(chunk);
    });
    this.socket.resume();
  }

  /** The data of the last complete `snapshot` event read so far. */
  lastSnapshot(): string | undefined {
    const start = this.text.lastIndexOf('event: snapshot\ndata: ');
    const end = start < 0 ? -1 : this.text.indexOf('\n\n', start);
    return end < 0 ? undefined : this.text.slice(start, end);
  }
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API live events (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { liveHeartbeatMs: 200 } });
    const streams: SseClient[] = [];
    const connect = async (path: string, opts?: SseOptions): Promise<SseClient> => {
      const stream = await SseClient.connect(t.url + path, opts);
      streams.push(stream);
      return stream;
    };
    /** A world cup's stream, once its snapshot arrived. */
    const watch = async (worldcupId: string, opts?: SseOptions): Promise<SseClient> => {
      const stream = await connect(`/api/v1/worldcups/${worldcupId}/events`, opts);
      expect(stream.status).toBe(200);
      await stream.waitFor(is('snapshot'));
      return stream;
    };
    const sockets: net.Socket[] = [];
    afterEach(() => {
      for (const stream of streams.splice(0)) stream.close();
      for (const socket of sockets.splice(0)) socket.destroy();
    });
    const health = async (user: ApiClient) => (await user.ok<{ ok: boolean; live: HubStats & { backend: string } }>('GET', '/api/v1/health', 200)).live;

    it('starts a stream with a snapshot: the ranking GET /ranking serves, who is playing, the recent champions', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'snapshot');
      const before = await watch(wc.id);
      const game = await playOut(alice, await startGame(alice, wc.id, 4));
      await before.waitFor(deltaWithVotes(3));
      const announced = json<ChampionEvent>(await before.waitFor(championOf(game.resultId)));
      // A computation may still be due (the last pick's notice can arrive while the one that already
      // counts it is running): GET /ranking waits for it, and its delta reaches the stream first.
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      await before.waitFor(is('ranking', (d) => (JSON.parse(d) as RankingDelta).updatedAt === ranking.updatedAt));

      const viewer = await connect(`/api/v1/worldcups/${wc.id}/events`);
      expect(viewer.status).toBe(200);
      expect(viewer.res.headers['content-type']).toContain('text/event-stream');
      const first = await viewer.waitFor(() => true);
      expect(first.event).toBe('snapshot');
      expect(first.id).toBe(before.lastId); // resuming from it replays nothing twice
      const snapshot = json<Snapshot>(first);
      expect(snapshot.ranking).toEqual(ranking);
      expect(snapshot.ranking.votes).toBe(3);
      expect(snapshot.ranking.games).toBe(1);
      expect(snapshot.activity).toEqual({ playing: 1, picksPerMinute: 3 });
      expect(snapshot.champions).toEqual([announced]);
      expect(announced).toMatchObject({ worldcupId: wc.id, worldcupTitle: 'snapshot', candidateName: game.champion?.name });
    });

    it('pushes a ranking delta within a second of each pick; applied in order, the deltas rebuild GET /ranking', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'deltas');
      const viewer = await watch(wc.id);
      const snapshot = viewer.events[0] as SseEvent;
      expect(json<Snapshot>(snapshot).ranking.votes).toBe(0);

      let game = await startGame(alice, wc.id, 8);
      let picks = 0;
      for (let k = 0; k < 4; k++) {
        const from = viewer.events.length;
        game = await pick(alice, game);
        picks++;
        await viewer.waitFor(deltaWithVotes(picks), 1_000, from); // within 1 s of the pick's response
      }
      // The rest of the game and a second one as fast as the API answers: deltas may coalesce.
      game = await playOut(alice, game);
      picks += 3;
      await playOut(alice, await startGame(alice, wc.id, 4));
      picks += 3;
      await viewer.waitFor(deltaWithVotes(picks), 5_000);

      const ids = idsOf(viewer.events);
      expect(ids).toEqual(ids.map((_, k) => Number(snapshot.id) + k)); // one channel, consecutive ids
      const rebuilt = viewer.events
        .filter(is('ranking'))
        .map((e) => json<RankingDelta>(e))
        .reduce(applyRankingDelta, json<Snapshot>(snapshot).ranking);
      const served = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(served.votes).toBe(picks);
      expect(served.games).toBe(2);
      expect(rebuilt).toEqual(served);
    });

    it("announces a finished game's champion on the world cup's stream and on the site stream", async () => {
      const alice = t.user();
      const site = await connect('/api/v1/events');
      await site.waitFor(is('snapshot'));
      const wc = await createWorldCup(alice, 'public cup');
      expect(json<SiteEvents['worldcup']>(await site.waitFor(is('worldcup', (d) => d.includes(wc.id))))).toMatchObject({ id: wc.id, title: 'public cup' });
      const viewer = await watch(wc.id);
      const game = await playOut(alice, await startGame(alice, wc.id, 4));
      const champion = game.champion?.name;
      expect(champion).toBeDefined();
      for (const stream of [viewer, site]) {
        const notice = json<ChampionEvent>(await stream.waitFor(championOf(game.resultId)));
        expect(notice).toMatchObject({ worldcupId: wc.id, worldcupTitle: 'public cup', resultId: game.resultId, candidateName: champion });
        // The game id lets its player act: no notice may carry it.
        expect(JSON.stringify(notice)).not.toContain(game.id);
      }
    });

    it("keeps a private world cup off the site stream: no champion, no new world cup, not in the site's snapshot", async () => {
      const owner = t.user();
      const site = await connect('/api/v1/events');
      await site.waitFor(is('snapshot'));
      const secret = await createWorldCup(owner, 'secret cup', 'private');
      const ownerView = await watch(secret.id, { headers: { cookie: `vs_session=${owner.session ?? ''}` } });
      const hidden = await playOut(owner, await startGame(owner, secret.id, 4));
      expect(json<ChampionEvent>(await ownerView.waitFor(championOf(hidden.resultId))).candidateName).toBe(hidden.champion?.name);

      // A public game finished afterwards reaches the site stream; the private one never did.
      const open = await createWorldCup(owner, 'open cup');
      const shown = await playOut(owner, await startGame(owner, open.id, 4));
      await site.waitFor(championOf(shown.resultId));
      expect(site.events.filter((e) => e.data.includes(secret.id))).toEqual([]);
      const later = await connect('/api/v1/events');
      const snapshot = json<SiteEvents['snapshot']>(await later.waitFor(is('snapshot')));
      expect(snapshot.champions.map((c) => c.resultId)).toContain(shown.resultId);
      expect(snapshot.champions.map((c) => c.worldcupId)).not.toContain(secret.id);
    });

    it("serves a private world cup's stream to its owner only; other sessions and unknown ids get a JSON 404", async () => {
      const owner = t.user();
      const secret = await createWorldCup(owner, 'owner only', 'private');
      const path = `/api/v1/worldcups/${secret.id}/events`;
      const bob = t.user();
      await bob.get('/api/v1/worldcups'); // bob has a session of his own
      expect(bob.session).toBeDefined();
      expectError(await bob.get(path), 404, 'not_found');
      expectError(await t.anonymous().get(path), 404, 'not_found');
      expectError(await owner.get('/api/v1/worldcups/ZZZZZZZZZZZZ/events'), 404, 'not_found');
      expectError(await owner.get('/api/v1/worldcups/a!b/events'), 400, 'invalid_request');

      const ownerView = await watch(secret.id, { headers: { cookie: `vs_session=${owner.session ?? ''}` } });
      expect(json<Snapshot>(ownerView.events[0] as SseEvent).ranking.worldcupId).toBe(secret.id);
    });

    it('resumes from Last-Event-ID with exactly the missed events; an unusable id gets a fresh snapshot', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'resume');
      const witness = await watch(wc.id); // never disconnects: sees every event of the channel
      const dropped = await watch(wc.id);
      let game = await startGame(alice, wc.id, 8);
      for (let picks = 1; picks <= 2; picks++) {
        game = await pick(alice, game);
        await dropped.waitFor(deltaWithVotes(picks), 2_000);
      }
      const lastId = Number(dropped.lastId);
      dropped.close();

      game = await playOut(alice, game); // five more picks and a champion while it is away
      await witness.waitFor(deltaWithVotes(7), 5_000);
      await witness.waitFor(championOf(game.resultId));
      const missed = witness.events.filter((e) => e.id !== undefined && Number(e.id) > lastId);
      expect(missed.map((e) => e.event)).toContain('champion');

      for (const opts of [{ lastEventId: String(lastId) }, { query: `?lastEventId=${lastId}` }]) {
        const resumed = await connect(`/api/v1/worldcups/${wc.id}/events${'query' in opts ? opts.query : ''}`, 'lastEventId' in opts ? opts : {});
        await resumed.waitFor((e) => e.id === witness.lastId, 3_000);
        const withIds = resumed.events.filter((e) => e.id !== undefined);
        expect(withIds).toEqual(missed);
        expect(idsOf(withIds)).toEqual(missed.map((_, k) => lastId + 1 + k));
        expect(resumed.events.filter(is('snapshot'))).toEqual([]);
      }

      for (const bogus of ['abc', '999999999999', '123456789012345678901234567890', '-1']) {
        const fresh = await connect(`/api/v1/worldcups/${wc.id}/events`, { lastEventId: bogus });
        const first = await fresh.waitFor(() => true);
        expect({ bogus, event: first.event, id: first.id }).toEqual({ bogus, event: 'snapshot', id: witness.lastId });
        expect(json<Snapshot>(first).ranking.votes).toBe(7);
      }
    });

    it('sends keep-alive comments at the configured interval (200 ms here)', async () => {
      const wc = await createWorldCup(t.user(), 'heartbeat');
      const viewer = await watch(wc.id);
      const start = Date.now();
      const before = viewer.comments;
      await until('keep-alive comments', () => viewer.comments - before, (n) => n >= 3, 2_000);
      expect(Date.now() - start).toBeGreaterThan(300); // three at 200 ms intervals, not a burst
      expect(viewer.isClosed).toBe(false);
    });

    it('pushes activity: players in the world cup and picks per minute, and the busiest world cups site-wide', async () => {
      const wc = await createWorldCup(t.user(), 'busy cup');
      const viewer = await watch(wc.id);
      const site = await connect('/api/v1/events');
      await site.waitFor(is('snapshot'));
      expect(json<Snapshot>(viewer.events[0] as SseEvent).activity).toEqual({ playing: 0, picksPerMinute: 0 });
      const players = [t.user(), t.user(), t.user()];
      for (const player of players) await pick(player, await startGame(player, wc.id, 4));

      // Activity is polled every 2 s; a poll between the third game's start and its pick sees 3 players
      // and 2 picks, so wait for the one after the last pick.
      const settled = (d: string) => {
        const a = JSON.parse(d) as WorldcupEvents['activity'];
        return a.playing === 3 && a.picksPerMinute >= 3;
      };
      const activity = await viewer.waitFor(is('activity', settled), 5_000);
      expect(activity.id).toBeUndefined(); // state, not history: it does not move the resume point
      expect(json<WorldcupEvents['activity']>(activity)).toEqual({ playing: 3, picksPerMinute: 3 });
      // The site's poll may have caught the players arriving one by one: wait for all three.
      const entry = (d: string) => (JSON.parse(d) as SiteEvents['activity']).busiest.find((b) => b.worldcupId === wc.id);
      const siteActivity = json<SiteEvents['activity']>(await site.waitFor(is('activity', (d) => entry(d)?.playing === 3), 5_000));
      expect(siteActivity.busiest).toContainEqual({ worldcupId: wc.id, title: 'busy cup', playing: 3 });
      expect(siteActivity.busiest[0]?.playing).toBe(3); // the busiest world cup of the site comes first
      expect(siteActivity.playing).toBeGreaterThanOrEqual(3);
    });
    // Loopback absorbs ~4 MB and the engine recomputes at most every 250 ms, so the updates are big on
    // purpose: each edit renames every candidate of a 512-candidate world cup, a ~1 MB delta of every row.
    it('bounds what a stalled viewer buffers, keeps the others live, and resyncs it with a snapshot once it reads', async () => {
      const owner = t.user();
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'big', candidates: bigCandidates(0) } });
      const ids = wc.candidates.map((c) => c.id);
      const path = `/api/v1/worldcups/${wc.id}/events`;
      const healthy = await connect(path);
      await healthy.waitFor(is('snapshot'), 10_000);
      const stalled = await StalledViewer.open(t.url, path);
      sockets.push(stalled.socket);
      await until('viewers', () => health(owner), (h) => h.viewers === 2, 5_000);

      // Edit until the stalled viewer is skipped, then once more: that update must not be queued for it.
      let largestPayload = 0;
      let lagged: HubStats | undefined;
      let version = 0;
      while (version < MAX_EDITS) {
        version++;
        const from = healthy.events.length;
        await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { candidates: bigCandidates(version, ids) } });
        // The viewer that reads gets every update, stalled neighbour or not.
        const delta = await healthy.waitFor(is('ranking', (d) => d.includes(`"후보 0 v${version} `)), 10_000, from);
        expect(json<RankingDelta>(delta).items).toHaveLength(BIG_CUP);
        largestPayload = Math.max(largestPayload, Buffer.byteLength(delta.data) + 100);
        const now = await health(owner);
        // The limit, plus the snapshot a viewer may still hold (its allowance; about one full table
        // here), plus the one message that crossed the limit.
        expect(now.bufferedBytes).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + 2 * largestPayload);
        if (lagged) {
          expect(now.lagging).toBeGreaterThanOrEqual(1);
          expect(now.bufferedBytes).toBeLessThanOrEqual(lagged.bufferedBytes); // dropped, not queued
          break;
        }
        if (now.lagging >= 1) lagged = now;
      }
      expect(lagged, `the stalled viewer was never skipped after ${version} edits of ~1 MB`).toBeDefined();
      const resyncsBefore = (await health(owner)).resyncs;

      stalled.resume();
      // It missed updates, so it starts over: a snapshot of the latest version, not the deltas it missed.
      await until('a fresh snapshot for the stalled viewer', () => stalled.lastSnapshot() ?? '', (d) => d.includes(`"후보 0 v${version} `), 10_000);
      const after = await until('health after the resync', () => health(owner), (h) => h.lagging === 0 && h.resyncs > resyncsBefore, 5_000);
      expect(after.viewers).toBe(2);
      expect(after.bufferedBytes).toBeLessThan(MAX_BUFFERED_BYTES);
      expect(healthy.isClosed).toBe(false);
      // The viewer that kept reading was never taken for a stalled one, big snapshot or not.
      expect(healthy.events.filter((e) => e.event === 'snapshot')).toHaveLength(1);
    });
  });
}
