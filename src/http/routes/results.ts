import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { resultRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

export function resultRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.get, (req) => services.results.get(req.params.id, req.viewer));
}
