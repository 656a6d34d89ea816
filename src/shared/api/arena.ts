/** Arena mode (issue 13): battles the server draws, votes on them, and the prompts they may show. */
import { battleParamsSchema, battleSchema, createBattleSchema, importPromptsResultSchema, importPromptsSchema, promptListSchema, voteResultSchema, voteSchema } from '../arena.js';
import { idParamsSchema } from '../schemas.js';
import { defineRoute } from './define.js';

const tags = ['arena'];

export const arenaRoutes = {
  start: defineRoute({
    method: 'POST',
    path: '/worldcups/:id/battles',
    params: idParamsSchema,
    body: createBattleSchema,
    reply: battleSchema,
    status: 201,
    errors: [400, 404, 409, 429],
    summary: 'Draw a battle: the server chooses the pair (see README "Arena") and the sides',
    tags,
  }),
  vote: defineRoute({
    method: 'POST',
    path: '/battles/:id/vote',
    params: battleParamsSchema,
    body: voteSchema,
    reply: voteResultSchema,
    status: 200,
    errors: [400, 404, 409, 410, 429],
    summary: 'Vote once (left, right, tie, both_bad): the names, and the next battle (410 once expired)',
    tags,
  }),
  skip: defineRoute({
    method: 'POST',
    path: '/battles/:id/skip',
    params: battleParamsSchema,
    reply: battleSchema,
    status: 200,
    errors: [404, 409, 410, 429],
    summary: 'Skip the battle (recorded, not counted): the next battle',
    tags,
  }),
  prompts: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/prompts',
    params: idParamsSchema,
    reply: promptListSchema,
    status: 200,
    errors: [404],
    summary: 'How many prompts the world cup has, by category (their responses stay private)',
    tags,
  }),
  importPrompts: defineRoute({
    method: 'POST',
    path: '/worldcups/:id/prompts',
    params: idParamsSchema,
    body: importPromptsSchema,
    reply: importPromptsResultSchema,
    status: 200,
    errors: [400, 403, 404, 413, 429],
    summary: 'Owner: import prompts and responses from JSONL ({prompt, category?, responses: {<candidate name>: <text>}} per line)',
    tags,
  }),
};
