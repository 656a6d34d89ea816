/**
 * 랜덤 order of the home page (issue 12): `GET /worldcups?sort=random&seed=` shuffles the public
 * world cups by the seed, on SQLite and PostgreSQL. Pages of one seed follow one order, so they
 * neither overlap nor skip; another seed gives another order; a bad seed is a 400, not a 5xx.
 */
import { describe, expect, it } from 'vitest';
import type { WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

async function allPages(user: ApiClient, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: WorldCupPage = await user.ok<WorldCupPage>('GET', `/api/v1/worldcups?${query}${cursor ? `&cursor=${cursor}` : ''}`, 200);
    pages.push(page.items.map((w) => w.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`random order (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('pages of one seed cover every public world cup once; seeds differ; the order is stable', async () => {
      const user = t.user();
      const ids: string[] = [];
      for (let i = 0; i < 11; i++) {
        const wc = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: `랜덤 ${i}`, tags: ['shuffle'], candidates: textCandidates(4) } });
        ids.push(wc.id);
      }
      await user.ok('POST', '/api/v1/worldcups', 201, { json: { title: 'private one', visibility: 'private', tags: ['shuffle'], candidates: textCandidates(4) } });

      const pages = await allPages(user, 'sort=random&seed=12345&limit=4&tag=shuffle');
      expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
      const order = pages.flat();
      expect(new Set(order).size).toBe(order.length);
      expect([...order].sort()).toEqual([...ids].sort());
      // The same seed again, in one page: the same order.
      expect((await allPages(user, 'sort=random&seed=12345&limit=20&tag=shuffle')).flat()).toEqual(order);

      const orders = new Set([JSON.stringify(order)]);
      for (const seed of [0, 1, 2, 99, 2 ** 31 - 1]) {
        const other = (await allPages(user, `sort=random&seed=${seed}&limit=5&tag=shuffle`)).flat();
        expect([...other].sort()).toEqual([...ids].sort());
        orders.add(JSON.stringify(other));
      }
      // Six seeds, six different shuffles of 11 (a repeat would be a 1-in-millions coincidence).
      expect(orders.size).toBe(6);
      // Not merely the creation order either way.
      expect(order).not.toEqual(ids);
      expect(order).not.toEqual([...ids].reverse());
      // Search and the seed together.
      const searched = (await allPages(user, `sort=random&seed=5&limit=3&q=${encodeURIComponent('랜덤 1')}`)).flat();
      expect([...searched].sort()).toEqual([ids[1], ids[10]].sort());
    });

    it('refuses a seed out of range and a cursor of another shape with 400', async () => {
      const user = t.user();
      for (const seed of ['-1', '1.5', 'abc', String(2 ** 31)]) {
        expectError(await user.get(`/api/v1/worldcups?sort=random&seed=${seed}`), 400, 'invalid_request');
      }
      const bad = Buffer.from(JSON.stringify([2 ** 40, 'abc'])).toString('base64url');
      expectError(await user.get(`/api/v1/worldcups?sort=random&seed=1&cursor=${bad}`), 400, 'invalid_cursor');
    });
  });
}
