/**
 * Accounts, reports and moderation in the browser, over the real server: a creator makes a world
 * cup anonymously, signs up and still finds it under 내 월드컵, logs out (it is no longer theirs)
 * and logs in again; someone else reports it from a phone through the report dialog; an admin
 * (made in-process, as `versus admin create` does) sees the report at /admin and hides the world
 * cup, which is then 404 for the reporter but still there for its owner. The pure helpers behind
 * the forms come first. Screenshots go to /tmp/versus-shots/ (accounts-*).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AccountService } from '../src/services/accounts.js';
import type { WorldCup } from '../src/shared/schemas.js';
import type { Account, AdminReportPage } from '../src/shared/accounts.js';
import { confirmError, loginErrors, passwordError, usernameError } from '../src/web/lib/auth-form.js';
import { messages } from '../src/web/lib/i18n.js';
import { adminPath, authPath, parseRoute, safeNext } from '../src/web/lib/routes.js';
import { textCandidates } from '../test/helpers/api.js';
import { requireDependency } from '../test/helpers/env.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { evaluate, launchBrowser, newContext, overflowsHorizontally, shot } from './support.js';

const hasChromium = await requireDependency('chromium');

describe('account and moderation helpers', () => {
  test('routes: /login, /signup and the admin tabs', () => {
    expect(parseRoute('/login')).toEqual({ name: 'auth', mode: 'login' });
    expect(parseRoute('/signup')).toEqual({ name: 'auth', mode: 'signup' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin', status: 'open' });
    expect(parseRoute('/admin/resolved')).toEqual({ name: 'admin', status: 'resolved' });
    expect(parseRoute('/admin/dismissed')).toEqual({ name: 'admin', status: 'dismissed' });
    expect(parseRoute('/admin/open')).toEqual({ name: 'notfound' });
    expect(parseRoute('/login/x')).toEqual({ name: 'notfound' });
    expect(adminPath('open')).toBe('/admin');
    expect(adminPath('dismissed')).toBe('/admin/dismissed');
    expect(authPath('login', '/w/abc?x=1')).toBe('/login?next=%2Fw%2Fabc%3Fx%3D1');
    expect(authPath('signup', '/')).toBe('/signup');
    expect(authPath('login', '/signup')).toBe('/login');
  });

  test('safeNext: only paths of this site, never the log-in pages', () => {
    expect(safeNext('/mine')).toBe('/mine');
    expect(safeNext('/w/abc?x=1#y')).toBe('/w/abc?x=1#y');
    for (const bad of [null, undefined, '', 'mine', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\tx', '/login', '/signup?next=/x', 'javascript:alert(1)']) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  test('username rules say which rule failed, and agree with the server', () => {
    expect(usernameError('')?.key).toBe('auth.v.usernameRequired');
    expect(usernameError('   ')?.key).toBe('auth.v.usernameRequired');
    expect(usernameError('ab')?.key).toBe('auth.v.usernameShort');
    expect(usernameError('a'.repeat(31))?.key).toBe('auth.v.usernameLong');
    expect(usernameError('_alice')?.key).toBe('auth.v.usernameStart');
    expect(usernameError('al ice')?.key).toBe('auth.v.usernameChars');
    expect(usernameError('аlice')?.key).toBe('auth.v.usernameChars'); // Cyrillic а
    expect(usernameError('ㄱㄴㄷ')?.key).toBe('auth.v.usernameChars'); // jamo, not syllables
    for (const ok of ['alice', 'Alice', 'ＡＬＩＣＥ', '김철수', 'kim.chul-su_2', ' bob ']) expect(usernameError(ok)).toBeNull();
  });

  test('password rules, confirmation, and log-in checking presence only', () => {
    expect(passwordError('')?.key).toBe('auth.v.passwordRequired');
    expect(passwordError('1234567')).toEqual({ key: 'auth.v.passwordShort', params: { min: 8 } });
    expect(passwordError('x'.repeat(201))).toEqual({ key: 'auth.v.passwordLong', params: { max: 200 } });
    expect(passwordError('12345678')).toBeNull();
    expect(confirmError('a', 'b')?.key).toBe('auth.v.passwordMismatch');
    expect(confirmError('same', 'same')).toBeNull();
    expect(loginErrors(' ', '')).toEqual({ username: { key: 'auth.v.usernameRequired' }, password: { key: 'auth.v.passwordRequired' } });
    expect(loginErrors('x', 'y')).toEqual({ username: null, password: null });
  });

  test('every server error code of accounts and reports has both translations', () => {
    for (const code of ['invalid_credentials', 'username_taken', 'already_reported', 'not_logged_in', 'report_closed']) {
      expect(messages.ko[`error.${code}` as keyof typeof messages.ko]).toBeTruthy();
      expect(messages.en[`error.${code}` as keyof typeof messages.en]).toBeTruthy();
    }
  });
});

/** A fetch from inside the page: same origin, the page's own session cookie. */
async function pageFetch<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const init = body === undefined ? `{ method: ${JSON.stringify(method)} }` : `{ method: ${JSON.stringify(method)}, headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(body))} }`;
  return evaluate(page, `(async () => {
    const res = await fetch(${JSON.stringify(path)}, ${init});
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  })()`);
}

