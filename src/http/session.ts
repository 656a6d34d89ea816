import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountService, SessionContext } from '../services/accounts.js';
import { accountOwner, newSessionToken, sessionOwner, sessionTokenHash } from '../services/ids.js';
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
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
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
 * Every API client gets a session: a random token in an HttpOnly, SameSite=Lax cookie. A missing
 * or malformed cookie is replaced by a fresh (anonymous) one rather than rejected. A token with a
 * live auth_sessions row is logged in; the lookup is cached (AccountService.sessionAccount), so a
 * request costs no query for it.
 */
export function installSessions(app: FastifyInstance, accounts: AccountService): void {
  app.decorateRequest('viewer', '');
  app.decorateRequest('account', null);
  app.decorateRequest('sessionHash', '');
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    let token = request.cookies[SESSION_COOKIE];
    const isNew = !token || !TOKEN_PATTERN.test(token);
    if (!token || isNew) {
      token = newSessionToken();
      setSessionCookie(request, reply, token, ANONYMOUS_COOKIE_S);
    }
    request.sessionHash = sessionTokenHash(token);
    // A token made just now cannot be logged in: no lookup.
    request.account = isNew ? null : await accounts.sessionAccount(request.sessionHash);
    request.viewer = request.account ? accountOwner(request.account.id) : sessionOwner(token);
  });
}
