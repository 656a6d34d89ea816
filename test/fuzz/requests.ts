/**
 * The fuzzer's requests: every route the server documents (its OpenAPI document, so routes added
 * later are fuzzed too) plus the hidden ones, attacked by category. Generation is fast-check with a
 * fixed seed, so a run is reproducible from the seed it prints.
 *
 * Nothing generated may change stored data. A request that could (a state-changing method on real
 * ids, or on a route without ids) is only kept when its body is certainly refused: malformed, too
 * large, or breaking the documented schema (`mayBeValid` in schema.ts is conservative). Otherwise
 * its ids are swapped for unknown ones, or it is dropped. The exceptions are requests that an
 * anonymous stranger can never make count: edits and deletes of someone else's world cup, admin
 * routes, log-ins (no account exists), cross-site requests.
 */
import fc from 'fast-check';
import { Draw, type JsonSchema, mayBeValid } from './schema.js';

export type Expect = readonly number[] | '4xx';

export interface FuzzRequest {
  category: string;
  /** What was done to it, for the report. */
  note: string;
  method: string;
  /** The request target as sent; characters U+0080–U+00FF go out as raw bytes. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  /** Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean | undefined;
  /** The statuses this request must get, when its category decides it. */
  expect?: Expect | undefined;
  expectCode?: string | undefined;
  /** The documented route it aims at ("POST /api/v1/games/{id}/picks"), if any. */
  target?: string | undefined;
}

export interface Route {
  method: string;
  /** `/api/v1/worldcups/{id}`, as the OpenAPI document writes it. */
  template: string;
  params: string[];
  /** The JSON body schema; undefined for routes without a JSON body. */
  body?: JsonSchema | undefined;
  query: { name: string; schema: JsonSchema }[];
}

export interface Targets {
  /** Public, 8 candidates, owned by a session the fuzzer never has. */
  worldcupId: string;
  privateWorldcupId: string;
  candidateIds: string[];
  /** A candidate of the private world cup: in no match of the games below. */
  foreignCandidateId: string;
  activeGameId: string;
  activePicks: number;
  activeMatch: [string, string];
  finishedGameId: string;
  finishedPicks: number;
  imageId: string;
}

export interface Ctx {
  routes: Route[];
  targets: Targets;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The documented routes, plus the hidden health check and media files. */
export function routesOf(doc: OpenApiDoc): Route[] {
  const routes: Route[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({
        method: method.toUpperCase(),
        template,
        params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        body: op.requestBody?.content?.['application/json']?.schema,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
      });
    }
  }
  routes.push({ method: 'GET', template: '/api/v1/health', params: [], query: [] });
  routes.push({ method: 'GET', template: '/media/{file}', params: ['file'], query: [] });
  return routes;
}

// ---- ids ---------------------------------------------------------------------------------------

export interface IdChoice {
  /** As it goes into the path (already percent-encoded where needed). */
  value: string;
  real: boolean;
}

/** Every byte outside the unreserved set percent-encoded (lone surrogates become U+FFFD's bytes). */
export const enc = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Contains '-' and is 13–15 characters: neither a 12-character base62 id nor a 22-character game id. */
export const unknownId = (d: Draw): string => `fuzz-nx-${String(d.int(0, 999_999)).padStart(5, '0')}`;

const MALFORMED_IDS = [
  enc('../../etc/passwd'), enc('..\\..\\windows'), '..', '.', '%2e%2e', '%2E%2E%2F%2E%2E%2F', enc('a/b'), '%00', 'AAAAAAAA%00', enc("' OR 1=1 --"),
  enc('${jndi:ldap://x}'), enc('<script>'), 'x'.repeat(5), 'x'.repeat(41), 'x'.repeat(99), 'x'.repeat(101), 'x'.repeat(3000), '%', '%zz', '%E0%A4%A',
  '%ff%fe', '%C0%AF', '%ED%A0%80', enc('한글아이디입니다'), enc('🦄🦄🦄🦄🦄🦄'), 'AAAAAAAAAAAA.json', 'NUL', 'con', '-1', '0', '1e308', 'NaN', 'null',
  'undefined', '__proto__', 'constructor', enc('%0d%0aSet-Cookie: fuzz_injected=1'), '%0D%0AX-Fuzz-Injected:%201', enc('AAAAAAAAAAAA?x=1'), enc('#frag'),
];

export function realIdsFor(template: string, t: Targets): string[] {
  if (template.startsWith('/api/v1/games/')) return [t.activeGameId, t.finishedGameId];
  if (template.startsWith('/api/v1/worldcups/') || template.startsWith('/api/v1/admin/worldcups/')) return [t.worldcupId, t.privateWorldcupId];
  return [t.worldcupId];
}

/** One id per path parameter: real (the right kind or the wrong kind), unknown, or malformed. */
export function chooseIds(route: Route, d: Draw, ctx: Ctx, mode: 'real' | 'unknown' | 'malformed' | 'any'): IdChoice[] {
  const t = ctx.targets;
  return route.params.map(() => {
    const m = mode === 'any' ? d.pick(['real', 'real', 'unknown', 'malformed'] as const) : mode;
    if (m === 'unknown') return { value: unknownId(d), real: false };
    if (m === 'malformed') return { value: d.pick(MALFORMED_IDS), real: false };
    const wrongKind = [t.candidateIds[0] ?? t.worldcupId, t.activeGameId, t.worldcupId, t.imageId];
    return { value: d.chance(0.8) ? d.pick(realIdsFor(route.template, t)) : d.pick(wrongKind), real: true };
  });
}

// ---- how the server will read a body -------------------------------------------------------------

