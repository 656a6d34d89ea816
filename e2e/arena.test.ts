/**
 * Arena mode in the browser (issue 13): blind battles voted with the four keys and Space on a
 * desktop, and by taps on a 390 px phone; the names appear only after a vote, and nothing on the
 * page (HTML, title) names a candidate before it. Screenshots in /tmp/versus-shots/arena-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Ranking, WorldCup } from '../src/shared/schemas.js';
import { ApiClient } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { evaluate, newContext, overflowsHorizontally, shot, useAppInBrowser } from './support.js';

const hasChromium = await requireDependency('chromium');

/** Every candidate's name carries this token and no text shown for voting does. */
const TOKEN = 'NAMETAG';
const names = ['사자', '호랑이', '표범', '치타', '늑대', '여우'].map((n, i) => `${TOKEN}${i + 1} ${n}`);

interface BattleView {
  key: string;
  busy: boolean;
  blind: boolean;
  names: string[];
  reveal: string | null;
  chosen: string[];
}

async function view(page: Page): Promise<BattleView | null> {
  return evaluate<BattleView | null>(
    page,
    `(() => {
      const battle = document.querySelector('[data-testid="battle"]');
      if (!battle) return null;
      const names = Array.from(battle.querySelectorAll('[data-testid="side-name"]'), (e) => e.textContent.trim());
      const chosen = Array.from(battle.querySelectorAll('[data-testid="side-chosen"]'), (e) => e.closest('[data-testid="side-left"], [data-testid="side-right"]').getAttribute('data-testid'));
      const reveal = document.querySelector('[data-testid="reveal"]');
      return { key: battle.getAttribute('data-battle-key'), busy: battle.getAttribute('aria-busy') === 'true', blind: battle.getAttribute('data-blind') === 'true',
        names, reveal: reveal ? reveal.getAttribute('data-choice') : null, chosen };
    })()`,
  );
}

/** Waits until the battle takes input again and `ready` holds, and returns it. */
/** Generous: polls end as soon as the page is ready; only a loaded machine (suites side by side) needs the length. */
const SETTLE_TIMEOUT_MS = 15_000;

async function settled(page: Page, ready: (v: BattleView) => boolean): Promise<BattleView> {
  let last: BattleView | null = null;
  await expect
    .poll(
      async () => {
        last = await view(page);
        return last !== null && !last.busy && ready(last);
      },
      { timeout: SETTLE_TIMEOUT_MS },
    )
    .toBe(true);
  if (!last) throw new Error('no battle');
  return last;
}

/** Nothing in the document (markup, title, attributes) names a candidate. */
async function expectNoNames(page: Page): Promise<void> {
  expect(await page.content()).not.toContain(TOKEN);
  expect(await page.title()).not.toContain(TOKEN);
}

