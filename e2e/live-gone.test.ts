/**
 * A world cup made private while people watch its ranking: the server ends every stream of it.
 * A stranger's page stops reconnecting and says the world cup is gone; its owner's page comes
 * straight back live.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { newContext, shot, useAppInBrowser } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('a watched world cup made private', () => {
  const app = useAppInBrowser({ seed: false });

  const status = (page: Page) => page.getByTestId('live-status').first().getAttribute('data-status');

  test('the stranger is told it is gone and stops retrying; the owner stays live', async () => {
    const owner = new ApiClient(() => app.server.url);
    const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'soon private', candidates: textCandidates(4) } });
    const token = owner.session;
    if (!token) throw new Error('the owner has a session cookie');

    const strangerContext = await newContext(app.browser, 'phone');
    const ownerContext = await newContext(app.browser, 'desktop');
    await ownerContext.addCookies([{ name: 'vs_session', value: token, url: app.server.url }]);
    const [stranger, mine] = [await strangerContext.newPage(), await ownerContext.newPage()];
    for (const page of [stranger, mine]) {
      await page.goto(`${app.server.url}/w/${wc.id}/ranking`);
      await expect.poll(() => status(page), { timeout: 10_000 }).toBe('live');
    }

    // Count the stranger's stream requests from here on: a gone world cup must not be retried.
    let attempts = 0;
    stranger.on('request', (r) => {
      if (r.url().includes(`/worldcups/${wc.id}/events`) && r.method() === 'GET') attempts++;
    });
    await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { visibility: 'private' } });

    await expect.poll(() => status(stranger), { timeout: 10_000 }).toBe('gone');
    await expect.poll(() => stranger.getByTestId('live-status').first().textContent()).toContain('더 이상 볼 수 없는 월드컵');
    await shot(stranger, 'live-gone-phone');
    await stranger.waitForTimeout(5_000); // longer than the first retry pause (2 s)
    expect(attempts).toBe(0);
    expect(await status(stranger)).toBe('gone');

    // The owner's stream was ended too, and came straight back.
    await expect.poll(() => status(mine), { timeout: 10_000 }).toBe('live');
    await strangerContext.close();
    await ownerContext.close();
  });
});
