/**
 * The fuzzer's body categories: JSON bodies that break the documented schema, edge numbers, odd
 * strings, bodies over the limit, invalid UTF-8, deep nesting, duplicate and prototype keys, wrong
 * content types. Every request goes through `finalize` (requests.ts), which keeps it harmless.
 */
import { type Ctx, type Expect, JSON_TYPE, type Make, ODD_STRINGS, type Route, chooseIds, enc, finalize, isStrangerProof, unknownId, utf8 } from './requests.js';
import { type Draw, type JsonSchema, brokenBody, mayBeValid, plausible, slotsOfType, withValueAt } from './schema.js';

const jsonRoutes = (ctx: Ctx) => ctx.routes.filter((r) => r.body !== undefined);
/** A JSON route and its body schema (every JSON route has one). */
function jsonRoute(d: Draw, ctx: Ctx): { route: Route; schema: JsonSchema } {
  const route = d.pick(jsonRoutes(ctx));
  return { route, schema: route.body ?? {} };
}

/** One rule of the documented schema broken: always 400 invalid_request. */
const schemaViolation: Make = (d, ctx) => {
  const { route, schema } = jsonRoute(d, ctx);
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'real', 'unknown'] as const));
  const broken = brokenBody(schema, d, unknownId(d));
  if (!broken) return undefined;
  const body = utf8(JSON.stringify(broken.value));
  return finalize({ category: 'schema', note: broken.how, method: route.method, route, ids, headers: JSON_TYPE, body, expect: [400], expectCode: 'invalid_request' }, d);
};

const NUMBER_LITERALS = [
  '1e308', '-1e308', '1e309', '-0', '0.0', '-0.0', 'NaN', '"NaN"', 'Infinity', '"Infinity"', '-Infinity', '9007199254740993', '9007199254740992',
  '-9007199254740993', '4.0', '4e0', '0x10', '1_000', '.5', '5.', '+4', '1e-400', '2.0000000000000001', '"4"', '[4]', 'true', 'null',
  '{"$numberInt":"4"}', '00', '-', '1e', '123456789012345678901234567890', '4.5', '-1', '1024', '1025', '2', '0', '1E2', '0e0',
];
const QUERY_NUMBERS = ['1e308', '-0', 'NaN', 'Infinity', '', '%20', '0x10', '9007199254740993', '-1', '1.5', '1e1', '%00', enc('１２'), '1,2', '+5', '0b11'];

/** Edge numbers written as raw JSON text into number fields, or into numeric query parameters. */
const numbers: Make = (d, ctx) => {
  const withSlots = jsonRoutes(ctx).filter((r) => slotsOfType(r.body ?? {}, ['integer', 'number']).length > 0);
  const numericQuery = ctx.routes.filter((r) => r.method === 'GET' && r.query.some((q) => ['integer', 'number'].includes(String(q.schema.type))));
  if (numericQuery.length > 0 && (withSlots.length === 0 || d.chance(0.25))) {
    const route = d.pick(numericQuery);
    const param = d.pick(route.query.filter((q) => ['integer', 'number'].includes(String(q.schema.type))));
    const ids = chooseIds(route, d, ctx, 'real');
    return finalize({ category: 'numbers', note: `?${param.name}=`, method: 'GET', route, ids, query: `?${param.name}=${d.pick(QUERY_NUMBERS)}` }, d);
  }
  const route = d.pick(withSlots);
  const schema = route.body ?? {};
  const at = d.pick(slotsOfType(schema, ['integer', 'number']));
  const literal = d.pick(NUMBER_LITERALS);
  const marker = '\u0001NUMBER\u0001';
  const text = JSON.stringify(withValueAt(plausible(schema, unknownId(d)), at, marker)).replace(JSON.stringify(marker), literal);
  let expect: Expect | undefined;
  let expectCode: string | undefined;
  try {
    if (!mayBeValid(schema, JSON.parse(text))) [expect, expectCode] = [[400], 'invalid_request'];
  } catch {
    [expect, expectCode] = [[400], 'invalid_json'];
  }
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'unknown'] as const));
  return finalize({ category: 'numbers', note: `${at.join('.')}=${literal}`, method: route.method, route, ids, headers: JSON_TYPE, body: utf8(text), expect, expectCode }, d);
};


