import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { embedRoutes as routes } from '../../shared/api/index.js';
import { route } from '../route-table.js';

export function embedRoutes(app: FastifyInstance, services: Services): void {
  // The site as the consumer reached it (behind a proxy: TRUST_PROXY makes these the forwarded ones).
  route(app, routes.oembed, (req) => services.embeds.oembed(req.query, { origin: `${req.protocol}://${req.host}`, host: req.host }));
}
