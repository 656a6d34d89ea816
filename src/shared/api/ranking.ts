/** What the votes of a world cup add up to: the ranking table, head-to-head, history and camps. */
import { rankingQuerySchema } from '../arena.js';
import { campsSchema, historyQuerySchema, historySchema, idParamsSchema, matrixSchema, rankingSchema } from '../schemas.js';
import { defineRoute } from './define.js';

const tags = ['ranking'];
const errors = [400, 404] as const;

export const rankingRoutes = {
  ranking: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/ranking',
    params: idParamsSchema,
    query: rankingQuerySchema,
    reply: rankingSchema,
    status: 200,
    errors,
    summary: 'Ranking table: counters, Bradley–Terry score with 95% interval, significance rank; of all votes or one source, one prompt category',
    tags,
  }),
  matrix: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/matrix',
    params: idParamsSchema,
    reply: matrixSchema,
    status: 200,
    errors,
    summary: 'Head-to-head: observed wins, losses, ties and the predicted win probability per pair',
    tags,
  }),
  history: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/history',
    params: idParamsSchema,
    query: historyQuerySchema,
    reply: historySchema,
    status: 200,
    errors,
    summary: 'Score and rank over time (hourly snapshots), for one candidate or all',
    tags,
  }),
  camps: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/groups',
    params: idParamsSchema,
    reply: campsSchema,
    status: 200,
    errors,
    summary: 'Camps (candidate groups): best and mean score, cross-camp record, the gap over time',
    tags,
  }),
};
