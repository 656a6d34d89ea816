import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveHub, StreamSpec } from '../../live/hub.js';
import type { StreamCap } from '../../live/stream-leases.js';
import { AppError } from '../../services/errors.js';
import type { Services } from '../../services/index.js';
import { SITE_CHANNEL, worldcupChannel } from '../../shared/events.js';
import { liveRoutes as routes } from '../../shared/api/index.js';
import { clientAddress } from '../rate-limit.js';
import { streamRoute } from '../route-table.js';

/** Open streams per session and per address (config LIMIT_STREAMS_*); 0 turns a cap off. */
export interface StreamLimits {
  perSession: number;
  perAddress: number;
}

/**
 * Retry-After of a refused stream. There is no window to wait out: a slot frees the moment one of
 * the client's streams closes, so it may as well try again soon.
 */
const STREAM_RETRY_AFTER_S = 5;

/**
 * The resume point a client sent. Anything but a plain id (a stale or foreign value) means "start
 * fresh": the client gets a snapshot, which is always a correct place to start.
 */
export function lastEventIdOf(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const raw = typeof header === 'string' ? header : query;
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** The caps a stream of this request counts against, those turned on. */
function capsOf(req: FastifyRequest, limits: StreamLimits | undefined): (StreamCap & { from: string })[] {
  const caps = [
    { key: `streams:session:${req.viewer}`, cap: limits?.perSession ?? 0, from: 'this browser' },
    { key: `streams:address:${clientAddress(req)}`, cap: limits?.perAddress ?? 0, from: 'this network address' },
  ];
  return caps.filter((c) => c.cap > 0);
}

/**
 * Hands the connection to the hub once the stream caps admit it (429 `too_many_streams` before
 * anything is streamed if not); the stream's errors end the stream (the browser reconnects).
 */
export async function stream(reply: FastifyReply, hub: LiveHub, limits: StreamLimits | undefined, spec: StreamSpec): Promise<void> {
  // HEAD: the headers a stream would have, and no stream (Node sends HEAD headers only at end()).
  if (reply.request.method === 'HEAD') {
    return void (await reply.code(200).header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').send());
  }
  const caps = capsOf(reply.request, limits);
  const admission = await hub.admit(caps);
  if (!admission.isAdmitted) {
    const { cap, from } = admission.full;
    void reply.header('retry-after', String(STREAM_RETRY_AFTER_S));
    throw new AppError(429, 'too_many_streams', `too many live streams open from ${from}: at most ${cap} at once; close one and try again`);
  }
  reply.hijack();
  try {
    await hub.open(reply.raw, { ...spec, leases: admission.leases });
  } catch (error) {
    reply.log.warn({ err: error }, 'live stream failed to start');
    reply.raw.destroy();
  }
}

export function eventRoutes(app: FastifyInstance, services: Services, hub: LiveHub, limits?: StreamLimits): void {
  streamRoute(app, routes.worldcup, async (req, reply) => {
    const row = await services.worldcups.visibleRow(req.params.id, req.viewer);
    await stream(reply, hub, limits, {
      channel: worldcupChannel(row.id),
      lastEventId: lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId),
      snapshot: () => services.live.worldcupSnapshot(row),
      activity: () => services.live.worldcupActivity(row.id),
    });
  });

  streamRoute(app, routes.site, async (req, reply) => {
    await stream(reply, hub, limits, {
      channel: SITE_CHANNEL,
      lastEventId: lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId),
      snapshot: () => services.live.siteSnapshot(),
      activity: () => services.live.siteActivity(),
      filterReplay: (missed) => services.live.listedReplay(missed),
    });
  });
}
