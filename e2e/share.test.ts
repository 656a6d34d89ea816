/**
 * Results and sharing in chromium (issue 12): a player finishes a game on a phone, sees how others
 * chose each pair after picking it ("…%가 같은 선택", from the pick reply), copies the result link
 * from the share buttons, and someone else opens it: the result page shows the champion and the
 * path through the bracket, without the game's id anywhere in the link.
 * Screenshots: /tmp/versus-shots/share-champion.png, share-result-phone(-full).png.
 */
import { describe, expect, test } from 'vitest';
import type { Game, WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { newContext, overflowsHorizontally, shot, useAppInBrowser, waitForMatch } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('sharing a result', () => {
  const app = useAppInBrowser({ seed: false });

  test('a finished game shares its result link, which opens the champion and the path', async () => {
    const api = new ApiClient(() => app.server.url);
    const wc = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '공유 테스트 월드컵', candidates: textCandidates(4, '후보 ') } });
    // Earlier players, so the pairs have enough votes for "others chose" to show.
    for (let i = 0; i < 30; i++) {
      let g = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      while (g.match) g = await api.ok<Game>('POST', `/api/v1/games/${g.id}/picks`, 200, { json: { winner: g.match.a.id, picks: g.picks } });
    }

    const context = await newContext(app.browser, 'phone');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}/w/${wc.id}`);
    await page.locator('[data-testid="size-option"][data-size="4"]').tap();
    await page.getByTestId('start-game').tap();
    await page.waitForURL(/\/play\//);
    const gameId = new URL(page.url()).pathname.split('/').pop() ?? '';

    let toasts = 0;
    for (let pick = 0; pick < 3; pick++) {
      await waitForMatch(page);
      // Nothing is revealed before the pick.
      expect(await page.getByTestId('agreed').count()).toBe(0);
      const reply = page.waitForResponse((r) => r.url().includes('/picks') && r.request().method() === 'POST');
      await page.getByTestId('candidate-a').tap();
      const game = (await (await reply).json()) as Game;
      if (game.agreed) {
        toasts++;
        const toast = page.getByTestId('agreed');
        await toast.waitFor();
        expect(await toast.textContent()).toContain(`${Math.round(game.agreed.share * 100)}%가 같은 선택`);
      }
      if (pick < 2) await page.waitForSelector('[data-testid="agreed"]', { state: 'detached', timeout: 4000 }).catch(() => undefined);
    }
    expect(toasts).toBeGreaterThan(0);

    await page.getByTestId('champion').waitFor();
    const championName = (await page.getByTestId('champion-name').textContent())?.trim() ?? '';
    expect(await page.getByTestId('share-x').getAttribute('href')).toMatch(/^https:\/\/twitter\.com\/intent\/tweet\?text=.+&url=/);
    expect(await page.getByTestId('share-kakao').count()).toBe(0); // no KAKAO_JS_KEY: hidden
    await page.getByTestId('share-copy').tap();
    await expect.poll(() => page.getByTestId('share-copy').textContent()).toContain('복사됨');
    const link = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(link).toMatch(new RegExp(`^${app.server.url}/s/[A-Za-z0-9]{16}$`));
    expect(link).not.toContain(gameId);
    expect(await page.getByTestId('result-link').getAttribute('href')).toBe(new URL(link).pathname);
    await shot(page, 'share-champion');
    expect(errors).toEqual([]);

    // Someone else opens the link.
    const other = await newContext(app.browser, 'phone');
    const friend = await other.newPage();
    await friend.goto(link);
    await friend.getByTestId('result').waitFor();
    expect((await friend.getByTestId('result-champion-name').textContent())?.trim()).toBe(championName);
    const rounds = await friend.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="result-round"]')].map((e) => e.getAttribute('data-round'))`);
    expect(rounds).toEqual(['4', '2']);
    expect(await friend.getByTestId('result-match').count()).toBe(3);
    expect(await friend.getByTestId('result-agreed').first().textContent()).toMatch(/같은 선택 \d+%|아직 표가 적어요/);
    expect(await friend.locator('[data-testid="result-match"] [data-picked="true"]').count()).toBe(3);
    expect(await friend.getByTestId('result-play').getAttribute('href')).toBe(`/w/${wc.id}`);
    expect(await overflowsHorizontally(friend)).toBe(false);
    await shot(friend, 'share-result-phone', { full: true });
    await other.close();
    await context.close();
  }, 90_000); // 30 earlier games through the API, then a whole game on a phone
});
