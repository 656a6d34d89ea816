/**
 * Registers the routes of the API's tables (src/shared/api/) on Fastify: method, URL and the whole
 * schema (params, querystring, body, the success reply and every documented error) come from the
 * route's definition, so what is served, what is validated and what /api/docs documents cannot
 * disagree. Handlers get their request typed from the same definition.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { ApiRoute, FileRoute, JsonRoute, OutputOf, ReplyOf, StreamRoute } from '../shared/api/index.js';
import { errorSchema } from '../shared/schemas.js';

/** The request parts as the route's schemas parse them (Fastify validates before the handler runs). */
interface RouteTypes<R extends ApiRoute> {
  Params: OutputOf<R['params']>;
  Querystring: OutputOf<R['query']>;
  Body: R extends JsonRoute ? OutputOf<R['body']> : undefined;
}

export type RouteRequest<R extends ApiRoute> = FastifyRequest<RouteTypes<R>>;

/**
 * Returns the reply body; `route` sends it with the route's status. The reply is there for headers
 * and cookies (a 204's body is `null`).
 */
export type JsonHandler<R extends JsonRoute> = (req: RouteRequest<R>, reply: FastifyReply<RouteTypes<R>>) => ReplyOf<R> | Promise<ReplyOf<R>>;

/** Answers the request itself: hands the connection to the live hub, or refuses it by throwing. */
export type StreamHandler<R extends StreamRoute> = (req: RouteRequest<R>, reply: FastifyReply<RouteTypes<R>>) => Promise<void>;

/** A file to send: its name for Content-Disposition, and its content, whole or as it is produced. */
export interface Download {
  filename: string;
  body: string | AsyncIterable<string>;
}

/** Produces the file, or refuses by throwing (before anything is sent). */
export type FileHandler<R extends FileRoute> = (req: RouteRequest<R>) => Promise<Download>;

function schemaOf(def: ApiRoute): FastifySchema {
  const response: Record<number, z.ZodType> = {};
  // A stream's 200 is not JSON, so only its refusals are documented.
  if (def.kind === 'json') response[def.status] = def.reply;
  for (const status of def.errors) response[status] = errorSchema;
  return {
    tags: [...def.tags],
    summary: def.summary,
    ...(def.hidden ? { hide: true } : {}),
    ...(def.kind === 'json' && def.multipart ? { consumes: ['multipart/form-data'] } : {}),
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { querystring: def.query } : {}),
    ...(def.kind === 'json' && def.body ? { body: def.body } : {}),
    response,
  };
}

/** Registers a JSON route of the tables on `app` (the `/api/v1` plugin). */
export function route<R extends JsonRoute>(app: FastifyInstance, def: R, handler: JsonHandler<R>): void {
  app.route<RouteTypes<R>>({
    method: def.method,
    url: def.path,
    schema: schemaOf(def),
    handler: async (req, reply) => {
      const body = await handler(req, reply);
      return reply.code(def.status).send(body);
    },
  });
}

/** Registers an event-stream route of the tables; its handler streams or refuses on its own. */
export function streamRoute<R extends StreamRoute>(app: FastifyInstance, def: R, handler: StreamHandler<R>): void {
  app.route<RouteTypes<R>>({ method: def.method, url: def.path, schema: schemaOf(def), handler });
}

/**
 * Registers a file-download route of the tables: the route's Content-Type, an attachment named by
 * the handler, and the body streamed when it is produced piece by piece (a world cup's votes).
 */
export function fileRoute<R extends FileRoute>(app: FastifyInstance, def: R, handler: FileHandler<R>): void {
  app.route<RouteTypes<R>>({
    method: def.method,
    url: def.path,
    schema: schemaOf(def),
    handler: async (req, reply) => {
      const file = await handler(req);
      // Names are made from ids ([A-Za-z0-9_-]) and fixed words: nothing to escape in the header.
      void reply.code(200).header('content-type', def.contentType).header('content-disposition', `attachment; filename="${file.filename}"`);
      return reply.send(typeof file.body === 'string' ? file.body : Readable.from(file.body));
    },
  });
}
