/**
 * Drafts of the create form (issue 12): leaving the page by a link or a reload loses neither text
 * nor uploads; the draft is offered back ("이어서 작성 / 새로 작성"), restores the fields and the
 * uploaded image, and is gone once the world cup is saved. An image the server deleted meanwhile
 * (unused uploads expire) is named instead of being shown broken. Chromium.
 * Screenshots: /tmp/versus-shots/draft-offer-phone.png, draft-restored-desktop.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { requireDependency } from '../test/helpers/env.js';
import { evaluate, makeColourPngs, newContext, overflowsHorizontally, shot, useAppInBrowser } from './support.js';

const hasChromium = await requireDependency('chromium');

async function addText(page: Page, name: string): Promise<void> {
  // The panel stays open after an add; the button toggles it.
  if ((await page.getByTestId('text-body-input').count()) === 0) await page.getByTestId('add-text').click();
  await page.getByTestId('text-body-input').fill(`${name}의 글`);
  await page.getByTestId('add-name-input').fill(name);
  await page.getByTestId('add-submit').click();
}

const uploadsDone = (page: Page) => page.waitForFunction(`document.querySelectorAll('[data-testid="candidate-row"][data-uploading="true"]').length === 0`);
const names = (page: Page) => page.getByTestId('candidate-name-input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));

describe.skipIf(!hasChromium)('drafts of the create form', () => {
  const app = useAppInBrowser({ seed: false });

  test('a link away and a reload keep title, text candidate and uploaded image; saving clears the draft', async () => {
    const [red] = await makeColourPngs();
    const context = await newContext(app.browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/create`);
    await page.getByTestId('title-input').fill('초안 월드컵');
    await page.getByTestId('description-input').fill('나중에 마저 쓸게요');
    await addText(page, '첫 번째 글');
    await page.getByTestId('dropzone-input').setInputFiles([red as string]);
    await uploadsDone(page);
    expect(await names(page)).toEqual(['첫 번째 글', 'red']);

    // A link inside the app, then back.
    await page.getByRole('link', { name: '홈', exact: true }).first().click();
    await page.waitForURL(`${app.server.url}/`);
    await page.goBack();
    await page.getByTestId('draft-offer').waitFor();
    expect(await page.getByTestId('draft-offer').textContent()).toContain('작성 중이던 초안이 있어요');
    expect(await page.getByTestId('draft-offer').textContent()).toContain('초안 월드컵');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'draft-offer-phone');
    await page.getByTestId('draft-restore').click();
    await expect.poll(() => page.getByTestId('title-input').inputValue()).toBe('초안 월드컵');

    // A reload.
    await page.reload();
    await page.getByTestId('draft-restore').click();
    await expect.poll(() => page.getByTestId('title-input').inputValue()).toBe('초안 월드컵');
    expect(await page.getByTestId('description-input').inputValue()).toBe('나중에 마저 쓸게요');
    expect(await names(page)).toEqual(['첫 번째 글', 'red']);
    // The uploaded image is back, from the server (not a blob of the page that is gone).
    const img = page.getByTestId('candidate-row').nth(1).locator('img');
    await expect.poll(() => img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await img.getAttribute('src')).toMatch(/^\/media\//);
    expect(await page.getByTestId('draft-expired').count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'draft-restored-desktop');

    await addText(page, '두 번째 글');
    await addText(page, '세 번째 글');
    await page.getByTestId('submit-worldcup').click();
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => page.getByTestId('worldcup-heading').textContent()).toBe('초안 월드컵');
    const wcUrl = page.url();

    await page.goto(`${app.server.url}/create`);
    await page.getByTestId('title-input').waitFor();
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
    expect(await page.getByTestId('title-input').inputValue()).toBe('');
    expect(await evaluate<number>(page, `Object.keys(localStorage).filter((k) => k.startsWith('versus.draft.')).length`)).toBe(0);

    // The edit form keeps its own draft, offered only when it differs from the saved world cup.
    const id = wcUrl.split('/').pop() as string;
    await page.goto(`${app.server.url}/edit/${id}`);
    await expect.poll(() => page.getByTestId('title-input').inputValue()).toBe('초안 월드컵');
    await page.reload();
    await page.getByTestId('title-input').waitFor();
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
    await page.getByTestId('title-input').fill('고친 제목');
    await page.reload();
    await page.getByTestId('draft-restore').click();
    await expect.poll(() => page.getByTestId('title-input').inputValue()).toBe('고친 제목');
    expect(await page.getByTestId('candidate-row').count()).toBe(4);
    await page.getByTestId('submit-worldcup').click();
    await page.waitForURL(wcUrl);
    await expect.poll(() => page.getByTestId('worldcup-heading').textContent()).toBe('고친 제목');
    await page.goto(`${app.server.url}/edit/${id}`);
    await expect.poll(() => page.getByTestId('title-input').inputValue()).toBe('고친 제목');
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
    await context.close();
  });

  test('새로 작성 discards the draft; an image deleted on the server is named, not restored', async () => {
    const [, orange] = await makeColourPngs();
    const context = await newContext(app.browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/create`);
    await page.getByTestId('title-input').fill('버릴 초안');
    await page.reload();
    await page.getByTestId('draft-discard').click();
    expect(await page.getByTestId('title-input').inputValue()).toBe('');
    await page.reload();
    await page.getByTestId('title-input').waitFor();
    expect(await page.getByTestId('draft-offer').count()).toBe(0);

    await page.getByTestId('title-input').fill('오래된 초안');
    await addText(page, '남는 글');
    await page.getByTestId('dropzone-input').setInputFiles([orange as string]);
    await uploadsDone(page);
    await page.waitForTimeout(600);
    // The upload clean-up, run as if two days had passed: the draft's image is used by no world cup.
    expect(await app.server.server.services.uploads.sweepOrphans(Date.now() + 48 * 3_600_000)).toBeGreaterThan(0);
    await page.reload();
    await page.getByTestId('draft-restore').click();
    await page.getByTestId('draft-expired').waitFor();
    expect(await page.getByTestId('draft-expired').textContent()).toContain('orange');
    expect(await names(page)).toEqual(['남는 글']);
    expect(await page.getByTestId('title-input').inputValue()).toBe('오래된 초안');
    await context.close();
  });
});
