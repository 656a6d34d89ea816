import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.js';
import { errorSchema, idParamsSchema, worldCupSummarySchema } from '../../shared/schemas.js';
import { adminReportPageSchema, adminReportSchema, adminReportsQuerySchema, resolveReportSchema } from '../../shared/accounts.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** Admins only: the services check the role (401 not logged in, 403 not an admin). */
export function adminRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['moderation'];

  r.get(
    '/admin/reports',
    {
      schema: {
        tags,
        summary: 'Reports by status, newest first (keyset paging)',
        querystring: adminReportsQuerySchema,
        response: { 200: adminReportPageSchema, ...errors },
      },
    },
    (req) => services.reports.list(req.query, req.account),
  );

  r.post(
    '/admin/reports/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Close a report: dismiss it, or hide or delete its world cup (which answers its other open reports too)',
        params: idParamsSchema,
        body: resolveReportSchema,
        response: { 200: adminReportSchema, 409: errorSchema, ...errors },
      },
    },
    (req) => services.reports.resolve(req.params.id, req.body.action, req.account),
  );

  r.post(
    '/admin/worldcups/:id/hide',
    {
      schema: {
        tags,
        summary: 'Hide a world cup: only its owner and admins see it; off lists, search and live feeds',
        params: idParamsSchema,
        response: { 200: worldCupSummarySchema, ...errors },
      },
    },
    (req) => services.worldcups.setHidden(req.params.id, true, req.account),
  );

  r.post(
    '/admin/worldcups/:id/unhide',
    { schema: { tags, summary: 'Show a hidden world cup again', params: idParamsSchema, response: { 200: worldCupSummarySchema, ...errors } } },
    (req) => services.worldcups.setHidden(req.params.id, false, req.account),
  );
}
