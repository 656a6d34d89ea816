/**
 * The owner's arena settings and prompt import on the edit page (issue 13), in chromium: a JSONL
 * file chosen in the page is imported, the page shows the count, the categories and the line it
 * left out (with its number and reason), and the world cup's payload then lists the categories;
 * "replace" swaps the prompts; the arena settings saved on the page are the payload's. A stranger's
 * edit page has neither. Screenshots go to /tmp/versus-shots/ (prompts-*).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PromptList } from '../src/shared/arena.js';
import type { WorldCup } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

const NAMES = ['간결한 답', '자세한 답', '목록형 답', '예시 중심 답'];
const line = (prompt: string, category: string) => JSON.stringify({ prompt, category, responses: { '간결한 답': `${prompt}: 짧게`, '자세한 답': `${prompt}: 길게, 이유까지` } });

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('prompt-file').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
}

describe.skipIf(!hasChromium)('prompt import on the edit page', () => {
  let server: TestServer;
  let browser: Browser;
  let wc: WorldCup;
  let owner: Page;
  const api = () => new ApiClient(() => server.url);

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    owner = await (await newContext(browser, 'desktop')).newPage();
    await owner.goto(`${server.url}/`);
    // Created from the page, so that the browser's session is the owner.
    const candidates = NAMES.map((name, i) => ({ name, text: `${name} 스타일`, group: i % 2 === 0 ? 'brief' : 'thorough' }));
    const body = JSON.stringify({ title: '답변 스타일 테스트', candidates });
    wc = await evaluate<WorldCup>(
      owner,
      `fetch('/api/v1/worldcups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} }).then((r) => r.json())`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the owner imports a JSONL file: the count, the categories, the bad line; the payload lists the categories', async () => {
    await owner.goto(`${server.url}/edit/${wc.id}`);
    await owner.getByTestId('prompt-import').waitFor();
    await expect.poll(() => owner.getByTestId('prompt-count').textContent()).toBe('지금 프롬프트 0개');
    const jsonl = [line('배열 중복 제거', '코딩'), '{"prompt": "깨진 줄"', line('메일 첫 문장', '글쓰기'), JSON.stringify({ prompt: '없는 후보', responses: { 유령: 'a', '간결한 답': 'b' } }), line('되와 돼', '한국어')].join('\n');
    await chooseFile(owner, 'prompts.jsonl', `${jsonl}\n`);
    await owner.getByTestId('prompt-import-submit').click();
    await owner.getByTestId('prompt-imported').waitFor();
    expect(await owner.getByTestId('prompt-imported').textContent()).toBe('프롬프트 3개를 가져왔어요. 지금 모두 3개예요.');
    const errors = owner.getByTestId('prompt-error');
    expect(await errors.count()).toBe(2);
    expect(await errors.nth(0).getAttribute('data-line')).toBe('2');
    expect(await errors.nth(0).textContent()).toContain('2번째 줄');
    expect(await errors.nth(0).textContent()).toContain('not valid JSON');
    expect(await errors.nth(1).getAttribute('data-line')).toBe('4');
    expect(await errors.nth(1).textContent()).toContain('유령');
    const cats = owner.getByTestId('prompt-category');
    const shown = await Promise.all(Array.from({ length: await cats.count() }, (_, i) => cats.nth(i).getAttribute('data-name')));
    expect(shown.sort()).toEqual(['글쓰기', '코딩', '한국어'].sort());
    expect(await owner.getByTestId('prompt-count').textContent()).toBe('지금 프롬프트 3개');
    await owner.getByTestId('prompt-import').scrollIntoViewIfNeeded();
    await shot(owner, 'prompts-imported');

    // What the page showed is what the server stored.
    const payload = await api().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
    expect([...payload.categories].sort()).toEqual(['글쓰기', '코딩', '한국어'].sort());
    expect((await api().ok<PromptList>('GET', `/api/v1/worldcups/${wc.id}/prompts`, 200)).prompts).toBe(3);
  });

  test('"replace" swaps the prompts; a file with no good line says so and changes nothing', async () => {
    await owner.goto(`${server.url}/edit/${wc.id}`);
    await owner.getByTestId('prompt-import').waitFor();
    await chooseFile(owner, 'only-coding.jsonl', line('SQL 조인', '코딩'));
    await owner.getByTestId('prompt-replace').check();
    await owner.getByTestId('prompt-import-submit').click();
    await expect.poll(() => owner.getByTestId('prompt-imported').textContent()).toBe('프롬프트 1개를 가져왔어요. 지금 모두 1개예요.');
    expect(await owner.getByTestId('prompt-error').count()).toBe(0);
    expect((await api().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).categories).toEqual(['코딩']);

    await owner.getByTestId('prompt-replace').uncheck();
    await chooseFile(owner, 'broken.jsonl', 'not json at all');
    await owner.getByTestId('prompt-import-submit').click();
    await owner.getByTestId('prompt-import-error').waitFor();
    expect(await owner.getByTestId('prompt-import-error').textContent()).toContain('가져올 수 있는 줄이 없어요');
    expect((await api().ok<PromptList>('GET', `/api/v1/worldcups/${wc.id}/prompts`, 200)).prompts).toBe(1);
  });

  test('arena settings saved on a phone are the payload\'s, and stay after a reload', async () => {
    const phone = await (await newContext(browser, 'phone')).newPage();
    await phone.context().addCookies(await owner.context().cookies());
    await phone.goto(`${server.url}/edit/${wc.id}`);
    await phone.getByTestId('arena-settings').waitFor();
    expect(await overflowsHorizontally(phone)).toBe(false);
    await phone.getByTestId('arena-mode-arena').click();
    await phone.getByTestId('arena-blind').check();
    await phone.getByTestId('arena-topk').fill('3');
    await phone.getByTestId('arena-camp-share-on').check();
    await phone.getByTestId('arena-camp-share').fill('60');
    await phone.getByTestId('arena-save').click();
    await phone.getByTestId('arena-saved').waitFor();
    await shot(phone, 'prompts-arena-phone');
    const payload = await api().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
    expect(payload.arena).toEqual({ mode: 'arena', blind: true, sampling: 'active', topK: 3, campShare: 0.6 });

    await phone.reload();
    await phone.getByTestId('arena-settings').waitFor();
    expect(await phone.locator('[data-testid="arena-mode-arena"] input').isChecked()).toBe(true);
    expect(await phone.getByTestId('arena-blind').isChecked()).toBe(true);
    expect(await phone.getByTestId('arena-topk').inputValue()).toBe('3');
    await phone.context().close();
  });

  test("a stranger's edit page has no arena settings and no import", async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    await page.goto(`${server.url}/edit/${wc.id}`);
    await page.getByText('이 월드컵을 수정할 권한이 없어요.').waitFor();
    expect(await page.getByTestId('prompt-import').count()).toBe(0);
    expect(await page.getByTestId('arena-settings').count()).toBe(0);
    await page.context().close();
  });
});
