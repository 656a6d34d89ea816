/**
 * The world cup page survives a champion notice that arrives twice (issue 9, item 1): a duplicate
 * in the snapshot's recent champions and the same notice again on the live stream used to make the
 * "recent champions" block disappear for every viewer (a duplicate key in a keyed list). Chromium
 * on a phone-sized viewport; the duplicates are published through the server's own live backend.
 * Screenshot: /tmp/versus-shots/champion-duplicates.png.
 */
import { describe, expect, test } from 'vitest';
import { type ChampionNotice, RECENT_CHAMPIONS, worldcupChannel } from '../src/shared/events.js';
import type { Game, WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { newContext, shot, useAppInBrowser } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('recent champions with a duplicated notice', () => {
  const app = useAppInBrowser({ seed: false });

  test('shows each champion once and keeps the page whole', async () => {
    const api = new ApiClient(() => app.server.url);
    const wc = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '중복 알림 월드컵', candidates: textCandidates(8) } });
    let game = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
    while (game.match) game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });

    // The real notice is announced after commit; wait until it is kept for snapshots.
    const { backend } = app.server.server.services.live;
    const key = `champions:${worldcupChannel(wc.id)}`;
    for (let i = 0; i < 100 && (await backend.state.list(key)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const [raw] = await backend.state.list(key);
    if (!raw) throw new Error('the champion was not announced');
    const notice = JSON.parse(raw) as ChampionNotice;
    expect(notice.resultId).toBe(game.resultId);
    // The same notice again, in the list snapshots are built from.
    await backend.state.push(key, raw, RECENT_CHAMPIONS, 60_000);

    const context = await newContext(app.browser, 'phone');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}/w/${wc.id}`);
    await page.getByTestId('recent-champions').waitFor();
    // And once more on the live stream, while the page watches.
    await backend.bus.publish(worldcupChannel(wc.id), 'champion', raw);
    await page.waitForTimeout(500);

    await expect.poll(() => page.getByTestId('champion-notice').count()).toBe(1);
    expect(await page.getByTestId('champion-notice').first().getAttribute('data-result-id')).toBe(game.resultId);
    expect(await page.getByTestId('recent-champions').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '중복 알림 월드컵' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    // No game id anywhere on the page a stranger sees.
    expect(await page.content()).not.toContain(game.id);
    await shot(page, 'champion-duplicates');
    // The notice leads to the game's public result page (its read-only id), which shows the champion.
    await page.getByTestId('champion-notice-result').first().click();
    await page.waitForURL(`**/s/${game.resultId}`);
    expect(await page.getByTestId('result-champion').getAttribute('data-candidate-id')).toBe(game.champion?.id);
    await context.close();
  });
});
