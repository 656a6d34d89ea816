/**
 * The ranking views in the browser, over the real server with the starter world cups: games of
 * "오픈소스 vs 폐쇄형 AI 2024" are played through the API so both camps have votes, then the table
 * (scores, interval bars, places and their ranges, the provisional section, sparklines), the
 * head-to-head map, the camp view and the "how it works" page are checked against the API, on a
 * desktop and on a 390 px phone.
 * Screenshots go to /tmp/versus-shots/ (ranking-*).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camps, Game, Matrix, Ranking, WorldCup, WorldCupPage } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

const GAMES = 12;

/** Plays `games` full brackets with deterministic, camp-biased picks (closed models win more often). */
async function playGames(api: ApiClient, wc: WorldCup, games: number): Promise<number> {
  let seed = 20240601;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const strength = new Map(wc.candidates.map((c, i) => [c.id, (c.group === 'closed' ? 0.9 : 0) + Math.sin(i * 2.3)]));
  let picks = 0;
  for (let g = 0; g < games; g += 1) {
    let game = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });
    while (!game.done && game.match) {
      const { a, b } = game.match;
      const p = 1 / (1 + Math.exp((strength.get(b.id) ?? 0) - (strength.get(a.id) ?? 0)));
      const winner = random() < p ? a.id : b.id;
      game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner, picks: game.picks } });
      picks += 1;
    }
  }
  return picks;
}

/** An attribute of every ranking row, top to bottom (browser code as a string: no DOM types here). */
function rowAttribute(page: Page, name: string): Promise<string[]> {
  return evaluate<string[]>(
    page,
    `Array.from(document.querySelectorAll('[data-testid="ranking-row"]')).map((e) => e.getAttribute(${JSON.stringify(name)}) ?? '')`,
  );
}

