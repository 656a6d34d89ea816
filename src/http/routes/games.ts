import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.js';
import { createGameSchema, errorSchema, gameSchema, idParamsSchema, pickSchema, undoSchema } from '../../shared/schemas.js';
import { clientAddress } from '../rate-limit.js';

const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema };

export function gameRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['games'];

  r.post(
    '/worldcups/:id/games',
    {
      schema: {
        tags,
        summary: 'Start a game: draws a bracket of `size` candidates',
        params: idParamsSchema,
        body: createGameSchema,
        response: { 201: gameSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await services.games.start(req.params.id, req.body.size, req.viewer, clientAddress(req))),
  );

  r.get(
    '/games/:id',
    { schema: { tags, summary: 'Current state of a game', params: idParamsSchema, response: { 200: gameSchema, ...errors } } },
    (req) => services.games.get(req.params.id, req.viewer),
  );

  r.post(
    '/games/:id/picks',
    {
      schema: {
        tags,
        summary: 'Pick the winner of the current match (acknowledged after commit)',
        params: idParamsSchema,
        body: pickSchema,
        response: { 200: gameSchema, ...errors },
      },
    },
    (req) => services.games.pick(req.params.id, req.viewer, req.body.winner, req.body.picks),
  );

  r.post(
    '/games/:id/undo',
    {
      schema: { tags, summary: 'Take back the last pick', params: idParamsSchema, body: undoSchema, response: { 200: gameSchema, ...errors } },
    },
    (req) => services.games.undo(req.params.id, req.viewer, req.body?.picks),
  );
}
