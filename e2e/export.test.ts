/**
 * The ranking page's downloads in the browser: the creator (on a 390 px phone) gets the ranking CSV
 * and the vote log, the same files as the API serves; a stranger gets the CSV only. Screenshots go to
 * /tmp/versus-shots/ (export-*).
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Game, Ranking, WorldCup } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

/** Clicks a download link and returns what was downloaded, with the file name the browser chose. */
async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

describe.skipIf(!hasChromium)('ranking downloads in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let wc: WorldCup;
  let owner: Page;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    owner = await (await newContext(browser, 'phone')).newPage();
    await owner.goto(`${server.url}/`);
    // Created from the page, so that the browser's session is the creator.
    const body = JSON.stringify({ title: '다운로드 월드컵', candidates: ['=SUM(1)', 'Beta', 'Gamma', 'Delta'].map((name) => ({ name, text: name })) });
    wc = await evaluate<WorldCup>(
      owner,
      `fetch('/api/v1/worldcups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} }).then((r) => r.json())`,
    );
    const player = new ApiClient(() => server.url);
    let game = await player.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
    while (game.match) game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the creator downloads the API's ranking.csv and the vote log, on a phone", async () => {
    await owner.goto(`${server.url}/w/${wc.id}/ranking`);
    await owner.getByTestId('download-csv').waitFor();
    expect(await owner.getByTestId('download-csv').textContent()).toBe('랭킹 CSV');
    expect(await overflowsHorizontally(owner)).toBe(false);
    await owner.getByTestId('downloads').scrollIntoViewIfNeeded();
    await shot(owner, 'export-phone');

    const csv = await download(owner, 'download-csv');
    expect(csv.name).toBe(`versus-${wc.id}-ranking.csv`);
    const api = new ApiClient(() => server.url);
    expect(csv.text).toBe((await api.request('GET', `/api/v1/worldcups/${wc.id}/ranking.csv`)).text);
    expect(csv.text).toContain("'=SUM(1)");

    const votes = await download(owner, 'download-votes');
    expect(votes.name).toBe(`versus-${wc.id}-votes.jsonl`);
    const ranking = await api.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
    expect(votes.text.trim().split('\n')).toHaveLength(ranking.votes);
  });

  test('a stranger gets the CSV link only (English)', async () => {
    const page = await (await newContext(browser, 'desktop', 'en-US')).newPage();
    await page.goto(`${server.url}/w/${wc.id}/ranking`);
    await page.getByTestId('download-csv').waitFor();
    expect(await page.getByTestId('download-csv').textContent()).toBe('Ranking CSV');
    expect(await page.getByTestId('download-votes').count()).toBe(0);
    await shot(page, 'export-desktop');
  });
});
