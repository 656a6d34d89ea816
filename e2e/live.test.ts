/**
 * Live updates in the browser, over the real server and its Server-Sent Event streams: one browser
 * plays "드림카 월드컵 2024" to a champion while others watch the ranking page, the home page and the
 * world cup page change without a reload (table rows, highlights, who is playing, champion notices).
 * Then the connection indicator goes offline (network off; server drops the stream and refuses
 * reconnects) and recovers by itself. The pure helpers of the live views are tested first.
 * Screenshots go to /tmp/versus-shots/ (live-*).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChampionNotice } from '../src/shared/events.js';
import type { Game, Ranking, RankingItem, WorldCup, WorldCupPage, WorldCupSummary } from '../src/shared/schemas.js';
import { particle } from '../src/web/lib/josa.js';
import { addToFeed, changedRows, championItem, isFresh, mergeChampions, rankMoves, timeAgo, worldcupItem } from '../src/web/lib/live-feed.js';
import { ApiClient } from '../test/helpers/api.js';
import { rankingItem } from '../test/helpers/rows.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { currentMatch, evaluate, launchBrowser, newContext, overflowsHorizontally, shot, waitForMatch, waitForNext } from './support.js';

const hasChromium = await requireDependency('chromium');

/** Long enough for a pick to reach another browser (engine settle + publish) on a slow CI machine. */
const LIVE_MS = 15_000;

const row = (candidateId: string, position: number | null): RankingItem => rankingItem(candidateId, { position, provisional: position === null });

const notice = (resultId: string, at: string): ChampionNotice => ({
  worldcupId: 'w1',
  worldcupTitle: 'W',
  resultId,
  candidateId: 'c1',
  candidateName: '포르쉐 911',
  media: null,
  at,
});

describe('live view helpers', () => {
  test('rankMoves: places moved by rows placed before and after, up positive', () => {
    const before = [row('a', 1), row('b', 2), row('c', 3), row('d', null)];
    const moves = rankMoves(before, [row('c', 1), row('a', 3), row('b', 2), row('d', 4), row('new', 5)]);
    expect([...moves]).toEqual([
      ['c', 2],
      ['a', -2],
    ]);
  });

  test('changedRows: new rows and rows whose record, place or section changed, not score-only drifts', () => {
    const before = [row('a', 1), row('b', 2), row('c', 3), row('d', null)];
    const drift = { ...row('a', 1), score: 1010 };
    const played = { ...row('b', 2), matches: 1, wins: 1 };
    const moved = row('c', 2);
    const placed = row('d', 4);
    expect(changedRows(before, [drift, played, moved, placed, row('new', null)])).toEqual(['b', 'c', 'd', 'new']);
  });

  test('addToFeed: newest first, each game once, at most `limit`', () => {
    const wc = { id: 'w9', createdAt: '2024-06-01T10:00:30Z' } as WorldCupSummary;
    const feed = addToFeed([championItem(notice('g1', '2024-06-01T10:00:00Z'))], [worldcupItem(wc), championItem(notice('g2', '2024-06-01T10:01:00Z'))], 10);
    expect(feed.map((it) => it.key)).toEqual(['result:g2', 'wc:w9', 'result:g1']);
    expect(addToFeed(feed, [championItem(notice('g1', '2024-06-01T10:00:00Z'))], 2).map((it) => it.key)).toEqual(['result:g2', 'wc:w9']);
  });

  test('mergeChampions: newest first, each result once even when a notice arrives twice, at most `limit`', () => {
    const [a, b, c] = [notice('r1', '2024-06-01T10:00:00Z'), notice('r2', '2024-06-01T10:01:00Z'), notice('r3', '2024-06-01T10:02:00Z')];
    expect(mergeChampions([], [b, a, b, a], 10).map((n) => n.resultId)).toEqual(['r2', 'r1']);
    expect(mergeChampions([b, a], [c], 10).map((n) => n.resultId)).toEqual(['r3', 'r2', 'r1']);
    expect(mergeChampions([c, b, a], [c], 10).map((n) => n.resultId)).toEqual(['r3', 'r2', 'r1']);
    expect(mergeChampions([b, a], [c], 2).map((n) => n.resultId)).toEqual(['r3', 'r2']);
  });

  test('notice ages: "방금" under a minute, then relative time', () => {
    const now = Date.parse('2024-06-01T10:10:00Z');
    expect(isFresh('2024-06-01T10:09:00Z', now)).toBe(true);
    expect(isFresh('2024-06-01T10:07:00Z', now)).toBe(false);
    expect(timeAgo('2024-06-01T10:09:30Z', now, 'ko', '방금')).toBe('방금');
    expect(timeAgo('2024-06-01T10:05:00Z', now, 'ko', '방금')).toBe('5분 전');
    expect(timeAgo('2024-06-01T08:10:00Z', now, 'en', 'just now')).toBe('2 hours ago');
  });
});

