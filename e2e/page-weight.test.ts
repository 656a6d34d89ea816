/**
 * Route-level code splitting in the built app (dist/web): the play page's first load fetches its own
 * chunks only, brotli-compressed, not the whole bundle (the create form's chunk is not among them),
 * and the create form still comes when the player navigates there afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext, shot, waitForMatch, waitForNext } from './support.js';

const hasChromium = await requireDependency('chromium');
const ASSETS = path.resolve('dist/web/assets');

describe.skipIf(!hasChromium)('page weight', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Script files fetched so far (names under /assets/) and their Content-Encoding. */
  const scripts = new Map<string, string | undefined>();

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    browser = await launchBrowser();
    context = await newContext(browser, 'phone');
    page = await context.newPage();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) scripts.set(path.basename(url.pathname), res.headers()['content-encoding']);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the play page loads its own chunks, compressed, and the create form only when asked for', async () => {
    const list = (await (await fetch(`${server.url}/api/v1/worldcups?sort=popular`)).json()) as { items: { id: string }[] };
    const starter = list.items[0];
    if (!starter) throw new Error('no starter world cup');
    // The context's request client shares the page's cookies: the game is the page's.
    const res = await context.request.post(`${server.url}/api/v1/worldcups/${starter.id}/games`, { data: { size: 4 } });
    expect(res.status()).toBe(201);
    const game = (await res.json()) as { id: string };

    await page.goto(`${server.url}/play/${game.id}`);
    const first = await waitForMatch(page);
    await page.waitForLoadState('networkidle');

    const all = fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    const size = (names: Iterable<string>) => [...names].reduce((sum, f) => sum + fs.statSync(path.join(ASSETS, f)).size, 0);
    const loaded = [...scripts.keys()];
    expect(loaded.some((f) => f.startsWith('PlayPage-'))).toBe(true);
    expect(loaded.some((f) => f.startsWith('EditorPage-'))).toBe(false);
    expect(loaded.some((f) => f.startsWith('RankingPage-') || f.startsWith('AdminPage-'))).toBe(false);
    expect(size(loaded)).toBeLessThan(size(all) / 2);
    expect([...scripts.values()].every((encoding) => encoding === 'br')).toBe(true);

    // The page works: a pick moves on to the next match.
    await page.getByTestId('candidate-a').click();
    await waitForNext(page, first.key);

    // Then the create page, through the header's link (a client-side navigation): its chunk comes now.
    await page.getByTestId('nav-create').click();
    await page.getByTestId('title-input').waitFor();
    expect([...scripts.keys()].some((f) => f.startsWith('EditorPage-'))).toBe(true);
    await shot(page, 'weight-create-after-play');
  });
});
