import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { gameRoutes as routes } from '../../shared/api/index.js';
import { clientAddress } from '../rate-limit.js';
import { route } from '../route-table.js';

export function gameRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.start, (req) => services.games.start(req.params.id, req.body.size, req.viewer, clientAddress(req)));
  route(app, routes.get, (req) => services.games.get(req.params.id, req.viewer));
  route(app, routes.pick, (req) => services.games.pick(req.params.id, req.viewer, req.body.winner, req.body.picks));
  // A capability (the game id) for its owner only: never stored by a shared cache, nor by the browser's.
  route(app, routes.mine, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return services.games.resumable(req.params.id, req.viewer);
  });
  route(app, routes.undo, (req) => services.games.undo(req.params.id, req.viewer, req.body?.picks));
}
