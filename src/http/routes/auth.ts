import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_TTL_MS } from '../../services/accounts.js';
import type { Services } from '../../services/index.js';
import { errorSchema } from '../../shared/schemas.js';
import { credentialsSchema, loginSchema, meSchema, userResponseSchema } from '../../shared/accounts.js';
import { ANONYMOUS_COOKIE_S, sessionOf, setSessionCookie } from '../session.js';

const SESSION_COOKIE_S = SESSION_TTL_MS / 1000;

/** Sign-up, log-in and log-out replace the session cookie; the services say with what. */
export function authRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.post(
    '/auth/signup',
    {
      schema: {
        tags,
        summary: 'Create an account and log in; what this browser made so far becomes the account’s',
        body: credentialsSchema,
        response: { 201: userResponseSchema, 400: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const session = await services.accounts.signUp(req.body, sessionOf(req));
      setSessionCookie(req, reply, session.token, SESSION_COOKIE_S);
      return reply.code(201).send({ user: session.user });
    },
  );

  r.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in (a new session cookie); what this browser made anonymously becomes the account’s',
        body: loginSchema,
        response: { 200: userResponseSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const session = await services.accounts.logIn(req.body, sessionOf(req));
      setSessionCookie(req, reply, session.token, SESSION_COOKIE_S);
      return { user: session.user };
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags, summary: 'Log out: ends the session and starts a fresh anonymous one', response: { 204: z.null() } } },
    async (req, reply) => {
      const fresh = await services.accounts.logOut(sessionOf(req));
      if (fresh) setSessionCookie(req, reply, fresh, ANONYMOUS_COOKIE_S);
      return reply.code(204).send(null);
    },
  );

  r.get('/auth/me', { schema: { tags, summary: 'Who is logged in (null: nobody)', response: { 200: meSchema } } }, (req) => ({
    user: req.account,
  }));
}
