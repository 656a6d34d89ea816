import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.js';
import { errorSchema, idParamsSchema } from '../../shared/schemas.js';
import { createReportSchema, reportSchema } from '../../shared/accounts.js';

export function reportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/worldcups/:id/reports',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Report a world cup to the admins (one open report per person and world cup)',
        params: idParamsSchema,
        body: createReportSchema,
        response: { 201: reportSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await services.reports.create(req.params.id, req.body, req.viewer)),
  );
}