const text = async (page: Page, testid: string) => ((await page.getByTestId(testid).first().textContent()) ?? '').trim();
/** The header's links are all there, none cut off (the nav shrinks rather than overflowing the page). */
const headerFits = (page: Page) =>
  evaluate<boolean>(page, `(() => { const nav = document.querySelector('header nav'); return !!nav && nav.scrollWidth <= nav.clientWidth; })()`);
/** Waits for the dialog's opening animation to end, so a screenshot shows it as it stays. */
const dialogSettled = (page: Page) => page.waitForFunction(`[...document.querySelectorAll('dialog[open]')].every((d) => d.getAnimations().length === 0)`);
const activeTestId = (page: Page) => evaluate<string | null>(page, `document.activeElement?.getAttribute('data-testid') ?? null`);

describe.skipIf(!hasChromium)('accounts, reports and moderation in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let owner: Page;
  let wc: WorldCup;
  let other: WorldCup;
  /** The reporter's phone, kept for the last test. */
  let reporterContext: BrowserContext | undefined;
  let reporter: Page | undefined;
  const OWNER = 'owner_kim';
  const OWNER_PW = 'owner password 1';
  const ADMIN = '관리자';
  const ADMIN_PW = 'moderator password';

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    // What `versus admin create` does, in-process against the server's own store.
    await new AccountService(server.server.store).createAdmin({ username: ADMIN, password: ADMIN_PW });
    browser = await launchBrowser();
    ownerContext = await newContext(browser, 'desktop');
    owner = await ownerContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a world cup made anonymously stays "mine" after signing up', async () => {
    await owner.goto(`${server.url}/mine`);
    await owner.getByTestId('status-empty').waitFor();
    expect(await owner.getByTestId('nav-login').isVisible()).toBe(true);

    const made = await pageFetch<WorldCup>(owner, 'POST', '/api/v1/worldcups', { title: '분식 월드컵', candidates: textCandidates(4, '메뉴 ') });
    expect(made.status).toBe(201);
    wc = made.body;
    other = (await pageFetch<WorldCup>(owner, 'POST', '/api/v1/worldcups', { title: '라면 월드컵', candidates: textCandidates(4, '라면 ') })).body;
    await owner.reload();
    await expect.poll(() => owner.getByTestId('mine-item').count()).toBe(2);
    await shot(owner, 'accounts-desktop-mine-anonymous');

    // The header's 로그인 comes back here afterwards.
    await owner.getByTestId('nav-login').click();
    await owner.waitForURL(/\/login\?next=%2Fmine$/);
    await owner.getByTestId('auth-tab-signup').click();
    await owner.waitForURL(/\/signup\?next=%2Fmine$/);

    // Clear messages for each rule, before anything is sent.
    await owner.getByTestId('auth-submit').click();
    expect(await text(owner, 'auth-username-error')).toBe('아이디를 입력해 주세요.');
    expect(await text(owner, 'auth-password-error')).toBe('비밀번호를 입력해 주세요.');
    expect(await activeTestId(owner)).toBe('auth-username');
    await owner.getByTestId('auth-username').fill('_김');
    await owner.getByTestId('auth-password').fill('short');
    await owner.getByTestId('auth-confirm').fill('shorter');
    expect(await text(owner, 'auth-username-error')).toBe('아이디의 첫 글자는 영문, 숫자 또는 한글이어야 해요.');
    expect(await text(owner, 'auth-password-error')).toBe('비밀번호는 8자 이상이어야 해요.');
    expect(await text(owner, 'auth-confirm-error')).toBe('비밀번호가 서로 달라요.');
    expect(await owner.getByTestId('auth-username').getAttribute('aria-invalid')).toBe('true');
    await shot(owner, 'accounts-desktop-signup-errors');

    // A taken username is the server's answer, shown at the field.
    await owner.getByTestId('auth-username').fill(ADMIN);
    await owner.getByTestId('auth-password').fill(OWNER_PW);
    await owner.getByTestId('auth-confirm').fill(OWNER_PW);
    await owner.getByTestId('auth-submit').click();
    await expect.poll(() => text(owner, 'auth-username-error')).toBe('이미 사용 중인 아이디예요.');

    await owner.getByTestId('auth-username').fill(OWNER);
    await owner.getByTestId('auth-submit').click();
    await owner.waitForURL(/\/mine$/);
    await expect.poll(() => text(owner, 'account-name')).toBe(OWNER);
    expect(await owner.getByTestId('nav-login').count()).toBe(0);
    await expect.poll(() => owner.getByTestId('mine-item').count()).toBe(2);
    expect(await owner.getByTestId('worldcup-title').allTextContents()).toEqual(expect.arrayContaining(['분식 월드컵', '라면 월드컵']));
    expect(await text(owner, 'mine-lead')).toContain(OWNER);
    expect(await owner.getByTestId('nav-admin').count()).toBe(0);
    await shot(owner, 'accounts-desktop-mine-signed-up');
  });

  test('logging out: the header says 로그인 and the world cups are no longer mine; logging in brings them back', async () => {
    await owner.getByTestId('account-button').click();
    await owner.getByTestId('account-menu').waitFor();
    expect(await owner.getByTestId('account-button').getAttribute('aria-expanded')).toBe('true');
    expect(await owner.getByTestId('menu-admin').count()).toBe(0);
    await shot(owner, 'accounts-desktop-account-menu');
    // Escape closes the menu and gives focus back to its button.
    await owner.keyboard.press('Escape');
    expect(await owner.getByTestId('account-menu').count()).toBe(0);
    expect(await activeTestId(owner)).toBe('account-button');

    await owner.getByTestId('account-button').click();
    await owner.getByTestId('logout').click();
    await owner.getByTestId('nav-login').waitFor();
    expect(await owner.getByTestId('account-button').count()).toBe(0);
    await owner.getByTestId('status-empty').waitFor();
    expect(await owner.getByTestId('mine-item').count()).toBe(0);

    // Not the owner any more: no edit link, and a report button instead.
    await owner.goto(`${server.url}/w/${wc.id}`);
    await owner.getByTestId('worldcup-heading').waitFor();
    expect(await owner.getByTestId('edit-link').count()).toBe(0);
    expect(await owner.getByTestId('report-button').count()).toBe(1);

    await owner.getByTestId('nav-login').click();
    await owner.waitForURL(new RegExp(`/login\\?next=%2Fw%2F${wc.id}$`));
    await owner.getByTestId('auth-username').fill(OWNER.toUpperCase());
    await owner.getByTestId('auth-password').fill('wrong password');
    await owner.getByTestId('auth-submit').click();
    await expect.poll(() => text(owner, 'auth-error')).toBe('아이디 또는 비밀번호가 올바르지 않아요.');
    // The typed password stays, focused and selected: typing replaces it, one typo is fixed in place.
    expect(await owner.getByTestId('auth-password').inputValue()).toBe('wrong password');
    expect(await evaluate<boolean>(owner, `document.activeElement?.id === 'auth-password'`)).toBe(true);
    await shot(owner, 'accounts-desktop-login-failed');

    await owner.getByTestId('auth-password').fill(OWNER_PW);
    await owner.keyboard.press('Enter');
    await owner.waitForURL(new RegExp(`/w/${wc.id}$`));
    await expect.poll(() => text(owner, 'account-name')).toBe(OWNER);
    await owner.getByTestId('edit-link').waitFor();
    expect(await owner.getByTestId('report-button').count()).toBe(0);
    await owner.goto(`${server.url}/mine`);
    await expect.poll(() => owner.getByTestId('mine-item').count()).toBe(2);
  });

  test('someone else reports it from a phone: a small dialog with reasons, then a thank-you', async () => {
    const phone = await newContext(browser, 'phone');
    const p = await phone.newPage();
    try {
      await p.goto(`${server.url}/w/${wc.id}`);
      await p.getByTestId('report-button').waitFor();
      expect(await p.getByTestId('nav-login').isVisible()).toBe(true);
      expect(await overflowsHorizontally(p)).toBe(false);
      expect(await headerFits(p)).toBe(true);
      await shot(p, 'accounts-phone-worldcup', { full: true });

      // Opens with focus on the first reason; Escape closes it and focus returns to the button.
      await p.getByTestId('report-button').tap();
      await p.getByTestId('report-form').waitFor();
      expect(await activeTestId(p)).toBe('report-reason-spam');
      await p.keyboard.press('Escape');
      await expect.poll(() => p.getByTestId('report-form').count()).toBe(0);
      expect(await activeTestId(p)).toBe('report-button');

      await p.getByTestId('report-button').tap();
      await p.getByTestId('report-submit').tap();
      expect(await text(p, 'report-reason-error')).toBe('신고 사유를 골라 주세요.');
      // Tab wraps around inside the dialog.
      await p.getByTestId('report-submit').focus();
      await p.keyboard.press('Tab');
      expect(await activeTestId(p)).toBe('report-dialog-close');
      await p.keyboard.press('Shift+Tab');
      expect(await activeTestId(p)).toBe('report-submit');

      await p.getByTestId('report-reason-spam').tap();
      await p.getByTestId('report-text').fill('도박 사이트 광고가 후보 이름에 들어 있어요.');
      expect(await overflowsHorizontally(p)).toBe(false);
      await dialogSettled(p);
      await shot(p, 'accounts-phone-report-dialog');
      await p.getByTestId('report-submit').tap();
      await p.locator('[data-testid="report-outcome"][data-outcome="done"]').waitFor();
      expect(await text(p, 'report-outcome')).toContain('신고가 접수됐어요');
      await dialogSettled(p);
      await shot(p, 'accounts-phone-report-sent');
      await p.getByTestId('report-done').tap();
      expect(await text(p, 'report-button')).toBe('신고함');

      // A second report of the same world cup (after a reload) is answered "already reported".
      await p.reload();
      await p.getByTestId('report-button').tap();
      await p.getByTestId('report-reason-hate').tap();
      await p.getByTestId('report-submit').tap();
      await p.locator('[data-testid="report-outcome"][data-outcome="already"]').waitFor();
      expect(await text(p, 'report-outcome')).toContain('이미 신고한 월드컵이에요');
      await dialogSettled(p);
      await shot(p, 'accounts-phone-report-already');
      await p.keyboard.press('Escape');

      // The other world cup, reported in English with no details.
      await p.getByTestId('lang-en').tap();
      await p.goto(`${server.url}/w/${other.id}`);
      await p.getByTestId('report-button').tap();
      expect(await p.locator('#report-title').textContent()).toBe('Report world cup');
      expect(await headerFits(p)).toBe(true);
      await dialogSettled(p);
      await shot(p, 'accounts-phone-report-dialog-en');
      await p.getByTestId('report-reason-copyright').tap();
      await p.getByTestId('report-submit').tap();
      await p.locator('[data-testid="report-outcome"][data-outcome="done"]').waitFor();
      await p.getByTestId('report-done').tap();
      await p.getByTestId('lang-ko').tap();

      // The sign-up page on a phone, and the header once logged in.
      await p.goto(`${server.url}/signup`);
      await p.getByTestId('auth-username').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'accounts-phone-signup');
      await p.getByTestId('auth-submit').tap();
      await shot(p, 'accounts-phone-signup-errors');
      await p.getByTestId('auth-username').fill('신고자');
      await p.getByTestId('auth-password').fill('reporter password');
      await p.getByTestId('auth-confirm').fill('reporter password');
      await p.getByTestId('auth-submit').tap();
      await p.waitForURL(`${server.url}/`);
      await expect.poll(() => text(p, 'account-name')).toBe('신고자');
      expect(await overflowsHorizontally(p)).toBe(false);
      expect(await headerFits(p)).toBe(true);
      await p.getByTestId('account-button').tap();
      await p.getByTestId('account-menu').waitFor();
      expect(await overflowsHorizontally(p)).toBe(false);
      await shot(p, 'accounts-phone-account-menu');
      // Not an admin: /admin says so politely.
      await p.goto(`${server.url}/admin`);
      await p.getByTestId('admin-only').waitFor();
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('관리자만 볼 수 있어요');
      await shot(p, 'accounts-phone-admin-only');

      reporterContext = phone;
      reporter = p;
    } catch (e) {
      await phone.close();
      throw e;
    }
  });

  test('an admin sees the reports at /admin and hides the world cup: 404 for the reporter, still there for the owner', async () => {
    const adminContext = await newContext(browser, 'desktop');
    const a = await adminContext.newPage();
    expect(reporter).toBeDefined();
    try {
      await a.goto(`${server.url}/admin`);
      await a.getByTestId('admin-only').waitFor();
      await shot(a, 'accounts-desktop-admin-only');
      await a.getByTestId('admin-login').click();
      await a.waitForURL(/\/login\?next=%2Fadmin$/);
      await a.getByTestId('auth-username').fill(ADMIN);
      await a.getByTestId('auth-password').fill(ADMIN_PW);
      await a.getByTestId('auth-submit').click();
      await a.waitForURL(/\/admin$/);
      await expect.poll(() => a.getByTestId('admin-report').count()).toBe(2);
      expect(await a.getByTestId('nav-admin').isVisible()).toBe(true);

      const card = a.locator(`[data-testid="admin-report"][data-worldcup-id="${wc.id}"]`);
      expect(await card.getByTestId('admin-report-worldcup').textContent()).toBe('분식 월드컵');
      expect(await card.getByTestId('admin-report-worldcup').getAttribute('href')).toBe(`/w/${wc.id}`);
      expect(await card.getByTestId('admin-report-reason').textContent()).toBe('스팸 · 광고');
      expect(await card.getByTestId('admin-report-text').textContent()).toBe('도박 사이트 광고가 후보 이름에 들어 있어요.');
      // Reported anonymously, then signed up: the report went with the session to the account.
      expect(await card.getByTestId('admin-report-reporter').textContent()).toBe('신고자');
      await shot(a, 'accounts-desktop-admin', { full: true });

      await card.getByTestId('admin-hide').click();
      await expect.poll(() => text(a, 'admin-notice')).toBe('분식 월드컵을 숨겼어요.');
      expect(await a.getByTestId('admin-report').count()).toBe(1);

      await a.getByTestId('admin-tab-resolved').click();
      await a.waitForURL(/\/admin\/resolved$/);
      await expect.poll(() => a.getByTestId('admin-report').count()).toBe(1);
      expect(await a.getByTestId('admin-report-hidden').count()).toBe(1);
      expect(await a.getByTestId('admin-unhide').count()).toBe(1);
      await shot(a, 'accounts-desktop-admin-resolved');

      // Hidden: the reporter gets 404 (page and API); the owner still sees it, marked hidden.
      if (reporter) {
        expect((await pageFetch(reporter, 'GET', `/api/v1/worldcups/${wc.id}`)).status).toBe(404);
        await reporter.goto(`${server.url}/w/${wc.id}`);
        await reporter.getByTestId('not-found').waitFor();
        await shot(reporter, 'accounts-phone-reporter-404');
      }
      expect((await pageFetch<WorldCup>(owner, 'GET', `/api/v1/worldcups/${wc.id}`)).body.hidden).toBe(true);
      await owner.goto(`${server.url}/w/${wc.id}`);
      await owner.getByTestId('hidden-notice').waitFor();
      await shot(owner, 'accounts-desktop-owner-hidden');

      // The admin on a phone: the other report, deleted after a confirmation.
      const adminPhone = await newContext(browser, 'phone');
      try {
        const ap = await adminPhone.newPage();
        await ap.goto(`${server.url}/login?next=/admin`);
        await ap.getByTestId('auth-username').fill(ADMIN);
        await ap.getByTestId('auth-password').fill(ADMIN_PW);
        await ap.getByTestId('auth-submit').tap();
        await ap.waitForURL(/\/admin$/);
        await expect.poll(() => ap.getByTestId('admin-report').count()).toBe(1);
        expect(await overflowsHorizontally(ap)).toBe(false);
        await shot(ap, 'accounts-phone-admin', { full: true });
        await ap.getByTestId('admin-delete').tap();
        await ap.getByTestId('admin-confirm-dialog').waitFor();
        expect(await activeTestId(ap)).toBe('admin-confirm-cancel');
        await dialogSettled(ap);
        await shot(ap, 'accounts-phone-admin-confirm-delete');
        await ap.getByTestId('admin-confirm-delete').tap();
        await expect.poll(() => text(ap, 'admin-notice')).toBe('라면 월드컵을 삭제했어요.');
        await ap.getByTestId('status-empty').waitFor();
        expect((await pageFetch(owner, 'GET', `/api/v1/worldcups/${other.id}`)).status).toBe(404);
        await ap.getByTestId('account-button').tap();
        await ap.getByTestId('menu-admin').waitFor();
        await shot(ap, 'accounts-phone-admin-menu');
      } finally {
        await adminPhone.close();
      }

      // The queue through the API agrees: nothing open.
      const open = await pageFetch<AdminReportPage>(a, 'GET', '/api/v1/admin/reports?status=open');
      expect(open.body.items).toEqual([]);
      const me = await pageFetch<{ user: Account }>(a, 'GET', '/api/v1/auth/me');
      expect(me.body.user.role).toBe('admin');
    } finally {
      await adminContext.close();
      await reporterContext?.close();
    }
  });
});
