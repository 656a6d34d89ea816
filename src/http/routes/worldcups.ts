import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { worldcupRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';
import { requestLang } from '../lang.js';

/** Thin handlers: the table validates, a service does the work, its result is the reply. */
export function worldcupRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.create, (req) => services.worldcups.create(req.body, req.viewer));
  route(app, routes.list, (req, reply) => services.worldcups.list(req.query, req.viewer, { lang: requestLang(req, reply) }));
  route(app, routes.mine, (req) => services.worldcups.list({ ...req.query, sort: 'new' }, req.viewer, { mine: true }));
  route(app, routes.tags, () => services.worldcups.tags());
  route(app, routes.get, (req, reply) => services.worldcups.get(req.params.id, req.viewer, requestLang(req, reply)));
  route(app, routes.patch, (req) => services.worldcups.patch(req.params.id, req.body, req.viewer));
  route(app, routes.delete, async (req) => {
    await services.worldcups.delete(req.params.id, req.viewer);
    return null;
  });
}
