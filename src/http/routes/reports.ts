import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { moderationRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

export function reportRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.report, (req) => services.reports.create(req.params.id, req.body, req.viewer));
}
