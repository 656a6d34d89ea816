/**
 * The API's route tables as the browser needs them: each route's method and path, typed by its
 * full definition (src/shared/api/). The definitions themselves hold zod schemas, which the client
 * never runs (the server validates); importing them would put zod (~50 kB compressed) on every
 * page. So the build writes this table from the same definitions (the `versus-route-links` plugin
 * in vite.config.ts) and the client carries only the paths; the types still come from the tables.
 */
import links from 'virtual:versus-route-links';
import type { routes as tables } from '../../shared/api/index.js';

/** A route of the tables as the client calls it; `route` exists for the type checker only (never set). */
export interface RouteLink<R> {
  readonly method: string;
  readonly path: string;
  readonly route?: R;
}

type Tables = typeof tables;
export type RouteLinks = { readonly [A in keyof Tables]: { readonly [K in keyof Tables[A]]: RouteLink<Tables[A][K]> } };

export const routes = links as RouteLinks;
