import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { arenaRoutes as routes } from '../../shared/api/index.js';
import { requestLang } from '../lang.js';
import { clientAddress } from '../rate-limit.js';
import { route } from '../route-table.js';

/** Arena battles (their ids are capabilities: answers are private, never cached) and prompts. */
export function arenaRoutes(app: FastifyInstance, services: Services): void {
  route(app, routes.start, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return services.battles.start(req.params.id, req.viewer, req.body ?? {}, clientAddress(req), requestLang(req, reply));
  });
  route(app, routes.vote, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return services.battles.vote(req.params.id, req.viewer, req.body.choice, clientAddress(req), requestLang(req, reply));
  });
  route(app, routes.skip, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return services.battles.skip(req.params.id, req.viewer, clientAddress(req), requestLang(req, reply));
  });
  route(app, routes.prompts, (req) => services.prompts.list(req.params.id, req.viewer));
  route(app, routes.importPrompts, (req) => services.prompts.importJsonl(req.params.id, req.viewer, req.body.jsonl, req.body.replace));
}
