/** World cups: listing, reading, creating, editing and deleting them. */
import { z } from 'zod';
import {
  createWorldCupSchema,
  idParamsSchema,
  listQuerySchema,
  patchWorldCupSchema,
  tagCountSchema,
  worldCupPageSchema,
  worldCupSchema,
} from '../schemas.js';
import { defineRoute } from './define.js';

const tags = ['world cups'];
const errors = [400, 403, 404] as const;
/** Creating, editing and deleting are rate-limited (README "Rate limits"). */
const limited = [...errors, 429] as const;

export const worldcupRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/worldcups',
    body: createWorldCupSchema,
    reply: worldCupSchema,
    status: 201,
    errors: limited,
    summary: 'Create a world cup',
    tags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/worldcups',
    query: listQuerySchema,
    reply: worldCupPageSchema,
    status: 200,
    errors,
    summary: 'List public world cups',
    tags,
  }),
  mine: defineRoute({
    method: 'GET',
    path: '/me/worldcups',
    query: listQuerySchema,
    reply: worldCupPageSchema,
    status: 200,
    errors,
    summary: "World cups this browser's session created (every visibility)",
    tags,
  }),
  tags: defineRoute({ method: 'GET', path: '/tags', reply: z.array(tagCountSchema), status: 200, summary: 'Popular tags', tags }),
  get: defineRoute({
    method: 'GET',
    path: '/worldcups/:id',
    params: idParamsSchema,
    reply: worldCupSchema,
    status: 200,
    errors,
    summary: 'A world cup with its candidates',
    tags,
  }),
  patch: defineRoute({
    method: 'PATCH',
    path: '/worldcups/:id',
    params: idParamsSchema,
    body: patchWorldCupSchema,
    reply: worldCupSchema,
    status: 200,
    errors: limited,
    summary: 'Edit a world cup (creator only)',
    tags,
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/worldcups/:id',
    params: idParamsSchema,
    reply: z.null(),
    status: 204,
    errors: limited,
    summary: 'Delete a world cup (creator only)',
    tags,
  }),
};
