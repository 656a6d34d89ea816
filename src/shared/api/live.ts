/** Live event streams (text/event-stream): a snapshot, then deltas; their events are typed in shared/events.ts. */
import { z } from 'zod';
import { idParamsSchema } from '../schemas.js';
import { defineStream } from './define.js';

/** `?lastEventId=` for clients that cannot set the Last-Event-ID header (the browser's EventSource sets it). */
export const streamQuerySchema = z.object({ lastEventId: z.string().max(40).optional() });

const tags = ['live'];

export const liveRoutes = {
  worldcup: defineStream({
    path: '/worldcups/:id/events',
    params: idParamsSchema,
    query: streamQuerySchema,
    errors: [400, 404, 429],
    summary: 'Live ranking, activity and champions (text/event-stream): a snapshot, then deltas; Last-Event-ID resumes',
    tags,
  }),
  site: defineStream({
    path: '/events',
    query: streamQuerySchema,
    errors: [400, 429],
    summary: 'Site-wide activity (text/event-stream): games being played, recent champions, new world cups',
    tags,
  }),
};
