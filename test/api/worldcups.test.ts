/**
 * World cups through the HTTP API, on SQLite and PostgreSQL: create, read, list (sorting, paging,
 * tags, Korean substring search), visibility, owner-only edits and deletion, tags, API docs.
 * Uploads live in uploads.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Game, Ranking, TagCount, WorldCup, WorldCupPage, WorldCupSummary } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

/** Every item of a listing, following nextCursor; asserts pages are at most `limit` long. */
async function listAll(user: ApiClient, query: string, limit: number): Promise<{ items: WorldCupSummary[]; pages: number }> {
  const items: WorldCupSummary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path: string = `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: WorldCupPage = await user.ok<WorldCupPage>('GET', path, 200);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  return { items, pages };
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

/** Exactly `expected` (no repeats), newest first; world cups created in the same millisecond may tie. */
function expectNewestFirst(items: readonly WorldCupSummary[], expected: readonly WorldCup[]): void {
  expect(ids(items).sort()).toEqual(ids(expected).sort());
  const times = items.map((i) => i.createdAt);
  expect(times).toEqual([...times].sort().reverse());
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API world cups (${dialect})`, () => {
    const t = useTestServer(dialect);
    const create = (user: ApiClient, body: Record<string, unknown>) =>
      user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { candidates: textCandidates(8), ...body } });

    it('creates a world cup and serves it to its owner and to others', async () => {
      const alice = t.user();
      const candidates = [
        { name: '  사과 ', text: '빨갛다', group: '과일', caption: '가을' },
        { name: 'Banana', group: '과일' },
        { name: 'Cherry', videoUrl: 'https://youtu.be/dQw4w9WgXcQ?t=42' },
        { name: 'Durian', text: 'smelly' },
        { name: 'Elderberry' },
      ];
      const res = await alice.post<WorldCup>('/api/v1/worldcups', {
        title: ' 과일 월드컵 ',
        description: 'which fruit?',
        tags: ['#Fruit', 'food'],
        candidates,
      });
      expect(res.status).toBe(201);
      expect(alice.session, 'the first /api response sets the vs_session cookie').toMatch(/^[A-Za-z0-9_-]{32,64}$/);
      const wc = res.body;
      expect(wc).toMatchObject({
        title: '과일 월드컵',
        description: 'which fruit?',
        visibility: 'public',
        tags: ['fruit', 'food'],
        candidateCount: 5,
        plays: 0,
        finishes: 0,
        cover: null,
        isOwner: true,
        sizes: [2, 4],
      });
      expect(wc.candidates.map((c) => c.name)).toEqual(['사과', 'Banana', 'Cherry', 'Durian', 'Elderberry']);
      expect(new Set(wc.candidates.map((c) => c.id)).size).toBe(5);
      expect(wc.candidates[0]).toMatchObject({ group: '과일', caption: '가을', media: { kind: 'text', text: '빨갛다' } });
      expect(wc.candidates[1]).toMatchObject({ group: '과일', caption: null, media: null });
      expect(wc.candidates[2]?.media).toEqual({ kind: 'video', videoUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s', youtubeId: 'dQw4w9WgXcQ', start: 42, end: null });

      expect(await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toEqual(wc);
      const seenByBob = await t.user().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      expect(seenByBob).toEqual({ ...wc, isOwner: false });
      expect(await t.anonymous().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toEqual({ ...wc, isOwner: false });
    });

    it('lists new and popular world cups page by page, filtered by tag', async () => {
      const alice = t.user();
      const created: WorldCup[] = [];
      for (let i = 0; i < 7; i++) created.push(await create(alice, { title: `paging ${i}`, tags: ['paging', i % 2 ? 'odd' : 'even'] }));
      await create(alice, { title: 'paging but private', tags: ['paging'], visibility: 'private' });
      await create(alice, { title: 'not paging', tags: ['other'] });

      const newest = await listAll(t.anonymous(), '/api/v1/worldcups?sort=new&tag=paging', 3);
      expect(newest.pages).toBe(3);
      expectNewestFirst(newest.items, created);

      // Plays decide popularity: 3 games of #4, 2 of #1, 1 of #6.
      for (const [n, plays] of [[4, 3], [1, 2], [6, 1]] as const) {
        for (let i = 0; i < plays; i++) await alice.ok<Game>('POST', `/api/v1/worldcups/${created[n]?.id}/games`, 201, { json: { size: 4 } });
      }
      const popular = await listAll(t.anonymous(), '/api/v1/worldcups?sort=popular&tag=paging', 2);
      expect(popular.pages).toBe(4);
      expect(ids(popular.items).slice(0, 3)).toEqual([created[4]?.id, created[1]?.id, created[6]?.id]);
      expect(popular.items.map((i) => i.plays)).toEqual([3, 2, 1, 0, 0, 0, 0]);
      expect(new Set(ids(popular.items))).toEqual(new Set(ids(created)));
      // Default sort is popular.
      const byDefault = await t.anonymous().ok<WorldCupPage>('GET', '/api/v1/worldcups?tag=paging&limit=3', 200);
      expect(ids(byDefault.items)).toEqual(ids(popular.items).slice(0, 3));

      const odd = await listAll(t.anonymous(), '/api/v1/worldcups?sort=new&tag=ODD', 2);
      expectNewestFirst(odd.items, created.filter((_, i) => i % 2 === 1));
    });

    it('searches titles and candidate names by Korean substrings', async () => {
      const alice = t.user();
      const dream = await create(alice, { title: '드림카 월드컵', tags: ['search'] });
      const other = await create(alice, { title: '라면 월드컵', tags: ['search'], candidates: textCandidates(4, '신라면 ') });
      await create(alice, { title: '드림카 비공개', tags: ['search'], visibility: 'private' });
      const search = async (q: string) =>
        ids((await t.anonymous().ok<WorldCupPage>('GET', `/api/v1/worldcups?tag=search&q=${encodeURIComponent(q)}`, 200)).items);
      expect(await search('드림')).toEqual([dream.id]);
      expect(await search('드림카 월')).toEqual([dream.id]);
      expect(await search('월드컵').then((r) => r.sort())).toEqual([dream.id, other.id].sort());
      expect(await search('신라면')).toEqual([other.id]);
      expect(await search('라')).toEqual([other.id]);
      expect(await search('%')).toEqual([]);
      expect(await search('없는말')).toEqual([]);
    });

    it('unlisted: gettable by link, never listed; private: only its owner sees it', async () => {
      const alice = t.user();
      const bob = t.user();
      await bob.get('/api/v1/me/worldcups');
      const unlisted = await create(alice, { title: 'secret-link cup', visibility: 'unlisted', tags: ['hidden-u'] });
      const priv = await create(alice, { title: 'diary cup', visibility: 'private', tags: ['hidden-p'] });

      expect((await bob.ok<WorldCup>('GET', `/api/v1/worldcups/${unlisted.id}`, 200)).title).toBe('secret-link cup');
      await bob.ok<Game>('POST', `/api/v1/worldcups/${unlisted.id}/games`, 201, { json: { size: 4 } });
      for (const who of [bob, t.anonymous()]) {
        expectError(await who.get(`/api/v1/worldcups/${priv.id}`), 404, 'not_found');
        expectError(await who.get(`/api/v1/worldcups/${priv.id}/ranking`), 404, 'not_found');
        expectError(await who.post(`/api/v1/worldcups/${priv.id}/games`, { size: 4 }), 404, 'not_found');
      }
      expect((await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${priv.id}`, 200)).isOwner).toBe(true);
      await alice.ok<Ranking>('GET', `/api/v1/worldcups/${priv.id}/ranking`, 200);

      for (const q of ['sort=new', 'sort=popular', 'q=cup', 'tag=hidden-u', 'tag=hidden-p']) {
        const listed = await listAll(alice, `/api/v1/worldcups?${q}`, 60);
        expect(ids(listed.items), q).not.toContain(unlisted.id);
        expect(ids(listed.items), q).not.toContain(priv.id);
      }
      const tags = await t.anonymous().ok<TagCount[]>('GET', '/api/v1/tags', 200);
      expect(tags.map((x) => x.tag)).not.toContain('hidden-p');
      expect(tags.map((x) => x.tag)).not.toContain('hidden-u');

      const mine = await alice.ok<WorldCupPage>('GET', '/api/v1/me/worldcups?limit=60', 200);
      expect(ids(mine.items)).toEqual(expect.arrayContaining([unlisted.id, priv.id]));
      expect(mine.items.every((i) => i.isOwner)).toBe(true);
      const bobs = await bob.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200);
      expect(bobs).toEqual({ items: [], nextCursor: null });
    });

    it('the owner edits title, visibility and candidates; ids keep their stats', async () => {
      const alice = t.user();
      const wc = await create(alice, { title: 'before edit', candidates: textCandidates(4, 'Old ') });
      // One finished game, so every candidate has stats worth keeping.
      let game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      while (game.match) game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id } });
      const before = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      const [c0, c1, c2, c3] = wc.candidates;
      if (!c0 || !c1 || !c2 || !c3) throw new Error('four candidates');

      const patched = await alice.ok<WorldCup>('PATCH', `/api/v1/worldcups/${wc.id}`, 200, {
        json: {
          title: 'after edit',
          visibility: 'unlisted',
          candidates: [
            { id: c1.id, name: 'Renamed one', text: 'new text' },
            { id: c0.id, name: c0.name },
            { id: c3.id, name: c3.name, group: 'moved' },
            { name: 'Brand new' },
            { name: 'Brand new 2' },
          ],
        },
      });
      expect(patched).toMatchObject({ title: 'after edit', visibility: 'unlisted', candidateCount: 5, sizes: [2, 4], isOwner: true });
      expect(patched.candidates.map((c) => c.name)).toEqual(['Renamed one', c0.name, c3.name, 'Brand new', 'Brand new 2']);
      expect(patched.candidates.slice(0, 3).map((c) => c.id)).toEqual([c1.id, c0.id, c3.id]);
      expect(patched.candidates[0]?.media).toEqual({ kind: 'text', text: 'new text' });
      expect(patched.candidates[2]?.group).toBe('moved');
      expect(patched.candidates.map((c) => c.id)).not.toContain(c2.id);
      expect(await t.user().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toEqual({ ...patched, isOwner: false });
      const listed = await listAll(t.anonymous(), '/api/v1/worldcups?sort=new', 60);
      expect(ids(listed.items)).not.toContain(wc.id);

      const after = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      const stats = (r: Ranking, id: string) => {
        const i = r.items.find((x) => x.candidateId === id);
        return i && { wins: i.wins, losses: i.losses, appearances: i.appearances, championships: i.championships };
      };
      for (const c of [c0, c1, c3]) expect(stats(after, c.id)).toEqual(stats(before, c.id));
      expect(after.items.find((i) => i.candidateId === c1.id)?.name).toBe('Renamed one');
      expect(after.items.map((i) => i.candidateId)).not.toContain(c2.id);
      for (const added of patched.candidates.slice(3)) {
        expect(stats(after, added.id)).toEqual({ wins: 0, losses: 0, appearances: 0, championships: 0 });
      }
      // A new game draws only from the edited list.
      const next = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const active = new Set(patched.candidates.map((c) => c.id));
      expect(active.has(next.match?.a.id ?? '') && active.has(next.match?.b.id ?? '')).toBe(true);

      // Changing only the title leaves candidates alone.
      const retitled = await alice.ok<WorldCup>('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { title: 'again' } });
      expect(retitled.candidates).toEqual(patched.candidates);
      expect(retitled.visibility).toBe('unlisted');
    });

    it('another session cannot edit or delete; the owner deletes', async () => {
      const alice = t.user();
      const wc = await create(alice, { title: 'mine alone', tags: ['owned'] });
      const game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const snapshot = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      for (const intruder of [t.user(), t.anonymous()]) {
        expectError(await intruder.patch(`/api/v1/worldcups/${wc.id}`, { title: 'pwned' }), 403, 'forbidden');
        expectError(await intruder.patch(`/api/v1/worldcups/${wc.id}`, { candidates: textCandidates(4, 'X') }), 403, 'forbidden');
        expectError(await intruder.delete(`/api/v1/worldcups/${wc.id}`), 403, 'forbidden');
        expect(await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toEqual(snapshot);
      }

      const deleted = await alice.raw('DELETE', `/api/v1/worldcups/${wc.id}`);
      expect(deleted.status).toBe(204);
      expectError(await alice.get(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');
      expectError(await alice.get(`/api/v1/worldcups/${wc.id}/ranking`), 404, 'not_found');
      expectError(await alice.get(`/api/v1/games/${game.id}`), 404, 'not_found');
      expectError(await alice.delete(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');
      const mine = await alice.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200);
      expect(ids(mine.items)).not.toContain(wc.id);
      const tags = await alice.ok<TagCount[]>('GET', '/api/v1/tags', 200);
      expect(tags.map((x) => x.tag)).not.toContain('owned');
    });

    it('counts the tags of public world cups', async () => {
      const alice = t.user();
      for (let i = 0; i < 3; i++) await create(alice, { title: `tagged ${i}`, tags: ['#Tagcount', i ? 'tc-rare' : 'tc-once'] });
      await create(alice, { title: 'tagged privately', tags: ['tagcount'], visibility: 'private' });
      const tags = await t.anonymous().ok<TagCount[]>('GET', '/api/v1/tags', 200);
      expect(tags).toContainEqual({ tag: 'tagcount', count: 3 });
      expect(tags).toContainEqual({ tag: 'tc-rare', count: 2 });
      expect(tags).toContainEqual({ tag: 'tc-once', count: 1 });
      const counts = tags.map((x) => x.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('documents the API: OpenAPI 3 JSON and an HTML page', async () => {
      const spec = await t.anonymous().ok<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/docs/json', 200);
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/worldcups', '/api/v1/worldcups/{id}', '/api/v1/games/{id}/picks']));
      const page = await t.anonymous().request('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text.toLowerCase()).toContain('swagger');
    });
  });
}