describe.skipIf(!hasChromium)('ranking views in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let api: ApiClient;
  let wc: WorldCup;
  let ranking: Ranking;

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(() => server.url);
    const list = await api.ok<WorldCupPage>('GET', `/api/v1/worldcups?q=${encodeURIComponent('오픈소스 vs 폐쇄형')}`, 200);
    const summary = list.items.find((w) => w.title.includes('오픈소스 vs 폐쇄형 AI 2024'));
    if (!summary) throw new Error('the AI starter world cup is missing');
    wc = await api.ok<WorldCup>('GET', `/api/v1/worldcups/${summary.id}`, 200);
    const votes = await playGames(api, wc, GAMES);
    // The engine scores in the background (debounced): wait until every candidate has a score.
    const deadline = Date.now() + 20_000;
    for (;;) {
      ranking = await api.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      if (ranking.votes === votes && ranking.items.every((it) => it.score !== null && it.ci !== null)) break;
      if (Date.now() > deadline) throw new Error(`ranking not scored after 20 s: ${JSON.stringify(ranking.items[0])}`);
      await delay(250);
    }
    browser = await launchBrowser();
    desktop = await newContext(browser, 'desktop');
    page = await desktop.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the table shows places 1…k with their ranges, interval bars, the provisional section and sparklines', async () => {
    await page.goto(`${server.url}/w/${wc.id}/ranking`);
    const rows = page.getByTestId('ranking-row');
    await expect.poll(() => rows.count()).toBe(16);
    const placed = ranking.items.filter((it) => !it.provisional);
    const provisional = ranking.items.filter((it) => it.provisional);
    expect(placed.length).toBeGreaterThan(0);

    // Placed candidates first in score order (the API's), then the provisional ones; sorted by score.
    const ids = await rowAttribute(page, 'data-candidate-id');
    expect(ids).toEqual([...placed, ...provisional].map((it) => it.candidateId));
    expect(await page.locator('th[aria-sort="descending"]').getAttribute('class')).toContain('col-score');

    // Every row has an interval bar around its score, its numbers in the accessible name.
    const bars = page.getByTestId('score-bar');
    expect(await bars.count()).toBe(16);
    const first = ranking.items[0];
    if (!first?.ci || first.score === null) throw new Error('unscored');
    const bar = rows.first().getByTestId('score-bar');
    expect(Number(await bar.getAttribute('data-score'))).toBe(Math.round(first.score));
    expect(await bar.getAttribute('aria-label')).toBe(
      `점수 ${Math.round(first.score)}, 95% 구간 ${Math.round(first.ci[0])}–${Math.round(first.ci[1])}`,
    );
    for (const b of await bars.all()) {
      const [lo, sc, hi] = await Promise.all(['data-lo', 'data-score', 'data-hi'].map(async (a) => Number(await b.getAttribute(a))));
      expect(lo).toBeLessThanOrEqual(sc ?? NaN);
      expect(sc).toBeLessThanOrEqual(hi ?? NaN);
    }
    await bar.hover();
    await expect.poll(() => rows.first().getByTestId('score-tip').isVisible()).toBe(true);
    expect(await rows.first().getByTestId('score-tip').textContent()).toContain(`${Math.round(first.ci[0])}–${Math.round(first.ci[1])}`);

    // Places are 1, 2, 3 … down the table, never shared; a range beside them where the intervals allow several.
    const positions = (await rowAttribute(page, 'data-position')).slice(0, placed.length).map(Number);
    expect(positions).toEqual(placed.map((_, i) => i + 1));
    expect(placed.map((it) => it.position)).toEqual(positions);
    expect((await rows.first().getByTestId('ranking-rank').innerText()).trim().split('\n')[0]).toBe('1');
    const wide = placed.find((it) => it.rankRange && it.rankRange[1] > it.rankRange[0]);
    if (wide?.rankRange) {
      const range = page.locator(`[data-candidate-id="${wide.candidateId}"] [data-testid="rank-range"]`);
      expect((await range.innerText()).replace(/\s+/g, ' ').trim()).toBe(`${wide.rankRange[0]}–${wide.rankRange[1]}위 가능`);
      expect(await range.getAttribute('title')).toBe(`95% 구간으로 보면 ${wide.rankRange[0]}위에서 ${wide.rankRange[1]}위 사이 어디든 될 수 있어요`);
    }
    expect(await page.getByTestId('ranking-table').innerText()).not.toContain('공동');

    // Provisional candidates: exactly those with too little data, in their own section, unnumbered.
    expect(provisional.every((it) => it.ci === null || it.matches < 10 || it.ci[1] - it.ci[0] > 400)).toBe(true);
    const section = page.getByTestId('provisional-section');
    expect(await section.count()).toBe(provisional.length > 0 ? 1 : 0);
    if (provisional.length > 0) {
      expect(await section.getByTestId('ranking-row').count()).toBe(provisional.length);
      for (const text of await section.getByTestId('ranking-rank').allInnerTexts()) expect(text).not.toMatch(/\d/);
    }

    // One sparkline per placed candidate with a trend, labelled so it does not read as the place.
    const withTrend = placed.filter((it) => it.trend.length > 0).length;
    expect(withTrend).toBeGreaterThan(0);
    expect(await page.getByTestId('rank-sparkline').count()).toBe(withTrend);
    expect(await page.getByTestId('rank-sparkline').first().getAttribute('aria-label')).toMatch(/^최고 가능 순위 추이/);

    await page.mouse.move(0, 0);
    await shot(page, 'ranking-desktop-table', { full: true });

    // Sorting by another column still works from the keyboard, and back to score.
    await page.getByTestId('sort-winRate').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').getAttribute('class')).toContain('col-winRate');
  });

  test('the head-to-head map colours each pair and tells its record', async () => {
    const matrix = await api.ok<Matrix>('GET', `/api/v1/worldcups/${wc.id}/matrix`, 200);
    await page.goto(`${server.url}/w/${wc.id}/ranking`);
    await page.getByTestId('tab-matrix').click();
    await expect.poll(() => page.url()).toMatch(/\/matrix$/);
    const cells = page.getByTestId('h2h-cell');
    await expect.poll(() => cells.count()).toBe(16 * 16);

    // The pair with the most meetings: its cell (row a, column b) tells a's record and the prediction.
    // Rows and columns follow the table: placed candidates by position, numbered alike; provisional ones last, unnumbered.
    const order = [
      ...matrix.candidates.filter((c) => c.position !== null).sort((x, y) => (x.position ?? 0) - (y.position ?? 0)),
      ...matrix.candidates.filter((c) => c.position === null),
    ];
    expect(await page.getByTestId('h2h-number').allTextContents()).toEqual(order.map((c) => (c.position === null ? '–' : String(c.position))));
    const cell = [...matrix.cells].sort((x, y) => y.wins + y.losses + y.ties - (x.wins + x.losses + x.ties))[0];
    if (!cell) throw new Error('no pair has met');
    const i = order.findIndex((c) => c.id === cell.a);
    const j = order.findIndex((c) => c.id === cell.b);
    const a = order[i]?.name ?? '';
    const b = order[j]?.name ?? '';
    const rect = page.locator(`[data-testid="h2h-cell"][data-i="${i}"][data-j="${j}"]`);
    const label = await rect.getAttribute('aria-label');
    expect(label).toContain(`${a} 대 ${b}: ${cell.wins}승 ${cell.losses}패`);
    if (cell.predicted !== null) expect(label).toContain(`예상 승률 ${Math.round(cell.predicted * 100)}%`);
    expect(await rect.getAttribute('fill')).toMatch(/^rgb\(/);
    await rect.hover();
    const tip = page.getByTestId('h2h-tip');
    await expect.poll(() => tip.textContent()).toBe(label);
    await shot(page, 'ranking-desktop-matrix', { full: true });

    // Keyboard: the grid is one tab stop; arrows move the focus and the focused cell announces itself.
    await rect.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await evaluate<string | null>(page, `document.activeElement?.getAttribute('aria-label') ?? null`);
    const below = await page.locator(`[data-testid="h2h-cell"][data-i="${Math.min(15, i + 1)}"][data-j="${j}"]`).getAttribute('aria-label');
    expect(focused).toBe(i + 1 <= 15 ? below : label);
    expect(await page.locator('[data-testid="h2h-cell"][tabindex="0"]').count()).toBe(1);

    // In English, the same cell reads "A beat B 7–3" / "A lost to B 3–7".
    await page.getByTestId('lang-en').click();
    const en = await rect.getAttribute('aria-label');
    const verb = cell.wins > cell.losses ? 'beat' : cell.wins < cell.losses ? 'lost to' : 'and';
    expect(en).toContain(`${a} ${verb} ${b}`);
    expect(en).toContain(`${cell.wins}–${cell.losses}`);
    await page.getByTestId('lang-ko').click();
  });

  test('the camp view states the verdict the way the API judges it, with the gap chart', async () => {
    const camps = await api.ok<Camps>('GET', `/api/v1/worldcups/${wc.id}/groups`, 200);
    expect(camps.camps.map((c) => c.name).sort()).toEqual(['closed', 'open']);
    const comparison = camps.comparison;
    const gap = comparison?.meanGap;
    if (!comparison || !gap) throw new Error('no comparison with two scored camps');
    await page.goto(`${server.url}/w/${wc.id}/camps`);
    const headline = page.getByTestId('camp-view').getByTestId('camp-headline');
    await headline.waitFor();
    const sentence = headline.getByTestId('camp-headline-text');
    const text = (await sentence.innerText()).replace(/\s+/g, ' ').trim();
    const signed = (v: number) => (Math.round(v) > 0 ? `+${Math.round(v)}` : Math.round(v) < 0 ? `−${-Math.round(v)}` : '0');
    if (comparison.leader) {
      expect(await headline.getAttribute('data-verdict')).toBe('leads');
      expect(text).toBe(comparison.leader === 'closed' ? '폐쇄형이 앞서요' : '오픈소스가 앞서요');
      expect((await headline.getByTestId('camp-headline-detail').innerText()).replace(/\s+/g, ' ').trim()).toBe(
        `평균 ${signed(gap.value)}점 (95% 구간 ${signed(gap.ci[0])} ~ ${signed(gap.ci[1])})`,
      );
    } else {
      expect(await headline.getAttribute('data-verdict')).toBe('close');
      expect(text).toBe('아직 우열을 가리기 어려워요');
    }

    // The chart draws the gap (a point per stored gap, then now), and there is a card per camp.
    const chart = page.getByTestId('camp-chart');
    expect(await chart.locator('svg[role="img"]').getAttribute('aria-label')).toContain('폐쇄형 − 오픈소스');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(Math.min(2, camps.gapHistory.length));
    expect(await page.getByTestId('camp-card').count()).toBe(2);
    expect(await page.locator('[data-testid="camp-card"][data-camp="closed"] h3').innerText()).toBe('폐쇄형');
    await shot(page, 'ranking-desktop-camps', { full: true });

    await page.getByTestId('lang-en').click();
    const en = (await sentence.innerText()).replace(/\s+/g, ' ').trim();
    if (comparison.leader) expect(en).toBe(`${comparison.leader === 'closed' ? 'Closed' : 'Open'} leads`);
    else expect(en).toBe('Too close to call');
    await page.getByTestId('lang-ko').click();

    // The table tab carries the same sentence as a banner that leads here.
    await page.getByTestId('tab-table').click();
    await expect.poll(() => page.url()).toMatch(/\/ranking$/);
    expect((await page.getByTestId('camp-banner').innerText()).replace(/\s+/g, ' ')).toContain(text);
  });

  test('the "how the ranking works" page explains it in Korean and English', async () => {
    await page.goto(`${server.url}/w/${wc.id}/ranking`);
    await page.getByTestId('about-link').click();
    await page.waitForURL(/\/about\/ranking/);
    const about = page.getByTestId('ranking-about');
    await expect.poll(() => about.locator('h1').textContent()).toBe('순위는 이렇게 매겨요');
    const ko = await about.innerText();
    for (const phrase of ['우승 비율', '승률', '브래들리–테리', '1000점', '200번', '10회 미만', '400점', '2–5위 가능', '0을 포함하지 않을 때만', '절반', '되돌리기']) {
      expect(ko).toContain(phrase);
    }
    expect(ko).not.toContain('공동');
    expect(await page.getByTestId('about-odds').innerText()).toContain('91%');
    await shot(page, 'ranking-desktop-about-ko', { full: true });

    await page.getByTestId('lang-en').click();
    await expect.poll(() => about.locator('h1').textContent()).toBe('How the ranking works');
    const en = await about.innerText();
    for (const phrase of ['Championship rate', 'Bradley–Terry', '1000', '200 times', 'fewer than 10 matches', '400 points', 'could be 2nd–5th', 'excludes 0', 'half as many votes', 'undo']) {
      expect(en).toContain(phrase);
    }
    await shot(page, 'ranking-desktop-about-en', { full: true });
    await page.getByTestId('lang-ko').click();

    await page.getByTestId('about-back').click();
    await page.waitForURL(new RegExp(`/w/${wc.id}/ranking$`));
  });

  test('on a 390 px phone the views fit without horizontal page scroll', async () => {
    const phone = await newContext(browser, 'phone');
    const p = await phone.newPage();
    try {
      await p.goto(`${server.url}/w/${wc.id}/ranking`);
      await expect.poll(() => p.getByTestId('ranking-row').count()).toBe(16);
      expect(await p.getByTestId('score-bar').first().isVisible()).toBe(true);
      expect(await p.getByTestId('ranking-table').innerText()).not.toContain('공동');
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'ranking-phone-table', { full: true });

      // A tap on a score bar shows its numbers.
      await p.getByTestId('score-bar').first().tap();
      await expect.poll(() => p.getByTestId('score-tip').first().isVisible()).toBe(true);

      await p.getByTestId('tab-matrix').tap();
      await expect.poll(() => p.getByTestId('h2h-cell').count()).toBe(256);
      expect(await overflowsHorizontally(p)).toBe(false);
      const cell = p.locator('[data-testid="h2h-cell"][data-i="0"][data-j="1"]');
      await cell.tap();
      await expect.poll(() => p.getByTestId('h2h-readout').textContent()).toBe(await cell.getAttribute('aria-label'));
      await shot(p, 'ranking-phone-matrix', { full: true });

      await p.getByTestId('tab-camps').tap();
      await p.getByTestId('camp-chart').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'ranking-phone-camps', { full: true });

      await p.goto(`${server.url}/about/ranking`);
      await p.getByTestId('ranking-about').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'ranking-phone-about', { full: true });
    } finally {
      await phone.close();
    }
  });
});
