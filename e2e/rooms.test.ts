/**
 * Live rooms in the browser (issue 14), real server and chromium: a host opens a room from a
 * world cup's page, three 360 px phones (each its own anonymous session; one with its clock 45 s
 * behind) join at /r/:code and vote, one changes its vote, an OBS overlay follows the split; the
 * host closes, advances, overrides once and plays the 4-candidate room to its champion; the
 * results page lists every match with the override marked. Then a reveal 'after' room: the phones
 * see no split before voting closes, wait out the stream's delay, and a vote that arrives after
 * the close is refused with a message, not a crash; a tie needs the host's pick. Last, the pages
 * with the Content-Security-Policy enforced. Screenshots: /tmp/versus-shots/room-*.png.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { messages } from '../src/web/lib/i18n.js';
import { ApiClient, upload } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { LIVE_MS, type Side, attr, audienceOf, count, matchOn, openRoom, splitCounts, until, vote, waitForHost, waitForPhase, waitForSplit } from './room-support.js';
import { SHOTS_DIR, SMALL_PHONE, evaluate, makeColourPngs, newContext, overflowsHorizontally, shot, useAppInBrowser } from './support.js';

const hasChromium = await requireDependency('chromium');

const NAMES = ['빨강 떡볶이', '주황 짜장면', '노랑 김밥', '초록 비빔밥'];
/** The phone whose clock runs behind the server's. */
const SKEW_MS = -45_000;

