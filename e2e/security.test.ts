/**
 * The app with its Content-Security-Policy enforced (other browser tests bypass it for their own
 * page.evaluate strings): a world cup whose title, description and candidate names are HTML and
 * script is created through the API, then browsed, played to a champion and ranked. Everything must
 * render as text, no dialog may fire, no injected element may appear, and the app itself must
 * trigger no CSP violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

const XSS = '<img src=x onerror=alert(1)>';
const NAMES = [XSS, '<script>alert(2)</script>', '"><svg onload=alert(3)>', '<b>bold</b>'];

describe.skipIf(!hasChromium)('user text in the browser, CSP enforced', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let wc: WorldCup;
  const dialogs: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    const api = new ApiClient(() => server.url);
    wc = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: XSS, description: '<script>alert(4)</script> & <i>more</i>', tags: ['<b>tag</b>'], candidates: NAMES.map((name) => ({ name, text: name })) },
    });
    browser = await launchBrowser();
    context = await newContext(browser, 'desktop', 'ko-KR', { enforceCsp: true });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('home, world cup page, play and ranking show the markup as text; nothing runs', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('worldcup-title').first().textContent()).toBe(XSS);

    await page.goto(`${server.url}/w/${wc.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(XSS);
    await expect.poll(() => page.getByText('<script>alert(4)</script> & <i>more</i>').count()).toBeGreaterThan(0);

    // Play the whole 4-candidate bracket by clicking side a.
    await page.getByTestId('start-game').click();
    // Locators only (this page's CSP refuses the eval that page functions need). A new match
    // ignores picks for a moment: wait until it is ready (aria-busy false) before each click.
    for (let k = 0; k < 3; k++) {
      const ready = page.locator('[data-testid="match"][aria-busy="false"]');
      await ready.waitFor();
      const key = (await ready.getAttribute('data-match-key')) ?? '';
      await page.getByTestId('candidate-a').click();
      await page.locator(`[data-testid="champion"], [data-testid="match"][aria-busy="false"]:not([data-match-key="${key}"])`).first().waitFor();
    }
    const champion = (await page.getByTestId('champion-name').textContent()) ?? '';
    expect(NAMES).toContain(champion);
    await shot(page, 'security-champion');

    await page.getByTestId('see-ranking').click();
    await expect.poll(() => page.getByTestId('ranking-row').count(), { timeout: 10_000 }).toBe(NAMES.length);
    for (const name of NAMES) await expect.poll(() => page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    await shot(page, 'security-ranking');

    // None of the markup became elements: no <img src=x>, no <svg>, no <b> inside user text.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('main svg[onload]').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
  });
});
