/** Results: a finished game's public page, by its read-only id. */
import { idParamsSchema } from '../schemas.js';
import { resultSchema } from '../results.js';
import { defineRoute } from './define.js';

export const resultRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/results/:id',
    params: idParamsSchema,
    reply: resultSchema,
    status: 200,
    errors: [400, 404, 429],
    summary: "A finished game's result: champion, the path through the bracket and how others chose each pair",
    tags: ['results'],
  }),
};
