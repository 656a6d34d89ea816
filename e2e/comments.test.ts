/**
 * Comments in the browser (issue 12): two browsers on the same world cup page; a comment posted in
 * one (a phone, 390 px) appears live in the other without a reload, and so do its like count, a
 * reply and its deletion. The counter counts as the server does, and the page stays 390 px wide.
 * Screenshots go to /tmp/versus-shots/ (comments-*).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Game, WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');
const LIVE_MS = 15_000;

const liveStatus = (page: Page) => page.getByTestId('live-status').first().getAttribute('data-status');
const commentBodies = (page: Page) => page.getByTestId('comment-body').allInnerTexts();

describe.skipIf(!hasChromium)('comments in chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let wc: WorldCup;
  let writer: Page;
  let reader: Page;

  beforeAll(async () => {
    server = await startTestServer({ seed: false, config: { adminUsername: 'root' } });
    const owner = new ApiClient(() => server.url);
    wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '댓글 월드컵', candidates: textCandidates(4) } });
    browser = await launchBrowser();
    const [phone, desktop] = await Promise.all([newContext(browser, 'phone'), newContext(browser, 'desktop')]);
    [writer, reader] = await Promise.all([phone.newPage(), desktop.newPage()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a comment posted in one browser appears live in the other, with likes, a reply and a deletion', async () => {
    // Someone who finished a game comments with their champion as a badge.
    const player = new ApiClient(() => server.url);
    let game = await player.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
    while (!game.done && game.match) game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
    await player.ok('POST', `/api/v1/worldcups/${wc.id}/comments`, 201, { json: { body: '제 우승은 이거예요' } });

    await Promise.all([writer.goto(`${server.url}/w/${wc.id}`), reader.goto(`${server.url}/w/${wc.id}`)]);
    await expect.poll(() => liveStatus(reader), { timeout: LIVE_MS }).toBe('live');
    await expect.poll(() => liveStatus(writer), { timeout: LIVE_MS }).toBe('live');
    await reader.getByTestId('comment-badge').first().waitFor();
    expect(await reader.getByTestId('comment-badge').first().innerText()).toContain(game.champion?.name ?? '?');

    const input = writer.getByTestId('comment-input');
    await input.fill('😀'.repeat(3));
    expect(await writer.getByTestId('comment-counter').first().innerText()).toContain('3/500');
    await input.fill('실시간 댓글 <b>안녕</b>');
    await writer.getByTestId('comment-submit').tap();
    await expect.poll(() => commentBodies(writer)).toContain('실시간 댓글 <b>안녕</b>');
    // The other browser gets it without a reload, as plain text.
    await expect.poll(() => commentBodies(reader), { timeout: LIVE_MS }).toContain('실시간 댓글 <b>안녕</b>');
    expect(await reader.locator('[data-testid="comment-body"] b').count()).toBe(0);
    expect(await input.inputValue()).toBe('');

    const inReader = reader.locator('[data-testid="comment"]', { hasText: '실시간 댓글' }).first();
    const like = inReader.getByTestId('comment-like').first();
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    const inWriter = writer.locator('[data-testid="comment"]', { hasText: '실시간 댓글' }).first();
    await expect.poll(() => inWriter.getByTestId('comment-likes').first().innerText(), { timeout: LIVE_MS }).toBe('1');

    await inReader.getByTestId('comment-reply').click();
    await reader.getByTestId('reply-input').fill('답글입니다');
    await reader.getByTestId('reply-submit').click();
    await expect.poll(() => commentBodies(writer), { timeout: LIVE_MS }).toContain('답글입니다');
    await shot(writer, 'comments-phone');
    await shot(reader, 'comments-desktop', { full: true });
    expect(await overflowsHorizontally(writer)).toBe(false);

    // The writer deletes their comment: the reply stays under "삭제된 댓글입니다", in both browsers.
    writer.once('dialog', (d) => void d.accept());
    await inWriter.getByTestId('comment-delete').first().tap();
    await writer.getByTestId('comment-deleted').waitFor();
    await reader.getByTestId('comment-deleted').waitFor({ timeout: LIVE_MS });
    expect(await reader.getByTestId('comment-deleted').innerText()).toBe('삭제된 댓글입니다');
    expect(await commentBodies(reader)).toContain('답글입니다');
    expect(await commentBodies(reader)).not.toContain('실시간 댓글 <b>안녕</b>');
  });

  test('a comment is reported through its own dialog; the world cup report button stays one', async () => {
    await reader.reload();
    const other = reader.locator('[data-testid="comment"]', { hasText: '제 우승은' }).first();
    await other.getByTestId('comment-report').first().click();
    await reader.getByTestId('comment-report-reason-spam').check();
    await reader.getByTestId('comment-report-submit').click();
    await reader.locator('[data-testid="comment-report-outcome"][data-outcome="done"]').waitFor();
    expect(await reader.getByTestId('report-button').count()).toBe(1);
  });

  test("an admin sees the reported comment's text in the queue and deletes it from there", async () => {
    const adminContext = await newContext(browser, 'phone');
    const signup = await adminContext.request.post(`${server.url}/api/v1/auth/signup`, { data: { username: 'root', password: 'correct horse battery' } });
    expect(signup.status()).toBe(201);
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/admin`);
    const card = admin.locator('[data-testid="admin-report"]', { has: admin.getByTestId('admin-report-comment') }).first();
    await card.waitFor();
    expect(await card.getByTestId('admin-report-comment-body').innerText()).toBe('제 우승은 이거예요');
    expect(await card.getByTestId('admin-hide').count()).toBe(0);
    await shot(admin, 'comments-admin-phone');
    expect(await overflowsHorizontally(admin)).toBe(false);
    await card.getByTestId('admin-delete-comment').tap();
    await expect.poll(() => admin.getByTestId('admin-report-comment').count()).toBe(0);
    // Gone for the reader too, live.
    await expect.poll(() => commentBodies(reader), { timeout: LIVE_MS }).not.toContain('제 우승은 이거예요');
    await adminContext.close();
  });
});
