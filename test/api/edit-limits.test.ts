/**
 * Creating, editing and reporting are bounded (issue 9, items 3 and 7), on SQLite and PostgreSQL:
 * per-session and per-address limits on creating, editing, deleting and reporting (one session used
 * to create 86 world cups of 1,024 candidates in 11 s; rotating cookies filed 1,300 reports in 5 s);
 * removed candidates are purged instead of piling up and being reloaded by every read; an edit
 * cannot list one candidate twice.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, type ApiResponse, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

function expectLimited(res: ApiResponse<unknown>, pattern: RegExp): void {
  const body = expectError(res, 429, 'rate_limited');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(body.error.message).toMatch(pattern);
}

const only = (config: Partial<Config>): { config: Partial<Config> } => ({ config });
const createWorldCup = (user: ApiClient, count = 4) => user.request<WorldCup>('POST', '/api/v1/worldcups', { json: { title: 'limits', candidates: textCandidates(count) } });

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`limits on creating, editing and reporting (${dialect})`, () => {
    describe('creating: 2 an hour per session, 4 per address', () => {
      const t = useTestServer(dialect, only({ limitCreatesPerHour: 2, limitIpMultiplier: 2 }));

      it('refuses the 3rd world cup of a session and the 5th of an address, and stores none of them', async () => {
        const alice = t.user();
        for (let i = 0; i < 2; i++) expect((await createWorldCup(alice)).status).toBe(201);
        expectLimited(await createWorldCup(alice), /new world cups and live rooms from this browser: at most 2 an hour/);
        for (let i = 0; i < 2; i++) expect((await createWorldCup(t.user())).status).toBe(201);
        // Dropping the cookie makes a new session each time: the address's cap stops it.
        expectLimited(await createWorldCup(t.anonymous()), /from this network address: at most 4 an hour/);
        const count = await t.server.server.store.kysely.selectFrom('worldcups').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
        expect(Number(count?.n)).toBe(4);
      });
    });

    describe('editing and deleting: 3 a minute per session', () => {
      const t = useTestServer(dialect, only({ limitEditsPerMinute: 3, limitIpMultiplier: 0 }));

      it('counts PATCH and DELETE together and refuses the 4th, leaving the world cup as it was', async () => {
        const alice = t.user();
        const wc = (await createWorldCup(alice)).body;
        for (let i = 0; i < 3; i++) await alice.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { title: `edit ${i}` } });
        expectLimited(await alice.patch(`/api/v1/worldcups/${wc.id}`, { title: 'one too many' }), /edits of world cups from this browser/);
        expectLimited(await alice.delete(`/api/v1/worldcups/${wc.id}`), /edits of world cups/);
        expect((await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).title).toBe('edit 2');
      });
    });

    describe('reports: 2 an hour per session, 4 per address', () => {
      const t = useTestServer(dialect, only({ limitReportsPerHour: 2, limitIpMultiplier: 2 }));

      it('stops a flood of reports from rotating sessions at the address cap', async () => {
        const targets = await Promise.all([1, 2, 3].map(async () => (await createWorldCup(t.user())).body));
        const alice = t.user();
        for (const wc of targets.slice(0, 2)) await alice.ok('POST', `/api/v1/worldcups/${wc.id}/reports`, 201, { json: { reason: 'spam' } });
        expectLimited(await alice.post(`/api/v1/worldcups/${targets[2]?.id ?? ''}/reports`, { reason: 'spam' }), /reports from this browser: at most 2 an hour/);
        const target = targets[2]?.id ?? '';
        for (let i = 0; i < 2; i++) await t.user().ok('POST', `/api/v1/worldcups/${target}/reports`, 201, { json: { reason: 'spam' } });
        for (let i = 0; i < 5; i++) expectLimited(await t.anonymous().post(`/api/v1/worldcups/${target}/reports`, { reason: 'spam' }), /reports from this network address/);
        const reports = await t.server.server.store.kysely.selectFrom('reports').select('id').where('worldcup_id', '=', target).execute();
        expect(reports).toHaveLength(2);
      });
    });

    describe('removed candidates', () => {
      const t = useTestServer(dialect);
      const store = () => t.server.server.store.kysely;
      const rowsOf = async (worldcupId: string) =>
        (await store().selectFrom('candidates').select(['id', 'active']).where('worldcup_id', '=', worldcupId).execute()).map((c) => ({ id: c.id, active: Number(c.active) }));

      it('are purged when nothing needs them: 30 edits that replace every candidate leave only the current ones', async () => {
        const alice = t.user();
        const wc = (await createWorldCup(alice, 32)).body;
        for (let k = 0; k < 30; k++) {
          await alice.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { candidates: textCandidates(32, `round ${k} `) } });
        }
        const rows = await rowsOf(wc.id);
        expect(rows).toHaveLength(32);
        expect(rows.every((r) => r.active === 1)).toBe(true);
        const read = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
        expect(read.candidates.map((c) => c.name)).toEqual(textCandidates(32, 'round 29 ').map((c) => c.name));
      });

      it('stay while a game in play shows them or a counted vote names them, and the game plays on', async () => {
        const alice = t.user();
        const wc = (await createWorldCup(alice, 8)).body;
        const player = t.user();
        let game = await player.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
        game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id, picks: 0 } });
        // Replace all eight: the game in play still shows them; the two that met have a counted vote.
        await alice.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { candidates: textCandidates(8, 'new ') } });
        const removed = (await rowsOf(wc.id)).filter((r) => r.active === 0);
        expect(removed).toHaveLength(8);
        expect((await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).candidates.map((c) => c.name)).toEqual(textCandidates(8, 'new ').map((c) => c.name));
        while (!game.done) game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.b.id, picks: game.picks } });
        expect(wc.candidates.map((c) => c.id)).toContain(game.champion?.id);
        // The game is over: the next edit purges all but the candidates with counted votes (all 8 played).
        await alice.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { title: 'touched', candidates: textCandidates(8, 'new ') } });
        expect((await rowsOf(wc.id)).filter((r) => r.active === 0)).toHaveLength(8);
      });

      it('refuses an edit that lists one candidate twice (400), and changes nothing', async () => {
        const alice = t.user();
        const wc = (await createWorldCup(alice, 4)).body;
        const [first] = wc.candidates;
        if (!first) throw new Error('the world cup has candidates');
        const twice = [0, 1, 2, 3].map((i) => ({ id: first.id, name: `same id ${i}` }));
        expectError(await alice.patch(`/api/v1/worldcups/${wc.id}`, { candidates: twice }), 400, 'duplicate_candidate');
        const after = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
        expect(after.candidates).toEqual(wc.candidates);
        expect(after.candidateCount).toBe(4);
      });
    });
  });
}
