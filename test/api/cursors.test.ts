/**
 * Paging cursors through the HTTP API, on SQLite and PostgreSQL: the world cup lists (both sorts)
 * and the admin report queue page through everything exactly once, and a cursor the server did not
 * make is 400 `invalid_cursor`, never a 5xx. PostgreSQL used to fail the query (500) on a value its
 * column cannot hold (1.5, 1e20, Infinity) or a NUL in the id, where SQLite just compared.
 */
import { describe, expect, it } from 'vitest';
import type { Account, AdminReportPage } from '../../src/shared/accounts.js';
import type { Game, WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

const PASSWORD = 'correct horse battery';
const b64 = (text: string): string => Buffer.from(text).toString('base64url');

/** Cursors no server made, for every list; the JSON is written out as the tampering client would. */
const TAMPERED: [string, string][] = [
  ['a fraction', b64('[1.5,"x"]')],
  ['a value beyond bigint', b64('[1e20,"x"]')],
  ['1e999 (Infinity to JSON.parse)', b64('[1e999,"x"]')],
  ['a NUL in the id', b64('[0,"a\\u0000b"]')],
  ['a negative value', b64('[-1,"x"]')],
  ['a string value', b64('["1","x"]')],
  ['an empty id', b64('[0,""]')],
  ['an id of 65 characters', b64(`[0,"${'x'.repeat(65)}"]`)],
  ['an object', b64('{"value":1,"id":"x"}')],
  ['not base64url', 'not a cursor!'],
  ['base64 of garbage', b64('\u0000\uffff garbage')],
];

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API paging cursors (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { adminUsername: 'Root' } });

    let admin: ApiClient | undefined;
    async function theAdmin(): Promise<ApiClient> {
      if (!admin) {
        admin = t.user();
        const { user } = await admin.ok<{ user: Account }>('POST', '/api/v1/auth/signup', 201, { json: { username: 'root', password: PASSWORD } });
        expect(user.role).toBe('admin');
      }
      return admin;
    }

    /** Follows nextCursor from `first` (a path with `limit`) to the end; returns the ids in order. */
    async function pageThrough(user: ApiClient, first: string): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const path: string = cursor === null ? first : `${first}&cursor=${encodeURIComponent(cursor)}`;
        const page = await user.ok<WorldCupPage | AdminReportPage>('GET', path, 200);
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        if (cursor === null) return ids;
      }
      throw new Error(`${first}: more than 50 pages`);
    }

    it('pages through the world cups, by plays and by date, each exactly once', async () => {
      const owner = t.user();
      const made: WorldCup[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: `paged ${i}`, candidates: textCandidates(4) } }));
      }
      // Different play counts, and ties between them, for the popular sort.
      for (const [i, plays] of [2, 1, 1].entries()) {
        for (let n = 0; n < plays; n++) await owner.ok<Game>('POST', `/api/v1/worldcups/${(made[i] as WorldCup).id}/games`, 201, { json: { size: 4 } });
      }
      for (const sort of ['new', 'popular']) {
        const all = await owner.ok<WorldCupPage>('GET', `/api/v1/worldcups?sort=${sort}&limit=60`, 200);
        expect(all.nextCursor).toBeNull();
        expect(all.items.map((i) => i.id).sort()).toEqual(made.map((w) => w.id).sort());
        expect(await pageThrough(owner, `/api/v1/worldcups?sort=${sort}&limit=2`)).toEqual(all.items.map((i) => i.id));
      }
    });

    it('pages through the report queue, each report exactly once', async () => {
      const root = await theAdmin();
      const owner = t.user();
      for (let i = 0; i < 5; i++) {
        const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: `reported ${i}`, candidates: textCandidates(4) } });
        await t.user().ok('POST', `/api/v1/worldcups/${wc.id}/reports`, 201, { json: { reason: 'spam' } });
      }
      const all = await root.ok<AdminReportPage>('GET', '/api/v1/admin/reports?limit=100', 200);
      expect(all.items).toHaveLength(5);
      expect(await pageThrough(root, '/api/v1/admin/reports?limit=2')).toEqual(all.items.map((i) => i.id));
    });

    describe.each(TAMPERED)('refuses a cursor with %s: 400 invalid_cursor', (_, cursor) => {
      it.each(['/api/v1/worldcups?sort=new', '/api/v1/worldcups?sort=popular', '/api/v1/admin/reports?status=open'])('on %s', async (path) => {
        const user = path.includes('/admin/') ? await theAdmin() : t.user();
        expectError(await user.get(`${path}&cursor=${cursor}`), 400, 'invalid_cursor');
      });
    });

    it('bounds the value by its column: 2^31 is a time (an empty page) but no play count', async () => {
      const cursor = b64(`[${2 ** 31},"x"]`);
      expectError(await t.user().get(`/api/v1/worldcups?sort=popular&cursor=${cursor}`), 400, 'invalid_cursor');
      expect(await t.user().ok<WorldCupPage>('GET', `/api/v1/worldcups?sort=new&cursor=${cursor}`, 200)).toEqual({ items: [], nextCursor: null });
      expect(await (await theAdmin()).ok<AdminReportPage>('GET', `/api/v1/admin/reports?cursor=${cursor}`, 200)).toEqual({ items: [], nextCursor: null });
    });
  });
}
