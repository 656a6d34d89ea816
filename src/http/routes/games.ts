import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { gameRoutes as routes } from '../../shared/api/index.js';
import { clientAddress } from '../rate-limit.js';
import { route } from '../route-table.js';
import { requestLang } from '../lang.js';

export function gameRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.start, (req, reply) => services.games.start(req.params.id, req.body.size, req.viewer, clientAddress(req), requestLang(req, reply)));
  route(app, routes.get, (req, reply) => services.games.get(req.params.id, req.viewer, requestLang(req, reply)));
  route(app, routes.pick, (req, reply) => services.games.pick(req.params.id, req.viewer, req.body.winner, req.body.picks, requestLang(req, reply)));
  // A capability (the game id) for its owner only: never stored by a shared cache, nor by the browser's.
  route(app, routes.mine, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return services.games.resumable(req.params.id, req.viewer);
  });
  route(app, routes.undo, (req, reply) => services.games.undo(req.params.id, req.viewer, req.body?.picks, requestLang(req, reply)));
}
