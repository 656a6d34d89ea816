import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LiveHub, StreamSpec } from '../../live/hub.js';
import type { Services } from '../../services/index.js';
import { SITE_CHANNEL, worldcupChannel } from '../../shared/events.js';
import { errorSchema, idParamsSchema } from '../../shared/schemas.js';

/** `?lastEventId=` for clients that cannot set the Last-Event-ID header (the browser's EventSource sets it). */
const streamQuerySchema = z.object({ lastEventId: z.string().max(40).optional() });

/**
 * The resume point a client sent. Anything but a plain id (a stale or foreign value) means "start
 * fresh": the client gets a snapshot, which is always a correct place to start.
 */
function lastEventIdOf(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const raw = typeof header === 'string' ? header : query;
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** Hands the connection to the hub; the stream's errors end the stream (the browser reconnects). */
async function stream(reply: FastifyReply, hub: LiveHub, spec: StreamSpec): Promise<void> {
  // HEAD: the headers a stream would have, and no stream (Node sends HEAD headers only at end()).
  if (reply.request.method === 'HEAD') {
    return void (await reply.code(200).header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').send());
  }
  reply.hijack();
  try {
    await hub.open(reply.raw, spec);
  } catch (error) {
    reply.log.warn({ err: error }, 'live stream failed to start');
    reply.raw.destroy();
  }
}

export function eventRoutes(app: FastifyInstance, services: Services, hub: LiveHub): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['live'];

  r.get(
    '/worldcups/:id/events',
    {
      schema: {
        tags,
        summary: 'Live ranking, activity and champions (text/event-stream): a snapshot, then deltas; Last-Event-ID resumes',
        params: idParamsSchema,
        querystring: streamQuerySchema,
        response: { 400: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const row = await services.worldcups.visibleRow(req.params.id, req.viewer);
      await stream(reply, hub, {
        channel: worldcupChannel(row.id),
        lastEventId: lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId),
        snapshot: () => services.live.worldcupSnapshot(row),
        activity: () => services.live.worldcupActivity(row.id),
      });
    },
  );

  r.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'Site-wide activity (text/event-stream): games being played, recent champions, new world cups',
        querystring: streamQuerySchema,
        response: { 400: errorSchema },
      },
    },
    async (req, reply) => {
      await stream(reply, hub, {
        channel: SITE_CHANNEL,
        lastEventId: lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId),
        snapshot: () => services.live.siteSnapshot(),
        activity: () => services.live.siteActivity(),
      });
    },
  );
}
