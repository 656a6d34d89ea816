/**
 * The fuzzer's categories that attack URLs, methods, headers and multipart framing rather than
 * JSON bodies (those are in requests.ts, with the rules that keep every request harmless).
 */
import {
  type Ctx,
  type Draft,
  JSON_TYPE,
  type Make,
  ODD_STRINGS,
  type Route,
  chooseIds,
  enc,
  finalize,
  unknownId,
  utf8,
} from './requests.js';
import { type Draw, brokenBody, plausible } from './schema.js';

const latin1 = (bytes: readonly number[]): string => Buffer.from(bytes).toString('latin1');
const byTemplate = (ctx: Ctx, method: string, template: string): Route | undefined => ctx.routes.find((r) => r.method === method && r.template === template);

// ---- multipart -----------------------------------------------------------------------------------

/** Content that is never a decodable image: nothing the upload route may store. */
function notAnImage(d: Draw): Uint8Array {
  const kind = d.pick(['random', 'text', 'svg', 'html', 'zip', 'png-magic', 'gif-magic', 'jpeg-magic', 'empty'] as const);
  const garbage = () => [...d.bytes(0, 2000)];
  if (kind === 'random') return d.bytes(1, 5000);
  if (kind === 'text') return utf8(`just text ${d.text(100)}`);
  if (kind === 'svg') return utf8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  if (kind === 'html') return utf8('<!doctype html><img src=x onerror=alert(1)>');
  if (kind === 'zip') return new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...garbage()]);
  if (kind === 'png-magic') return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...garbage()]);
  if (kind === 'gif-magic') return new Uint8Array([...utf8('GIF89a'), ...garbage()]);
  if (kind === 'jpeg-magic') return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...garbage()]);
  return new Uint8Array(0);
}

const FILENAMES = ['a.png', '../../etc/passwd', '..\\..\\boot.ini', 'x'.repeat(10_000), latin1([0xff, 0xfe, 0x2e, 0x70, 0x6e, 0x67]), '한글.png', '', 'a"b.png', 'a\u0000.png', 'CON.png'];

function part(name: string, content: Uint8Array, boundary: string, filename?: string, type = 'image/png'): Buffer {
  const disposition = `form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;
  return Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n`, 'latin1'), content, Buffer.from('\r\n')]);
}

