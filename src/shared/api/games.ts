/** Games: a bracket drawn from a world cup, played one pick at a time. */
import { createGameSchema, gameSchema, idParamsSchema, pickSchema, resumableGameSchema, undoSchema } from '../schemas.js';
import { defineRoute } from './define.js';

const tags = ['games'];
const errors = [400, 404, 409, 429] as const;

export const gameRoutes = {
  start: defineRoute({
    method: 'POST',
    path: '/worldcups/:id/games',
    params: idParamsSchema,
    body: createGameSchema,
    reply: gameSchema,
    status: 201,
    errors,
    summary: 'Start a game: draws a bracket of `size` candidates',
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/games/:id',
    params: idParamsSchema,
    reply: gameSchema,
    status: 200,
    errors,
    summary: 'Current state of a game',
    tags,
  }),
  pick: defineRoute({
    method: 'POST',
    path: '/games/:id/picks',
    params: idParamsSchema,
    body: pickSchema,
    reply: gameSchema,
    status: 200,
    errors,
    summary: 'Pick the winner of the current match (acknowledged after commit)',
    tags,
  }),
  undo: defineRoute({
    method: 'POST',
    path: '/games/:id/undo',
    params: idParamsSchema,
    body: undoSchema,
    reply: gameSchema,
    status: 200,
    errors,
    summary: 'Take back the last pick',
    tags,
  }),
  mine: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/my-game',
    params: idParamsSchema,
    reply: resumableGameSchema,
    status: 200,
    errors,
    summary: "This session's unfinished game of the world cup, to resume it (private, never cached)",
    tags,
  }),
};