/**
 * Records, inside the page, every row that was highlighted and every rank arrow shown, so a test
 * can look after the fact (a highlight lasts two seconds). The window object doubles as a "no
 * reload happened" marker: a reload would drop it.
 */
async function recordLiveMarks(page: Page): Promise<void> {
  await evaluate(
    page,
    `(() => {
      const seen = (window.__liveMarks = { highlighted: [], moves: [] });
      const look = () => {
        for (const r of document.querySelectorAll('[data-testid="ranking-row"][data-changed="true"]')) {
          const id = r.getAttribute('data-candidate-id');
          if (!seen.highlighted.includes(id)) seen.highlighted.push(id);
        }
        for (const m of document.querySelectorAll('[data-testid="rank-move"]')) {
          const text = m.querySelector('[aria-hidden]')?.textContent?.trim() + ' ' + m.getAttribute('data-move');
          if (!seen.moves.includes(text)) seen.moves.push(text);
        }
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-changed'] });
    })()`,
  );
}

interface LiveMarks {
  highlighted: string[];
  moves: string[];
}

/** Waits until finite animations (rows sliding to a new place) are over, for a steady screenshot. */
const animationsDone = (page: Page) =>
  page.waitForFunction(`document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity || a.playState !== 'running')`);

const liveMarks = (page: Page) => evaluate<LiveMarks | null>(page, 'window.__liveMarks ?? null');
const liveStatus = (page: Page) => page.getByTestId('live-status').first().getAttribute('data-status');
const stat = async (page: Page, name: 'data-games' | 'data-votes') => Number(await page.getByTestId('ranking-stats').getAttribute(name));

/** Plays one game through the API, always picking the left candidate; returns the champion's id. */
async function playByApi(api: ApiClient, worldcupId: string, size: number): Promise<string> {
  let game = await api.ok<Game>('POST', `/api/v1/worldcups/${worldcupId}/games`, 201, { json: { size } });
  while (!game.done && game.match) {
    game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
  }
  if (!game.champion) throw new Error('the game ended without a champion');
  return game.champion.id;
}

