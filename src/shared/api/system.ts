/** Operational routes, left out of the OpenAPI document. */
import { z } from 'zod';
import { defineRoute } from './define.js';

/** For load balancers and operators: the process answers, and how its live streams are doing. */
export const healthSchema = z.object({
  ok: z.boolean(),
  live: z.object({
    backend: z.string().describe('memory or redis'),
    viewers: z.number(),
    channels: z.number(),
    bufferedBytes: z.number(),
    lagging: z.number(),
    resyncs: z.number(),
  }),
});

export const systemRoutes = {
  health: defineRoute({ method: 'GET', path: '/health', reply: healthSchema, status: 200, summary: 'Health check', tags: ['system'], hidden: true }),
};