/** Odd strings (NUL, lone surrogates, 100k characters, injections) in string fields and string query parameters. */
const strings: Make = (d, ctx) => {
  const value = d.chance(0.8) ? d.pick(ODD_STRINGS) : d.text(200, true);
  const stringQuery = ctx.routes.filter((r) => r.method === 'GET' && r.query.some((q) => q.schema.type === 'string'));
  if (stringQuery.length > 0 && d.chance(0.35)) {
    const route = d.pick(stringQuery);
    const param = d.pick(route.query.filter((q) => q.schema.type === 'string'));
    const shown = value.length > 2000 ? value.slice(0, 2000) : value;
    return finalize({ category: 'strings', note: `?${param.name}`, method: 'GET', route, ids: chooseIds(route, d, ctx, 'real'), query: `?${param.name}=${enc(shown)}` }, d);
  }
  const withSlots = jsonRoutes(ctx).filter((r) => slotsOfType(r.body ?? {}, ['string']).length > 0);
  const route = d.pick(withSlots);
  const schema = route.body ?? {};
  const at = d.pick(slotsOfType(schema, ['string']));
  const body = withValueAt(plausible(schema, unknownId(d)), at, value);
  // A route without ids cannot be pointed at unknown ones: where the plausible body would create
  // something (a world cup, an account), one more rule is broken (an unknown field) so that it cannot.
  const strict = route.params.length === 0 && !isStrangerProof(route) && schema.additionalProperties === false && body !== null && typeof body === 'object';
  if (strict) (body as Record<string, unknown>).fuzzExtra = 1;
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'unknown'] as const));
  return finalize({ category: 'strings', note: `${at.join('.')}${strict ? ' +extra' : ''}`, method: route.method, route, ids, headers: JSON_TYPE, body: utf8(JSON.stringify(body)) }, d);
};

/** Bodies over the 1 MB limit, with Content-Length or chunked: 413. */
const huge: Make = (d, ctx) => {
  const { route } = jsonRoute(d, ctx);
  const size = d.int(1_050_000, 3_000_000);
  const shape = d.pick(['string', 'array', 'field'] as const);
  const text =
    shape === 'string' ? JSON.stringify('x'.repeat(size)) : shape === 'array' ? `[${'1,'.repeat(size / 2)}1]` : JSON.stringify({ title: '가'.repeat(size / 3), candidates: [] });
  const plain = d.chance(0.2);
  return finalize(
    {
      category: 'huge',
      note: `${shape} ${(text.length / 1e6).toFixed(1)} MB${plain ? ' text/plain' : ''}`,
      method: route.method,
      route,
      ids: chooseIds(route, d, ctx, 'real'),
      headers: { 'content-type': plain ? 'text/plain' : 'application/json' },
      body: utf8(text),
      chunked: d.chance(0.5),
      expect: [413],
      expectCode: 'payload_too_large',
    },
    d,
  );
};

const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3, 0x28], [0xe0, 0x80, 0xaf]];

/** Invalid UTF-8 byte sequences spliced into JSON bodies (mostly inside strings). */
const invalidUtf8: Make = (d, ctx) => {
  const { route, schema } = jsonRoute(d, ctx);
  const base = d.chance(0.5) ? brokenBody(schema, d, unknownId(d))?.value : plausible(schema, unknownId(d));
  const bytes = [...utf8(JSON.stringify(base ?? {}))];
  for (let n = d.int(1, 4); n > 0; n--) {
    const quotes = bytes.flatMap((b, i) => (b === 0x22 ? [i + 1] : []));
    const at = quotes.length > 0 && d.chance(0.8) ? d.pick(quotes) : d.int(0, bytes.length);
    bytes.splice(at, 0, ...d.pick(BAD_UTF8));
  }
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'unknown'] as const));
  return finalize({ category: 'utf8', note: 'invalid bytes', method: route.method, route, ids, headers: JSON_TYPE, body: new Uint8Array(bytes) }, d);
};

/** 10,000 to 100,000 levels of arrays or objects, at the root or in a field, some with `__proto__` at the bottom. */
const nesting: Make = (d, ctx) => {
  const { route, schema } = jsonRoute(d, ctx);
  const depth = d.pick([10_000, 10_000, 20_000, 50_000, 100_000]);
  const kind = d.pick(['array', 'object', 'mixed', 'proto'] as const);
  const inner =
    kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : kind === 'mixed' ? `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`
    : `${'{"a":'.repeat(depth)}{"__proto__":{"x":1}}${'}'.repeat(depth)}`;
  const field = d.pick([...Object.keys(schema.properties ?? {}), '(root)']);
  const text = field === '(root)' ? inner : `{${JSON.stringify(field)}:${inner}}`;
  const ids = chooseIds(route, d, ctx, 'real');
  return finalize({ category: 'nesting', note: `${kind} ×${depth} in ${field}`, method: route.method, route, ids, headers: JSON_TYPE, body: utf8(text), expect: [400] }, d);
};

