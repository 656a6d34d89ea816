/**
 * Page helpers for the live room browser tests (e2e/rooms.test.ts): waiting for a room's pages
 * to reach a state (by their data-testid attributes), voting from a phone and opening a room
 * through the world cup page's form. Browser-side checks are strings: this tsconfig has no DOM types.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WorldCup } from '../src/shared/schemas.js';
import { evaluate, shot } from './support.js';

/** Generous: pushes arrive within a second, but suites run side by side on a loaded machine. */
export const LIVE_MS = 15_000;

export type Side = 'left' | 'right';

/** Waits until a browser-side expression (a string: this tsconfig has no DOM types) is true. */
export async function until(page: Page, expression: string): Promise<void> {
  await page.waitForFunction(expression, undefined, { timeout: LIVE_MS });
}

export const attr = (page: Page, selector: string, name: string): Promise<string | null> => page.locator(selector).first().getAttribute(name);

/** The split a page shows: [left, right] counts, or null when it shows none. */
export async function splitCounts(page: Page): Promise<[number, number] | null> {
  return evaluate<[number, number] | null>(
    page,
    `(() => {
      const s = document.querySelector('[data-testid="split"]');
      return s ? [Number(s.getAttribute('data-left')), Number(s.getAttribute('data-right'))] : null;
    })()`,
  );
}

/** Waits until the page's split shows `left` and `right` votes. */
export async function waitForSplit(page: Page, left: number, right: number): Promise<void> {
  await until(page, `(() => { const s = document.querySelector('[data-testid="split"]'); return !!s && s.getAttribute('data-left') === '${left}' && s.getAttribute('data-right') === '${right}'; })()`);
}

export async function waitForPhase(page: Page, phase: string): Promise<void> {
  await until(page, `document.querySelector('[data-testid="join-page"]')?.getAttribute('data-phase') === ${JSON.stringify(phase)}`);
}

export async function waitForHost(page: Page, status: string): Promise<void> {
  await until(page, `document.querySelector('[data-testid="host-console"]')?.getAttribute('data-status') === ${JSON.stringify(status)}`);
}

/** The match a page shows, as its two candidate ids. */
export async function matchOn(page: Page, prefix: 'vote' | 'side'): Promise<[string, string]> {
  const left = await attr(page, `[data-testid="${prefix}-left"]`, 'data-candidate-id');
  const right = await attr(page, `[data-testid="${prefix}-right"]`, 'data-candidate-id');
  if (!left || !right) throw new Error('no match shown');
  return [left, right];
}

export async function vote(page: Page, side: Side): Promise<void> {
  await page.getByTestId(`vote-${side}`).tap();
  await until(page, `document.querySelector('[data-testid="vote-${side}"]')?.getAttribute('aria-pressed') === 'true'`);
}

/** The audience's result of a tally, as the server decides it. */
export const audienceOf = (left: number, right: number): Side | 'tie' => (left > right ? 'left' : right > left ? 'right' : 'tie');
export const count = (votes: Side[], side: Side): number => votes.filter((v) => v === side).length;

/** Opens a room from the world cup's page with the form; returns its code. */
export async function openRoom(page: Page, base: string, wc: WorldCup, form: { size: number; seconds: number; reveal: 'live' | 'after'; delay: number }, shotName?: string): Promise<string> {
  await page.goto(`${base}/w/${wc.id}`);
  await page.getByTestId('room-open').click();
  await page.getByTestId(`room-size-${form.size}`).check();
  await page.getByTestId('room-seconds').fill(String(form.seconds));
  await page.getByTestId(`room-reveal-${form.reveal}`).check();
  await page.getByTestId('room-delay').fill(String(form.delay));
  if (shotName) {
    await page.getByTestId('room-form').scrollIntoViewIfNeeded();
    await shot(page, shotName);
  }
  await page.getByTestId('room-create').click();
  await page.waitForURL(/\/r\/[A-Z0-9]{6}$/);
  await page.getByTestId('host-console').waitFor();
  const code = new URL(page.url()).pathname.split('/')[2] ?? '';
  expect(await page.getByTestId('room-code').first().textContent()).toBe(code);
  return code;
}

