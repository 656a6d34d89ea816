import type { FastifyInstance } from 'fastify';
import { SESSION_TTL_MS } from '../../services/accounts.js';
import type { Services } from '../../services/index.js';
import { accountRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';
import { ANONYMOUS_COOKIE_S, sessionOf, setSessionCookie } from '../session.js';

const SESSION_COOKIE_S = SESSION_TTL_MS / 1000;

/** Sign-up, log-in and log-out replace the session cookie; the services say with what. */
export function authRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.signUp, async (req, reply) => {
    const session = await services.accounts.signUp(req.body, sessionOf(req));
    setSessionCookie(req, reply, session.token, SESSION_COOKIE_S);
    return { user: session.user };
  });

  route(app, routes.logIn, async (req, reply) => {
    const session = await services.accounts.logIn(req.body, sessionOf(req));
    setSessionCookie(req, reply, session.token, SESSION_COOKIE_S);
    return { user: session.user };
  });

  route(app, routes.logOut, async (req, reply) => {
    const fresh = await services.accounts.logOut(sessionOf(req));
    if (fresh) setSessionCookie(req, reply, fresh, ANONYMOUS_COOKIE_S);
    return null;
  });

  route(app, routes.me, (req) => ({ user: req.account }));
}
