/** Accounts: sign-up, log-in, log-out and who is logged in. The session itself is an HttpOnly cookie. */
import { z } from 'zod';
import { credentialsSchema, loginSchema, meSchema, userResponseSchema } from '../accounts.js';
import { defineRoute } from './define.js';

const tags = ['accounts'];

export const accountRoutes = {
  signUp: defineRoute({
    method: 'POST',
    path: '/auth/signup',
    body: credentialsSchema,
    reply: userResponseSchema,
    status: 201,
    errors: [400, 409, 429],
    summary: 'Create an account and log in; what this browser made so far becomes the account’s',
    tags,
  }),
  logIn: defineRoute({
    method: 'POST',
    path: '/auth/login',
    body: loginSchema,
    reply: userResponseSchema,
    status: 200,
    errors: [400, 401, 429],
    summary: 'Log in (a new session cookie); what this browser made anonymously becomes the account’s',
    tags,
  }),
  logOut: defineRoute({
    method: 'POST',
    path: '/auth/logout',
    reply: z.null(),
    status: 204,
    summary: 'Log out: ends the session and starts a fresh anonymous one',
    tags,
  }),
  me: defineRoute({ method: 'GET', path: '/auth/me', reply: meSchema, status: 200, summary: 'Who is logged in (null: nobody)', tags }),
};
