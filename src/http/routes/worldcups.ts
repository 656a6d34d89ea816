import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import {
  createWorldCupSchema,
  errorSchema,
  idParamsSchema,
  listQuerySchema,
  patchWorldCupSchema,
  tagCountSchema,
  worldCupPageSchema,
  worldCupSchema,
} from '../../shared/schemas.js';

const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

/** Thin handlers: validate (schemas), call one service, return its result. */
export function worldcupRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['world cups'];

  r.post(
    '/worldcups',
    { schema: { tags, summary: 'Create a world cup', body: createWorldCupSchema, response: { 201: worldCupSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await services.worldcups.create(req.body, req.viewer)),
  );

  r.get(
    '/worldcups',
    { schema: { tags, summary: 'List public world cups', querystring: listQuerySchema, response: { 200: worldCupPageSchema, ...errors } } },
    (req) => services.worldcups.list(req.query, req.viewer),
  );

  r.get(
    '/me/worldcups',
    {
      schema: {
        tags,
        summary: "World cups this browser's session created (every visibility)",
        querystring: listQuerySchema,
        response: { 200: worldCupPageSchema, ...errors },
      },
    },
    (req) => services.worldcups.list({ ...req.query, sort: 'new' }, req.viewer, { mine: true }),
  );

  r.get(
    '/tags',
    { schema: { tags, summary: 'Popular tags', response: { 200: z.array(tagCountSchema) } } },
    () => services.worldcups.tags(),
  );

  r.get(
    '/worldcups/:id',
    { schema: { tags, summary: 'A world cup with its candidates', params: idParamsSchema, response: { 200: worldCupSchema, ...errors } } },
    (req) => services.worldcups.get(req.params.id, req.viewer),
  );

  r.patch(
    '/worldcups/:id',
    {
      schema: {
        tags,
        summary: 'Edit a world cup (creator only)',
        params: idParamsSchema,
        body: patchWorldCupSchema,
        response: { 200: worldCupSchema, ...errors },
      },
    },
    (req) => services.worldcups.patch(req.params.id, req.body, req.viewer),
  );

  r.delete(
    '/worldcups/:id',
    { schema: { tags, summary: 'Delete a world cup (creator only)', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await services.worldcups.delete(req.params.id, req.viewer);
      return reply.code(204).send(null);
    },
  );
}
