/**
 * Rate limits through the HTTP API, on SQLite and PostgreSQL: 429 `rate_limited` with Retry-After
 * at exactly the configured thresholds, per session and (a higher cap) per address; picks and undos
 * share a budget; a refused pick changes nothing; 0 turns a rule off; a window ends; counters are
 * shared through Redis. Every client here comes from 127.0.0.1, so each concern gets its own server
 * with only its own rules on.
 */
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, type ApiResponse, apiDialects, expectError, textCandidates, upload, useTestServer } from '../helpers/api.js';
import { REDIS_URL, requireDependency } from '../helpers/env.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 90, b: 200 } } }).png().toBuffer();

/** Asserts a 429 in the API's error shape with a Retry-After of 1…`maxS` seconds; returns the message. */
function expectLimited(res: ApiResponse<unknown>, maxS = 60): string {
  const body = expectError(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter), `Retry-After: ${res.headers.get('retry-after')}`).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxS);
  return body.error.message;
}

async function createWorldCup(user: ApiClient, count = 16): Promise<WorldCup> {
  return user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'limits', candidates: textCandidates(count) } });
}

const startGame = (user: ApiClient, wc: WorldCup, size = 16) => user.request<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, { json: { size } });
const pick = (user: ApiClient, game: Game) =>
  user.request<Game>('POST', `/api/v1/games/${game.id}/picks`, { json: { winner: game.match?.a.id, picks: game.picks } });

