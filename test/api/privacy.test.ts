/**
 * A private world cup is invisible to everyone but its owner, on every endpoint that could reveal
 * it: its page, ranking, head-to-head, history, camps, event stream, games and reports answer
 * 404, and lists, search, tags and the site feed never mention it — while its owner uses all of it.
 */
import { describe, expect, it } from 'vitest';
import type { Game, TagCount, WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`private world cups (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('answer 404 on every endpoint and appear in no list, search, tag or feed — except for the owner', async () => {
      const owner = t.user();
      const title = 'zzqx private diary';
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title, visibility: 'private', tags: ['zzqxtag'], candidates: textCandidates(4) },
      });
      // The owner plays it, so it has votes, a champion and a ranking to leak.
      let game = await owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      while (game.match) game = await owner.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id } });
      const site = await SseClient.connect(`${t.url}/api/v1/events`);

      const base = `/api/v1/worldcups/${wc.id}`;
      const reads = [base, `${base}/ranking`, `${base}/matrix`, `${base}/history`, `${base}/groups`];
      for (const stranger of [t.user(), t.anonymous()]) {
        for (const path of reads) expectError(await stranger.request('GET', path), 404, 'not_found');
        expectError(await stranger.request('POST', `${base}/games`, { json: { size: 4 } }), 404, 'not_found');
        expectError(await stranger.request('POST', `${base}/reports`, { json: { reason: 'spam' } }), 404, 'not_found');
        const stream = await SseClient.connect(`${t.url}${base}/events`);
        stream.close();
        expect(stream.status).toBe(404);
        for (const query of ['sort=new', 'sort=popular', `q=${encodeURIComponent('zzqx')}`, 'tag=zzqxtag']) {
          const page = await stranger.ok<WorldCupPage>('GET', `/api/v1/worldcups?${query}`, 200);
          expect(page.items.map((w) => w.id)).not.toContain(wc.id);
        }
        const tags = await stranger.ok<TagCount[]>('GET', '/api/v1/tags', 200);
        expect(JSON.stringify(tags)).not.toContain('zzqxtag');
      }
      const feed = await site.waitFor((e) => e.event === 'snapshot');
      site.close();
      expect(feed.data).not.toContain(wc.id);
      expect(site.events.map((e) => e.data).join('\n')).not.toContain(title);

      // The owner still has all of it.
      for (const path of reads) await owner.ok('GET', path, 200);
      const mine = await owner.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200);
      expect(mine.items.map((w) => w.id)).toContain(wc.id);
    });
  });
}
