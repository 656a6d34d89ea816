import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { exportRoutes as routes } from '../../shared/api/index.js';
import { fileRoute } from '../route-table.js';

export function exportRoutes(app: FastifyInstance, services: Services): void {
  fileRoute(app, routes.rankingCsv, (req) => services.exports.rankingCsv(req.params.id, req.viewer));
  fileRoute(app, routes.votesJsonl, (req) => services.exports.votesJsonl(req.params.id, req.viewer));
}
