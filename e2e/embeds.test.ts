/**
 * A world cup embedded in another site: a page served from another site frames /embed/w/ID, the
 * world cup is played inside the frame without cookies (the session travels in a header, the game
 * id in the embed's state; neither reaches a URL the host could read), and the same host cannot
 * frame an ordinary Versus page (frame-ancestors 'none').
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { launchBrowser, newContext, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

describe.skipIf(!hasChromium)('embeds in another site', () => {
  let server: TestServer;
  let host: http.Server;
  let hostUrl: string;
  let browser: Browser;
  let page: Page;
  let wc: WorldCup;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    wc = await new ApiClient(() => server.url).ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: 'Embedded cup', candidates: textCandidates(4, 'Pick ') },
    });
    // The host site: another site (localhost, not 127.0.0.1), where the browser withholds Versus's
    // SameSite cookie from the frames, with two frames: an embed and an ordinary page.
    host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>host</title>
        <iframe id="embed" src="${server.url}/embed/w/${wc.id}" width="390" height="640"></iframe>
        <iframe id="full" src="${server.url}/w/${wc.id}" width="390" height="300"></iframe>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await newContext(browser, 'phone', 'en-US', { enforceCsp: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await server?.close();
  });

  test('the embed plays inside the frame; an ordinary page is refused', async () => {
    await page.goto(hostUrl);
    const embed = page.frameLocator('#embed');
    await expect.poll(() => embed.getByTestId('worldcup-heading').textContent()).toBe('Embedded cup');
    const open = embed.getByTestId('open-in-versus');
    expect(await open.textContent()).toContain('Open in Versus');
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.getAttribute('href')).toBe(`/w/${wc.id}`);

    await embed.getByTestId('start-game').click();
    const ready = embed.locator('[data-testid="match"][aria-busy="false"]');
    await ready.waitFor();
    const key = (await ready.getAttribute('data-match-key')) ?? '';
    await embed.getByTestId('candidate-a').click();
    await embed.locator(`[data-testid="match"][aria-busy="false"]:not([data-match-key="${key}"])`).waitFor();
    expect(await embed.getByTestId('progress').getAttribute('aria-valuenow')).toBe('1');
    await shot(page, 'embed-in-host');

    // The game lives in the embed's state: neither the frame's address nor the host's changed.
    const frame = page.frames().find((f) => f.url().includes('/embed/'));
    expect(frame?.url()).toBe(`${server.url}/embed/w/${wc.id}`);
    expect(await page.locator('#embed').getAttribute('src')).toBe(`${server.url}/embed/w/${wc.id}`);
    expect(page.url()).toBe(`${hostUrl}/`);

    // The ordinary world cup page never renders inside the host: the browser refuses to frame it.
    const full = page.frameLocator('#full');
    expect(await full.getByTestId('worldcup-heading').count()).toBe(0);
    expect(page.frames().some((f) => f.url() === `${server.url}/w/${wc.id}`)).toBe(false);
  });

  test('the ranking embed shows the table on a phone, without the site header', async () => {
    const phone = await page.context().newPage();
    await phone.goto(`${server.url}/embed/w/${wc.id}/ranking`);
    await phone.getByTestId('embed').waitFor();
    await expect.poll(() => phone.locator('[data-testid="embed-ranking"], [data-testid="status-empty"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await phone.getByTestId('nav-create').count()).toBe(0);
    expect(await phone.getByTestId('open-in-versus').getAttribute('href')).toBe(`/w/${wc.id}/ranking`);
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await shot(phone, 'embed-ranking-phone');
    await phone.close();
  });
});
