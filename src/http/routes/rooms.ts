import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { roomChannel, roomHostChannel } from '../../services/rooms.js';
import { roomRoutes as routes } from '../../shared/api/index.js';
import { requestLang } from '../lang.js';
import { route, streamRoute } from '../route-table.js';
import { type StreamLimits, lastEventIdOf, stream } from './events.js';
import type { LiveHub } from '../../live/hub.js';

/**
 * Live rooms. The code is public; hosting is the creating session's, checked by the service on
 * every host action. Replies carry the asker's own vote and host flag: never cached.
 */
export function roomRoutes(app: FastifyInstance, services: Services, hub: LiveHub, limits?: StreamLimits): void {
  const { rooms } = services;
  route(app, routes.create, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return rooms.create(req.body, req.viewer, requestLang(req, reply));
  });
  route(app, routes.get, (req, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return rooms.get(req.params.code, req.viewer, requestLang(req, reply));
  });
  route(app, routes.results, (req, reply) => rooms.results(req.params.code, requestLang(req, reply)));
  route(app, routes.vote, (req) => rooms.vote(req.params.code, req.viewer, req.body.side));
  route(app, routes.start, (req, reply) => rooms.start(req.params.code, req.viewer, requestLang(req, reply)));
  route(app, routes.close, (req, reply) => rooms.close(req.params.code, req.viewer, requestLang(req, reply)));
  route(app, routes.advance, (req, reply) => rooms.advance(req.params.code, req.viewer, req.body?.winner, requestLang(req, reply)));
  route(app, routes.end, (req, reply) => rooms.end(req.params.code, req.viewer, requestLang(req, reply)));
  // The host's stream carries the split while voting with reveal 'after'; the audience's does not.
  streamRoute(app, routes.events, async (req, reply) => {
    const row = await rooms.settled(req.params.code);
    const asHost = rooms.isHost(row, req.viewer);
    await stream(reply, hub, limits, {
      channel: asHost ? roomHostChannel(row.code) : roomChannel(row.code),
      lastEventId: lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId),
      snapshot: () => rooms.snapshot(row.code, asHost),
    });
  });
}
