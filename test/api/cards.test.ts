/**
 * Link previews (issue 12) as a crawler sees them, on SQLite and PostgreSQL: `/s/:id`, `/w/:id` and
 * `/w/:id/ranking` fetched without running scripts carry the Open Graph and Twitter tags, escaped;
 * the card they name is a 1200×630 PNG under an immutable URL with an ETag; unknown and private
 * ids get the generic head. And the card's Korean renders from the shipped font, not as tofu.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type CardContent, renderCard } from '../../src/services/cards/render.js';
import type { Room, RoomResults } from '../../src/shared/rooms.js';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';

const TITLE = '"><script>alert(1)</script> 드림카 & 월드컵';

/** The `content` of `<meta property|name="key">` in an HTML page (entities left as they are). */
function metaOf(html: string, key: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${key.replace(':', ':')}" content="([^"]*)"`);
  return re.exec(html)?.[1];
}

async function playToChampion(user: ApiClient, wc: WorldCup): Promise<Game> {
  let game = await user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
  while (game.match) game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id } });
  return game;
}

/** Mean absolute difference of two renders' pixels inside a region (0–255). */
async function pixelDifference(a: Buffer, b: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const raw = (png: Buffer) => sharp(png).extract(region).removeAlpha().raw().toBuffer();
  const [pa, pb] = await Promise.all([raw(a), raw(b)]);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs((pa[i] as number) - (pb[i] as number));
  return sum / pa.length;
}

describe('card rendering', () => {
  const card = (headline: string): CardContent => ({ kicker: '', headline, subline: '', footnote: '', figures: [] });
  // The single-figure layout without a figure: the headline starts at x=80, its baseline at y=260.
  const headlineRegion = { left: 80, top: 170, width: 1000, height: 110 };

  it('draws Korean glyphs from the shipped font (not blanks, not tofu, different per syllable)', async () => {
    const [korean, blank, tofu, ga, na] = await Promise.all([
      renderCard(card('대한민국 월드컵')),
      renderCard(card('   ')),
      renderCard(card('□□□□□□□')),
      renderCard(card('가')),
      renderCard(card('나')),
    ]);
    expect(await pixelDifference(korean, blank, headlineRegion)).toBeGreaterThan(5);
    expect(await pixelDifference(korean, tofu, headlineRegion)).toBeGreaterThan(5);
    // Missing glyphs would draw the same (empty) box for both syllables.
    expect(await pixelDifference(ga, na, headlineRegion)).toBeGreaterThan(0.5);
    const meta = await sharp(korean).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
  });
});

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`link previews (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('serve /s/:id with escaped og and twitter tags naming a cached 1200×630 PNG card', async () => {
      const owner = t.user();
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: TITLE, candidates: textCandidates(4, '후보 ') } });
      const game = await playToChampion(owner, wc);
      const champion = game.champion?.name ?? '';

      // A crawler: a plain GET, no cookies, no scripts.
      const res = await fetch(`${t.url}/s/${game.resultId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain(game.id);
      const title = metaOf(html, 'og:title') ?? '';
      expect(title).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; 드림카 &amp; 월드컵');
      expect(title).toContain(champion);
      expect(html).toContain(`<title>${title}</title>`);
      expect(metaOf(html, 'og:description')).toContain(champion);
      expect(metaOf(html, 'og:type')).toBe('website');
      // A result is no embeddable page: no oEmbed discovery.
      expect(html).not.toContain('application/json+oembed');
      expect(metaOf(html, 'og:url')).toBe(`${t.url}/s/${game.resultId}`);
      expect(metaOf(html, 'og:image:width')).toBe('1200');
      expect(metaOf(html, 'og:image:height')).toBe('630');
      expect(metaOf(html, 'twitter:card')).toBe('summary_large_image');
      expect(metaOf(html, 'twitter:title')).toBe(title);
      const image = metaOf(html, 'og:image') ?? '';
      expect(metaOf(html, 'twitter:image')).toBe(image);
      expect(image).toMatch(new RegExp(`^${t.url}/cards/s/${game.resultId}/[0-9a-f]{16}\\.png$`));

      const png = await fetch(image);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const etag = png.headers.get('etag');
      expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
      const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
      const again = await fetch(image, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status).toBe(304);

      // A stale version (the content changed since) leads to the current card.
      const stale = await fetch(`${t.url}/cards/s/${game.resultId}/0000000000000000.png`, { redirect: 'manual' });
      expect(stale.status).toBe(302);
      expect(stale.headers.get('location')).toBe(new URL(image).pathname);
      const bad = await fetch(`${t.url}/cards/x/${game.resultId}/nothex.png`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_card');
    });

    it("serve the world cup's and its ranking's previews; unknown and private ids the generic head", async () => {
      const owner = t.user();
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '랭킹 미리보기', candidates: textCandidates(4, '후보 ') } });
      await playToChampion(owner, wc);
      for (const [path, kind] of [[`/w/${wc.id}`, 'w'], [`/w/${wc.id}/ranking`, 'r']] as const) {
        const html = await (await fetch(t.url + path)).text();
        expect(metaOf(html, 'og:title')).toContain('랭킹 미리보기');
        const image = metaOf(html, 'og:image') ?? '';
        expect(image).toMatch(new RegExp(`/cards/${kind}/${wc.id}/[0-9a-f]{16}\\.png$`));
        const meta = await sharp(Buffer.from(await (await fetch(image)).arrayBuffer())).metadata();
        expect([meta.width, meta.height]).toEqual([1200, 630]);
        // oEmbed discovery: the link names this page, and following it gives the embed's iframe.
        const discovery = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
        expect(discovery, path).toBeDefined();
        const oembed = (await (await fetch((discovery ?? '').replaceAll('&amp;', '&'))).json()) as { html: string };
        expect(oembed.html).toContain(`/embed/w/${wc.id}${kind === 'r' ? '/ranking' : ''}"`);
      }
      // One game: every candidate is provisional (fewer than 10 matches), so nobody is called 1위.
      const table = await owner.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(table.items.every((item) => item.position === null)).toBe(true);
      const ranking = await (await fetch(`${t.url}/w/${wc.id}/ranking`)).text();
      expect(metaOf(ranking, 'og:description')).not.toContain('위 ');
      expect(metaOf(ranking, 'og:description')).toContain('순위가 정해지지 않았어요');

      for (const path of ['/s/NoSuchResult0000', `/w/NoSuchWorldCup`, '/w/NoSuchWorldCup/ranking']) {
        const res = await fetch(t.url + path);
        expect(res.status, path).toBe(200); // like every deep link: the app shows "not found"
        const html = await res.text();
        expect(html).toContain('<div id="app">');
        expect(metaOf(html, 'og:image')).toBeUndefined();
      }

      const hidden = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'secret diary', visibility: 'private', candidates: textCandidates(4) },
      });
      const game = await playToChampion(owner, hidden);
      for (const path of [`/w/${hidden.id}`, `/s/${game.resultId}`]) {
        const html = await (await fetch(t.url + path)).text();
        expect(html).not.toContain('secret diary');
        expect(metaOf(html, 'og:image')).toBeUndefined();
      }
      expect((await fetch(`${t.url}/cards/s/${game.resultId}/0000000000000000.png`)).status).toBe(404);
      // A live room's results: the champion the audience chose, in any case of the code; a private world cup's room: the generic head.
      const rooms = [wc, hidden].map((w) => owner.ok<Room>('POST', '/api/v1/rooms', 201, { json: { worldcupId: w.id, size: 2 } }));
      const [open, secret] = await Promise.all(rooms);
      for (const room of [open, secret]) {
        await owner.ok('POST', `/api/v1/rooms/${room?.code ?? ''}/start`, 200);
        await t.user().ok('POST', `/api/v1/rooms/${room?.code ?? ''}/votes`, 202, { json: { side: 'right' } });
        await owner.ok('POST', `/api/v1/rooms/${room?.code ?? ''}/advance`, 200, { json: {} });
      }
      const results = await owner.ok<RoomResults>('GET', `/api/v1/rooms/${open?.code ?? ''}/results`, 200);
      const roomHtml = await (await fetch(`${t.url}/r/${(open?.code ?? '').toLowerCase()}/results`)).text();
      expect(metaOf(roomHtml, 'og:title')).toBe(`${results.champion?.name ?? '?'} — 랭킹 미리보기 | Versus`);
      expect(metaOf(roomHtml, 'og:description')).toContain('시청자들이 함께 고른');
      const roomCard = metaOf(roomHtml, 'og:image') ?? '';
      expect(roomCard).toMatch(new RegExp(`/cards/m/${open?.code ?? ''}/[0-9a-f]{16}\\.png$`));
      expect((await fetch(roomCard)).status).toBe(200);
      const secretHtml = await (await fetch(`${t.url}/r/${secret?.code ?? ''}/results`)).text();
      expect(secretHtml).not.toContain('secret diary');
      expect(metaOf(secretHtml, 'og:image')).toBeUndefined();
      // A file name under a page's path is a JSON 404, as outside the app's routes.
      const file = await fetch(`${t.url}/w/${wc.id}.png`);
      expect(file.status).toBe(404);
      expect(((await file.json()) as { error: { code: string } }).error.code).toBe('not_found');
    });
  });
}

