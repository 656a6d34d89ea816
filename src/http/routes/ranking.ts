import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { rankingRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

export function rankingRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.ranking, (req) => services.ranking.ranking(req.params.id, req.viewer, req.query));
  route(app, routes.matrix, (req) => services.ranking.matrix(req.params.id, req.viewer));
  route(app, routes.history, (req) => services.ranking.history(req.params.id, req.viewer, req.query.candidate));
  route(app, routes.camps, (req) => services.camps.camps(req.params.id, req.viewer));
}