/** Only these rules on (the test server turns every other one off). */
const only = (config: Partial<Config>): { config: Partial<Config> } => ({ config });

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API rate limits (${dialect})`, () => {
    describe('new games: 3 a minute per session, 6 per address', () => {
      const t = useTestServer(dialect, only({ limitGamesPerMinute: 3, limitIpMultiplier: 2 }));

      it('refuses the 4th game of a session and the 7th of an address, with Retry-After, in the error shape', async () => {
        const wc = await createWorldCup(t.user());
        const alice = t.user();
        for (let i = 0; i < 3; i++) expect((await startGame(alice, wc)).status).toBe(201);
        expect(expectLimited(await startGame(alice, wc))).toMatch(/new games from this browser: at most 3 a minute/);
        // Other sessions from the same address: 3 more fit under its cap of 6, then nobody gets in.
        for (let i = 0; i < 3; i++) expect((await startGame(t.user(), wc)).status).toBe(201);
        expect(expectLimited(await startGame(t.user(), wc))).toMatch(/from this network address: at most 6 a minute/);
        // A client without cookies is a new session every time: the address cap is what stops it.
        expectLimited(await startGame(t.anonymous(), wc));
      });
    });

    describe('picks and undos: one budget of 5 a minute per session, 10 per address', () => {
      const t = useTestServer(dialect, only({ limitPicksPerMinute: 5, limitIpMultiplier: 2 }));

      it('counts picks and undos together; a refused pick is not recorded', async () => {
        const owner = t.user();
        const wc = await createWorldCup(owner);
        const alice = t.user();
        let game = (await startGame(alice, wc)).body;
        for (let i = 0; i < 4; i++) {
          const res = await pick(alice, game);
          expect(res.status, res.text).toBe(200);
          game = res.body;
        }
        game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/undo`, 200, { json: { picks: game.picks } });
        expectLimited(await pick(alice, game));
        expectLimited(await alice.request('POST', `/api/v1/games/${game.id}/undo`, { json: { picks: game.picks } }));
        const stored = await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200);
        expect(stored.picks).toBe(3);
        expect(stored).toEqual(game);

        // Bob plays 5 (the address has now spent 10); Carol's first pick is over the address's cap.
        const bob = t.user();
        let bobGame = (await startGame(bob, wc)).body;
        for (let i = 0; i < 5; i++) {
          const res = await pick(bob, bobGame);
          expect(res.status, res.text).toBe(200);
          bobGame = res.body;
        }
        const carol = t.user();
        const carolGame = (await startGame(carol, wc)).body;
        expect(expectLimited(await pick(carol, carolGame))).toMatch(/picks from this network address: at most 10 a minute/);
      });
    });

    describe('uploads, sign-ups and log-ins', () => {
      const t = useTestServer(dialect, only({ limitUploadsPerMinute: 2, limitIpMultiplier: 1, limitSignupsPerHour: 2, limitLoginsPerMinute: 3 }));

      it('refuses the 3rd upload of a session, and any upload once the address spent its 2', async () => {
        const alice = t.user();
        for (let i = 0; i < 2; i++) expect((await upload(alice, await png(), 'a.png', 'image/png')).status).toBe(201);
        expectLimited(await upload(alice, await png(), 'a.png', 'image/png'));
        expectLimited(await upload(t.user(), await png(), 'b.png', 'image/png'));
      });

      // Per address only. Whatever the accounts routes answer to an empty form (404 before they
      // exist, 400 after), the attempts count: the limit is on the path, not on success.
      it('refuses the 3rd sign-up of an address within the hour and its 4th log-in within the minute', async () => {
        for (let i = 0; i < 2; i++) expect((await t.anonymous().post('/api/v1/auth/signup', {})).status).not.toBe(429);
        expectLimited(await t.anonymous().post('/api/v1/auth/signup', {}), 3600);
        for (let i = 0; i < 3; i++) expect((await t.user().post('/api/v1/auth/login', {})).status).not.toBe(429);
        expect(expectLimited(await t.user().post('/api/v1/auth/login', {}))).toMatch(/log-in attempts/);
      });
    });

    describe('behind a reverse proxy (TRUST_PROXY)', () => {
      const t = useTestServer(dialect, only({ trustProxy: '127.0.0.1', limitLoginsPerMinute: 1 }));
      const login = (from: string) => t.anonymous().request('POST', '/api/v1/auth/login', { json: {}, headers: { 'x-forwarded-for': from } });

      it('counts each visitor by the address the trusted proxy reports', async () => {
        expect((await login('203.0.113.7')).status).not.toBe(429);
        expectLimited(await login('203.0.113.7'));
        expect((await login('203.0.113.8')).status).not.toBe(429);
        // One IPv6 /64 is one address.
        expect((await login('2001:db8:1:2::1')).status).not.toBe(429);
        expectLimited(await login('2001:db8:1:2:ffff::9'));
      });
    });

    describe('0 turns a rule off; a window ends', () => {
      const t = useTestServer(dialect, only({ limitGamesPerMinute: 5, limitIpMultiplier: 0, limitPicksPerMinute: 0, limitWindowMs: 1000 }));

      it('lets more picks through than the default limit allows when the limit is 0', async () => {
        const alice = t.user();
        const wc = await createWorldCup(t.user(), 64);
        let picks = 0;
        // 5 games of 64 = 315 picks from one session, more than the default 240 a minute.
        for (let g = 0; g < 5; g++) {
          let game = (await startGame(alice, wc, 64)).body;
          while (!game.done) {
            const res = await pick(alice, game);
            expect(res.status, res.text).toBe(200);
            game = res.body;
            picks++;
          }
        }
        expect(picks).toBe(315);
      });

      it('has no per-address cap at multiplier 0, and lets a session start games again after the window', async () => {
        const wc = await createWorldCup(t.user());
        for (let i = 0; i < 6; i++) expect((await startGame(t.anonymous(), wc)).status).toBe(201);
        const alice = t.user();
        for (let i = 0; i < 5; i++) expect((await startGame(alice, wc)).status).toBe(201);
        expectLimited(await startGame(alice, wc), 1);
        await sleep(1100);
        expect((await startGame(alice, wc)).status).toBe(201);
      });
    });
  });
}

// The counters live in Redis when the site has one: two instances count one client together.
// This is about Redis, not the database, so it runs once, on SQLite.
const withRedis = await requireDependency('redis');
(withRedis ? describe : describe.skip)('API rate limits shared through Redis', () => {
  const prefix = `versus-test-limits-${process.pid}-${Date.now()}:`;
  const config = { redisUrl: REDIS_URL, redisPrefix: prefix, limitLoginsPerMinute: 3 };
  const a = useTestServer('sqlite', { config });
  const b = useTestServer('sqlite', { config });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('counts log-ins on either instance against one limit, under REDIS_PREFIX', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      for (const t of [a, b, a]) expect((await t.anonymous().post('/api/v1/auth/login', {})).status).not.toBe(429);
      expectLimited(await b.anonymous().post('/api/v1/auth/login', {}));
      expect((await redis.keys(`${prefix}rate:*logins:ip:*`)).length).toBe(1);
    } finally {
      await redis.quit();
    }
  });
});
