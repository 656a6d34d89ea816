/**
 * First-impression details of issue 12, in chromium: a friendly not-found page for a world cup that
 * is not there. Screenshots in /tmp/versus-shots/details-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Game, Ranking, WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { PHONE, evaluate, launchBrowser, newContext, overflowsHorizontally, shot, waitForMatch, waitForNext } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('first-impression details', () => {
  let server: TestServer;
  let browser: Browser;
  let wc: WorldCup;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    wc = await new ApiClient(() => server.url).ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '찾을 수 있는 월드컵', candidates: textCandidates(8) },
    });
    for (let i = 0; i < 7; i++) {
      await new ApiClient(() => server.url).ok('POST', '/api/v1/worldcups', 201, { json: { title: `섞일 월드컵 ${i}`, candidates: textCandidates(4) } });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('/w/<bad id> and its ranking say what happened, and offer search and the way home', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    for (const path of ['/w/no-such-worldcup', '/w/no-such-worldcup/ranking']) {
      await page.goto(server.url + path);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('월드컵을 찾을 수 없어요');
      expect(await page.getByTestId('not-found').textContent()).toContain('삭제되었거나 비공개');
      expect(await page.getByTestId('not-found-home').getAttribute('href')).toBe('/');
      expect(await overflowsHorizontally(page)).toBe(false);
    }
    await shot(page, 'details-not-found-phone');
    // The search leads to the home page's results.
    await page.getByTestId('not-found-search').fill('찾을 수 있는');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/\?q=/);
    await page.locator(`a[href="/w/${wc.id}"]`).first().waitFor();

    // An unknown page says so as well, in English too.
    const en = await newContext(browser, 'desktop', 'en-US');
    const p = await en.newPage();
    await p.goto(`${server.url}/w/no-such-worldcup`);
    await p.getByTestId('not-found').waitFor();
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('World cup not found');
    await shot(p, 'details-not-found-desktop');
    await p.goto(`${server.url}/nowhere/at/all`);
    await p.getByTestId('not-found').waitFor();
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('This page does not exist.');
    await context.close();
    await en.close();
  });

  test('랜덤 on the home page: the seed is in the address, a reload keeps the order, another press reshuffles', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const order = () => evaluate<string[]>(page, `Array.from(document.querySelectorAll('[data-testid="worldcup-card"]'), (c) => c.getAttribute('data-worldcup-id'))`);
    await page.goto(server.url);
    await page.getByTestId('worldcup-card').first().waitFor();
    await page.getByTestId('sort-random').click();
    await page.waitForURL(/\?sort=random&seed=\d+$/);
    expect(await page.getByTestId('sort-random').getAttribute('aria-pressed')).toBe('true');
    const seed = new URL(page.url()).searchParams.get('seed');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '랜덤 월드컵' }).count()).toBe(1);
    await page.waitForLoadState('networkidle');
    const shuffled = await order();
    expect(shuffled).toHaveLength(8);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'details-random-phone');

    await page.reload();
    await page.getByTestId('worldcup-card').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await order()).toEqual(shuffled);
    expect(new URL(page.url()).searchParams.get('seed')).toBe(seed);

    await page.getByTestId('sort-random').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('seed')).not.toBe(seed);
    await context.close();
  });

  test('the full name is readable during play on a phone, and text candidates are not clipped in tiles', async () => {
    const long = (base: string) => (base + ' ').repeat(8).slice(0, 60).trim().padEnd(60, '!');
    const names = [
      long('아주 긴 이름을 가진 후보가 끝까지 다 보여야 해요'),
      long('Aston Martin Valkyrie AMR Pro Limited Track Edition'),
      long('포르쉐 911 GT3 RS 바이자흐 패키지 한정판'),
      long('Mercedes-AMG ONE Formula One Hybrid Road Car'),
    ];
    expect(names.every((n) => n.length === 60)).toBe(true);
    const api = new ApiClient(() => server.url);
    const long4 = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '긴 이름 월드컵', candidates: names.map((name, i) => ({ name, text: i % 2 ? 'Supercalifragilistic expialidocious words' : '아주 긴 글 후보의 설명 문장입니다' })) },
    });
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${long4.id}`);
    await page.getByTestId('start-game').click();
    await waitForMatch(page);
    const fits = `Array.from(document.querySelectorAll('[data-testid="candidate-name"]'), (e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent, fits: e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1
        && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
        ellipsis: getComputedStyle(e).textOverflow === 'ellipsis' && getComputedStyle(e).whiteSpace === 'nowrap' };
    })`;
    const shown = await evaluate<{ text: string; fits: boolean; ellipsis: boolean }[]>(page, fits);
    expect(shown).toHaveLength(2);
    for (const s of shown) {
      expect(names).toContain(s.text);
      expect(s).toMatchObject({ fits: true, ellipsis: false });
    }
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'details-long-names-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect((await evaluate<{ fits: boolean }[]>(page, fits)).every((s) => s.fits)).toBe(true);
    await shot(page, 'details-long-names-desktop');

    // Play it out: the champion, a text candidate, shows in the recent champions' small tile.
    for (let k = 0; k < 3; k++) {
      const m = await waitForMatch(page);
      await page.getByTestId('candidate-a').click();
      await waitForNext(page, m.key);
    }
    await page.getByTestId('champion').waitFor();
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/w/${long4.id}`);
    await page.getByTestId('champion-notice').first().waitFor();
    // The tile is too small for words: one legible character, no clipped text.
    const tile = await evaluate<{ glyph: boolean; text: boolean }>(page, `(() => {
      const media = document.querySelector('[data-testid="champion-notice"] .media.text');
      const visible = (e) => !!e && getComputedStyle(e).display !== 'none';
      return { glyph: visible(media?.querySelector('.glyph')), text: visible(media?.querySelector('p')) };
    })()`);
    expect(tile).toEqual({ glyph: true, text: false });
    // The candidates' grid tiles show the text in whole words (no word cut in the middle).
    const words = await evaluate<boolean[]>(page, `Array.from(document.querySelectorAll('.candidates .media.text p'), (p) => p.scrollWidth <= p.clientWidth)`);
    expect(words.length).toBe(4);
    expect(words.every(Boolean)).toBe(true);
    await page.getByTestId('recent-champions').scrollIntoViewIfNeeded();
    await shot(page, 'details-text-tiles-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'details-text-tiles-desktop');
    await context.close();
  });

  test('ranking headers stay in view while scrolling; the head-to-head map is usable on a 390 px phone', async () => {
    const api = new ApiClient(() => server.url);
    const ranked = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '순위 월드컵', candidates: textCandidates(16) } });
    for (let g = 0; g < 6; g++) {
      let game = await api.ok<Game>('POST', `/api/v1/worldcups/${ranked.id}/games`, 201, { json: { size: 16 } });
      while (game.match) {
        const winner = (g + game.picks) % 3 === 0 ? game.match.b.id : game.match.a.id;
        game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner, picks: game.picks } });
      }
    }
    await expect.poll(async () => (await api.ok<Ranking>('GET', `/api/v1/worldcups/${ranked.id}/ranking`, 200)).votes, { timeout: 15_000 }).toBe(90);

    for (const kind of ['phone', 'desktop'] as const) {
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      await page.goto(`${server.url}/w/${ranked.id}/ranking`);
      await page.getByTestId('ranking-row').first().waitFor();
      // Scroll the page well past the table's top: its header row sits right under the site header.
      await evaluate(page, `window.scrollTo(0, document.querySelector('[data-testid="ranking-table"]').getBoundingClientRect().top + window.scrollY + 300)`);
      await page.waitForTimeout(100);
      const header = await evaluate<{ top: number; siteHeader: number; tableTop: number }>(page, `(() => ({
        top: document.querySelector('[data-testid="ranking-table"] thead th').getBoundingClientRect().top,
        siteHeader: document.querySelector('header').getBoundingClientRect().bottom,
        tableTop: document.querySelector('[data-testid="ranking-table"]').getBoundingClientRect().top,
      }))()`);
      expect(header.tableTop).toBeLessThan(0);
      expect(Math.abs(header.top - header.siteHeader)).toBeLessThanOrEqual(1);
      expect(await overflowsHorizontally(page)).toBe(false);
      await shot(page, `details-sticky-header-${kind}`);
      if (kind === 'desktop') {
        // The map's column labels likewise, when its grid fits the width.
        await page.goto(`${server.url}/w/${ranked.id}/matrix`);
        await expect.poll(() => page.getByTestId('h2h-cell').count()).toBe(256);
        await page.setViewportSize({ width: 1280, height: 500 });
        await evaluate(page, `window.scrollTo(0, document.querySelector('[data-testid="h2h-head"]').getBoundingClientRect().top + window.scrollY + 200)`);
        await page.waitForTimeout(100);
        const map = await evaluate<{ top: number; siteHeader: number; firstRow: number }>(page, `(() => ({
          top: document.querySelector('[data-testid="h2h-head"]').getBoundingClientRect().top,
          siteHeader: document.querySelector('header').getBoundingClientRect().bottom,
          firstRow: document.querySelector('[data-testid="h2h-cell"]').getBoundingClientRect().top,
        }))()`);
        expect(map.firstRow).toBeLessThan(map.siteHeader);
        expect(Math.abs(map.top - map.siteHeader)).toBeLessThanOrEqual(1);
        await shot(page, 'details-sticky-map-desktop');
      }
      await context.close();
    }

    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${ranked.id}/matrix`);
    await expect.poll(() => page.getByTestId('h2h-cell').count()).toBe(256);
    expect(await overflowsHorizontally(page)).toBe(false);
    // The list form: one candidate's record against each of the 15 others, readable sentences.
    const items = page.getByTestId('h2h-list-item');
    expect(await items.count()).toBe(15);
    const first = await items.allTextContents();
    await page.getByTestId('h2h-list-select').selectOption({ index: 5 });
    await expect.poll(() => items.allTextContents()).not.toEqual(first);
    expect((await items.allTextContents()).every((text) => /승|만난 적|맞붙은/.test(text))).toBe(true);
    await shot(page, 'details-h2h-phone', { full: true });
    // Every cell of the grid can be reached and tapped: the far corner too.
    const corner = page.locator('[data-testid="h2h-cell"][data-i="15"][data-j="14"]');
    await corner.scrollIntoViewIfNeeded();
    await corner.tap();
    await expect.poll(() => page.getByTestId('h2h-readout').textContent()).toBe(await corner.getAttribute('aria-label'));
    expect(await overflowsHorizontally(page)).toBe(false);
    await context.close();
  });
});
