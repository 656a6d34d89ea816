import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.js';
import {
  campsSchema,
  errorSchema,
  historyQuerySchema,
  historySchema,
  idParamsSchema,
  matrixSchema,
  rankingSchema,
} from '../../shared/schemas.js';

const errors = { 400: errorSchema, 404: errorSchema };

export function rankingRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ranking'];

  r.get(
    '/worldcups/:id/ranking',
    {
      schema: {
        tags,
        summary: 'Ranking table: counters, Bradley–Terry score with 95% interval, significance rank',
        params: idParamsSchema,
        response: { 200: rankingSchema, ...errors },
      },
    },
    (req) => services.ranking.ranking(req.params.id, req.viewer),
  );

  r.get(
    '/worldcups/:id/matrix',
    {
      schema: {
        tags,
        summary: 'Head-to-head: observed wins, losses, ties and the predicted win probability per pair',
        params: idParamsSchema,
        response: { 200: matrixSchema, ...errors },
      },
    },
    (req) => services.ranking.matrix(req.params.id, req.viewer),
  );

  r.get(
    '/worldcups/:id/history',
    {
      schema: {
        tags,
        summary: 'Score and rank over time (hourly snapshots), for one candidate or all',
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historySchema, ...errors },
      },
    },
    (req) => services.ranking.history(req.params.id, req.viewer, req.query.candidate),
  );

  r.get(
    '/worldcups/:id/groups',
    {
      schema: {
        tags,
        summary: 'Camps (candidate groups): best and mean score, cross-camp record, the gap over time',
        params: idParamsSchema,
        response: { 200: campsSchema, ...errors },
      },
    },
    (req) => services.camps.camps(req.params.id, req.viewer),
  );
}
