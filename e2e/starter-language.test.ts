/**
 * The starter world cups follow the UI language (issue 12): in Korean the car world cup's page
 * shows its Korean title, description, captions and country labels; in English the English ones;
 * switching the language on the page switches them. Chromium. Screenshots:
 * /tmp/versus-shots/starter-ko-phone.png, starter-en-desktop.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorldCupPage } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext, shot, waitForMatch } from './support.js';

const hasChromium = await requireDependency('chromium');
const HANGUL = /[가-힣]/;

describe.skipIf(!hasChromium)('starter world cups in the UI language', () => {
  let server: TestServer;
  let browser: Browser;
  let carsId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const page = await new ApiClient(() => server.url).ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new', 200);
    carsId = page.items.find((w) => w.title.startsWith('드림카'))?.id ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('Korean, then English on the switch; English from the start in an English browser', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${carsId}`);
    const heading = page.getByTestId('worldcup-heading');
    await expect.poll(() => heading.textContent()).toBe('드림카 월드컵 2024');
    expect(await page.locator('.desc').textContent()).not.toMatch(/[A-Za-z]{5,}/);
    await shot(page, 'starter-ko-phone');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => heading.textContent()).toBe('Dream Cars 2024');
    expect(await page.locator('.desc').textContent()).not.toMatch(HANGUL);
    await context.close();

    const en = await newContext(browser, 'desktop', 'en-US');
    const p = await en.newPage();
    await p.goto(server.url);
    await expect.poll(() => p.getByTestId('worldcup-title').allTextContents()).toContain('Dream Cars 2024');
    await p.goto(`${server.url}/w/${carsId}`);
    await expect.poll(() => p.getByTestId('worldcup-heading').textContent()).toBe('Dream Cars 2024');
    await shot(p, 'starter-en-desktop');
    // In play: the caption is English and the country label too.
    await p.getByTestId('start-game').click();
    await waitForMatch(p);
    const sub = await p.locator('[data-testid="candidate-a"] .sub').textContent();
    expect(sub).not.toMatch(HANGUL);
    await p.getByTestId('lang-ko').click();
    await p.reload();
    await waitForMatch(p);
    expect(await p.locator('[data-testid="candidate-a"] .sub').textContent()).toMatch(HANGUL);
    await en.close();
  });
});
