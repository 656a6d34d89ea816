/**
 * Accounts through the HTTP API, on SQLite and PostgreSQL: sign-up, log-in, log-out, who am I;
 * the session cookie (flags, rotation); what an anonymous creator keeps by signing up; who may
 * change a world cup once accounts exist.
 */
import { describe, expect, it } from 'vitest';
import type { WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import type { Account, Me } from '../../src/shared/accounts.js';
import { type ApiClient, type ApiResponse, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

const PASSWORD = 'correct horse battery';
let seq = 0;
/** A username no other test of this run uses. */
const uniqueName = (base: string) => `${base}${++seq}`;

type UserBody = { user: Account };

/** The attributes of the session cookie a response set, by lower-cased name (`value` is the token). */
function sessionCookie(res: ApiResponse<unknown>): Record<string, string> {
  const line = res.headers.getSetCookie().find((l) => l.startsWith('vs_session='));
  expect(line, 'the response sets vs_session').toBeDefined();
  const [pair = '', ...attributes] = (line ?? '').split(';').map((p) => p.trim());
  const out: Record<string, string> = { value: pair.slice('vs_session='.length) };
  for (const a of attributes) {
    const [k = '', v = 'true'] = a.split('=');
    out[k.toLowerCase()] = v;
  }
  return out;
}

/** A client that sends exactly this session token (an old cookie someone kept). */
function withToken(t: { url: string }, token: string) {
  return {
    me: async (): Promise<Me> => {
      const res = await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie: `vs_session=${token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as Me;
    },
  };
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API accounts (${dialect})`, () => {
    const t = useTestServer(dialect);
    const signUp = (user: ApiClient, username: string, password = PASSWORD) =>
      user.ok<UserBody>('POST', '/api/v1/auth/signup', 201, { json: { username, password } });
    const logIn = (user: ApiClient, username: string, password = PASSWORD) =>
      user.ok<UserBody>('POST', '/api/v1/auth/login', 200, { json: { username, password } });
    const me = async (user: ApiClient) => (await user.ok<Me>('GET', '/api/v1/auth/me', 200)).user;
    const createWorldCup = (user: ApiClient, body: Record<string, unknown> = {}) =>
      user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'mine', candidates: textCandidates(4), ...body } });

    it('signs up, stays logged in, logs out, and logs back in with any capitalisation', async () => {
      const browser = t.user();
      expect(await me(browser)).toBeNull();
      const name = uniqueName('Alice');
      const { user } = await signUp(browser, name);
      expect(user).toEqual({ id: expect.any(String) as string, username: name, role: 'user' });
      expect(await me(browser)).toEqual(user);

      const out = await browser.request('POST', '/api/v1/auth/logout');
      expect(out.status).toBe(204);
      expect(await me(browser)).toBeNull();

      expect((await logIn(browser, name.toUpperCase())).user).toEqual(user);
      expect(await me(browser)).toEqual(user);
      // Full-width letters are the same name (NFKC): one account, not a look-alike.
      const fullWidth = [...name].map((c) => (/[A-Za-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
      expect((await logIn(t.user(), fullWidth)).user).toEqual(user);
    });

    it('accepts Korean usernames and refuses malformed ones with a message saying why', async () => {
      const korean = uniqueName('김철수');
      expect((await signUp(t.user(), korean)).user.username).toBe(korean);
      for (const username of ['ab', 'has space', '-dash-first', 'x'.repeat(31), 'аlice' /* Cyrillic а */, 'emoji😀ok', '']) {
        const err = expectError(await t.user().post('/api/v1/auth/signup', { username, password: PASSWORD }), 400, 'invalid_request');
        expect(err.error.message).toContain('username');
      }
      const err = expectError(await t.user().post('/api/v1/auth/signup', { username: uniqueName('bob'), password: 'short' }), 400, 'invalid_request');
      expect(err.error.message).toContain('at least 8');
      expectError(await t.user().post('/api/v1/auth/signup', { username: uniqueName('bob'), password: 'x'.repeat(201) }), 400, 'invalid_request');
      expectError(await t.user().post('/api/v1/auth/signup', { username: uniqueName('bob'), password: PASSWORD, role: 'admin' }), 400, 'invalid_request');
    });

    it('refuses a username that is taken, whatever its capitalisation', async () => {
      const name = uniqueName('carol');
      await signUp(t.user(), name);
      for (const taken of [name, name.toUpperCase()]) {
        const err = expectError(await t.user().post('/api/v1/auth/signup', { username: taken, password: PASSWORD }), 409, 'username_taken');
        expect(err.error.message).toContain('taken');
      }
    });

    it('answers a wrong password and an unknown user alike, in about the same time', async () => {
      const name = uniqueName('dave');
      await signUp(t.user(), name);
      const attempt = async (username: string, password: string) => {
        const started = performance.now();
        const res = await t.user().post('/api/v1/auth/login', { username, password });
        return { ms: performance.now() - started, error: expectError(res, 401, 'invalid_credentials') };
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await attempt(name, 'not the password');
        const b = await attempt(uniqueName('nobody'), 'not the password');
        expect(a.error).toEqual(b.error);
        expect(a.error.error.message).toBe('invalid username or password');
        wrong.push(a.ms);
        unknown.push(b.ms);
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1] as number;
      // Without the dummy hash an unknown user would answer in ~1 ms against ~50+ ms of scrypt.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
      expect(await me(t.user())).toBeNull();
    });

    it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ for 30 days, and a new token at each log-in', async () => {
      const browser = t.user();
      await me(browser);
      const anonymousToken = browser.session;
      const name = uniqueName('erin');
      const signup = await browser.request('POST', '/api/v1/auth/signup', { json: { username: name, password: PASSWORD } });
      expect(signup.status).toBe(201);
      const cookie = sessionCookie(signup);
      expect(cookie).toMatchObject({ httponly: 'true', samesite: 'Lax', path: '/', 'max-age': String(30 * 24 * 3600) });
      expect(cookie.secure).toBeUndefined(); // plain http here; https requests get Secure
      expect(cookie.value).not.toBe(anonymousToken);

      // The token from before sign-up never became a logged-in one (a planted token gains nothing).
      expect((await withToken(t, anonymousToken ?? '').me()).user).toBeNull();
      const firstToken = cookie.value ?? '';
      expect((await withToken(t, firstToken).me()).user?.username).toBe(name);

      // Logging in again replaces the token; the previous one no longer logs anyone in.
      await logIn(browser, name);
      expect(browser.session).not.toBe(firstToken);
      expect((await withToken(t, firstToken).me()).user).toBeNull();

      // After log-out neither does the last one, and the browser has a fresh anonymous token.
      const loggedIn = browser.session ?? '';
      const logout = await browser.request('POST', '/api/v1/auth/logout');
      expect(sessionCookie(logout)).toMatchObject({ httponly: 'true', samesite: 'Lax', path: '/' });
      expect(browser.session).not.toBe(loggedIn);
      expect((await withToken(t, loggedIn).me()).user).toBeNull();
      expect(await me(browser)).toBeNull();
    });

    it('an anonymous creator who signs up keeps their world cups, also on another device', async () => {
      const browser = t.user();
      const wc = await createWorldCup(browser, { title: 'made before signing up', visibility: 'private' });
      const name = uniqueName('frank');
      await signUp(browser, name);

      const mine = await browser.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200);
      expect(mine.items.map((i) => [i.id, i.isOwner])).toEqual([[wc.id, true]]);
      const edited = await browser.ok<WorldCup>('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { title: 'edited after signing up' } });
      expect(edited.title).toBe('edited after signing up');

      const laptop = t.user();
      await logIn(laptop, name);
      expect((await laptop.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200)).items.map((i) => i.id)).toEqual([wc.id]);
      expect((await laptop.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).isOwner).toBe(true);
    });

    it('world cups made while logged in belong to the account, not to the browser', async () => {
      const browser = t.user();
      const name = uniqueName('grace');
      await signUp(browser, name);
      const wc = await createWorldCup(browser, { visibility: 'private' });
      await browser.ok('POST', '/api/v1/auth/logout', 204);

      // Logged out, the same browser is just another anonymous session.
      expect((await browser.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200)).items).toEqual([]);
      expectError(await browser.get(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');
      expectError(await browser.delete(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');

      await logIn(browser, name);
      await browser.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { visibility: 'public' } });
      await browser.ok('POST', '/api/v1/auth/logout', 204);
      expectError(await browser.patch(`/api/v1/worldcups/${wc.id}`, { title: 'not mine any more' }), 403, 'forbidden');
      expectError(await browser.delete(`/api/v1/worldcups/${wc.id}`), 403, 'forbidden');
    });

    it('another account can neither edit nor delete a world cup', async () => {
      const owner = t.user();
      await signUp(owner, uniqueName('heidi'));
      const wc = await createWorldCup(owner);
      const other = t.user();
      await signUp(other, uniqueName('ivan'));
      expect((await other.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).isOwner).toBe(false);
      expectError(await other.patch(`/api/v1/worldcups/${wc.id}`, { title: 'hijacked' }), 403, 'forbidden');
      expectError(await other.delete(`/api/v1/worldcups/${wc.id}`), 403, 'forbidden');
      await owner.ok('DELETE', `/api/v1/worldcups/${wc.id}`, 204);
    });

    it('logging in from a session that was already logged in moves nothing between accounts', async () => {
      const browser = t.user();
      const first = uniqueName('judy');
      await signUp(browser, first);
      const wc = await createWorldCup(browser);
      const second = uniqueName('karl');
      await signUp(t.user(), second);
      await logIn(browser, second);
      expect((await browser.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200)).items).toEqual([]);
      await logIn(browser, first);
      expect((await browser.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200)).items.map((i) => i.id)).toEqual([wc.id]);
    });

    it('treats garbage and unknown session cookies as anonymous, and log-out when anonymous as a no-op', async () => {
      for (const token of ['A'.repeat(32), 'not a token', `${'x'.repeat(40)}'; drop table users; --`]) {
        const res = await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie: `vs_session=${encodeURIComponent(token)}` } });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ user: null });
      }
      const browser = t.user();
      const wc = await createWorldCup(browser);
      const before = browser.session;
      await browser.ok('POST', '/api/v1/auth/logout', 204);
      expect(browser.session).toBe(before); // keeps its token, so it keeps its world cups
      expect((await browser.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).isOwner).toBe(true);
      expectError(await t.user().post('/api/v1/auth/login', { username: 'x', password: '' }), 400, 'invalid_request');
    });
  });
}
