/**
 * Issue 10 on a 390 px phone, over the real server with the starters: after 32 games in which
 * closed models beat open ones 70% of the time, the camp view names the closed camp the leader with
 * the gap's 95% interval and draws the gap as the votes came in; two evenly matched camps read "too
 * close to call"; and the ranking table numbers its placed rows 1…k, never "공동", with the
 * provisional candidates apart and unnumbered. Screenshots go to /tmp/versus-shots/ (camps-phone*,
 * ranking-phone*).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camps, Game, Ranking, WorldCup, WorldCupPage } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

/** A small seeded random source (Park–Miller), so every run plays the same games. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Plays `games` games of 16; `pickA(a, b)` says whether the left candidate wins. Returns the picks made. */
/**
 * Plays `games` games of 16 through the API. `pauseMs` between games, as players take: the gap
 * curve gets a point from each ranking computation (at most every 180 ms) once the votes grew by
 * 5%, so 480 votes fired within three seconds would leave fewer points than the same votes over
 * a few minutes of play.
 */
async function play(api: ApiClient, wcId: string, games: number, pickA: (a: string, b: string) => boolean, pauseMs = 0): Promise<number> {
  let picks = 0;
  for (let g = 0; g < games; g += 1) {
    if (g > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    let game = await api.ok<Game>('POST', `/api/v1/worldcups/${wcId}/games`, 201, { json: { size: 16 } });
    while (game.match) {
      const { a, b } = game.match;
      game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: pickA(a.id, b.id) ? a.id : b.id, picks: game.picks } });
      picks += 1;
    }
  }
  return picks;
}

/** The ranking and camps once the engine has counted `votes` votes (it scores in the background). */
async function settled(api: ApiClient, wcId: string, votes: number): Promise<{ ranking: Ranking; camps: Camps }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ranking = await api.ok<Ranking>('GET', `/api/v1/worldcups/${wcId}/ranking`, 200);
    const camps = await api.ok<Camps>('GET', `/api/v1/worldcups/${wcId}/groups`, 200);
    if (ranking.votes === votes && camps.votes === votes) return { ranking, camps };
    if (Date.now() > deadline) throw new Error(`not settled after 20 s: ${ranking.votes}/${camps.votes} of ${votes} votes`);
    await delay(250);
  }
}

/** Points as the page writes a gap: "+52", "−20". */
const signed = (v: number) => (Math.round(v) > 0 ? `+${Math.round(v)}` : Math.round(v) < 0 ? `−${-Math.round(v)}` : '0');
const pct = (x: number) => Math.round(x * 100);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The candidate ids of a table section's rows, top to bottom. */
function rowIds(page: Page, section: string): Promise<string[]> {
  return evaluate<string[]>(page, `Array.from(document.querySelectorAll('[data-testid="${section}"] [data-testid="ranking-row"]')).map((e) => e.getAttribute('data-candidate-id'))`);
}

/** The number of vertices of an SVG polyline (browser code as a string: no DOM types here). */
function vertices(page: Page, testId: string): Promise<number> {
  return evaluate<number>(page, `(document.querySelector('[data-testid="${testId}"]')?.getAttribute('points') ?? '').trim().split(/\\s+/).filter(Boolean).length`);
}

