/**
 * Lists that load page by page (src/web/lib/pager.svelte.ts): the home page shows 24 world cups,
 * "더 보기" appends the rest once each, and the button goes away at the end.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('paged lists', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    const api = new ApiClient(() => server.url);
    for (let k = 1; k <= 30; k++) {
      await api.ok('POST', '/api/v1/worldcups', 201, { json: { title: `paged cup ${String(k).padStart(2, '0')}`, candidates: textCandidates(4) } });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('home appends the next page without repeats, then hides "load more"', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${server.url}/?sort=new`);
    const titles = page.getByTestId('worldcup-title');
    await expect.poll(() => titles.count(), { timeout: 10_000 }).toBe(24);
    await page.getByTestId('load-more').click();
    await expect.poll(() => titles.count()).toBe(30);
    const shown = await titles.allTextContents();
    expect(new Set(shown).size).toBe(30);
    expect(shown[0]).toBe('paged cup 30'); // newest first, and the first page stayed in place
    expect(await page.getByTestId('load-more').count()).toBe(0);
    await context.close();
  });
});
