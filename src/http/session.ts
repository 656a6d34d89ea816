import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountService, SessionContext } from '../services/accounts.js';
import { accountOwner } from '../services/ids.js';
import type { Account } from '../shared/accounts.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Owner key of whoever asks: `u:<userId>` when logged in, else the hash of the anonymous session token. */
    viewer: string;
    /** The logged-in account, or null for an anonymous session. */
    account: Account | null;
    /** sha256 of the session token: the key of its auth_sessions row when logged in. */
    sessionHash: string;
  }
}

export const SESSION_COOKIE = 'vs_session';
/**
 * The session of an embed page (/embed/w/…) framed by another site, where browsers withhold the
 * SameSite=Lax cookie: the page keeps the token in memory and sends it in this header, or `new`
 * to be issued one, which comes back in the same header. A header is never attached by the browser
 * on its own (no CSRF), and a cross-origin page cannot send it without a CORS preflight, which the
 * API never grants; the token never appears in a URL.
 */
export const SESSION_HEADER = 'x-versus-session';
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
export const ANONYMOUS_COOKIE_S = 365 * 24 * 3600;

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over https. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeS: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxAgeS,
  });
}

/** The request's session, as the account service takes it. */
export const sessionOf = (request: FastifyRequest): SessionContext => ({
  tokenHash: request.sessionHash,
  viewer: request.viewer,
  account: request.account,
});

/**
 * Whether Fastify routed the request to an API route. Hooks decide on this, never on the raw URL:
 * the router decodes percent-escapes (`/%61pi/v1/…` reaches `/api/v1/…`), so a check of the raw
 * text would let such a request through unchecked.
 */
export const isApiRoute = (request: FastifyRequest): boolean => request.routeOptions.url?.startsWith('/api/') ?? false;

/**
 * Every API client gets a session: a token the server issued (signed, see
 * services/session-tokens.ts) in an HttpOnly, SameSite=Lax cookie. A missing, malformed or
 * invented token is replaced by a fresh anonymous one rather than rejected. A token with a live
 * auth_sessions row is logged in; the lookup is cached (AccountService.sessionAccount), so a
 * request costs no query for it.
 */
export function installSessions(app: FastifyInstance, accounts: AccountService): void {
  app.decorateRequest('viewer', '');
  app.decorateRequest('account', null);
  app.decorateRequest('sessionHash', '');
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRoute(request)) return;
    const header = request.headers[SESSION_HEADER];
    const inHeader = typeof header === 'string' ? header : undefined;
    const sent = inHeader ?? request.cookies[SESSION_COOKIE];
    const known = sent !== undefined && TOKEN_PATTERN.test(sent) ? await accounts.identify(sent) : undefined;
    let facts = known;
    if (!facts) {
      const token = accounts.newToken();
      if (inHeader === undefined) setSessionCookie(request, reply, token, ANONYMOUS_COOKIE_S);
      else void reply.header(SESSION_HEADER, token).header('cache-control', 'no-store');
      facts = { ...accounts.tokenFacts(token), account: null };
    }
    request.sessionHash = facts.hash;
    request.account = facts.account;
    request.viewer = facts.account ? accountOwner(facts.account.id) : facts.owner;
  });
}