describe.skipIf(!hasChromium)('live rooms in the browser', () => {
  const app = useAppInBrowser({ seed: false });
  let wc: WorldCup;
  const contexts: BrowserContext[] = [];

  async function context(kind: 'desktop' | 'phone', viewport?: { width: number; height: number }, locale = 'ko-KR'): Promise<BrowserContext> {
    const c = await newContext(app.browser, kind, locale, viewport ? { viewport } : {});
    contexts.push(c);
    return c;
  }

  beforeAll(async () => {
    const owner = new ApiClient(() => app.server.url);
    const files = await makeColourPngs();
    const candidates = [];
    for (const [i, name] of NAMES.entries()) {
      const file = files[i];
      if (!file) throw new Error('missing colour png');
      const up = await upload<{ id: string }>(owner, fs.readFileSync(file), `c${i}.png`, 'image/png');
      expect(up.status).toBe(201);
      candidates.push({ name, imageId: up.body.id });
    }
    wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '분식 라이브 월드컵', candidates } });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  test('a host, three phones and the overlay play a 4-candidate room to its champion', { timeout: 180_000 }, async () => {
    const base = app.server.url;
    const host = await (await context('desktop')).newPage();
    const code = await openRoom(host, base, wc, { size: 4, seconds: 90, reveal: 'live', delay: 0 }, 'room-form');
    await waitForHost(host, 'lobby');

    // The way in: the join link (absolute), its QR code, the overlay's address.
    const joinUrl = `${base}/r/${code}`;
    expect(await host.getByTestId('join-url').inputValue()).toBe(joinUrl);
    expect(await attr(host, '[data-testid="room-qr"]', 'data-url')).toBe(joinUrl);
    expect(await host.locator('[data-testid="room-qr"] path').getAttribute('d')).toMatch(/^M4 4h7v1h-7z/);
    expect(await host.getByTestId('overlay-url').inputValue()).toBe(`${base}/r/${code}/overlay`);
    await shot(host, 'room-host-lobby');

    // Three phones, each its own session; the second one's clock runs 45 s behind, the third is in English.
    const phones: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await context('phone', SMALL_PHONE, i === 2 ? 'en-US' : 'ko-KR');
      if (i === 1) await c.clock.install({ time: Date.now() + SKEW_MS });
      const page = await c.newPage();
      await page.goto(joinUrl);
      await until(page, `document.querySelector('[data-testid="join-page"]')?.getAttribute('data-status') === 'lobby'`);
      phones.push(page);
    }
    const [p0, p1, p2] = phones as [Page, Page, Page];

    // The overlay, as OBS loads it: a page of its own with a transparent background.
    const overlay = await (await context('desktop', { width: 1280, height: 720 })).newPage();
    await overlay.goto(`${base}/r/${code}/overlay`);
    await until(overlay, `document.querySelector('[data-testid="overlay"]')?.getAttribute('data-status') === 'lobby'`);
    expect(await evaluate<string[]>(overlay, `[getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor]`)).toEqual([
      'rgba(0, 0, 0, 0)',
      'rgba(0, 0, 0, 0)',
    ]);
    expect(await overlay.locator('button, input, a').count()).toBe(0);

    await host.getByTestId('host-start').click();
    await waitForHost(host, 'voting');
    for (const p of phones) await waitForPhase(p, 'open');

    // The skewed phone counts down with the others: the server's clock, not its own.
    const seconds = async (p: Page) => Number(await attr(p, '[data-testid="countdown"]', 'data-seconds'));
    const [s0, s1] = [await seconds(p0), await seconds(p1)];
    expect(Math.abs(s0 - s1)).toBeLessThanOrEqual(1);
    expect(s1).toBeLessThanOrEqual(90);
    expect(s1).toBeGreaterThan(60);

    const played: { ids: [string, string]; votes: Side[]; winner: Side; overridden: boolean }[] = [];

    // Match 1: phone 0 left, phone 1 right, phone 2 right then changes to left. The overlay follows.
    let ids = await matchOn(p0, 'vote');
    expect(await matchOn(host, 'side')).toEqual(ids);
    await vote(p0, 'left');
    await waitForSplit(overlay, 1, 0);
    await vote(p1, 'right');
    await vote(p2, 'right');
    await waitForSplit(overlay, 1, 2);
    await vote(p2, 'left');
    expect(await attr(p2, '[data-testid="vote-right"]', 'aria-pressed')).toBe('false');
    let votes: Side[] = ['left', 'right', 'left'];
    const [l1, r1] = [count(votes, 'left'), count(votes, 'right')];
    await waitForSplit(overlay, l1, r1);
    const leftPercent = Math.round((l1 / (l1 + r1)) * 100);
    expect(await overlay.getByTestId('split-left-percent').textContent()).toBe(`${leftPercent}%`);
    expect(await overlay.getByTestId('split-right-percent').textContent()).toBe(`${100 - leftPercent}%`);
    for (const p of phones) await waitForSplit(p, l1, r1);
    await waitForSplit(host, l1, r1);
    expect(await host.getByTestId('split-sources').textContent()).toContain(`${l1} : ${r1}`);
    for (const p of phones) expect(await overflowsHorizontally(p)).toBe(false);
    await shot(p0, 'room-join-360', { full: true });
    await shot(p2, 'room-join-360-en');
    expect((await p2.getByTestId('countdown').textContent())?.trim()).toMatch(new RegExp(`^${messages.en['rooms.phase.open'].replace('{n}', '\\d+')}$`));
    expect(await p2.getByTestId('vote-left').getAttribute('aria-label')).toBe(messages.en['rooms.voteAria'].replace('{name}', (await p2.getByTestId('room-side-name').first().textContent()) ?? ''));
    await shot(overlay, 'room-overlay');
    // As OBS composes it: only the panel is drawn, the rest of the page is see-through.
    const png = await overlay.screenshot({ path: `${SHOTS_DIR}/room-overlay-transparent.png`, omitBackground: true });
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number): number => data[(y * info.width + x) * info.channels + 3] ?? -1;
    expect(alphaAt(2, 2)).toBe(0);
    expect(alphaAt(info.width - 3, info.height - 3)).toBe(0);
    const box = await overlay.getByTestId('overlay-panel').boundingBox();
    if (!box) throw new Error('no overlay panel');
    expect(alphaAt(Math.round(box.x + box.width / 2), Math.round(box.y + 4))).toBeGreaterThan(150);
    await shot(host, 'room-host-voting');

    // Close, then accept the audience's pick.
    await host.getByTestId('host-close').click();
    await waitForHost(host, 'decided');
    const first = audienceOf(l1, r1);
    expect(await attr(host, '[data-testid="host-audience"]', 'data-audience')).toBe(first);
    for (const p of phones) await until(p, `document.querySelector('[data-testid="join-audience"]')?.getAttribute('data-audience') === '${first}'`);
    await shot(p0, 'room-join-decided');
    await host.getByTestId('host-advance').click();
    played.push({ ids, votes, winner: first === 'tie' ? 'left' : first, overridden: false });

    // Match 2: the audience picks left, the host overrides it.
    await waitForHost(host, 'voting');
    for (const p of phones) await until(p, `document.querySelector('[data-testid="vote-left"]')?.getAttribute('data-candidate-id') !== ${JSON.stringify(ids[0])} && document.querySelector('[data-testid="join-page"]')?.getAttribute('data-phase') === 'open'`);
    ids = await matchOn(p0, 'vote');
    votes = ['left', 'left', 'right'];
    for (const [i, p] of phones.entries()) await vote(p, votes[i] as Side);
    await waitForSplit(host, count(votes, 'left'), count(votes, 'right'));
    await host.getByTestId('host-close').click();
    await waitForHost(host, 'decided');
    const second = audienceOf(count(votes, 'left'), count(votes, 'right'));
    expect(second).toBe('left');
    await host.getByTestId('host-override').click();
    played.push({ ids, votes, winner: 'right', overridden: true });
    // The phones hear about the override once the next match is up.
    for (const p of phones) await until(p, `!!document.querySelector('[data-testid="join-last"] .room-badge')`);

    // The final: everyone right; accepted.
    await waitForHost(host, 'voting');
    for (const p of phones) await waitForPhase(p, 'open');
    ids = await matchOn(p0, 'vote');
    expect(ids).toContain(played[0]?.ids[played[0].winner === 'left' ? 0 : 1]);
    expect(ids).toContain(played[1]?.ids[1]);
    votes = ['right', 'right', 'right'];
    for (const [i, p] of phones.entries()) await vote(p, votes[i] as Side);
    await waitForSplit(host, 0, 3);
    await host.getByTestId('host-close').click();
    await waitForHost(host, 'decided');
    await host.getByTestId('host-advance').click();
    played.push({ ids, votes, winner: 'right', overridden: false });
    await waitForHost(host, 'finished');

    const championId = ids[1];
    const championName = NAMES[candidateIndex(championId)];
    expect(await host.getByTestId('room-champion-name').textContent()).toBe(championName);
    for (const p of phones) {
      await until(p, `document.querySelector('[data-testid="join-page"]')?.getAttribute('data-status') === 'finished'`);
      expect(await p.getByTestId('room-champion-name').textContent()).toBe(championName);
    }
    await until(overlay, `document.querySelector('[data-testid="overlay-champion"]')?.textContent.includes(${JSON.stringify(championName)})`);
    await shot(p1, 'room-join-finished');
    await shot(overlay, 'room-overlay-finished');

    // The results page: every match in order, its split, who went through, the override marked.
    await p0.getByTestId('room-results-link').click();
    await p0.waitForURL(`${base}/r/${code}/results`);
    await p0.getByTestId('room-results').waitFor();
    expect(await attr(p0, '[data-testid="room-results"]', 'data-status')).toBe('finished');
    expect(await p0.getByTestId('room-champion-name').textContent()).toBe(championName);
    const rows = p0.getByTestId('result-match');
    expect(await rows.count()).toBe(played.length);
    for (const [i, m] of played.entries()) {
      const row = rows.nth(i);
      expect(await row.getByTestId('split').getAttribute('data-left')).toBe(String(count(m.votes, 'left')));
      expect(await row.getByTestId('split').getAttribute('data-right')).toBe(String(count(m.votes, 'right')));
      expect(await row.getAttribute('data-overridden')).toBe(String(m.overridden));
      expect(await row.getByTestId('override-badge').count()).toBe(m.overridden ? 1 : 0);
      const winnerName = NAMES[candidateIndex(m.ids[m.winner === 'left' ? 0 : 1])];
      expect(await row.getByTestId('result-winner').textContent()).toContain(winnerName);
    }
    expect(await p0.getByTestId('override-badge').count()).toBe(played.filter((m) => m.overridden).length);
    expect(await overflowsHorizontally(p0)).toBe(false);
    await shot(p0, 'room-results-360', { full: true });
  });

  test("reveal 'after': no split on the phones before the close; the stream's delay; a late vote is refused politely", { timeout: 120_000 }, async () => {
    const base = app.server.url;
    // This host runs the room from a phone.
    const host = await (await context('phone', SMALL_PHONE)).newPage();
    const code = await openRoom(host, base, wc, { size: 4, seconds: 60, reveal: 'after', delay: 3 }, 'room-form-phone');
    const phones: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await (await context('phone', SMALL_PHONE)).newPage();
      await page.goto(`${base}/r/${code}`);
      await page.getByTestId('join-page').waitFor();
      phones.push(page);
    }
    const [p0, p1] = phones as [Page, Page];

    await host.getByTestId('host-start').click();
    // The stream's delay: "voting opens in N s", the buttons not yet taking votes.
    await waitForPhase(p0, 'delay');
    expect(Number(await attr(p0, '[data-testid="countdown"]', 'data-seconds'))).toBeGreaterThan(0);
    expect(await p0.getByTestId('vote-left').isDisabled()).toBe(true);
    await shot(p0, 'room-join-delay');
    for (const p of phones) await waitForPhase(p, 'open');

    await vote(p0, 'left');
    // The host sees the split; the phones only that it comes later.
    await waitForSplit(host, 1, 0);
    expect(await overflowsHorizontally(host)).toBe(false);
    await shot(host, 'room-host-phone', { full: true });
    for (const p of phones) {
      expect(await splitCounts(p)).toBeNull();
      expect(await p.getByTestId('split-hidden').isVisible()).toBe(true);
    }
    await shot(p0, 'room-join-after');

    // Phone 1's vote is held on the wire until the host has closed: the server refuses it (409).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p1.route('**/api/v1/rooms/*/votes', async (route) => {
      await held;
      await route.continue();
    });
    await p1.getByTestId('vote-right').tap();
    await host.getByTestId('host-close').click();
    await waitForHost(host, 'decided');
    release();
    await p1.getByTestId('room-error').waitFor();
    expect(await p1.getByTestId('room-error').textContent()).toBe(messages.ko['error.voting_closed']);
    await until(p1, `document.querySelector('[data-testid="vote-right"]')?.getAttribute('aria-pressed') === 'false'`);

    // Closed: now everyone sees the split, with only the vote that counted.
    for (const p of phones) await waitForSplit(p, 1, 0);
    expect(await attr(p1, '[data-testid="join-audience"]', 'data-audience')).toBe('left');
    await shot(p1, 'room-join-refused');

    // Next match: nobody votes, so the audience ties and the host must pick (an even, empty split).
    await host.getByTestId('host-advance').click();
    await waitForHost(host, 'voting');
    await host.getByTestId('host-close').click();
    await waitForHost(host, 'decided');
    expect(await host.getByTestId('host-advance').count()).toBe(0);
    await host.getByTestId('host-tie').waitFor();
    expect(await splitCounts(host)).toEqual([0, 0]);
    expect(await host.getByTestId('split-left-percent').textContent()).toBe('–');
    for (const p of phones) await until(p, `document.querySelector('[data-testid="join-audience"]')?.getAttribute('data-audience') === 'tie'`);
    const picks = host.getByTestId('host-pick');
    expect(await picks.count()).toBe(2);
    await shot(host, 'room-host-tie');
    await picks.nth(1).click();
    await waitForHost(host, 'voting');

    // The host ends the room early (after confirming): no champion, and the phones are told.
    await host.getByTestId('host-end').click();
    await host.getByTestId('host-end-confirm').click();
    await waitForHost(host, 'finished');
    for (const p of phones) {
      await until(p, `document.querySelector('[data-testid="join-page"]')?.getAttribute('data-status') === 'finished'`);
      expect(await p.getByTestId('room-ended-early').isVisible()).toBe(true);
    }
  });

  test('with the Content-Security-Policy enforced, the console, join page, overlay and results run without a violation', { timeout: 90_000 }, async () => {
    const base = app.server.url;
    const violations: string[] = [];
    // Locators only from here: the enforced policy refuses the eval that page functions need.
    const open = async (kind: 'desktop' | 'phone', url?: string): Promise<Page> => {
      const c = await newContext(app.browser, kind, 'ko-KR', { enforceCsp: true, ...(kind === 'phone' ? { viewport: SMALL_PHONE } : {}) });
      contexts.push(c);
      const page = await c.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      if (url) await page.goto(url);
      return page;
    };
    const host = await open('desktop');
    const code = await openRoom(host, base, wc, { size: 4, seconds: 60, reveal: 'live', delay: 0 });
    await host.locator('[data-testid="room-qr"] path').waitFor();
    const phone = await open('phone', `${base}/r/${code}`);
    const overlay = await open('desktop', `${base}/r/${code}/overlay`);
    await phone.locator('[data-testid="join-page"][data-status="lobby"]').waitFor();
    await host.getByTestId('host-start').click();
    await phone.locator('[data-testid="join-page"][data-phase="open"]').waitFor();
    await phone.getByTestId('vote-left').tap();
    await phone.locator('[data-testid="vote-left"][aria-pressed="true"]').waitFor();
    for (const page of [phone, overlay, host]) await page.locator('[data-testid="split"][data-left="1"][data-right="0"]').waitFor({ timeout: LIVE_MS });
    await host.getByTestId('host-close').click();
    await host.locator('[data-testid="host-console"][data-status="decided"]').waitFor();
    const results = await open('phone', `${base}/r/${code}/results`);
    await results.locator('[data-testid="room-results"]').waitFor();
    expect(await results.locator('[data-testid="results-in-progress"]').count()).toBe(1);
    expect(violations).toEqual([]);
  });

  /** A candidate's place in NAMES, by its id in the world cup. */
  function candidateIndex(id: string): number {
    const c = wc.candidates.find((x) => x.id === id);
    const i = c ? NAMES.indexOf(c.name) : -1;
    if (i < 0) throw new Error(`unknown candidate ${id}`);
    return i;
  }
});