/** Duplicate keys (the last one wins, so they are judged as parsed), `__proto__` and `constructor.prototype` anywhere. */
const keys: Make = (d, ctx) => {
  const { route, schema } = jsonRoute(d, ctx);
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'real', 'unknown'] as const));
  const plain = plausible(schema, unknownId(d));
  const inner = JSON.stringify(plain).slice(1, -1);
  const kind = d.pick(['duplicate', 'proto', 'proto-nested', 'constructor', 'proto-string'] as const);
  if (kind === 'duplicate') {
    const names = Object.keys(schema.properties ?? { a: {} });
    const name = JSON.stringify(d.pick(names));
    const first = d.pick(['1', '"x"', 'null', '[]', '{}', JSON.stringify(plain)]);
    const text = `{${name}:${first}${inner ? `,${inner}` : ''},${name}:${d.pick(['"dup"', '2', 'false', '{}'])}}`;
    return finalize({ category: 'keys', note: `duplicate ${name}`, method: route.method, route, ids, headers: JSON_TYPE, body: utf8(text) }, d);
  }
  const poison = d.pick(['{"isAdmin":true}', '{"owner":"me"}', 'null', '1', '[]']);
  const text =
    kind === 'proto' ? `{"__proto__":${poison}${inner ? `,${inner}` : ''}}`
    : kind === 'proto-nested' ? `{${inner ? `${inner},` : ''}"x":[{"y":{"__proto__":${poison}}}]}`
    : kind === 'constructor' ? `{${inner ? `${inner},` : ''}"constructor":{"prototype":${poison}}}`
    : `{${inner ? `${inner},` : ''}"note":"__proto__"}`;
  const refused = kind !== 'proto-string';
  return finalize(
    { category: 'keys', note: kind, method: route.method, route, ids, headers: JSON_TYPE, body: utf8(text), ...(refused ? { expect: [400], expectCode: 'invalid_json' } : {}) },
    d,
  );
};

const CONTENT_TYPES = [
  'text/plain', 'text/plain; charset=utf-8', 'application/xml', 'text/xml', 'application/x-www-form-urlencoded', 'application/octet-stream',
  'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/JSON', 'APPLICATION/JSON', 'application/json;', 'application/json ; charset=utf-8',
  'application/jsonx', 'application/json-patch+json', 'application/vnd.api+json', 'application/*', '*/*', '', ';', 'multipart/form-data', 'image/png', 'text/html',
  'application/json, text/plain', 'text/event-stream', 'application/csp-report', 'x'.repeat(3000),
];

/** Wrong, odd or missing content types; empty bodies; broken JSON to the state-changing routes that take no body. */
const contentTypes: Make = (d, ctx) => {
  const bodiless = ctx.routes.filter((r) => r.method !== 'GET' && r.body === undefined && !r.template.endsWith('/uploads'));
  if (bodiless.length > 0 && d.chance(0.1)) {
    const route = d.pick(bodiless);
    const text = d.pick(['{"broken":', '{', 'undefined', "{'a':1}", '{"__proto__":{}}']);
    const ids = chooseIds(route, d, ctx, 'real');
    return finalize({ category: 'content-type', note: 'broken JSON, no body expected', method: route.method, route, ids, headers: JSON_TYPE, body: utf8(text), expect: [400], expectCode: 'invalid_json' }, d);
  }
  const { route, schema } = jsonRoute(d, ctx);
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'unknown'] as const));
  const kind = d.pick(['type', 'type', 'type', 'empty-json', 'empty-none', 'none'] as const);
  const value = d.chance(0.5) ? plausible(schema, unknownId(d)) : (brokenBody(schema, d, unknownId(d))?.value ?? []);
  const text = d.chance(0.8) ? JSON.stringify(value) : new URLSearchParams({ title: 'x', size: '4' }).toString();
  if (kind === 'empty-json') {
    return finalize({ category: 'content-type', note: 'empty JSON body', method: route.method, route, ids, headers: JSON_TYPE, body: new Uint8Array(0), expect: [400], expectCode: 'invalid_json' }, d);
  }
  if (kind === 'empty-none') return finalize({ category: 'content-type', note: 'no body', method: route.method, route, ids }, d);
  const headers: Record<string, string> = kind === 'none' ? {} : { 'content-type': d.pick(CONTENT_TYPES) };
  return finalize({ category: 'content-type', note: headers['content-type'] ?? 'no content-type', method: route.method, route, ids, headers, body: utf8(text) }, d);
};

export const BODY_CATEGORIES: Record<string, { count: number; make: Make }> = {
  schema: { count: 3000, make: schemaViolation },
  numbers: { count: 1000, make: numbers },
  strings: { count: 1000, make: strings },
  huge: { count: 24, make: huge },
  utf8: { count: 500, make: invalidUtf8 },
  nesting: { count: 60, make: nesting },
  keys: { count: 600, make: keys },
  'content-type': { count: 800, make: contentTypes },
};
