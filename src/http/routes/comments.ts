import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { commentRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

export function commentRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.list, (req) => services.comments.list(req.params.id, req.query, req.viewer));
  route(app, routes.replies, (req) => services.comments.replies(req.params.id, req.query, req.viewer));
  route(app, routes.post, (req) => services.comments.post(req.params.id, req.body, req.viewer));
  route(app, routes.delete, async (req) => {
    await services.comments.delete(req.params.id, req.viewer);
    return null;
  });
  route(app, routes.like, (req) => services.comments.like(req.params.id, req.viewer, true));
  route(app, routes.unlike, (req) => services.comments.like(req.params.id, req.viewer, false));
  route(app, routes.report, (req) => services.reports.createForComment(req.params.id, req.body, req.viewer));
}