/** Broken multipart framing and wrong parts, mostly to the upload route, some to JSON routes. */
const multipart: Make = (d, ctx) => {
  const upload = byTemplate(ctx, 'POST', '/api/v1/uploads');
  const jsonTargets = ctx.routes.filter((r) => r.body !== undefined);
  const route = !upload || d.chance(0.25) ? d.pick(jsonTargets) : upload;
  const b = d.pick(['XyZzY', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'a', 'x'.repeat(75), 'with space', '"quoted"', '===']);
  const file = () => part('file', notAnImage(d), b.replace(/"/g, ''), d.pick(FILENAMES));
  const end = Buffer.from(`--${b.replace(/"/g, '')}--\r\n`);
  const kind = d.pick(['no-boundary', 'empty-boundary', 'truncated', 'wrong-field', 'many-parts', 'many-files', 'mismatched', 'no-disposition', 'huge-header', 'garbage', 'bare-lf', 'nested', 'fields-then-file', 'ok-framing'] as const);
  let type = `multipart/form-data; boundary=${b}`;
  let body: Buffer;
  switch (kind) {
    case 'no-boundary':
      type = d.pick(['multipart/form-data', 'multipart/form-data;', 'multipart/form-data; charset=utf-8']);
      body = Buffer.concat([file(), end]);
      break;
    case 'empty-boundary':
      type = 'multipart/form-data; boundary=';
      body = Buffer.concat([file(), end]);
      break;
    case 'truncated': {
      const whole = Buffer.concat([file(), end]);
      body = whole.subarray(0, d.int(0, Math.max(0, whole.length - end.length - 1)));
      break;
    }
    case 'wrong-field':
      body = Buffer.concat([part(d.pick(['image', 'files', 'File', 'file[]', '', 'upload', 'file\u0000']), notAnImage(d), b.replace(/"/g, ''), 'a.png'), end]);
      break;
    case 'many-parts':
      body = Buffer.concat([...Array.from({ length: d.int(7, 60) }, (_, i) => part(`f${i}`, utf8('v'), b.replace(/"/g, ''))), file(), end]);
      break;
    case 'many-files':
      body = Buffer.concat([...Array.from({ length: d.int(2, 10) }, file), end]);
      break;
    case 'mismatched':
      body = Buffer.concat([part('file', notAnImage(d), 'OtherBoundary', 'a.png'), Buffer.from('--OtherBoundary--\r\n')]);
      break;
    case 'no-disposition':
      body = Buffer.concat([Buffer.from(`--${b.replace(/"/g, '')}\r\nContent-Type: image/png\r\n\r\n`), notAnImage(d), Buffer.from('\r\n'), end]);
      break;
    case 'huge-header':
      body = Buffer.concat([Buffer.from(`--${b.replace(/"/g, '')}\r\nX-Long: ${'a'.repeat(d.int(20_000, 200_000))}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc\r\n`), end]);
      break;
    case 'garbage':
      body = Buffer.from(d.bytes(0, 4000));
      break;
    case 'bare-lf':
      body = Buffer.from(Buffer.concat([file(), end]).toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      break;
    case 'nested':
      body = Buffer.concat([
        Buffer.from(`--${b.replace(/"/g, '')}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Disposition: file; filename="a.png"\r\n\r\n`),
        notAnImage(d),
        Buffer.from('\r\n--inner--\r\n\r\n'),
        end,
      ]);
      break;
    case 'fields-then-file':
      body = Buffer.concat([part('title', utf8(d.pick(ODD_STRINGS).slice(0, 500)), b.replace(/"/g, '')), file(), end]);
      break;
    default:
      body = Buffer.concat([file(), end]);
  }
  const ids = chooseIds(route, d, ctx, d.pick(['real', 'unknown'] as const));
  return finalize({ category: 'multipart', note: `${kind} → ${route.template}`, method: route.method, route, ids, headers: { 'content-type': type }, body: new Uint8Array(body) }, d);
};

// ---- ids, queries, methods -----------------------------------------------------------------------

/** Unknown, malformed (path traversal, bad percent-encoding, 3,000 characters) and wrong-kind ids on every route with ids. */
const ids: Make = (d, ctx) => {
  const route = d.pick(ctx.routes.filter((r) => r.params.length > 0 && !r.template.startsWith('/media/')));
  const mode = d.pick(['unknown', 'unknown', 'malformed', 'malformed', 'real'] as const);
  const chosen = chooseIds(route, d, ctx, mode);
  const draft: Draft = { category: 'ids', note: `${mode} id`, method: route.method, route, ids: chosen };
  if (route.body) {
    const value = mode === 'real' ? brokenBody(route.body, d, unknownId(d))?.value : plausible(route.body, unknownId(d));
    Object.assign(draft, { headers: JSON_TYPE, body: utf8(JSON.stringify(value ?? [])) });
  }
  const resourceGet = route.method === 'GET' && /^\/api\/v1\/(worldcups|games)\/\{id\}/.test(route.template) && !route.template.startsWith('/api/v1/admin');
  if (mode === 'unknown' && resourceGet) draft.expect = [404];
  return finalize(draft, d);
};

/**
 * Paging cursors a client tampered with: values their column cannot hold (a fraction, beyond bigint,
 * 1e999 which JSON.parse reads as Infinity, beyond a 32-bit play count), a NUL or nothing for the id.
 * PostgreSQL used to fail the query on these (500) where SQLite compared.
 */
const TAMPERED_CURSORS = ['[1.5,"x"]', '[1e20,"x"]', '[1e999,"x"]', '[0,"a\\u0000b"]', '[2147483648,"x"]', '[-1,"x"]', '[0,""]', '[1,2]'].map((json) =>
  Buffer.from(json).toString('base64url'),
);
/** The public list, sorted by plays when the query says nothing else: every cursor above is refused there. */
const PUBLIC_LIST = '/api/v1/worldcups';

/** Query strings: invalid values, repeats, arrays, prototype keys, odd bytes, 8 KB values, unknown parameters, tampered cursors. */
const queries: Make = (d, ctx) => {
  const withQuery = ctx.routes.filter((r) => r.query.length > 0);
  // Two in five go to any GET route: those without a query (health, me, results) get their share of odd ones too.
  const route = d.chance(0.6) && withQuery.length > 0 ? d.pick(withQuery) : d.pick(ctx.routes.filter((r) => r.method === 'GET'));
  const name = route.query.length > 0 && d.chance(0.85) ? d.pick(route.query).name : d.pick(['utm_source', 'x', '', 'limit[]', '__proto__[x]', 'constructor[prototype][x]']);
  const value = () =>
    d.pick([
      'not-an-option', '', '%', '%zz', '%ff%fe', '%00', '%ED%A0%80', enc(d.pick(ODD_STRINGS).slice(0, 3000)), 'x'.repeat(d.int(1, 8000)), '-1', '1e308', 'NaN',
      enc(JSON.stringify({ p: 1, i: 'a' })), Buffer.from('{"p":1,"i":"\\u0000"}').toString('base64url'), Buffer.from(d.bytes(0, 60)).toString('base64url'),
      '+', '%2B', 'a+b', 'new', 'popular', 'open', '24', enc(d.text(50, true)),
    ]);
  const shape = d.pick(['one', 'repeat', 'array', 'bare', 'empty-pairs', 'many']);
  const q =
    shape === 'one' ? `${name}=${value()}`
    : shape === 'repeat' ? `${name}=${value()}&${name}=${value()}`
    : shape === 'array' ? `${name}[]=${value()}&${name}[0]=${value()}`
    : shape === 'bare' ? `${name}`
    : shape === 'empty-pairs' ? `&&=&${name}=&&`
    : Array.from({ length: d.int(10, 200) }, (_, i) => `p${i}=${i}`).join('&');
  const draft: Draft = { category: 'queries', note: `${shape} ${name}`, method: route.method, route, ids: chooseIds(route, d, ctx, 'real'), query: `?${q}` };
  if (name === 'cursor' && route.method === 'GET' && d.chance(0.5)) {
    const cursor = d.pick(TAMPERED_CURSORS);
    draft.note = `tampered cursor ${Buffer.from(cursor, 'base64url').toString('utf8')}`;
    draft.query = `?cursor=${cursor}`;
    if (route.template === PUBLIC_LIST) Object.assign(draft, { expect: [400], expectCode: 'invalid_cursor' });
  }
  if (route.body) Object.assign(draft, { headers: JSON_TYPE, body: utf8(JSON.stringify(brokenBody(route.body, d, unknownId(d))?.value ?? [])) });
  return finalize(draft, d);
};

const ODD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'PURGE', 'REPORT', 'MERGE', 'LINK', 'QUERY', 'FOO', 'GETS', 'BREW'];
const WEB_PATHS = ['/', '/w/AAAAAAAAAAAA', '/play/x', '/api', '/api/v1', '/api/v1/', '/api/docs', '/api/docs/json', '/create', '/about/ranking'];

/** Methods no route has for the path (and HEAD where GET exists): 4xx, never a 5xx. */
const methods: Make = (d, ctx) => {
  const template = d.pick([...new Set(ctx.routes.map((r) => r.template))]);
  const registered = new Set(ctx.routes.filter((r) => r.template === template).map((r) => r.method));
  const method = d.pick(ODD_METHODS.filter((m) => !registered.has(m) && !(m === 'HEAD' && !registered.has('GET'))));
  const route = ctx.routes.find((r) => r.template === template) as Route;
  const idsNow = chooseIds(route, d, ctx, 'real');
  const useWeb = d.chance(0.15);
  const path = useWeb ? d.pick(WEB_PATHS) : template.replace(/\{(\w+)\}/g, () => idsNow.shift()?.value ?? 'x');
  const body = d.chance(0.5) ? utf8(JSON.stringify(d.json())) : undefined;
  // HEAD is GET without the body; any other method no route has is a 4xx. A web path is not the
  // template, though: GET of the app's pages and docs is served.
  const expect = method === 'HEAD' || (useWeb && method === 'GET') ? undefined : '4xx';
  return finalize({ category: 'methods', note: `${method} ${useWeb ? 'web' : template}`, method, path, ...(body ? { headers: JSON_TYPE, body } : {}), expect }, d);
};

/** Raw bytes and broken percent-encoding in the path, dot segments, absolute-form targets, 20 KB URLs. */
const rawUrls: Make = (d, ctx) => {
  const gets = ctx.routes.filter((r) => r.method === 'GET' && !r.template.includes('events'));
  const route = d.pick(gets);
  const idsNow = chooseIds(route, d, ctx, 'real');
  const base = route.template.replace(/\{(\w+)\}/g, () => idsNow.shift()?.value ?? 'x');
  const raw = () => latin1(d.pick([[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xc0, 0xaf], [0x80]]));
  const kind = d.pick(['raw-byte-path', 'raw-byte-query', 'bad-percent', 'dot-segments', 'double-slash', 'backslash', 'absolute-form', 'long-url', 'fragment', 'semicolon'] as const);
  const path =
    kind === 'raw-byte-path' ? `${base}${raw()}`
    : kind === 'raw-byte-query' ? `${base}?q=${raw()}`
    : kind === 'bad-percent' ? `${base}${d.pick(['%', '%zz', '%E0%A4%A', '%ff%fe', '%C0%AF', '%00', '%2e%2e%2f', '%u0041'])}`
    : kind === 'dot-segments' ? d.pick([`/api/v1/../v1${base.slice(7)}`, `/./api${base.slice(4)}`, `${base}/..`, `${base}/./`, `/api/v1/games/../../../../etc/passwd`])
    : kind === 'double-slash' ? base.replace(/\//g, '//')
    : kind === 'backslash' ? base.replace(/\//g, '\\')
    : kind === 'absolute-form' ? `http://evil.example${base}`
    : kind === 'long-url' ? `${base}?q=${'a'.repeat(d.pick([9000, 20_000, 70_000]))}`
    : kind === 'fragment' ? `${base}#${'frag'}`
    : `${base};jsessionid=x`;
  return finalize({ category: 'raw-urls', note: kind, method: 'GET', path }, d);
};

/** Live streams with odd resume points: the test reads the status and hangs up. */
const events: Make = (d, ctx) => {
  const t = ctx.targets;
  const which = d.pick(['site', 'public', 'private', 'unknown', 'malformed'] as const);
  const id = which === 'public' ? t.worldcupId : which === 'private' ? t.privateWorldcupId : which === 'unknown' ? unknownId(d) : enc('../x');
  const path = which === 'site' ? '/api/v1/events' : `/api/v1/worldcups/${id}/events`;
  const lastId = d.pick(['-1', '0', '99999999999999999999', '1e3', 'abc', '', ' ', latin1([0xff, 0xfe]), 'x'.repeat(1000), '1,2', '001', '9007199254740993']);
  const longQuery = d.chance(0.2);
  const query = longQuery ? `?lastEventId=${'9'.repeat(41)}` : d.chance(0.3) ? `?lastEventId=${enc(lastId.slice(0, 40))}` : '';
  // The query is validated first: a 41-character resume point is a 400 on any stream.
  const expect = longQuery || which === 'malformed' ? [400] : which === 'private' || which === 'unknown' ? [404] : [200];
  return finalize({ category: 'events', note: `${which} stream`, method: d.chance(0.85) ? 'GET' : 'HEAD', path: path + query, headers: { accept: 'text/event-stream', 'last-event-id': lastId }, expect }, d);
};

const STATIC_PATHS = [
  '/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/favicon.svg/..', '/index.html', '/.env', '/.git/config', '/node_modules/.package-lock.json',
  '/dist/web/index.html', '/src/config.ts', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5cpackage.json', '/assets/x.js', '/package.json', '/../../../../etc/passwd',
  '/assets/%00.js', '/favicon.svg%00.html', '/favicon.svg', '/w/AAAAAAAAAAAA', '/play/x?y=1', '/assets/', '/assets', '/%c0%ae%c0%ae/package.json',
];

/** Media files (real, unknown, traversal, 65+ characters) and static paths that try to escape the web directory. */
const mediaStatic: Make = (d, ctx) => {
  const t = ctx.targets;
  if (d.chance(0.5)) return finalize({ category: 'media-static', note: 'static', method: 'GET', path: d.pick(STATIC_PATHS), headers: d.chance(0.2) ? { range: 'bytes=0-1' } : {} }, d);
  const file = d.pick([
    `${t.imageId}.webp`, `${t.imageId}.thumb.webp`, `${t.imageId}.png`, `${t.imageId}.webp%00.png`, 'AAAAAAAAAAAA.webp', enc('../../package.json'), '..%2F..%2Fpackage.json',
    '%2e%2e', 'x'.repeat(65), 'x'.repeat(64), `${t.imageId}.thumb.thumb.webp`, enc('한글.webp'), '%ff.webp', '.webp', `${t.imageId}.WEBP`,
  ]);
  return finalize({ category: 'media-static', note: 'media', method: d.chance(0.9) ? 'GET' : 'HEAD', path: `/media/${file}` }, d);
};

const FOREIGN_ORIGINS = ['https://evil.example', 'null', 'garbage', 'http://127.0.0.1:1', 'http://localhost.evil.example', 'file://'];

/** The next route the headers category sends its non-cross-site attacks to. */
let headerTurn = 0;

/** Cross-site requests (refused with 403 before anything else, even with a valid body) and odd cookies and headers. */
const headers: Make = (d, ctx) => {
  const kind = d.pick(['cross-site', 'cross-site', 'cookie', 'content-encoding', 'misc'] as const);
  const changing = ctx.routes.filter((r) => r.method !== 'GET');
  if (kind === 'cross-site') {
    const route = d.pick(changing);
    const t = ctx.targets;
    // A request that would count if it came from the site itself (a valid pick, a valid start, …).
    const valid = route.template === '/api/v1/games/{id}/picks' ? { winner: t.activeMatch[0], picks: t.activePicks } : route.body ? plausible(route.body, unknownId(d)) : undefined;
    const h: Record<string, string> = d.chance(0.7) ? { origin: d.pick(FOREIGN_ORIGINS) } : { 'sec-fetch-site': d.pick(['cross-site', 'same-site']) };
    return finalize(
      {
        category: 'headers',
        note: `cross-site ${route.method} ${route.template}`,
        method: route.method,
        route,
        ids: chooseIds(route, d, ctx, 'real'),
        headers: valid === undefined ? h : { ...h, ...JSON_TYPE },
        body: valid === undefined ? undefined : utf8(JSON.stringify(valid)),
        crossSite: true,
        expect: [403],
        expectCode: 'cross_site_request',
      },
      d,
    );
  }
  // In turn rather than at random: every route gets its share, however many routes there are.
  const route = ctx.routes[headerTurn++ % ctx.routes.length] as Route;
  const draft: Draft = { category: 'headers', note: kind, method: route.method, route, ids: chooseIds(route, d, ctx, 'real') };
  const body = route.body ? utf8(JSON.stringify(brokenBody(route.body, d, unknownId(d))?.value ?? [])) : undefined;
  if (kind === 'cookie') {
    const cookie = d.pick([
      `vs_session=${'a'.repeat(d.int(0, 200))}`, `vs_session=${latin1([0xff, 0xfe, 0x41])}`, 'vs_session=', 'vs_session', `vs_session=${'A'.repeat(40)}; vs_session=${'B'.repeat(40)}`,
      Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; '), `vs_session=${enc('\u0000')}`, ';;;', `vs_session="${'q'.repeat(40)}"`, `x=${'y'.repeat(d.int(5000, 30_000))}`,
    ]);
    draft.headers = { cookie, ...(body ? JSON_TYPE : {}) };
    draft.body = body;
  } else if (kind === 'content-encoding') {
    draft.headers = { ...JSON_TYPE, 'content-encoding': d.pick(['gzip', 'br', 'deflate', 'garbage', 'gzip, gzip']) };
    draft.body = body ?? utf8('{}');
  } else {
    const h = d.pick<Record<string, string>>([
      { 'x-forwarded-for': '1.2.3.4, garbage, ::1' }, { accept: 'text/event-stream' }, { accept: '*/*;q=garbage' }, { 'accept-encoding': 'gzip;q=2, br' },
      { 'if-none-match': '"x"'.repeat(100) }, { 'accept-language': 'ko;q=x'.repeat(50) }, { 'x-http-method-override': 'DELETE' }, { 'last-event-id': 'x'.repeat(3000) },
      { authorization: `Bearer ${'x'.repeat(500)}` }, { 'user-agent': latin1([0xff, 0x00 + 0x41, 0xfe]) }, { 'x-real-ip': '127.0.0.1' },
    ]);
    draft.headers = { ...h, ...(body ? JSON_TYPE : {}) };
    draft.body = body;
  }
  return finalize(draft, d);
};

export const RAW_CATEGORIES: Record<string, { count: number; make: Make }> = {
  multipart: { count: 800, make: multipart },
  ids: { count: 1500, make: ids },
  queries: { count: 1000, make: queries },
  methods: { count: 500, make: methods },
  'raw-urls': { count: 300, make: rawUrls },
  events: { count: 100, make: events },
  'media-static': { count: 300, make: mediaStatic },
  // Spread over every route: the one category that reaches routes without params, query or body
  // (GET /auth/me) often, so it grows with the route tables (each route is to be reached 20 times).
  headers: { count: 800, make: headers },
};
