/**
 * Shared plumbing for the browser tests: Debian's chromium through playwright-core (never a
 * downloaded browser), desktop and phone contexts, screenshots and small page queries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_PATH } from '../test/helpers/env.js';
import { type TestServer, startTestServer } from '../test/helpers/server.js';
import { afterAll, beforeAll } from 'vitest';

export const SHOTS_DIR = process.env.VERSUS_SHOTS_DIR ?? '/tmp/versus-shots';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
/** A small phone (the narrowest the pages are made for). */
export const SMALL_PHONE = { width: 360, height: 740 } as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/**
 * A suite's server and browser: started before its tests, closed after them. Call it inside the
 * suite's `describe`; a suite that needs more setup adds its own `beforeAll` after this one.
 */
export function useAppInBrowser(opts: Parameters<typeof startTestServer>[0] = {}): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(opts);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useAppInBrowser: used before its beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/**
 * A fresh browser profile (its own session cookie), Korean by default like the starter content.
 * The tests' own page.evaluate/waitForFunction strings would be refused by the app's
 * Content-Security-Policy (no eval), so contexts bypass it unless `enforceCsp` is set;
 * e2e/security.test.ts runs the app with the policy enforced.
 */
export async function newContext(
  browser: Browser,
  kind: 'desktop' | 'phone',
  locale = 'ko-KR',
  opts: { enforceCsp?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const bypassCSP = !opts.enforceCsp;
  const context = await browser.newContext(
    kind === 'desktop'
      ? { viewport: opts.viewport ?? DESKTOP, locale, bypassCSP }
      : { viewport: opts.viewport ?? PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale, bypassCSP },
  );
  // No test may reach the outside world (YouTube embeds, fonts, CDNs): fail such requests fast.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  return context;
}

/** Saves what the viewport shows as NAME.png, and with `full` the whole page as NAME-full.png too. */
export async function shot(page: Page, name: string, opts: { full?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  // Let images that are on screen finish loading so the picture shows what a person sees.
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  await page
    .waitForFunction(`Array.from(document.images).every((i) => i.complete || i.loading === 'lazy')`, undefined, { timeout: 3000 })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
  if (opts.full) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}-full.png`), fullPage: true });
}

/** Eight distinct solid-colour PNGs in a temp dir; returns their paths. */
export async function makeColourPngs(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-e2e-'));
  const colours: [string, { r: number; g: number; b: number }][] = [
    ['red', { r: 230, g: 57, b: 70 }],
    ['orange', { r: 244, g: 140, b: 6 }],
    ['yellow', { r: 255, g: 209, b: 102 }],
    ['green', { r: 42, g: 157, b: 143 }],
    ['teal', { r: 6, g: 214, b: 160 }],
    ['blue', { r: 17, g: 138, b: 178 }],
    ['navy', { r: 7, g: 59, b: 76 }],
    ['purple', { r: 131, g: 56, b: 236 }],
  ];
  const files: string[] = [];
  for (const [name, background] of colours) {
    const file = path.join(dir, `${name}.png`);
    await sharp({ create: { width: 480, height: 360, channels: 3, background } }).png().toFile(file);
    files.push(file);
  }
  return files;
}

/** Drops files on an element the way a browser does (dragenter, dragover, drop with a DataTransfer). */
export async function dropFiles(page: Page, selector: string, files: { name: string; type: string; base64: string }[]): Promise<void> {
  await page.evaluate(`(() => {
    const target = document.querySelector(${JSON.stringify(selector)});
    const dt = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  })()`);
}

export interface MatchState {
  key: string;
  a: string;
  b: string;
}

// Browser-side code is passed as strings: this tsconfig has no DOM types (it is the server's).

/** The current match (key and the two names), or null when the champion screen shows. */
export async function currentMatch(page: Page): Promise<MatchState | null> {
  return page.evaluate<MatchState | null>(`(() => {
    const match = document.querySelector('[data-testid="match"]');
    if (!match) return null;
    const name = (side) => match.querySelector('[data-testid="candidate-' + side + '"] .name')?.textContent?.trim() ?? '';
    return { key: match.getAttribute('data-match-key') ?? '', a: name('a'), b: name('b') };
  })()`);
}

/** Waits until the match shown differs from `previousKey` (or the champion appears) and is ready for input. */
export async function waitForNext(page: Page, previousKey: string): Promise<void> {
  await page.waitForFunction(`(() => {
    if (document.querySelector('[data-testid="champion"]')) return true;
    const match = document.querySelector('[data-testid="match"]');
    return !!match && match.getAttribute('data-match-key') !== ${JSON.stringify(previousKey)} && match.getAttribute('aria-busy') !== 'true';
  })()`);
}

/** Evaluates a browser-side expression (a string) and returns its value. */
export async function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

export async function waitForMatch(page: Page): Promise<MatchState> {
  await page.waitForSelector('[data-testid="match"][aria-busy="false"]');
  const m = await currentMatch(page);
  if (!m) throw new Error('no match on the page');
  return m;
}

/** No horizontal scrolling: the document is no wider than the viewport. */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return evaluate<boolean>(page, 'document.documentElement.scrollWidth > window.innerWidth');
}
