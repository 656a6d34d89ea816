/**
 * 이어하기 (issue 12): coming back to a world cup with an unfinished game offers to continue it,
 * and continuing shows the very match that was left; starting anew is the second choice. Chromium,
 * phone-sized. Screenshots: /tmp/versus-shots/resume-phone.png, resume-desktop.png.
 */
import { describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { DESKTOP, newContext, overflowsHorizontally, shot, useAppInBrowser, waitForMatch, waitForNext } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('이어하기', () => {
  const app = useAppInBrowser({ seed: false });

  test('play 3 picks, go home, come back: 이어하기 continues the same match', async () => {
    const wc = await new ApiClient(() => app.server.url).ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '이어하기 월드컵', candidates: textCandidates(16) },
    });
    const context = await newContext(app.browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/w/${wc.id}`);
    await page.getByTestId('start-game').waitFor();
    // Nothing to continue yet: one plain start button.
    expect(await page.getByTestId('resume').count()).toBe(0);
    expect(await page.getByTestId('start-game').textContent()).toContain('시작하기');
    await page.locator('[data-testid="size-option"][data-size="8"]').click();
    await page.getByTestId('start-game').click();
    let m = await waitForMatch(page);
    for (let k = 0; k < 3; k++) {
      await page.getByTestId('candidate-a').click();
      await waitForNext(page, m.key);
      m = await waitForMatch(page);
    }
    const left = m;
    const gameUrl = page.url();

    await page.getByRole('link', { name: 'Versus 홈' }).click();
    await page.waitForURL(`${app.server.url}/`);
    await page.goto(`${app.server.url}/w/${wc.id}`);
    const resume = page.getByTestId('resume-game');
    await resume.waitFor();
    expect((await resume.textContent())?.trim()).toBe('이어하기 (8강 4/4)');
    // Starting anew is still there, as the secondary choice.
    expect(await page.getByTestId('start-game').textContent()).toContain('새로 시작');
    expect(await page.getByTestId('start-game').getAttribute('class')).not.toContain('btn-primary');
    expect(await overflowsHorizontally(page)).toBe(false);
    // On the phone it is also offered right under the title, in the first screen.
    const top = page.getByTestId('resume-game-top');
    expect((await top.textContent())?.trim()).toBe('이어하기 (8강 4/4)');
    const box = await top.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);
    await shot(page, 'resume-phone-top');
    await resume.scrollIntoViewIfNeeded();
    await shot(page, 'resume-phone');
    await page.setViewportSize(DESKTOP);
    expect(await top.isVisible()).toBe(false);
    await shot(page, 'resume-desktop');

    await resume.click();
    await page.waitForURL(gameUrl);
    const again = await waitForMatch(page);
    expect(again).toEqual(left);
    await context.close();
  });

  test('another browser is offered nothing', async () => {
    const owner = new ApiClient(() => app.server.url);
    const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '남의 게임', candidates: textCandidates(8) } });
    await owner.ok('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
    const context = await newContext(app.browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/w/${wc.id}`);
    await page.getByTestId('start-game').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('resume').count()).toBe(0);
    await context.close();
  });
});
