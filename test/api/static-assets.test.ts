/**
 * The built web app's files as the server sends them: brotli or gzip made at build time, chosen by
 * Accept-Encoding, decompressing to exactly the original bytes; a year of caching for the hashed
 * files under /assets/, revalidation for index.html and the deep-link fallback.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Game, Upload, WorldCup } from '../../src/shared/schemas.js';
import { apiDialects, upload, useTestServer } from '../helpers/api.js';

const webDir = path.resolve('dist/web');
const built = fs.existsSync(path.join(webDir, 'index.html'));
if (!built) console.warn('skipping static asset tests: dist/web is not built (run without SKIP_WEB_BUILD=1)');

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body is left as sent (fetch would decompress it and hide the encoding). */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The entry script index.html loads: a hashed file under /assets/. */
function entryScript(): string {
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('no entry script in dist/web/index.html');
  return src;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled && built ? describe : describe.skip)(`static assets (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('sends brotli to clients that accept it, gzip to those that accept only gzip, the file itself otherwise', async () => {
      const asset = entryScript();
      const original = fs.readFileSync(path.join(webDir, asset));
      const cases: [string, string | undefined, (b: Buffer) => Buffer][] = [
        ['gzip, deflate, br', 'br', brotliDecompressSync],
        ['br', 'br', brotliDecompressSync],
        ['gzip', 'gzip', gunzipSync],
        ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
        ['identity', undefined, (b) => b],
      ];
      for (const [accept, encoding, decode] of cases) {
        const res = await rawGet(t.url + asset, { 'accept-encoding': accept });
        expect(res.status, accept).toBe(200);
        expect(res.headers['content-encoding'], accept).toBe(encoding);
        expect(res.headers['content-type'], accept).toContain('javascript');
        expect(res.headers.vary?.toLowerCase(), accept).toContain('accept-encoding');
        if (encoding) expect(res.body.length, accept).toBeLessThan(original.length / 2);
        expect(decode(res.body).equals(original), accept).toBe(true);
      }
      // No Accept-Encoding at all: the file as it is.
      const plain = await rawGet(t.url + asset, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
    });

    it('caches hashed assets for a year and revalidates index.html and deep links; security headers stay', async () => {
      const asset = await rawGet(t.url + entryScript(), { 'accept-encoding': 'br' });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const page of ['/', '/w/AAAAAAAAAAAA', '/play/some-game']) {
        for (const accept of ['br', 'gzip', 'identity']) {
          const res = await rawGet(t.url + page, { 'accept-encoding': accept });
          expect(res.status, page).toBe(200);
          expect(res.headers['content-type'], page).toContain('text/html');
          expect(res.headers['cache-control'], page).toBe('no-cache');
          expect(res.headers['cache-control'], page).not.toContain('immutable');
          expect(res.headers['content-security-policy'], page).toContain("frame-ancestors 'none'");
        }
      }
      // A first load of the play page has its chunks preloaded with the entry script (one round trip
      // less), the entry first; an unknown game has no images to preload.
      const play = await rawGet(`${t.url}/play/some-game`, { 'accept-encoding': 'br' });
      expect(String(play.headers.link).startsWith(`<${entryScript()}>; rel=modulepreload, </assets/PlayPage-`)).toBe(true);
      expect(play.headers.link).toContain('rel=preload; as=style');
      expect(play.headers.link).not.toMatch(/EditorPage|RankingPage|as=image/);
      expect((await rawGet(`${t.url}/`, {})).headers.link).toBeUndefined();
      for (const res of [asset, await rawGet(`${t.url}/favicon.svg`, { 'accept-encoding': 'gzip' })]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      }
    });

    it("preloads the first match's full images on the play page for the game's player only, as the card's <img> chooses them", async () => {
      const alice = t.user();
      const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#884422' } }).png().toBuffer();
      const ups: Upload[] = [];
      for (let i = 0; i < 4; i++) ups.push((await upload<Upload>(alice, png, `p${i}.png`, 'image/png')).body);
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'preloads', candidates: ups.map((u, i) => ({ name: `Pic ${i}`, imageId: u.id })) },
      });
      const game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const link = (await alice.raw('GET', `/play/${game.id}`)).headers.get('link') ?? '';
      for (const c of [game.match?.a, game.match?.b]) {
        const media = c?.media;
        if (media?.kind !== 'image') throw new Error('expected an image candidate');
        expect(media.srcset).toBe(`/media/${media.imageId}.720.webp 720w, ${media.url} 1280w`);
        expect(link).toContain(`<${media.url}>; rel=preload; as=image; imagesrcset="${media.srcset}"; imagesizes="(min-width: 720px) min(50vw, 560px), calc(100vw - 24px)"; fetchpriority=high`);
        // Not the backdrop's thumbnail: on a slow line it would take bytes from the scripts.
        expect(link).not.toContain(media.thumbUrl);
      }
      expect(link.indexOf(entryScript())).toBe(1);
      // Another browser (and one without a session) learns nothing about the game.
      for (const other of [t.user(), t.anonymous()]) {
        const res = await other.raw('GET', `/play/${game.id}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('link')).not.toContain('as=image');
        const html = await res.text();
        expect(html).not.toContain('versus-boot');
        expect(html).not.toContain(game.id);
      }
    });

    it("puts the player's game in the play page itself, for that player only, and no name can break out of it", async () => {
      const alice = t.user();
      const names = ['</script><script>alert(1)</script>', 'A\u2028B', '<!--', 'Plain'];
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'boot', candidates: names.map((name) => ({ name, text: name })) } });
      const game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const res = await alice.raw('GET', `/play/${game.id}`, { headers: { 'accept-language': 'ko', 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('content-encoding')).toBe('br');
      const html = await res.text();
      // One script element of JSON, holding exactly what the API answers for the game.
      const boots = [...html.matchAll(/<script type="application\/json" id="versus-boot">([^<]*)<\/script>/g)];
      expect(boots).toHaveLength(1);
      expect(html.match(/<script/g)).toHaveLength(2);
      const boot = JSON.parse(boots[0]?.[1] ?? '') as { gameId: string; lang: string; game: Game };
      expect(boot.gameId).toBe(game.id);
      expect(boot.lang).toBe('ko');
      expect(boot.game).toEqual(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200, { headers: { 'accept-language': 'ko' } }));
    });
  });
}
