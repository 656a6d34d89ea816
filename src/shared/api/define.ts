/**
 * How a route of the HTTP API is written down: one typed constant per route (method, path, the zod
 * schemas of its params, query, body and reply, its success status and the error statuses it
 * documents). The server registers its routes from these constants (src/http/route-table.ts) and
 * the web client builds its requests from them (src/web/lib/api.ts), so a path, a status or a type
 * exists in one place only.
 */
import type { z } from 'zod';

/** Every API route lives under this prefix; paths in the tables are written without it. */
export const API_PREFIX = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The refusals a route may document; every one answers `errorSchema` (`{"error":{"code","message"}}`).
 * 501 only where a protocol demands it (oEmbed's unsupported `format`).
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 501 | 503;

/** Path parameters are an object schema, so its keys can be checked against the `:name`s of the path. */
type ParamsSchema = z.ZodObject;

interface RouteBase<Method extends HttpMethod, Path extends string, Params extends ParamsSchema | undefined, Query extends z.ZodType | undefined> {
  readonly method: Method;
  /** Relative to API_PREFIX, with `:name` for each path parameter. */
  readonly path: Path;
  readonly params: Params;
  readonly query: Query;
  readonly errors: readonly ErrorStatus[];
  readonly summary: string;
  readonly tags: readonly string[];
  /** Left out of the OpenAPI document (operational routes such as the health check). */
  readonly hidden: boolean;
}

/** A request answered with one JSON document (or none, for 204). */
export interface JsonRoute<
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
  Params extends ParamsSchema | undefined = ParamsSchema | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Reply extends z.ZodType = z.ZodType,
> extends RouteBase<Method, Path, Params, Query> {
  readonly kind: 'json';
  /** A JSON body; for a multipart route, undefined (the parts are read by the handler). */
  readonly body: Body;
  /** The request is `multipart/form-data` (uploads) rather than JSON. */
  readonly multipart: boolean;
  readonly reply: Reply;
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204;
}

/** A `text/event-stream` the server holds open (GET only); its events are typed by shared/events.ts. */
export interface StreamRoute<
  Path extends string = string,
  Params extends ParamsSchema | undefined = ParamsSchema | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteBase<'GET', Path, Params, Query> {
  readonly kind: 'stream';
}

/**
 * A file to download (GET only): CSV, JSON lines. Its success is not JSON, so like a stream's only
 * its refusals are documented; the handler names the file (Content-Disposition) and sends it.
 */
export interface FileRoute<
  Path extends string = string,
  Params extends ParamsSchema | undefined = ParamsSchema | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteBase<'GET', Path, Params, Query> {
  readonly kind: 'file';
  /** The Content-Type of a successful answer, e.g. `text/csv; charset=utf-8`. */
  readonly contentType: string;
}

export type ApiRoute = JsonRoute | StreamRoute | FileRoute;

/** What a handler receives (after validation) and what a client sends, per part of a request. */
export type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
export type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined;
export type ReplyOf<R extends JsonRoute> = z.output<R['reply']>;

interface Described {
  errors?: readonly ErrorStatus[];
  summary: string;
  tags: readonly string[];
  hidden?: boolean;
}

/** The `:name`s of a path, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
}

/** Fails at load time when the path's `:name`s and the params schema's keys differ: a typo never reaches a request. */
function checkParams(path: string, params: ParamsSchema | undefined): void {
  const inPath = pathParamNames(path).sort().join(',');
  const inSchema = Object.keys(params?.shape ?? {}).sort().join(',');
  if (inPath !== inSchema) throw new Error(`route ${path}: path parameters [${inPath}] differ from the params schema [${inSchema}]`);
}

/** A JSON route of the API. */
export function defineRoute<
  const Method extends HttpMethod,
  const Path extends string,
  Reply extends z.ZodType,
  Params extends ParamsSchema | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
>(
  def: Described & {
    method: Method;
    path: Path;
    params?: Params;
    query?: Query;
    body?: Body;
    multipart?: boolean;
    reply: Reply;
    status: 200 | 201 | 202 | 204;
  },
): JsonRoute<Method, Path, Params, Query, Body, Reply> {
  checkParams(def.path, def.params);
  // An omitted part leaves its type parameter at its default, `undefined`, which is then its value.
  return {
    kind: 'json',
    method: def.method,
    path: def.path,
    params: def.params as Params,
    query: def.query as Query,
    body: def.body as Body,
    multipart: def.multipart ?? false,
    reply: def.reply,
    status: def.status,
    errors: def.errors ?? [],
    summary: def.summary,
    tags: def.tags,
    hidden: def.hidden ?? false,
  };
}

/** An event-stream route of the API (always GET). */
export function defineStream<const Path extends string, Params extends ParamsSchema | undefined = undefined, Query extends z.ZodType | undefined = undefined>(
  def: Described & { path: Path; params?: Params; query?: Query },
): StreamRoute<Path, Params, Query> {
  checkParams(def.path, def.params);
  return {
    kind: 'stream',
    method: 'GET',
    path: def.path,
    params: def.params as Params,
    query: def.query as Query,
    errors: def.errors ?? [],
    summary: def.summary,
    tags: def.tags,
    hidden: def.hidden ?? false,
  };
}

/** A file-download route of the API (always GET). */
export function defineFile<const Path extends string, Params extends ParamsSchema | undefined = undefined, Query extends z.ZodType | undefined = undefined>(
  def: Described & { path: Path; params?: Params; query?: Query; contentType: string },
): FileRoute<Path, Params, Query> {
  checkParams(def.path, def.params);
  return {
    kind: 'file',
    method: 'GET',
    path: def.path,
    params: def.params as Params,
    query: def.query as Query,
    contentType: def.contentType,
    errors: def.errors ?? [],
    summary: def.summary,
    tags: def.tags,
    hidden: def.hidden ?? false,
  };
}

/**
 * `METHOD /api/v1/path/:param`: the route as Fastify's router names the pattern it matched
 * (`request.routeOptions.url`), which is what route-keyed rules such as rate limits look up.
 */
export const routeKey = (route: ApiRoute): string => `${route.method} ${API_PREFIX}${route.path}`;
