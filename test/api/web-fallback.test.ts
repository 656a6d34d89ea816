/**
 * The server as `npm start` runs it, with the built web app (dist/web, built by the global setup):
 * deep links get the single-page app, while unknown /api and /media paths stay JSON 404s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiDialects, expectError, useTestServer } from '../helpers/api.js';

const built = fs.existsSync(path.resolve('dist/web/index.html'));
if (!built) console.warn('skipping web fallback tests: dist/web is not built (run without SKIP_WEB_BUILD=1)');

for (const { dialect, enabled } of await apiDialects()) {
  (enabled && built ? describe : describe.skip)(`API next to the web app (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('serves the app for deep links', async () => {
      for (const url of ['/', '/w/AAAAAAAAAAAA/ranking', '/play/some-game']) {
        const res = await t.anonymous().request('GET', url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type'), url).toContain('text/html');
      }
    });

    it('keeps API and media misses as JSON 404s', async () => {
      const user = t.user();
      expect(await user.ok<{ ok: boolean }>('GET', '/api/v1/health', 200)).toMatchObject({ ok: true });
      expectError(await user.get('/api/v1/nothing-here'), 404, 'not_found');
      expectError(await user.post('/api/v1/nothing-here', { a: 1 }), 404, 'not_found');
      expectError(await user.get('/api/v1/worldcups/AAAAAAAAAAAA'), 404, 'not_found');
      expectError(await user.get('/media/AAAAAAAAAAAA.webp'), 404, 'not_found');
      expectError(await user.get('/missing.js'), 404, 'not_found');
    });
  });
}
