/**
 * First-impression details of issue 12, in chromium: a friendly not-found page for a world cup that
 * is not there. Screenshots in /tmp/versus-shots/details-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

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
});