const BODY_LIMIT = 1024 * 1024;

function hasPoisonKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
  const ctor = (v as Record<string, unknown>).constructor;
  if (Object.prototype.hasOwnProperty.call(v, 'constructor') && ctor !== null && typeof ctor === 'object' && 'prototype' in ctor) return true;
  return Object.values(v).some(hasPoisonKey);
}

/** The values a route could see for this body ('refused': the server cannot accept it at all). */
export function possibleBodies(headers: Record<string, string>, body: Uint8Array | undefined): unknown[] | 'refused' {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const bytes = body ?? new Uint8Array(0);
  if (bytes.length > BODY_LIMIT) return 'refused';
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  let parsed: unknown[] = [];
  try {
    const v: unknown = JSON.parse(text);
    parsed = hasPoisonKey(v) ? [] : [v];
  } catch {
    parsed = [];
  }
  if (type === undefined) return bytes.length === 0 ? [undefined] : [undefined, null, text, ...parsed];
  const mime = type.split(';')[0]?.trim().toLowerCase();
  if (mime === 'application/json' && /^application\/json\s*(;|$)/i.test(type.trim())) {
    return bytes.length === 0 || parsed.length === 0 ? 'refused' : parsed;
  }
  if (mime === 'text/plain' && /^text\/plain\s*(;|$)/i.test(type.trim())) return [text];
  // Anything else: perhaps refused, perhaps read as absent, text or JSON. Assume the worst.
  return [undefined, null, text, ...parsed];
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** Routes no anonymous stranger can make count: someone else's world cup, admin, log-in with no accounts. */
export const isStrangerProof = (r: Route): boolean =>
  ((r.method === 'PATCH' || r.method === 'DELETE') && r.template === '/api/v1/worldcups/{id}') ||
  r.template.startsWith('/api/v1/admin/') ||
  r.template === '/api/v1/auth/login' ||
  r.template === '/api/v1/uploads'; // never sent an image (multipart builders only send non-images)

export interface Draft {
  category: string;
  note: string;
  method: string;
  route?: Route | undefined;
  ids?: IdChoice[] | undefined;
  /** Raw path when there is no route. */
  path?: string | undefined;
  /** Appended to the path as is, '?' included. */
  query?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: Uint8Array | undefined;
  chunked?: boolean | undefined;
  /** Cross-site: the server refuses it before anything else (and the test checks that it did). */
  crossSite?: boolean | undefined;
  expect?: Expect | undefined;
  expectCode?: string | undefined;
}

function couldChangeState(draft: Draft): boolean {
  const route = draft.route;
  if (!route || SAFE_METHODS.has(route.method) || isStrangerProof(route) || draft.crossSite) return false;
  if (route.params.length > 0 && !(draft.ids ?? []).some((i) => i.real)) return false;
  const values = possibleBodies(draft.headers ?? {}, draft.body);
  if (values === 'refused') return false;
  if (!route.body) return true;
  const schema = route.body;
  return values.some((v) => (v === undefined ? schema.nullable === true : mayBeValid(schema, v)));
}

/** Builds the request; one that could change state gets unknown ids instead, or is dropped. */
export function finalize(draft: Draft, d: Draw): FuzzRequest | undefined {
  let dr = draft;
  if (couldChangeState(dr)) {
    if (!dr.route || dr.route.params.length === 0) return undefined;
    dr = { ...dr, ids: dr.route.params.map(() => ({ value: unknownId(d), real: false })), expect: undefined, expectCode: undefined, note: `${dr.note} (unknown ids)` };
  }
  let path = dr.path ?? '/';
  if (dr.route) {
    const ids = dr.ids ?? [];
    path = dr.route.template.replace(/\{(\w+)\}/g, () => ids.shift()?.value ?? 'missing');
  }
  return {
    category: dr.category,
    note: dr.note,
    method: dr.method,
    path: path + (dr.query ?? ''),
    headers: dr.headers ?? {},
    body: dr.body,
    chunked: dr.chunked,
    expect: dr.expect,
    expectCode: dr.expectCode,
    target: dr.route ? `${dr.route.method} ${dr.route.template}` : undefined,
  };
}

export const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
export const JSON_TYPE = { 'content-type': 'application/json' };

/** Odd strings: NUL, lone surrogates, 100,000 characters, injections of every kind. */
export const ODD_STRINGS = [
  '\u0000', 'a\u0000b', 'admin\u0000', '\u0000\u0000\u0000', '\ud800', '\udc00x', 'x\ud83d', '\u202eevil', '\u200b', '\ufeff', `e${'\u0301'.repeat(500)}`, '👨‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'ａｄｍｉｎ',
  '드림카 월드컵', "'; DROP TABLE picks; --", '%s%s%n', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '../../../../etc/passwd', '\\\\server\\share',
  '\r\nSet-Cookie: fuzz_injected=1', ' ', '\t\n', '{"a":1}', 'null', 'undefined', '__proto__', 'constructor', 'true', 'x'.repeat(100_000), '\u0007\u001b[31m',
];

/** A category: one request (or none, when the draw led nowhere) from a fast-check draw. */
export type Make = (d: Draw, ctx: Ctx) => FuzzRequest | undefined;

/** `count` requests of one category, deterministic in `seed`. */
export function sampleCategory(make: Make, ctx: Ctx, count: number, seed: number): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const arb = fc.gen().map((g) => make(new Draw(g), ctx));
  for (let round = 0; out.length < count && round < 10; round++) {
    for (const r of fc.sample(arb, { seed: seed + round * 7919, numRuns: count - out.length })) if (r) out.push(r);
  }
  return out;
}
