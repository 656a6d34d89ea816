/**
 * Browser tests over the real server (fresh SQLite, seeded) and the built web app: create a world cup
 * by uploading images, play it with the keyboard on a desktop and by touch on a phone, check the
 * ranking, and search the home page. Screenshots of every page go to /tmp/versus-shots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { currentMatch, dropFiles, evaluate, launchBrowser, makeColourPngs, newContext, overflowsHorizontally, shot, waitForMatch, waitForNext } from './support.js';

/** MATCH_SETTLE_MS of src/web/lib/input-guard.ts (web code, not importable from the tests' Node build). */
const SETTLE_MS = 300;

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('Versus in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  /** Set by the create test; the play tests use it. */
  let worldcupId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    desktop = await newContext(browser, 'desktop');
    page = await desktop.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('creates a world cup by uploading 8 images', async () => {
    const files = await makeColourPngs();
    await page.goto(`${server.url}/create`);
    await shot(page, 'desktop-create-empty');
    expect(await page.getByTestId('dropzone').textContent()).toContain('끌어다 놓으세요'); // a mouse can drop files
    await page.getByTestId('title-input').fill('색깔 월드컵');
    await page.getByTestId('description-input').fill('가장 좋아하는 색은?');
    await page.getByTestId('tag-input').fill('색깔');
    await page.keyboard.press('Enter');
    await page.getByTestId('dropzone-input').setInputFiles(files);

    const rows = page.getByTestId('candidate-row');
    await expect.poll(() => rows.count()).toBe(8);
    await page.waitForFunction(`document.querySelectorAll('[data-testid="candidate-row"][data-uploading="false"]').length === 8`);
    const names = page.getByTestId('candidate-name-input');
    expect(await names.nth(0).inputValue()).toBe('red');
    expect(await names.nth(7).inputValue()).toBe('purple');
    await names.nth(2).fill('노랑 (개나리)');
    await shot(page, 'desktop-create-filled', { full: true });

    await page.getByTestId('submit-worldcup').click();
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
    worldcupId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await expect.poll(() => page.getByTestId('worldcup-heading').textContent()).toBe('색깔 월드컵');
    expect(await page.getByTestId('size-option').count()).toBe(2); // 4강, 8강
    await shot(page, 'desktop-worldcup', { full: true });
  });

  test('plays to a champion with the keyboard, undoes once, and ranks the champion first', async () => {
    expect(worldcupId).not.toBe('');
    await page.goto(`${server.url}/w/${worldcupId}`);
    await expect.poll(() => page.locator('[data-testid="size-option"] input:checked').getAttribute('value')).toBe('8');
    await page.getByTestId('start-game').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/play\//);

    let m = await waitForMatch(page);
    expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('8강 1/4');
    await shot(page, 'desktop-play');

    // Pick once, then undo with Backspace: the same match is back.
    await page.keyboard.press('ArrowLeft');
    await waitForNext(page, m.key);
    const second = await waitForMatch(page);
    expect(second.key).not.toBe(m.key);
    await page.keyboard.press('Backspace');
    await waitForNext(page, second.key);
    const again = await waitForMatch(page);
    expect(again).toEqual(m);

    // Reloading the URL resumes the game at the same match.
    await page.reload();
    expect(await waitForMatch(page)).toEqual(m);

    // Play on to the end, alternating ←/→.
    let picks = 0;
    for (;;) {
      const cur = await currentMatch(page);
      if (!cur) break;
      if (cur.key.startsWith('2-')) {
        expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('결승');
        await shot(page, 'desktop-play-final');
      }
      if (cur.key.startsWith('4-0-')) expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('준결승 1/2');
      await page.keyboard.press(picks % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
      picks += 1;
      await waitForNext(page, cur.key);
      m = cur;
    }
    expect(picks).toBe(7);
    const champion = page.getByTestId('champion');
    await expect.poll(() => champion.isVisible()).toBe(true);
    const championId = await champion.getAttribute('data-candidate-id');
    const championName = (await page.getByTestId('champion-name').textContent())?.trim();
    expect(championName).toBe(m.a); // the 7th pick (the final) is ←
    await shot(page, 'desktop-champion');

    await page.getByTestId('see-ranking').click();
    await page.waitForURL(/\/ranking$/);
    const rows = page.getByTestId('ranking-row');
    await expect.poll(() => rows.count()).toBe(8);
    const champRow = page.locator(`[data-testid="ranking-row"][data-candidate-id="${championId}"]`);
    expect(Number(await champRow.getAttribute('data-championships'))).toBeGreaterThan(0);
    expect(await champRow.getByTestId('ranking-championship-rate').textContent()).toContain('100.0%');
    expect(await rows.first().getAttribute('data-candidate-id')).toBe(championId);
    await shot(page, 'desktop-ranking', { full: true });

    // Sorting by a header works from the keyboard too.
    await page.getByTestId('sort-winRate').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
  });

  test('plays on a phone by tapping, with the candidates stacked and no horizontal scroll', async () => {
    const phone = await newContext(browser, 'phone');
    const p = await phone.newPage();
    try {
      await p.goto(`${server.url}/w/${worldcupId}`);
      await p.getByTestId('start-game').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-worldcup', { full: true });
      await p.getByTestId('start-game').tap();
      await p.waitForURL(/\/play\//);
      let m = await waitForMatch(p);
      const a = await p.getByTestId('candidate-a').boundingBox();
      const b = await p.getByTestId('candidate-b').boundingBox();
      expect(a && b).toBeTruthy();
      if (a && b) {
        expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
        expect(a.height).toBeGreaterThan(200); // big tap targets
        expect(b.y + b.height).toBeLessThanOrEqual(844); // both fit on screen
      }
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-play');
      for (let i = 0; i < 7; i += 1) {
        await p.getByTestId(i % 2 === 0 ? 'candidate-a' : 'candidate-b').tap();
        await waitForNext(p, m.key);
        const next = await currentMatch(p);
        if (!next) break;
        m = next;
      }
      await p.getByTestId('champion').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-champion');
      await p.getByTestId('see-ranking').tap();
      await expect.poll(() => p.getByTestId('ranking-row').count()).toBe(8);
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-ranking', { full: true });

      await p.goto(`${server.url}/create`);
      await p.getByTestId('title-input').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      // A phone has nothing to drag files with: the page asks to choose them, never to drop them.
      expect(await p.getByText(/끌어다/).count()).toBe(0);
      expect(await p.getByTestId('dropzone').textContent()).toContain('이미지를 고르세요');
      await shot(p, 'phone-create', { full: true });
      await p.goto(`${server.url}/mine`);
      await p.getByTestId('status-empty').waitFor();
      await shot(p, 'phone-mine-empty');
    } finally {
      await phone.close();
    }
  });

  test('a double tap on a phone makes one pick: the next match ignores taps until it has been shown for a moment', async () => {
    const phone = await newContext(browser, 'phone');
    const p = await phone.newPage();
    try {
      await p.goto(`${server.url}/w/${worldcupId}`);
      await p.getByTestId('start-game').tap();
      await p.waitForURL(/\/play\//);
      const gameId = new URL(p.url()).pathname.split('/')[2] ?? '';
      const picksNow = () => evaluate<number>(p, `fetch('/api/v1/games/${gameId}').then((r) => r.json()).then((g) => g.picks)`);
      // The page records when each match appeared and when each tap landed, on which match: on a
      // loaded machine a tap can be delivered late, and a tap that lands after the pause is a pick.
      await evaluate(p, `(() => {
        const keyNow = () => document.querySelector('[data-testid="match"]')?.getAttribute('data-match-key') ?? '';
        window.__shown = {}; window.__taps = [];
        new MutationObserver(() => { const k = keyNow(); if (k && !(k in window.__shown)) window.__shown[k] = performance.now(); })
          .observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-match-key'] });
        document.addEventListener('touchstart', () => window.__taps.push({ at: performance.now(), key: keyNow() }), true);
      })()`);
      let judged = 0;
      for (let attempt = 0; attempt < 4 && judged < 1; attempt++) {
        const first = await waitForMatch(p);
        const before = await picksNow();
        // Two taps 200 ms apart, as a thumb's double tap: the second lands on the match the first one brought.
        await p.getByTestId('candidate-a').tap();
        await p.waitForTimeout(200);
        await p.getByTestId('candidate-a').tap({ force: true });
        await waitForNext(p, first.key);
        await p.waitForTimeout(500);
        const second = await evaluate<{ at: number; key: string; shownAt: number | null }>(
          p,
          `(() => { const t = window.__taps.at(-1); return { ...t, shownAt: window.__shown[t.key] ?? null }; })()`,
        );
        const withinPause = second.key === first.key || (second.shownAt !== null && second.at - second.shownAt < SETTLE_MS);
        if (!withinPause) continue; // delivered after the pause: a deliberate pick, nothing to judge
        expect(await picksNow()).toBe(before + 1);
        judged++;
      }
      expect(judged, 'a second tap landed within the pause at least once').toBe(1);
      // Once it has been shown for a moment, the next tap picks as usual.
      const shown = await waitForMatch(p);
      const before = await picksNow();
      await p.getByTestId('candidate-b').tap();
      await waitForNext(p, shown.key);
      expect(await picksNow()).toBe(before + 1);
    } finally {
      await phone.close();
    }
  });

  test('home lists the starter world cups and searches them', async () => {
    await page.goto(server.url);
    const titles = () => page.getByTestId('worldcup-title').allTextContents();
    // Starter titles may carry an English subtitle, e.g. "드림카 월드컵 2024 (Dream Cars 2024)".
    await expect
      .poll(titles, { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('드림카 월드컵 2024'), expect.stringContaining('오픈소스 vs 폐쇄형 AI 2024')]));
    await shot(page, 'desktop-home');
    await page.getByTestId('search-input').fill('드림');
    await expect.poll(titles).toEqual([expect.stringContaining('드림카 월드컵 2024')]);
    await expect.poll(() => page.url()).toContain('q=');
    await shot(page, 'desktop-home-search');

    // A starter world cup, played a little: 16강 labels and real artwork.
    await page.getByTestId('worldcup-card').first().click();
    await page.getByTestId('start-game').waitFor();
    await page.locator('[data-testid="size-option"][data-size="16"]').click();
    await shot(page, 'desktop-worldcup-starter');
    await page.getByTestId('start-game').click();
    let m = await waitForMatch(page);
    expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('16강 1/8');
    for (let i = 0; i < 2; i += 1) {
      await page.getByTestId('candidate-b').click();
      await waitForNext(page, m.key);
      m = await waitForMatch(page);
    }
    expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('16강 3/8');
    await page.getByTestId('lang-en').click();
    expect((await page.getByTestId('round-label').textContent())?.trim()).toBe('Round of 16 · 3/8');
    await shot(page, 'desktop-play-starter-en');
    await page.getByTestId('lang-ko').click();

    const phone = await newContext(browser, 'phone');
    const p = await phone.newPage();
    try {
      await p.goto(server.url);
      await expect.poll(() => p.getByTestId('worldcup-card').count()).toBeGreaterThanOrEqual(2);
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-home', { full: true });
      await p.locator('[data-testid="worldcup-card"]', { hasText: '드림카' }).tap();
      await p.getByTestId('start-game').tap();
      await waitForMatch(p);
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'phone-play-starter');
    } finally {
      await phone.close();
    }
  });

  test('lists, edits and deletes my world cups', async () => {
    await page.goto(`${server.url}/mine`);
    await expect.poll(() => page.getByTestId('mine-item').count()).toBe(1);
    expect(await page.getByTestId('visibility-badge').textContent()).toBe('공개');
    await shot(page, 'desktop-mine');

    await page.getByTestId('edit-worldcup').click();
    await page.waitForURL(/\/edit\//);
    await expect.poll(() => page.getByTestId('candidate-row').count()).toBe(8);
    await page.getByTestId('title-input').fill('색깔 월드컵 (수정)');
    await page.getByTestId('visibility-unlisted').click();
    await page.getByTestId('remove-candidate').first().click();
    // A file dropped on the drop zone uploads and becomes a candidate too (its name de-duplicated).
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 20, g: 20, b: 20 } } }).png().toBuffer();
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'navy.png', type: 'image/png', base64: png.toString('base64') }]);
    await page.waitForFunction(`document.querySelectorAll('[data-testid="candidate-row"][data-uploading="false"]').length === 8`);
    expect(await page.getByTestId('candidate-name-input').last().inputValue()).toBe('navy (2)');
    await shot(page, 'desktop-edit', { full: true });
    await page.getByTestId('submit-worldcup').click();
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => page.getByTestId('worldcup-heading').textContent()).toBe('색깔 월드컵 (수정)');
    expect(await page.locator('.candidates li').count()).toBe(8);

    await page.goto(`${server.url}/mine`);
    await page.getByTestId('delete-worldcup').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('status-empty').waitFor();
  });

  test('validates the create form with the server rules, in English too', async () => {
    const en = await newContext(browser, 'desktop', 'en-US');
    const p = await en.newPage();
    try {
      await p.goto(`${server.url}/create`);
      await p.getByTestId('submit-worldcup').click();
      await expect.poll(() => p.locator('.field-error').allTextContents()).toEqual(
        expect.arrayContaining(['Required.', 'A world cup needs at least 4 candidates.']),
      );
      expect(await evaluate<string>(p, 'document.documentElement.lang')).toBe('en');
      await shot(p, 'desktop-create-errors-en');
      await p.getByTestId('lang-ko').click();
      expect(await evaluate<string>(p, 'document.documentElement.lang')).toBe('ko');
      expect(await p.locator('.field-error').allTextContents()).toEqual(expect.arrayContaining(['필수 항목이에요.']));
    } finally {
      await en.close();
    }
  });
});
