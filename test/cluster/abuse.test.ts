/**
 * Issue 9's attacks against two real `versus serve` processes sharing PostgreSQL and Redis, each
 * request going to either instance as a round-robin proxy would send it:
 *   - a game is its player's on both instances (item 1);
 *   - rate limits on creating are one budget over both (item 3);
 *   - fair play's games-per-hour rule is exact when starts race on both instances (it used to let
 *     21 of a limit of 20 through), and the per-voter pace counts votes cast on both (item 10).
 * The stream caps across instances are in two-instances.test.ts (item 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, expectError, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { REDIS_URL, requireDependency } from '../helpers/env.js';
import { type ServerProcess, startServerProcess, tearDownCluster } from '../helpers/process.js';
import { type RawDb, openRawDb } from '../helpers/raw-db.js';

const enabled = (await requireDependency('postgres')) && (await requireDependency('redis'));
const prefix = `versus-abuse-${process.pid}-${Date.now().toString(36)}:`;
const GAMES_PER_HOUR = 5;
const VOTES_PER_MINUTE = 10;
const CREATES_PER_HOUR = 3;

describe.runIf(enabled)('attacks on two instances (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let raw: RawDb;
  const started: ServerProcess[] = [];
  const base = (k: number) => () => started[k]?.url ?? '';
  /** A browser whose session works on both instances: it gets one from A and sends it to both. */
  async function browser(): Promise<{ a: ApiClient; b: ApiClient; both: () => ApiClient }> {
    const a = new ApiClient(base(0));
    await a.ok('GET', '/api/v1/auth/me', 200);
    const b = new ApiClient(base(1), { session: a.session });
    let turn = 0;
    return { a, b, both: () => (turn++ % 2 === 0 ? a : b) };
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const env = {
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.databaseUrl ?? '',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SEED: '0',
      FLAG_GAMES_PER_HOUR: String(GAMES_PER_HOUR),
      FLAG_VOTES_PER_MINUTE: String(VOTES_PER_MINUTE),
      LIMIT_CREATES_PER_HOUR: String(CREATES_PER_HOUR),
      // Address caps far above the per-session ones: every client here is 127.0.0.1.
      LIMIT_IP_MULTIPLIER: '20',
    };
    started.push(await startServerProcess(env)); // first alone: it migrates the empty database
    started.push(await startServerProcess(env));
    raw = await openRawDb(db);
  }, 120_000);

  afterAll(async () => {
    await raw?.close();
    await tearDownCluster(started, db, prefix);
  });

  const createWorldCup = (user: ApiClient, title: string) => user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title, candidates: textCandidates(16) } });

  it("keeps a game its player's on both instances: the player resumes anywhere, a stranger is refused everywhere", async () => {
    const alice = await browser();
    const wc = await createWorldCup(alice.a, 'owned');
    let game = await alice.a.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });
    for (let k = 0; k < 4; k++) game = await alice.both().ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id, picks: game.picks } });
    for (const stranger of [new ApiClient(base(0)), new ApiClient(base(1))]) {
      expectError(await stranger.get(`/api/v1/games/${game.id}`), 404, 'not_found');
      expectError(await stranger.post(`/api/v1/games/${game.id}/undo`, { picks: game.picks }), 404, 'not_found');
      expectError(await stranger.post(`/api/v1/games/${game.id}/picks`, { winner: game.match?.b.id, picks: game.picks }), 404, 'not_found');
    }
    expect((await alice.b.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).picks).toBe(4);
  });

  it('counts world cups created on either instance against one hourly budget', async () => {
    const carol = await browser();
    for (let k = 0; k < CREATES_PER_HOUR; k++) await createWorldCup(carol.both(), `budget ${k}`);
    for (const client of [carol.a, carol.b]) {
      expectError(await client.post('/api/v1/worldcups', { title: 'one too many', candidates: textCandidates(4) }), 429, 'rate_limited');
    }
  });

  it(`flags exactly the starts beyond ${GAMES_PER_HOUR} an hour when they race on both instances`, async () => {
    const owner = await browser();
    const wc = await createWorldCup(owner.a, 'race');
    for (let round = 0; round < 3; round++) {
      const dave = await browser();
      // Twelve starts at once, alternating instances: without one lock order both count 4 and both insert.
      await Promise.all(Array.from({ length: 12 }, () => dave.both().ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } })));
      const rows = await raw.query('select flagged from games where worldcup_id = $1 and owner = (select owner from games where worldcup_id = $1 order by created_at desc limit 1)', [wc.id]);
      expect(rows).toHaveLength(12);
      expect(rows.filter((r) => r.flagged === null)).toHaveLength(GAMES_PER_HOUR);
      await raw.query('delete from games where worldcup_id = $1', [wc.id]); // a fresh hour for the next round
    }
  });

  it(`counts a voter's votes on both instances together (${VOTES_PER_MINUTE} a minute)`, async () => {
    const owner = await browser();
    const wc = await createWorldCup(owner.a, 'pace');
    const erin = await browser();
    let games = await Promise.all([0, 1].map(() => erin.a.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } })));
    // Eight rounds of one pick in each game, the two games on different instances: 16 votes.
    for (let round = 0; round < 8; round++) {
      games = await Promise.all(games.map((g, k) => (k === 0 ? erin.a : erin.b).ok<Game>('POST', `/api/v1/games/${g.id}/picks`, 200, { json: { winner: g.match?.a.id, picks: g.picks } })));
    }
    const ranking = await owner.b.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
    expect(ranking.votes + ranking.excludedVotes).toBe(16);
    // Each instance alone saw only 8 votes, within the limit: only counting both together flags the games.
    expect(ranking.votes).toBe(0);
    expect(ranking.excludedVotes).toBe(16);
  });
});

