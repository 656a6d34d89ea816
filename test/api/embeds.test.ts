/**
 * Embedding world cups in other sites, through the real server on both dialects: the oEmbed
 * endpoint, and the framing rules — only the embed pages (/embed/w/ID, /embed/w/ID/ranking) may be
 * framed, by EMBED_ORIGINS, decided on the route the router matched, never on the raw URL.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Oembed } from '../../src/shared/api/embeds.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

const built = fs.existsSync(path.resolve('dist/web/index.html'));
if (!built) console.warn('skipping embed page tests: dist/web is not built (run without SKIP_WEB_BUILD=1)');

const EMBED_ORIGINS = ['https://blog.example', 'https://*.news.example'];

/** A GET with the path sent exactly as written (fetch would resolve `..` and `//` first). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('EMBED_ORIGINS', () => {
  it('defaults to any site, takes a list, and refuses anything that is not a source', () => {
    expect(loadConfig({}).embedOrigins).toEqual(['*']);
    expect(loadConfig({ EMBED_ORIGINS: "https://a.example, https://b.example:8443 'self'" }).embedOrigins).toEqual([
      'https://a.example',
      'https://b.example:8443',
      "'self'",
    ]);
    for (const bad of ['https://a.example; script-src *', 'javascript:alert(1)', 'https://a.example/path', "'none' https://a.example\r\nx: y"]) {
      expect(() => loadConfig({ EMBED_ORIGINS: bad }), bad).toThrow(/EMBED_ORIGINS/);
    }
  });
});

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`embeds (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { embedOrigins: EMBED_ORIGINS } });
    const oembed = (url: string, extra: Record<string, string> = {}) =>
      t.anonymous().get(`/api/v1/oembed?${new URLSearchParams({ url, ...extra }).toString()}`);

    async function worldCup(visibility: 'public' | 'unlisted' | 'private', title = 'Embed me'): Promise<WorldCup> {
      return t.user().ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title, visibility, candidates: textCandidates(4) } });
    }

    it('answers oEmbed for a play link and a ranking link of a public or unlisted world cup', async () => {
      const wc = await worldCup('public', 'Tom & "Jerry" <b>');
      const res = await oembed(`${t.url}/w/${wc.id}`);
      expect(res.status, res.text).toBe(200);
      const body = res.body as Oembed;
      expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Versus', provider_url: `${t.url}/`, title: 'Tom & "Jerry" <b>', width: 480, height: 640 });
      expect(body.html).toContain(`src="${t.url}/embed/w/${wc.id}"`);
      expect(body.html).toContain('title="Tom &amp; &quot;Jerry&quot; &lt;b&gt;"');
      expect(body.html).not.toContain('<b>');

      const ranking = (await oembed(`${t.url}/w/${wc.id}/ranking`, { maxwidth: '300', maxheight: '2000', format: 'json' })).body as Oembed;
      expect(ranking.html).toContain(`src="${t.url}/embed/w/${wc.id}/ranking"`);
      expect(ranking.width).toBe(300);
      expect(ranking.height).toBe(720);
      expect(ranking.html).toContain('width="300"');

      const unlisted = await worldCup('unlisted');
      expect((await oembed(`${t.url}/w/${unlisted.id}`)).status).toBe(200);
    });

    it('is not found for another host, another page, an unknown or private world cup; 501 for xml; 400 for bad sizes', async () => {
      const wc = await worldCup('public');
      const secret = await worldCup('private');
      const host = new URL(t.url).host;
      for (const url of [
        `https://evil.example/w/${wc.id}`,
        `http://${host}.evil.example/w/${wc.id}`,
        `${t.url}/play/${wc.id}`,
        `${t.url}/w/${wc.id}/matrix`,
        `${t.url}/w/AAAAAAAAAAAA`,
        `${t.url}/w/${secret.id}`,
        `javascript://${host}/w/${wc.id}`,
        'not a url',
      ]) {
        expectError(await oembed(url), 404, 'not_found');
      }
      // Not even its owner gets an embed of a private world cup: nobody else could see it.
      const owner = t.user();
      const own = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'mine', visibility: 'private', candidates: textCandidates(4) } });
      expectError(await owner.get(`/api/v1/oembed?url=${encodeURIComponent(`${t.url}/w/${own.id}`)}`), 404, 'not_found');

      expectError(await oembed(`${t.url}/w/${wc.id}`, { maxwidth: '0' }), 400, 'invalid_request');
      expectError(await oembed(`${t.url}/w/${wc.id}`, { format: 'yaml' }), 400, 'invalid_request');
      expectError(await t.anonymous().get('/api/v1/oembed'), 400, 'invalid_request');
      // 501 is what the oEmbed spec asks for an unsupported format (a plain fetch: the suite fails on any 5xx seen by its client).
      const xml = await fetch(`${t.url}/api/v1/oembed?${new URLSearchParams({ url: `${t.url}/w/${wc.id}`, format: 'xml' }).toString()}`);
      expect(xml.status).toBe(501);
      expect(await xml.json()).toEqual({ error: { code: 'format_not_supported', message: expect.any(String) as string } });
    });

    it('gives an embed a session carried in a header, without cookies, for playing a game', async () => {
      const wc = await worldCup('public');
      const issue = await fetch(`${t.url}/api/v1/auth/me`, { headers: { 'x-versus-session': 'new' } });
      const token = issue.headers.get('x-versus-session') ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
      expect(issue.headers.get('set-cookie')).toBeNull();
      expect(issue.headers.get('cache-control')).toBe('no-store');
      const headers = { 'x-versus-session': token, 'content-type': 'application/json' };
      const started = await fetch(`${t.url}/api/v1/worldcups/${wc.id}/games`, { method: 'POST', headers, body: JSON.stringify({ size: 4 }) });
      expect(started.status).toBe(201);
      expect(started.headers.get('x-versus-session')).toBeNull();
      const game = (await started.json()) as { id: string };
      expect((await fetch(`${t.url}/api/v1/games/${game.id}`, { headers })).status).toBe(200);
      // Without the token the game is nobody else's; a made-up token is a new session, not an error.
      expectError(await t.anonymous().get(`/api/v1/games/${game.id}`), 404, 'not_found');
      const invented = await fetch(`${t.url}/api/v1/games/${game.id}`, { headers: { 'x-versus-session': 'A'.repeat(43) } });
      expect(invented.status).toBe(404);
      expect(invented.headers.get('x-versus-session')).not.toBe(token);
    });

    (built ? it : it.skip)('lets EMBED_ORIGINS frame the embed pages only; every other page, tricky spellings included, keeps frame-ancestors none', async () => {
      const wc = await worldCup('public');
      for (const page of [`/embed/w/${wc.id}`, `/embed/w/${wc.id}/ranking`, '/embed/w/AAAAAAAAAAAA', `/embed/w/${wc.id}?x=1`]) {
        const res = await rawGet(t.url, page);
        expect(res.status, page).toBe(200);
        expect(res.headers['content-type'], page).toContain('text/html');
        expect(res.headers['content-security-policy'], page).toContain(`frame-ancestors ${EMBED_ORIGINS.join(' ')}`);
        expect(res.headers['content-security-policy'], page).toContain("script-src 'self'");
        expect(res.headers['x-frame-options'], page).toBeUndefined();
      }
      for (const page of [
        '/',
        `/w/${wc.id}`,
        `/w/${wc.id}?embed=1`,
        `/embed/../w/${wc.id}`,
        `/embed%2Fw/${wc.id}`,
        `/embed%2Fw/..`,
        `//embed/w/${wc.id}`,
        `/embed/w/${wc.id}/matrix`,
        `/embed/w`,
        `/EMBED/w/${wc.id}`,
        `/api/v1/worldcups/${wc.id}`,
        `/api/v1/oembed?url=${encodeURIComponent(`${t.url}/w/${wc.id}`)}`,
      ]) {
        const res = await rawGet(t.url, page);
        expect(res.status, page).toBeLessThan(500);
        expect(res.headers['content-security-policy'], page).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options'], page).toBe('SAMEORIGIN');
      }
    });
  });
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`oEmbed rate limit (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { limitOembedPerMinute: 2, limitIpMultiplier: 1 } });

    it('refuses look-ups beyond LIMIT_OEMBED_PER_MINUTE from one address with 429 and Retry-After', async () => {
      // Consumers are servers without cookies: each look-up is a new session, so the address counts.
      const url = `/api/v1/oembed?url=${encodeURIComponent(`${t.url}/w/AAAAAAAAAAAA`)}`;
      for (let i = 0; i < 2; i++) expectError(await t.anonymous().get(url), 404, 'not_found');
      const refused = await t.anonymous().get(url);
      expectError(refused, 429, 'rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
