/**
 * Browser-facing protections through the real server, on both dialects: security headers with a
 * script-tight Content-Security-Policy on the web app and the API, and the same-origin check that
 * refuses state changes sent from another site (CSRF) while reads stay open.
 */
import { describe, expect, it } from 'vitest';
import type { WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`security (${dialect})`, () => {
    const t = useTestServer(dialect);
    const create = { title: 'csrf target', candidates: textCandidates(4) };

    it('sends a Content-Security-Policy that runs only this origin’s scripts, and the usual hardening headers', async () => {
      for (const path of ['/', '/api/v1/worldcups']) {
        const res = await fetch(t.url + path);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      }
    });

    it('refuses a state change sent from another site, and stores nothing', async () => {
      const user = t.user();
      const before = await user.ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new', 200);
      const forged: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }, { 'sec-fetch-site': 'same-site' }];
      for (const headers of forged) {
        const res = await user.request('POST', '/api/v1/worldcups', { json: create, headers });
        expectError(res, 403, 'cross_site_request');
      }
      const own = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'mine', candidates: textCandidates(4) } });
      for (const [method, path] of [
        ['PATCH', `/api/v1/worldcups/${own.id}`],
        ['DELETE', `/api/v1/worldcups/${own.id}`],
        ['POST', `/api/v1/worldcups/${own.id}/games`],
      ] as const) {
        const res = await user.request(method, path, { json: method === 'PATCH' ? { title: 'defaced' } : { size: 4 }, headers: { origin: 'https://evil.example' } });
        expectError(res, 403, 'cross_site_request');
      }
      const after = await user.ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new', 200);
      expect(after.items.map((w) => w.title)).toEqual(['mine', ...before.items.map((w) => w.title)]);
      expect((await user.ok<WorldCup>('GET', `/api/v1/worldcups/${own.id}`, 200)).title).toBe('mine');
    });

    it('accepts the same request from this site (same Origin, same-origin fetch) and from non-browser clients', async () => {
      const host = new URL(t.url).host;
      const user = t.user();
      await user.ok('POST', '/api/v1/worldcups', 201, { json: create, headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } });
      await user.ok('POST', '/api/v1/worldcups', 201, { json: create });
      // Reads from anywhere are fine (nothing changes).
      await user.ok('GET', '/api/v1/worldcups', 200, { headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' } });
    });
  });
}
