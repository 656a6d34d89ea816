/**
 * The route tables (src/shared/api/) are the API: the server serves exactly their routes under
 * /api/v1, nothing besides, documents each with the parts its definition declares, and keys its
 * rate limits on them. SQLite is enough: registration does not depend on the dialect.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rateRules } from '../../src/http/rate-limit.js';
import { previewRouteKeys } from '../../src/http/previews.js';
import { API_PREFIX, allRoutes, routeKey } from '../../src/shared/api/index.js';
import { useTestServer } from '../helpers/api.js';

/**
 * `METHOD /path` of every route in Fastify's route tree (`printRoutes` with full segments). Each
 * line is a node: its depth from the indentation, its segment appended to its parent's path.
 */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const found: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) {
      if (line.trim() !== '') throw new Error(`a line of the route tree this test cannot read: ${line}`);
      continue;
    }
    const depth = (m[1] as string).length / 4;
    const path = (stack[depth - 1] ?? '') + (m[2] as string);
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) found.push(`${method} ${path}`);
  }
  return found;
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, unknown>;
  summary?: string;
  tags?: string[];
}

const keysOf = (schema: z.ZodType | undefined): string[] => (schema instanceof z.ZodObject ? Object.keys(schema.shape).sort() : []);

describe('the route tables are the API', () => {
  const t = useTestServer('sqlite');
  const tableKeys = allRoutes.map(routeKey);

  it('has each route once', () => {
    expect(new Set(tableKeys).size).toBe(tableKeys.length);
  });

  it('serves every route of the tables, and nothing else under /api/v1', () => {
    const app = t.server.server.app;
    for (const route of allRoutes) expect(app.hasRoute({ method: route.method, url: API_PREFIX + route.path }), routeKey(route)).toBe(true);
    const underApi = registeredRoutes(app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.split(' ')[1]?.startsWith(`${API_PREFIX}/`))
      // Fastify answers HEAD for every GET route by itself.
      .filter((r) => !(r.startsWith('HEAD ') && tableKeys.includes(r.replace(/^HEAD /, 'GET '))));
    expect(underApi.sort()).toEqual([...tableKeys].sort());
  });

  it('documents every route that is not hidden, with the params, query, body and statuses of its definition', async () => {
    const doc = (await t.user().ok<{ paths: Record<string, Record<string, Operation>> }>('GET', '/api/docs/json', 200)).paths;
    const documented = Object.entries(doc).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const visible = allRoutes.filter((r) => !r.hidden);
    const openApiPath = (path: string) => API_PREFIX + path.replace(/:(\w+)/g, '{$1}');
    expect(documented.sort()).toEqual(visible.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());

    for (const route of visible) {
      const op = doc[openApiPath(route.path)]?.[route.method.toLowerCase()] as Operation;
      const where = routeKey(route);
      const names = (place: string) => (op.parameters ?? []).filter((p) => p.in === place).map((p) => p.name).sort();
      expect(names('path'), where).toEqual(keysOf(route.params));
      expect(names('query'), where).toEqual(keysOf(route.query));
      const success = route.kind === 'json' ? [route.status] : [];
      expect(Object.keys(op.responses ?? {}).sort(), where).toEqual([...success, ...route.errors].map(String).sort());
      // A multipart upload has no body schema (its handler reads the parts), so no body is documented.
      const hasJsonBody = route.kind === 'json' && route.body !== undefined;
      expect(Object.keys(op.requestBody?.content ?? {}), where).toEqual(hasJsonBody ? ['application/json'] : []);
      expect(op.summary, where).toBe(route.summary);
      expect(op.tags, where).toEqual(route.tags);
    }
  });

  it('keys the rate limits on routes of the tables', () => {
    const settings = { windowMs: 60_000, ipMultiplier: 1, gamesPerMinute: 1, picksPerMinute: 1, uploadsPerMinute: 1, signupsPerHour: 1, loginsPerMinute: 1, createsPerHour: 1, editsPerMinute: 1, reportsPerHour: 1, commentsPerMinute: 1, commentLikesPerMinute: 1, commentReadsPerMinute: 1, exportsPerMinute: 1, sharesPerMinute: 1 };
    // Besides the API's routes: the link-preview pages and cards (src/http/previews.ts).
    for (const key of rateRules(settings).flatMap((rule) => rule.routes)) expect([...tableKeys, ...previewRouteKeys]).toContain(key);
  });
});
