/**
 * Two real `versus serve` processes sharing the machine's PostgreSQL and Redis, as in production
 * behind a reverse proxy: a pick on one instance reaches a viewer of the other; a viewer whose
 * instance dies resumes on the survivor and ends on the same ranking; with players on both
 * instances, ranking updates are published one at a time, never out of order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RankingDelta, type WorldcupEvents, applyRankingDelta } from '../../src/shared/events.js';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { REDIS_URL, requireDependency } from '../helpers/env.js';
import { type ServerProcess, startServerProcess, tearDownCluster } from '../helpers/process.js';
import { SseClient } from '../helpers/sse.js';

const enabled = (await requireDependency('postgres')) && (await requireDependency('redis'));
const prefix = `versus-cluster-${process.pid}-${Date.now().toString(36)}:`;
const STREAMS_PER_SESSION = 3;

describe.runIf(enabled)('two instances on PostgreSQL + Redis', () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  const started: ServerProcess[] = [];
  let worldcup: WorldCup;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const env = {
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.databaseUrl ?? '',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SEED: '0',
      // Only the stream cap test opens more than one stream per session; the others use cookie-less viewers.
      LIMIT_STREAMS_PER_SESSION: String(STREAMS_PER_SESSION),
    };
    a = await startServerProcess(env); // first alone: it migrates the empty database
    started.push(a);
    b = await startServerProcess(env);
    started.push(b);
    worldcup = await new ApiClient(() => a.url).ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: 'Cluster cup', candidates: textCandidates(16) },
    });
  }, 120_000);

  afterAll(async () => {
    await tearDownCluster(started, db, prefix);
  });

  /** Plays `count` picks (choosing side a) in fresh games of 16 on the instance at `base`. */
  async function play(base: string, count: number): Promise<void> {
    const user = new ApiClient(() => base);
    let game = await user.ok<Game>('POST', `/api/v1/worldcups/${worldcup.id}/games`, 201, { json: { size: 16 } });
    for (let k = 0; k < count; k++) {
      if (!game.match) game = await user.ok<Game>('POST', `/api/v1/worldcups/${worldcup.id}/games`, 201, { json: { size: 16 } });
      const match = game.match;
      if (!match) throw new Error('a new game has a match');
      game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: match.a.id, picks: game.picks } });
    }
  }

  const ranking = (base: string) => new ApiClient(() => base).ok<Ranking>('GET', `/api/v1/worldcups/${worldcup.id}/ranking`, 200);
  const eventsUrl = (base: string) => `${base}/api/v1/worldcups/${worldcup.id}/events`;

  /** The viewer's ranking: its snapshot with every later delta applied, in order. */
  function viewed(client: SseClient, start?: Ranking): Ranking {
    let current = start;
    for (const e of client.events) {
      if (e.event === 'snapshot') current = SseClient.json<WorldcupEvents['snapshot']>(e).ranking;
      else if (e.event === 'ranking' && current) current = applyRankingDelta(current, SseClient.json<RankingDelta>(e));
    }
    if (!current) throw new Error('no snapshot received');
    return current;
  }

  /** The table without its timestamp (an instance that recomputes the same votes stamps a new time). */
  const table = (r: Ranking) => ({ ...r, updatedAt: '' });

  const votesOf = (client: SseClient) => client.events.filter((e) => e.event === 'ranking').map((e) => SseClient.json<RankingDelta>(e).votes);

  it('delivers a pick made on instance A to a viewer of instance B within a second', async () => {
    const viewer = await SseClient.connect(eventsUrl(b.url));
    try {
      expect(viewer.status).toBe(200);
      await viewer.waitFor((e) => e.event === 'snapshot');
      const before = viewed(viewer).votes;
      const picked = Date.now();
      await play(a.url, 1);
      const acked = Date.now();
      const update = await viewer.waitFor((e) => e.event === 'ranking' && SseClient.json<RankingDelta>(e).votes >= before + 1, 5_000);
      const arrived = Date.now();
      expect(update.id).toMatch(/^\d+$/);
      expect(arrived - acked, `pick took ${acked - picked} ms, update arrived ${arrived - acked} ms after its acknowledgement`).toBeLessThan(1_000);
      // B's own ranking endpoint has caught up too (its cached ranking was invalidated by A's).
      expect((await ranking(b.url)).votes).toBe(before + 1);
    } finally {
      viewer.close();
    }
  });

  it('keeps updates in order while players on both instances pick at once', async () => {
    const viewer = await SseClient.connect(eventsUrl(a.url));
    try {
      await viewer.waitFor((e) => e.event === 'snapshot');
      const before = viewed(viewer).votes;
      await Promise.all([play(a.url, 30), play(b.url, 30), play(a.url, 30), play(b.url, 30)]);
      await viewer.waitFor((e) => e.event === 'ranking' && SseClient.json<RankingDelta>(e).votes === before + 120, 10_000);
      const votes = votesOf(viewer);
      // One publisher at a time (the ranking lock): never an older ranking after a newer one.
      expect(votes).toEqual([...votes].sort((x, y) => x - y));
      const ids = viewer.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(table(viewed(viewer))).toEqual(table(await ranking(a.url)));
    } finally {
      viewer.close();
    }
  });

  it("counts a session's streams on both instances against one cap", async () => {
    const alice = new ApiClient(() => a.url);
    await alice.ok('GET', '/api/v1/worldcups', 200); // her session, which both instances know
    const asAlice = { headers: { cookie: `vs_session=${alice.session ?? ''}` } };
    const open: SseClient[] = [];
    const connect = async (base: string, opts: { headers: Record<string, string> } = asAlice) => {
      const stream = await SseClient.connect(eventsUrl(base), opts);
      open.push(stream);
      return stream;
    };
    try {
      for (const base of [a.url, b.url, a.url]) expect((await connect(base)).status).toBe(200);
      for (const base of [b.url, a.url]) {
        const refused = await connect(base);
        expect(refused.status).toBe(429);
        expect(JSON.parse(await refused.body())).toMatchObject({ error: { code: 'too_many_streams' } });
      }
      expect((await connect(b.url, { headers: {} })).status).toBe(200); // someone else
      // One of hers closes on A: the slot is free on B (a moment later: the release goes through Redis).
      open[0]?.close();
      const deadline = Date.now() + 3_000;
      let reopened = await connect(b.url);
      while (reopened.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        reopened = await connect(b.url);
      }
      expect(reopened.status).toBe(200);
      expect((await connect(a.url)).status).toBe(429);
    } finally {
      for (const stream of open) stream.close();
    }
  });

  it('resumes a viewer whose instance was killed on the surviving one, ending on the same ranking', async () => {
    const onB = await SseClient.connect(eventsUrl(b.url));
    await onB.waitFor((e) => e.event === 'snapshot');
    await play(a.url, 5);
    // The viewer on B has seen all of it before B dies (A's ranking is read-your-writes).
    const seen = (await ranking(a.url)).votes;
    await onB.waitFor((e) => e.event === 'ranking' && SseClient.json<RankingDelta>(e).votes === seen, 5_000);
    b.child.kill('SIGKILL');
    await b.exited;
    await onB.waitFor(() => onB.isClosed, 5_000).catch(() => undefined);
    expect(onB.isClosed).toBe(true);
    const state = viewed(onB);
    expect(state.votes).toBe(seen);
    const lastId = onB.lastId;
    expect(lastId).toBeDefined();
    // Play on while the viewer is away, then reconnect to A the way a browser does.
    await play(a.url, 7);
    const onA = await SseClient.connect(eventsUrl(a.url), { lastEventId: lastId ?? '' });
    try {
      const target = state.votes + 7;
      await onA.waitFor((e) => e.event === 'ranking' && SseClient.json<RankingDelta>(e).votes === target, 5_000);
      // Exactly the missed events, in order, with no snapshot: the history lives in Redis, not in B.
      expect(onA.events.some((e) => e.event === 'snapshot')).toBe(false);
      const ids = onA.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
      expect(ids[0]).toBe(Number(lastId) + 1);
      ids.forEach((id, k) => expect(id).toBe(Number(lastId) + 1 + k));
      expect(table(viewed(onA, state))).toEqual(table(await ranking(a.url)));
    } finally {
      onA.close();
    }
  });
});
