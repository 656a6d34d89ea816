import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { routeNotFound } from './errors.js';

/** The URL's path with percent-escapes decoded; undefined when they do not decode. */
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
}

/**
 * Serves the built single-page app: hashed assets with long caching, and index.html for every
 * other GET that is not an API or media path, so deep links like /play/… load the app.
 */
export async function installWeb(
  app: FastifyInstance,
  webDir: string | undefined,
  opts: { pages?: (indexHtml: string) => void; kakaoJsKey?: string | undefined } = {},
): Promise<void> {
  const indexFile = webDir ? path.join(webDir, 'index.html') : undefined;
  if (!webDir || !indexFile || !fs.existsSync(indexFile)) {
    app.log.warn({ webDir }, 'web app not built: serving the API only (run `npm run build`)');
    app.setNotFoundHandler((request, reply) => reply.code(404).send(routeNotFound(request.method, request.url)));
    return;
  }
  // Served from memory: with KAKAO_JS_KEY the page names the key (lib/kakao.ts reads it), and pages
  // with a server-rendered head (link previews) start from the same HTML.
  let indexHtml = fs.readFileSync(indexFile, 'utf8');
  if (opts.kakaoJsKey) indexHtml = indexHtml.replace('</head>', () => `  <meta name="versus:kakao-key" content="${opts.kakaoJsKey}" />\n  </head>`);
  opts.pages?.(indexHtml);
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    setHeaders: (res, file) => {
      const isHashedAsset = file.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    // Decided on the decoded path, as the router would see it (`/%61pi/…` is an API path too).
    const pathname = decodedPath(request.url);
    const isAppRoute =
      (request.method === 'GET' || request.method === 'HEAD') &&
      pathname !== undefined &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/media/') &&
      !path.extname(pathname);
    if (isAppRoute) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    return reply.code(404).send(routeNotFound(request.method, request.url));
  });
}