describe('a card with a photo, and KakaoTalk sharing (sqlite)', () => {
  const t = useTestServer('sqlite', { config: { kakaoJsKey: 'abcdef0123456789' } });

  it("composites the champion's uploaded image, and names the Kakao key and allows its SDK only when configured", async () => {
    const owner = t.user();
    const red = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 230, g: 20, b: 20 } } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(red)], { type: 'image/png' }), 'red.png');
    const up = await owner.ok<{ id: string }>('POST', '/api/v1/uploads', 201, { body: form });
    const candidates = [{ name: '빨강', imageId: up.id }, ...textCandidates(3, '후보 ')];
    const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '사진 카드', candidates } });
    let game = await owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
    while (game.match) {
      const pick = [game.match.a, game.match.b].find((c) => c.name === '빨강') ?? game.match.a;
      game = await owner.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: pick.id } });
    }
    expect(game.champion?.name).toBe('빨강');
    const page = await fetch(`${t.url}/s/${game.resultId}`);
    const html = await page.text();
    const png = Buffer.from(await (await fetch(metaOf(html, 'og:image') ?? '')).arrayBuffer());
    // The photo fills the card's left part (540 × 630).
    const { data } = await sharp(png).extract({ left: 200, top: 250, width: 100, height: 100 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const mean = (channel: number) => data.reduce((sum, v, i) => (i % 3 === channel ? sum + v : sum), 0) / (data.length / 3);
    expect(mean(0)).toBeGreaterThan(180);
    expect(mean(1)).toBeLessThan(70);

    expect(html).toContain('<meta name="versus:kakao-key" content="abcdef0123456789" />');
    expect(page.headers.get('content-security-policy')).toContain('https://t1.kakaocdn.net');
    const home = await fetch(`${t.url}/`);
    expect(await home.text()).toContain('versus:kakao-key');
  });
});

describe('without KAKAO_JS_KEY (sqlite)', () => {
  const t = useTestServer('sqlite');

  it('names no Kakao key and allows nothing of Kakao', async () => {
    const home = await fetch(`${t.url}/`);
    expect(await home.text()).not.toContain('kakao');
    expect(home.headers.get('content-security-policy')).not.toContain('kakao');
  });
});
