import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeNotFound } from './errors.js';
import type { PlayBoot, PlayHints } from './play-hints.js';
import { EMBED_PAGE_ROUTES } from './security.js';

/** The URL's path with percent-escapes decoded; undefined when they do not decode. */
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
}

/** The id of the JSON script element a page's boot state travels in (src/web/lib/prefetch.ts reads it). */
export const BOOT_ELEMENT_ID = 'versus-boot';

/**
 * index.html with a page's boot state in a JSON script element. `<` is escaped, so no text in the
 * state (a candidate's name, say) can close the element or open another.
 */
export function withBoot(indexHtml: string, boot: PlayBoot): string {
  const json = JSON.stringify(boot).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return indexHtml.replace('</body>', () => `  <script type="application/json" id="${BOOT_ELEMENT_ID}">${json}</script>\n  </body>`);
}

/**
 * Sends an HTML page made for this request, compressed as the client accepts (brotli, gzip): on a
 * slow line its bytes come before every script's. A few kB at a middling level cost well under a
 * millisecond.
 */
function sendHtml(request: FastifyRequest, reply: FastifyReply, html: string): FastifyReply {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  void reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding, cookie, accept-language');
  if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }));
  return reply.send(html);
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** The play page's source in the build manifest (relative to src/web): the page whose weight and LCP are targets. */
const PLAY_PAGE = 'pages/PlayPage.svelte';
const PLAY_PATH = /^\/play\/([^/]+)$/;

/**
 * `Link` header entries that have the browser fetch a page's chunks (its script, the scripts it
 * imports, their styles) together with the entry script, instead of after the entry has run and
 * asked for them: one round trip less before the page shows. From Vite's manifest; undefined
 * without one. `entry` is the entry script's entry, listed first: on HTTP/1.1 a browser opens six
 * connections to a host, and the entry, which everything waits for, should not queue behind the
 * page's chunks (it is named in index.html too, found only once the HTML is parsed).
 */
export function preloadLinkOf(webDir: string, source: string): { entry: string; chunks: string } | undefined {
  const file = path.join(webDir, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.file.endsWith('.js'));
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(source);
  if (scripts.size === 0 || !entry) return undefined;
  return {
    entry: `</${entry.file}>; rel=modulepreload`,
    chunks: [...[...scripts].map((f) => `</${f}>; rel=modulepreload`), ...[...styles].map((f) => `</${f}>; rel=preload; as=style`)].join(', '),
  };
}

/**
 * Serves the built single-page app: hashed assets with long caching, and index.html for every
 * other GET that is not an API or media path, so deep links like /play/… load the app.
 *
 * The build writes a `.br` and a `.gz` beside every text file (vite.config.ts); `preCompressed`
 * sends the one the client accepts (brotli first) with its Content-Encoding, and the original to a
 * client that accepts neither. Every answer varies by Accept-Encoding, so caches keep them apart.
 * Files under /assets/ carry a hash of their content in their name: cached for a year, never
 * revalidated. index.html (and the fallback to it) names the current hashes: revalidated each time.
 */
export async function installWeb(
  app: FastifyInstance,
  webDir: string | undefined,
  opts: { pages?: (indexHtml: string) => void; kakaoJsKey?: string | undefined; playHints?: PlayHints } = {},
): Promise<void> {
  const indexFile = webDir ? path.join(webDir, 'index.html') : undefined;
  if (!webDir || !indexFile || !fs.existsSync(indexFile)) {
    app.log.warn({ webDir }, 'web app not built: serving the API only (run `npm run build`)');
    app.setNotFoundHandler((request, reply) => reply.code(404).send(routeNotFound(request.method, request.url)));
    return;
  }
  const playPreload = preloadLinkOf(webDir, PLAY_PAGE);
  // Served from memory: with KAKAO_JS_KEY the page names the key (lib/kakao.ts reads it), and pages
  // with a server-rendered head (link previews) start from the same HTML.
  let indexHtml = fs.readFileSync(indexFile, 'utf8');
  if (opts.kakaoJsKey) indexHtml = indexHtml.replace('</head>', () => `  <meta name="versus:kakao-key" content="${opts.kakaoJsKey}" />\n  </head>`);
  opts.pages?.(indexHtml);
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    // Our own Cache-Control below; without this, `send` replaces it with `public, max-age=0`.
    cacheControl: false,
    setHeaders: (res, file) => {
      const isHashedAsset = file.startsWith(path.join(webDir, 'assets') + path.sep);
      res.setHeader('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('vary', 'accept-encoding');
    },
  });
  // The embed pages are routes of their own (not the fallback below), so the security headers can
  // tell them by the route the router matched: only they may be framed by other sites.
  for (const url of EMBED_PAGE_ROUTES) app.get(url, { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  app.setNotFoundHandler(async (request, reply) => {
    // Decided on the decoded path, as the router would see it (`/%61pi/…` is an API path too).
    const pathname = decodedPath(request.url);
    const isAppRoute =
      (request.method === 'GET' || request.method === 'HEAD') &&
      pathname !== undefined &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/media/') &&
      !path.extname(pathname);
    if (isAppRoute) {
      const play = PLAY_PATH.exec(pathname);
      const hints = play && opts.playHints ? await opts.playHints(request, play[1] as string) : undefined;
      // The entry, then the first match's images (the largest paint), then the page's chunks.
      if (playPreload && play) void reply.header('link', [playPreload.entry, ...(hints?.links ?? []), playPreload.chunks].join(', '));
      if (hints?.boot) {
        // The player's own game in the page: for this session only, never stored by a cache.
        void reply.header('cache-control', 'private, no-store');
        return sendHtml(request, reply, withBoot(indexHtml, hints.boot));
      }
      void reply.header('cache-control', 'no-cache');
      // With KAKAO_JS_KEY, the copy in memory that names the key; else the built file, precompressed.
      return opts.kakaoJsKey ? reply.type('text/html; charset=utf-8').send(indexHtml) : reply.sendFile('index.html');
    }
    return reply.code(404).send(routeNotFound(request.method, request.url));
  });
}