describe.skipIf(!hasChromium)('camps and places on a 390 px phone', () => {
  let server: TestServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let ai: { wc: WorldCup; ranking: Ranking; camps: Camps };
  let even: { wc: WorldCup; camps: Camps };
  let cars: { wc: WorldCup; ranking: Ranking; camps: Camps };

  beforeAll(async () => {
    server = await startTestServer();
    const api = new ApiClient(() => server.url);
    const list = await api.ok<WorldCupPage>('GET', '/api/v1/worldcups?limit=50', 200);
    const find = async (title: string) => {
      const summary = list.items.find((w) => w.title.includes(title));
      if (!summary) throw new Error(`the starter "${title}" is missing`);
      return api.ok<WorldCup>('GET', `/api/v1/worldcups/${summary.id}`, 200);
    };

    // 32 games of the AI starter: closed beats open 70% of the time, within a camp a coin toss.
    const aiWc = await find('오픈소스 vs 폐쇄형 AI 2024 (Open vs Closed AI 2024)');
    const groupOf = new Map(aiWc.candidates.map((c) => [c.id, c.group]));
    const random = seeded(2024);
    const aiVotes = await play(api, aiWc.id, 32, (a, b) => {
      const [ga, gb] = [groupOf.get(a), groupOf.get(b)];
      return ga === gb ? random() < 0.5 : random() < (ga === 'closed' ? 0.7 : 0.3);
    }, 250);
    ai = { wc: aiWc, ...(await settled(api, aiWc.id, aiVotes)) };

    // Two evenly matched camps, a few votes: cross-camp matches go to each camp in turn, a coin
    // decides within a camp. The server draws the brackets at random, and a 95% interval misses 0
    // about once in 20 even between equal camps, so a world cup the server happens to call is
    // replaced by a fresh one: this test is about what the page says when nobody leads.
    const coin = seeded(7);
    for (let attempt = 1; ; attempt += 1) {
      const evenWc = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: `짜장 vs 짬뽕 ${attempt}`, visibility: 'public', candidates: textCandidates(16, '메뉴 ').map((c, i) => ({ ...c, group: i % 2 === 0 ? '짜장' : '짬뽕' })) },
      });
      const evenGroup = new Map(evenWc.candidates.map((c) => [c.id, c.group]));
      let turn = 0;
      const evenVotes = await play(api, evenWc.id, 2, (a, b) => (evenGroup.get(a) === evenGroup.get(b) ? coin() < 0.5 : turn++ % 2 === 0));
      even = { wc: evenWc, camps: (await settled(api, evenWc.id, evenVotes)).camps };
      if (even.camps.comparison?.leader === null || attempt === 6) break;
    }

    // Only 5 games of the Dream Cars starter: most cars have too little data for a place.
    const carsWc = await find('드림카 월드컵 2024');
    const toss = seeded(5);
    const carVotes = await play(api, carsWc.id, 5, () => toss() < 0.5);
    cars = { wc: carsWc, ...(await settled(api, carsWc.id, carVotes)) };

    browser = await launchBrowser();
    phone = await newContext(browser, 'phone');
    page = await phone.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the closed camp leads, with the mean gap’s interval, the cross-camp record and a curve of the gap', async () => {
    const comparison = ai.camps.comparison;
    const gap = comparison?.meanGap;
    if (!comparison || !gap) throw new Error('two camps with votes have a comparison');
    // What the statistics say (the server's verdict): closed leads, its gap's interval above zero.
    expect(comparison.leader).toBe('closed');
    expect(gap.ci[0]).toBeGreaterThan(0);

    await page.goto(`${server.url}/w/${ai.wc.id}/camps`);
    const view = page.getByTestId('camp-view');
    await view.waitFor();
    const headline = view.getByTestId('camp-headline');
    expect(squash(await headline.getByTestId('camp-headline-text').innerText())).toBe('폐쇄형이 앞서요');
    expect(squash(await headline.getByTestId('camp-headline-detail').innerText())).toBe(
      `평균 ${signed(gap.value)}점 (95% 구간 ${signed(gap.ci[0])} ~ ${signed(gap.ci[1])})`,
    );

    // The record between camps with the win rate's interval, from the closed camp's side.
    const cross = comparison.crossWinRate;
    if (cross.value === null || !cross.ci) throw new Error('cross-camp matches were played');
    expect(squash(await view.getByTestId('camp-cross-line').innerText())).toBe(
      `진영 간 대결: 폐쇄형 ${cross.wins}승 ${cross.losses}패 · 승률 ${pct(cross.value)}% (${pct(cross.ci[0])}–${pct(cross.ci[1])}%)`,
    );
    // The trend is told only when the server judged it, against half the votes.
    const trend = view.getByTestId('camp-trend');
    if (comparison.trend === null) expect(await trend.count()).toBe(0);
    else expect(await trend.innerText()).toContain('표가 절반이었을 때');

    // The gap curve: at least 10 points after 480 votes, drawn as a line with its band and a zero line.
    expect(ai.camps.gapHistory.length).toBeGreaterThanOrEqual(10);
    const chart = view.getByTestId('camp-chart');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(10);
    expect(await vertices(page, 'camp-gap-line')).toBeGreaterThanOrEqual(10);
    expect(await vertices(page, 'camp-gap-band')).toBeGreaterThanOrEqual(20);
    expect(await chart.getByTestId('camp-gap-zero').count()).toBe(1);
    expect(await chart.locator('svg[role="img"]').getAttribute('aria-label')).toContain('폐쇄형 − 오픈소스');

    // Members carry the table's numbers; the best candidate's number is the API's.
    for (const camp of ai.camps.camps) {
      const card = page.locator(`[data-testid="camp-card"][data-camp="${camp.name}"]`);
      expect(await card.getByTestId('camp-best').getAttribute('data-position')).toBe(String(camp.best?.position ?? ''));
      const shown = await evaluate<[string, string][]>(
        page,
        `Array.from(document.querySelectorAll('[data-testid="camp-card"][data-camp="${camp.name}"] [data-testid="camp-member"]')).map((e) => [e.getAttribute('data-candidate-id'), e.getAttribute('data-position')])`,
      );
      const members = ai.ranking.items.filter((it) => it.group === camp.name);
      expect(shown).toHaveLength(members.length);
      for (const [id, position] of shown) expect(position).toBe(String(members.find((m) => m.candidateId === id)?.position ?? ''));
    }

    expect(await view.innerText()).not.toContain('공동');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'camps-phone', { full: true });

    // The table's banner says the same.
    await page.getByTestId('tab-table').tap();
    expect(squash(await page.getByTestId('camp-banner').getByTestId('camp-headline-text').innerText())).toBe('폐쇄형이 앞서요');
  });

  test('two evenly matched camps are too close to call, and nobody "leads"', async () => {
    expect(even.camps.comparison?.leader).toBeNull();
    const votesToSettle = even.camps.comparison?.votesToSettle ?? null;
    await page.goto(`${server.url}/w/${even.wc.id}/camps`);
    const view = page.getByTestId('camp-view');
    await view.waitFor();
    expect(squash(await view.getByTestId('camp-headline-text').innerText())).toBe('아직 우열을 가리기 어려워요');
    const detail = squash(await view.getByTestId('camp-headline-detail').innerText());
    if (votesToSettle === null) expect(detail).toBe('지금까지는 진영 사이에 차이가 없어요');
    else expect(detail).toMatch(/^표가 약 [\d,]+개 더 모이면 판가름 날 수 있어요$/);
    // The gap's interval holds 0, and the page says so.
    expect(await view.getByTestId('camp-close-gap').innerText()).toContain('0이 구간 안에 있어요');
    expect(await view.innerText()).not.toContain('앞서요');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'camps-phone-even', { full: true });

    await page.getByTestId('lang-en').tap();
    try {
      expect(squash(await view.getByTestId('camp-headline-text').innerText())).toBe('Too close to call');
      expect(await view.innerText()).not.toMatch(/\bleads\b/);
    } finally {
      await page.getByTestId('lang-ko').tap();
    }
  });

  test('seven camps: each against the rest, one line per camp', async () => {
    await page.goto(`${server.url}/w/${cars.wc.id}/camps`);
    const rest = page.getByTestId('camp-versus-rest');
    await rest.waitFor();
    const rows = rest.getByTestId('camp-rest-row');
    expect(await rows.count()).toBe(cars.camps.versusRest.filter((c) => c.meanGap).length);
    // The server draws the brackets at random: after 5 games a camp may have met no other camp
    // yet, so it has no gap and no line (a locator waiting for its line would wait forever).
    for (const c of cars.camps.versusRest) {
      const line = rest.locator(`[data-camp="${c.group}"]`);
      if (!c.meanGap) {
        expect(await line.count()).toBe(0);
        continue;
      }
      const verdict = await line.getAttribute('data-verdict', { timeout: 5_000 });
      if (c.leader === c.group) expect(verdict).toBe('leads');
      else expect(verdict).not.toBe('leads');
    }
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'camps-phone-many', { full: true });
  });

  test('the table after 5 games: places 1…k in order, no "공동", provisional rows apart without a number', async () => {
    for (const { wc, ranking, name } of [
      { ...cars, name: 'ranking-phone' },
      { ...ai, name: 'ranking-phone-ai' },
    ]) {
      await page.goto(`${server.url}/w/${wc.id}/ranking`);
      const table = page.getByTestId('ranking-table');
      await expect.poll(() => table.getByTestId('ranking-row').count()).toBe(ranking.items.length);
      const placed = ranking.items.filter((it) => !it.provisional);
      const provisional = ranking.items.filter((it) => it.provisional);

      // Placed rows: 1, 2, 3 … down the table, the number first in each place cell.
      const rankedRows = page.getByTestId('ranked-section').getByTestId('ranking-row');
      expect(await rankedRows.count()).toBe(placed.length);
      const cells = await rankedRows.getByTestId('ranking-rank').allInnerTexts();
      expect(cells.map((c) => c.trim().split('\n')[0])).toEqual(placed.map((_, i) => String(i + 1)));
      // A range beside the number exactly where the intervals allow more than one place.
      const wide = placed.filter((it) => it.rankRange && it.rankRange[1] > it.rankRange[0]);
      expect(await rankedRows.getByTestId('rank-range').count()).toBe(wide.length);
      if (wide[0]?.rankRange) {
        const range = page.locator(`[data-candidate-id="${wide[0].candidateId}"] [data-testid="rank-range"]`);
        expect(squash(await range.innerText())).toBe(`${wide[0].rankRange[0]}–${wide[0].rankRange[1]}위 가능`);
      }
      if (placed.length === 0) expect(await page.getByTestId('none-ranked').isVisible()).toBe(true);

      // Provisional rows: their own section, with the rule, and no number at all.
      const section = page.getByTestId('provisional-section');
      expect(await section.count()).toBe(provisional.length > 0 ? 1 : 0);
      if (provisional.length > 0) {
        expect(squash(await section.getByTestId('provisional-heading').innerText())).toContain('잠정 순위 — 아직 데이터가 부족해요');
        expect(await section.getByTestId('provisional-heading').innerText()).toContain('10회 미만');
        const provisionalRows = section.getByTestId('ranking-row');
        expect(await provisionalRows.count()).toBe(provisional.length);
        for (const text of await provisionalRows.getByTestId('ranking-rank').allInnerTexts()) expect(text).not.toMatch(/\d/);
        expect(await section.innerText()).not.toContain('1위');
        // They still show their record.
        const first = provisional[0];
        if (first) {
          const rec = page.locator(`[data-candidate-id="${first.candidateId}"] [data-testid="ranking-phone-record"]`);
          expect(await rec.innerText()).toContain(`${first.wins}승 ${first.losses}패`);
        }
      }

      expect(await table.innerText()).not.toContain('공동');
      expect(await overflowsHorizontally(page)).toBe(false);
      await shot(page, name, { full: true });
    }
  });

  test('live: as votes arrive, rows move up from the provisional section and get places 1…k, without a reload', async () => {
    await page.goto(`${server.url}/w/${cars.wc.id}/ranking`);
    await expect.poll(() => page.getByTestId('live-status').first().getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    const placedBefore = await page.getByTestId('ranked-section').getByTestId('ranking-row').count();
    expect(placedBefore).toBe(cars.ranking.items.filter((it) => !it.provisional).length);
    await evaluate(page, 'window.__sameDocument = true');

    // More games through the API while the phone watches: enough for some cars to earn a place.
    const api = new ApiClient(() => server.url);
    const toss = seeded(11);
    await play(api, cars.wc.id, 24, () => toss() < 0.5);
    const ranked = page.getByTestId('ranked-section').getByTestId('ranking-row');
    await expect.poll(() => ranked.count(), { timeout: 20_000 }).toBeGreaterThan(placedBefore);
    expect(await evaluate<boolean>(page, 'window.__sameDocument === true')).toBe(true);

    // Once the page has every vote, its sections are the API's: places 1…k, the rest unnumbered.
    const now = await api.ok<Ranking>('GET', `/api/v1/worldcups/${cars.wc.id}/ranking`, 200);
    await expect.poll(async () => Number(await page.getByTestId('ranking-stats').getAttribute('data-votes')), { timeout: 20_000 }).toBe(now.votes);
    const placed = now.items.filter((it) => !it.provisional);
    await expect.poll(() => rowIds(page, 'ranked-section'), { timeout: 5_000 }).toEqual(placed.map((it) => it.candidateId));
    const numbers = (await ranked.getByTestId('ranking-rank').allInnerTexts()).map((c) => c.trim().split('\n')[0]);
    expect(numbers).toEqual(placed.map((_, i) => String(i + 1)));
    for (const text of await page.getByTestId('provisional-section').getByTestId('ranking-rank').allInnerTexts()) expect(text).not.toMatch(/\d/);
    expect(await page.getByTestId('ranking-table').innerText()).not.toContain('공동');
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});