describe.skipIf(!hasChromium)('live updates in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ApiClient;
  let wc: WorldCup;
  /** Watches the ranking page (desktop). */
  let viewerContext: BrowserContext;
  let viewer: Page;
  /** Plays the game (desktop). */
  let playerContext: BrowserContext;
  let player: Page;
  /** Watches the home page (phone). */
  let homeContext: BrowserContext;
  let home: Page;

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(() => server.url);
    const list = await api.ok<WorldCupPage>('GET', `/api/v1/worldcups?q=${encodeURIComponent('드림카')}`, 200);
    const summary = list.items.find((w) => w.title.startsWith('드림카 월드컵 2024'));
    if (!summary) throw new Error('the dream cars starter world cup is missing');
    wc = await api.ok<WorldCup>('GET', `/api/v1/worldcups/${summary.id}`, 200);
    browser = await launchBrowser();
    [viewerContext, playerContext, homeContext] = await Promise.all([
      newContext(browser, 'desktop'),
      newContext(browser, 'desktop'),
      newContext(browser, 'phone'),
    ]);
    [viewer, player, home] = await Promise.all([viewerContext.newPage(), playerContext.newPage(), homeContext.newPage()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a game played in one browser updates the ranking, activity and champion notices in others, without reload', async () => {
    await viewer.goto(`${server.url}/w/${wc.id}/ranking`);
    await home.goto(server.url);
    await expect.poll(() => liveStatus(viewer), { timeout: LIVE_MS }).toBe('live');
    await expect.poll(() => liveStatus(home), { timeout: LIVE_MS }).toBe('live');
    expect(await viewer.getByTestId('live-status').innerText()).toContain('실시간');
    expect(await home.getByTestId('live-feed-empty').isVisible()).toBe(true);
    expect(await stat(viewer, 'data-games')).toBe(0);
    await recordLiveMarks(viewer);
    await shot(home, 'live-home-phone-quiet');

    // The player picks the round of 8 and plays it to the end with ←.
    await player.goto(`${server.url}/w/${wc.id}`);
    await player.locator('[data-testid="size-option"][data-size="8"]').click();
    await player.getByTestId('start-game').click();
    await player.waitForURL(/\/play\//);
    await waitForMatch(player);
    let picks = 0;
    for (;;) {
      const m = await currentMatch(player);
      if (!m) break;
      await player.keyboard.press('ArrowLeft');
      picks += 1;
      await waitForNext(player, m.key);
      // Someone is playing: the viewers see it while the game is on (activity is polled every 2 s).
      if (picks === 3) {
        await expect.poll(async () => Number(await viewer.getByTestId('live-playing').getAttribute('data-count')), { timeout: LIVE_MS }).toBeGreaterThanOrEqual(1);
        await expect.poll(() => home.getByTestId('busiest-link').count(), { timeout: LIVE_MS }).toBeGreaterThanOrEqual(1);
      }
    }
    expect(picks).toBe(7);
    const championName = (await player.getByTestId('champion-name').textContent())?.trim() ?? '';
    const championId = (await player.getByTestId('champion').getAttribute('data-candidate-id')) ?? '';
    expect(championName).not.toBe('');
    const sentence = `방금 누군가 ${championName}${particle(championName, '을(를)')} 우승시켰습니다`;

    // The ranking page: counts, rows and the notice change in place.
    await expect.poll(() => stat(viewer, 'data-votes'), { timeout: LIVE_MS }).toBe(7);
    await expect.poll(() => stat(viewer, 'data-games'), { timeout: LIVE_MS }).toBe(1);
    expect(await viewer.getByTestId('ranking-stats').innerText()).toContain('완료된 게임 1판 · 투표 7표');
    const championRow = viewer.locator(`[data-testid="ranking-row"][data-candidate-id="${championId}"]`);
    await expect.poll(async () => Number(await championRow.getAttribute('data-championships')), { timeout: LIVE_MS }).toBe(1);
    expect(Number(await championRow.getByTestId('ranking-matches').innerText())).toBe(3);
    await expect.poll(() => viewer.getByTestId('champion-notice-text').innerText(), { timeout: LIVE_MS }).toBe(sentence);
    const marks = await liveMarks(viewer);
    expect(marks, 'the page reloaded').not.toBeNull();
    expect(marks?.highlighted).toContain(championId);
    for (const move of marks?.moves ?? []) expect(move).toMatch(/^(▲(\d+) \2|▼(\d+) -\3)$/);
    expect(await liveStatus(viewer)).toBe('live');
    expect(await viewer.getByTestId('live-rate').innerText()).toMatch(/^분당 \d+표$/);

    // The home page (a phone): the ticker tells who won where; the busiest list links to it.
    const homeNotice = home.getByTestId('live-feed').getByTestId('champion-notice').first();
    await expect.poll(() => homeNotice.getByTestId('champion-notice-text').innerText(), { timeout: LIVE_MS }).toBe(sentence);
    expect(await homeNotice.getByTestId('champion-notice-worldcup').innerText()).toBe(wc.title);
    expect(await home.locator(`[data-testid="busiest-link"][data-worldcup-id="${wc.id}"]`).count()).toBe(1);
    expect(await home.getByTestId('live-playing').innerText()).toMatch(/^지금 \d+명 플레이 중$/);

    // A world cup published now joins the ticker.
    const fresh = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '라면 월드컵', visibility: 'public', candidates: ['신라면', '진라면', '안성탕면', '너구리'].map((name) => ({ name, text: name })) },
    });
    const newLine = home.locator(`[data-testid="feed-worldcup"][data-worldcup-id="${fresh.id}"]`);
    await expect.poll(() => newLine.count(), { timeout: LIVE_MS }).toBe(1);
    expect(await newLine.getByTestId('feed-worldcup-text').innerText()).toBe('새 월드컵이 올라왔어요: 라면 월드컵');
    expect(await overflowsHorizontally(home)).toBe(false);
    await animationsDone(home);
    await shot(home, 'live-home-phone');

    // More games through the API while the viewer watches: more rows change, ranks may move (▲/▼).
    for (let g = 0; g < 6; g += 1) await playByApi(api, wc.id, 8);
    await expect.poll(() => stat(viewer, 'data-games'), { timeout: LIVE_MS }).toBe(7);
    const after = await liveMarks(viewer);
    expect(after?.highlighted.length).toBeGreaterThan(1);
    for (const move of after?.moves ?? []) expect(move).toMatch(/^(▲(\d+) \2|▼(\d+) -\3)$/);
    const api7 = await api.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
    expect(api7.games).toBe(7);

    // One more pick, once the marks have faded: its two rows light up (and rows whose rank it moved).
    const highlighted = viewer.locator('[data-testid="ranking-row"][data-changed="true"]');
    await expect.poll(() => highlighted.count(), { timeout: LIVE_MS }).toBe(0);
    const game = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
    if (!game.match) throw new Error('a new game has a match');
    await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.b.id, picks: 0 } });
    const litIds = () =>
      evaluate<string[]>(
        viewer,
        `Array.from(document.querySelectorAll('[data-testid="ranking-row"][data-changed="true"]')).map((r) => r.getAttribute('data-candidate-id'))`,
      );
    await expect.poll(litIds, { timeout: LIVE_MS }).toEqual(expect.arrayContaining([game.match.a.id, game.match.b.id]));
    await viewer.mouse.move(0, 0);
    await animationsDone(viewer);
    await shot(viewer, 'live-ranking-desktop', { full: true });

    // The world cup page lists the latest champions of this world cup, and who is playing.
    await player.goto(`${server.url}/w/${wc.id}`);
    await expect.poll(() => liveStatus(player), { timeout: LIVE_MS }).toBe('live');
    const recent = player.getByTestId('recent-champions').getByTestId('champion-notice');
    await expect.poll(() => recent.count(), { timeout: LIVE_MS }).toBe(3);
    expect(await player.getByTestId('live-playing').innerText()).toMatch(/^\d+명 플레이 중$/);
    await shot(player, 'live-worldcup-desktop', { full: true });

    // The home page in English on a desktop.
    const homeEn = await newContext(browser, 'desktop', 'en-US');
    try {
      const p = await homeEn.newPage();
      await p.goto(server.url);
      await expect.poll(() => liveStatus(p), { timeout: LIVE_MS }).toBe('live');
      await expect.poll(() => p.getByTestId('live-feed').getByTestId('champion-notice-text').first().innerText()).toMatch(/^Someone (just )?crowned /);
      expect(await p.getByTestId('live-playing').innerText()).toMatch(/^\d+ playing now$/);
      await shot(p, 'live-home-desktop-en');
    } finally {
      await homeEn.close();
    }
  }, 60_000); // seven games and several 2-s activity polls: about 25 s on a quiet machine, past 30 s on a loaded one

  test('the connection indicator says offline while the stream is down and recovers by itself', async () => {
    await viewer.goto(`${server.url}/w/${wc.id}/ranking`);
    await expect.poll(() => liveStatus(viewer), { timeout: LIVE_MS }).toBe('live');
    await recordLiveMarks(viewer);

    // The network goes away: the browser says so and the indicator follows at once.
    await viewerContext.setOffline(true);
    await expect.poll(() => liveStatus(viewer), { timeout: LIVE_MS }).toBe('offline');
    expect(await viewer.getByTestId('live-status').innerText()).toBe('연결 끊김 — 다시 연결하는 중…');
    await shot(viewer, 'live-ranking-offline-desktop');
    await viewerContext.setOffline(false);
    await expect.poll(() => liveStatus(viewer), { timeout: LIVE_MS }).toBe('live');

    // The server drops every stream and, for a while, reconnects fail: offline, then back by itself.
    const events = new RegExp(`/api/v1/worldcups/${wc.id}/events`);
    await viewerContext.route(events, (route) => route.abort());
    server.server.app.server.closeAllConnections();
    await expect.poll(() => liveStatus(viewer), { timeout: LIVE_MS }).toBe('offline');
    await viewer.waitForTimeout(3_000); // at least one failed reconnect
    expect(await liveStatus(viewer)).toBe('offline');
    await viewerContext.unroute(events);
    await expect.poll(() => liveStatus(viewer), { timeout: 30_000 }).toBe('live');

    // Back on the stream: a game played now still reaches the table, without a reload.
    const games = await stat(viewer, 'data-games');
    await playByApi(api, wc.id, 4);
    await expect.poll(() => stat(viewer, 'data-games'), { timeout: LIVE_MS }).toBe(games + 1);
    expect(await liveMarks(viewer), 'the page reloaded').not.toBeNull();
  });

  test('on a 390 px phone the live ranking and its offline state fit the screen', async () => {
    const phone = await newContext(browser, 'phone');
    try {
      const p = await phone.newPage();
      await p.goto(`${server.url}/w/${wc.id}/ranking`);
      await expect.poll(() => liveStatus(p), { timeout: LIVE_MS }).toBe('live');
      await playByApi(api, wc.id, 4);
      await expect.poll(() => p.locator('[data-testid="ranking-row"][data-changed="true"]').count(), { timeout: LIVE_MS }).toBeGreaterThan(0);
      expect(await overflowsHorizontally(p)).toBe(false);
      await animationsDone(p);
      await shot(p, 'live-ranking-phone', { full: true });
      await phone.setOffline(true);
      await expect.poll(() => liveStatus(p), { timeout: LIVE_MS }).toBe('offline');
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'live-ranking-offline-phone');
      await phone.setOffline(false);
      await expect.poll(() => liveStatus(p), { timeout: LIVE_MS }).toBe('live');

      await p.goto(`${server.url}/w/${wc.id}`);
      await expect.poll(() => p.getByTestId('recent-champions').getByTestId('champion-notice').count(), { timeout: LIVE_MS }).toBe(3);
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'live-worldcup-phone', { full: true });

      // With reduced motion, a change still shows (the highlight, the numbers), but nothing slides or pulses.
      await p.emulateMedia({ reducedMotion: 'reduce' });
      await p.goto(`${server.url}/w/${wc.id}/ranking`);
      await expect.poll(() => liveStatus(p), { timeout: LIVE_MS }).toBe('live');
      const moving = `document.getAnimations().filter((a) => a.playState === 'running' && Number(a.effect?.getComputedTiming().duration) > 50).length`;
      await playByApi(api, wc.id, 4);
      await expect.poll(() => p.locator('[data-testid="ranking-row"][data-changed="true"]').count(), { timeout: LIVE_MS }).toBeGreaterThan(0);
      expect(await evaluate<number>(p, moving)).toBe(0);
    } finally {
      await phone.close();
    }
  });
});
