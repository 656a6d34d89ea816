import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { moderationRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

/** Admins only: the services check the role (401 not logged in, 403 not an admin). */
export function adminRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.reports, (req) => services.reports.list(req.query, req.account));
  route(app, routes.resolve, (req) => services.reports.resolve(req.params.id, req.body.action, req.account));
  route(app, routes.hide, (req) => services.worldcups.setHidden(req.params.id, true, req.account));
  route(app, routes.unhide, (req) => services.worldcups.setHidden(req.params.id, false, req.account));
}