describe.skipIf(!hasChromium)('arena in the browser', () => {
  const app = useAppInBrowser({ seed: false });
  let wc: WorldCup;
  let owner: ApiClient;

  beforeAll(async () => {
    owner = new ApiClient(() => app.server.url);
    wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '맹수 아레나', candidates: names.map((name, i) => ({ name, text: `보이는 글 ${i + 1}번` })) },
    });
    await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { arena: { blind: true } } });
  });

  test('desktop: blind battles voted with ← → ↓ ↑ and skipped with Space; names only after each vote', async () => {
    const context = await newContext(app.browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/w/${wc.id}`);
    await page.getByTestId('arena-link').click();
    await page.waitForURL(`${app.server.url}/w/${wc.id}/arena`);
    let v = await settled(page, (b) => b.blind);
    expect(await page.title()).toBe('맹수 아레나 · 아레나 · Versus');
    expect(v.names).toEqual([]);
    expect(await page.getByTestId('side-left').locator('.letter').textContent()).toBe('A');
    await expectNoNames(page);
    expect(new URL(page.url()).pathname).toBe(`/w/${wc.id}/arena`); // the battle's id stays out of the address
    await shot(page, 'arena-desktop-blind');

    const keys: [string, string][] = [
      ['ArrowLeft', 'left'],
      ['ArrowRight', 'right'],
      ['ArrowDown', 'tie'],
      ['ArrowUp', 'both_bad'],
    ];
    for (const [i, [key, choice]] of keys.entries()) {
      const before = v.key;
      // The first vote's key is held down: its auto-repeat must not skip the reveal the voter has not read.
      if (i === 0) await page.keyboard.down(key);
      else await page.keyboard.press(key);
      const shown = await settled(page, (b) => b.reveal !== null);
      expect(shown.reveal).toBe(choice);
      expect(shown.key).toBe(before);
      expect(shown.names).toHaveLength(2);
      for (const name of shown.names) expect(names).toContain(name);
      expect(shown.chosen).toEqual(choice === 'left' ? ['side-left'] : choice === 'right' ? ['side-right'] : []);
      if (choice === 'left') {
        expect(await page.getByTestId('reveal').textContent()).toContain(shown.names[0]);
        await shot(page, 'arena-desktop-reveal');
        await page.keyboard.down(key); // repeat: true
        await page.waitForTimeout(150);
        await page.keyboard.up(key);
        expect(await view(page)).toMatchObject({ key: before, reveal: 'left' });
      }
      // Any vote key, Enter or Space goes on to the next battle, blind again.
      await page.keyboard.press(['Enter', ' ', 'ArrowRight', 'ArrowDown'][i] ?? 'Enter');
      v = await settled(page, (b) => b.key !== before && b.reveal === null);
      expect(v.names).toEqual([]);
      await expectNoNames(page);
    }

    // Space skips: a new battle, no reveal, no names.
    const before = v.key;
    await page.keyboard.press(' ');
    v = await settled(page, (b) => b.key !== before);
    expect(v.reveal).toBeNull();
    expect(v.names).toEqual([]);
    await expectNoNames(page);

    // Four arena votes reached the ranking, the skip none. (A vote on a pair this voter has already
    // seen named counts as not blind: with six candidates, pairs can come back.)
    const counted = async () => {
      const r = await owner.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      return { all: r.sources.blind + r.sources.arena + r.excludedVotes, blind: r.sources.blind, bracket: r.sources.bracket };
    };
    await expect.poll(async () => (await counted()).all, { timeout: SETTLE_TIMEOUT_MS }).toBe(4);
    expect((await counted()).blind).toBeGreaterThan(0);
    expect((await counted()).bracket).toBe(0);

    // Not blind: the names are there before the vote.
    expect(await page.getByTestId('blind-toggle').isChecked()).toBe(true); // the world cup's default
    await page.getByTestId('blind-switch').click();
    v = await settled(page, (b) => !b.blind);
    expect(v.names).toHaveLength(2);
    await context.close();
  });

  test('the ranking can be read by source: the choice is in the address and the counts are shown', async () => {
    const context = await newContext(app.browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/w/${wc.id}/ranking?source=blind`);
    await page.getByTestId('source-counts').waitFor();
    expect(await page.getByTestId('source-blind').getAttribute('aria-pressed')).toBe('true');
    const counts = page.getByTestId('source-counts');
    expect(Number(await counts.getAttribute('data-bracket'))).toBe(0);
    expect(await counts.textContent()).toMatch(/토너먼트 0 · 아레나 \d+ · 블라인드 \d+/);
    await page.getByTestId('source-bracket').click();
    await page.waitForURL(/\/ranking\?source=bracket$/);
    await expect.poll(() => page.getByTestId('source-bracket').getAttribute('aria-pressed'), { timeout: SETTLE_TIMEOUT_MS }).toBe('true');
    await shot(page, 'arena-ranking-sources');
    await page.getByTestId('source-all').click();
    await page.waitForURL(/\/ranking$/);
    await context.close();
  });

  test('phone: a prompted blind battle, voted by tapping a side and with the buttons', async () => {
    const prompted = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
      json: { title: '답변 스타일 아레나', candidates: names.slice(0, 4).map((name) => ({ name })) },
    });
    await owner.ok('PATCH', `/api/v1/worldcups/${prompted.id}`, 200, { json: { arena: { blind: true } } });
    const long = (n: number) => Array.from({ length: 12 }, (_, k) => `${n}번 답의 ${k + 1}째 문장입니다. 길게 이어지는 답도 끝까지 읽을 수 있어야 해요.`).join('\n');
    const jsonl = ['오늘 저녁 뭐 먹을까요?', '짧은 시를 써 주세요.']
      .map((prompt, p) => JSON.stringify({ prompt, category: p === 0 ? '생활' : '글쓰기', responses: Object.fromEntries(names.slice(0, 4).map((n, i) => [n, long(i + 1)])) }))
      .join('\n');
    await owner.ok('POST', `/api/v1/worldcups/${prompted.id}/prompts`, 200, { json: { jsonl } });

    const context = await newContext(app.browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${app.server.url}/w/${prompted.id}/arena`);
    let v = await settled(page, (b) => b.blind);
    expect(await page.getByTestId('prompt').textContent()).toMatch(/저녁|시를/);
    expect(await page.getByTestId('side-response').count()).toBe(2);
    await expectNoNames(page);
    expect(await overflowsHorizontally(page)).toBe(false);
    // Stacked: B is below A on a phone.
    const [a, b] = await Promise.all([page.getByTestId('side-left').boundingBox(), page.getByTestId('side-right').boundingBox()]);
    expect(b && a && b.y >= a.y + a.height).toBe(true);
    await shot(page, 'arena-phone-blind', { full: true });

    await page.getByTestId('side-content').nth(1).tap();
    v = await settled(page, (s) => s.reveal !== null);
    expect(v.reveal).toBe('right');
    expect(v.chosen).toEqual(['side-right']);
    // Both names also sit beside the Next button, in view, although side A is scrolled away by now.
    const namesLine = page.getByTestId('reveal-names');
    const box = await namesLine.boundingBox();
    const height = page.viewportSize()?.height ?? 0;
    expect(box !== null && box.y >= 0 && box.y + box.height <= height).toBe(true);
    for (const name of v.names) expect(await namesLine.textContent()).toContain(name);
    await shot(page, 'arena-phone-reveal');
    const before = v.key;
    await page.getByTestId('next').tap();
    v = await settled(page, (s) => s.key !== before && s.reveal === null);
    await expectNoNames(page);

    await page.getByTestId('vote-tie').tap();
    v = await settled(page, (s) => s.reveal !== null);
    expect(v.reveal).toBe('tie');
    expect(v.chosen).toEqual([]);

    // The category picker draws battles of that category only.
    await page.getByTestId('category-select').selectOption('글쓰기');
    v = await settled(page, (s) => s.reveal === null && s.key !== before);
    expect(await page.getByTestId('prompt').textContent()).toContain('짧은 시를');
    await context.close();
  });
});
