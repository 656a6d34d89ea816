import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sessionOwner } from '../services/ids.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Hash of the browser's anonymous session token: who owns what (accounts come later). */
    viewer: string;
  }
}

export const SESSION_COOKIE = 'vs_session';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Every API client gets an anonymous session: a random token in an HttpOnly, SameSite=Lax cookie.
 * A missing or malformed cookie is replaced by a fresh one rather than rejected.
 */
export function installSessions(app: FastifyInstance): void {
  app.decorateRequest('viewer', '');
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    let token = request.cookies[SESSION_COOKIE];
    if (!token || !TOKEN_PATTERN.test(token)) {
      token = randomBytes(24).toString('base64url');
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: ONE_YEAR_S,
      });
    }
    request.viewer = sessionOwner(token);
  });
}
