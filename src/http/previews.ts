/**
 * Link previews for crawlers, which run no JavaScript (issue 12): `/w/:id`, `/w/:id/ranking` and
 * `/s/:id` are served as the app's index.html with the page's title, description and Open Graph /
 * Twitter card tags in its head, and `/cards/:kind/:id/:version.png` serves the card image those
 * tags name. Pages are chosen by the route Fastify matched, never by the raw URL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Preview, type PreviewKind, PREVIEW_KINDS, cardPathOf } from '../services/cards/previews.js';
import { AppError, badRequest } from '../services/errors.js';
import { routeNotFound } from './errors.js';
import type { Services } from '../services/index.js';
import { idSchema } from '../shared/schemas.js';

/** The page routes that get a preview, by the kind of page each is. */
const PAGE_ROUTES: readonly { url: string; kind: PreviewKind }[] = [
  { url: '/w/:id', kind: 'w' },
  { url: '/w/:id/ranking', kind: 'r' },
  { url: '/s/:id', kind: 's' },
  { url: '/r/:id/results', kind: 'm' },
];
export const CARD_ROUTE = '/cards/:kind/:id/:file';

/** Route keys (`METHOD /pattern`) of the previews, for the rate limits. */
export const previewRouteKeys: readonly string[] = [...PAGE_ROUTES.map((r) => `GET ${r.url}`), `GET ${CARD_ROUTE}`];

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A host as a Host header may name it (letters, digits, dots, dashes, an IPv6 literal, a port). */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The site's public origin for absolute URLs: PUBLIC_URL when configured, else the request's
 * protocol and Host (a Host that does not look like one falls back to the listening address).
 */
function originOf(req: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = HOST.test(req.host) ? req.host : 'localhost';
  return `${req.protocol}://${host}`;
}

/**
 * index.html with the preview's head: its title and description replaced, the card tags added, and
 * for a world cup's pages (`oembed`) the oEmbed discovery link, so a site that embeds by link finds
 * the iframe markup (`GET /api/v1/oembed`).
 */
export function headFor(indexHtml: string, preview: Preview, pageUrl: string, origin: string, oembed = false): string {
  const title = escapeHtml(preview.title);
  const description = escapeHtml(preview.description);
  const image = escapeHtml(origin + preview.cardPath);
  const url = escapeHtml(pageUrl);
  const tags = [
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="Versus" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${url}" />`,
    `<meta property="og:image" content="${image}" />`,
    `<meta property="og:image:type" content="image/png" />`,
    `<meta property="og:image:width" content="1200" />`,
    `<meta property="og:image:height" content="630" />`,
    `<meta name="twitter:card" content="summary_large_image" />`,
    `<meta name="twitter:title" content="${title}" />`,
    `<meta name="twitter:description" content="${description}" />`,
    `<meta name="twitter:image" content="${image}" />`,
  ];
  if (oembed) {
    const href = escapeHtml(`${origin}/api/v1/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' }).toString()}`);
    tags.push(`<link rel="alternate" type="application/json+oembed" href="${href}" title="${title}" />`);
  }
  // Replacer functions: a `$&` in a title is text, not a replacement pattern.
  return indexHtml
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>`)
    .replace(/<meta name="description" content="[^"]*" \/>/, () => `<meta name="description" content="${description}" />`)
    .replace('</head>', () => `    ${tags.join('\n    ')}\n  </head>`);
}

/** The page's preview for this request's viewer; null (the generic head) when there is none to show. */
async function previewOf(services: Services, kind: PreviewKind, id: string, viewer: string): Promise<Preview | null> {
  if (!idSchema.safeParse(id).success) return null;
  try {
    return await services.previews.preview(kind, id, viewer);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Serves the preview pages: the built app's index.html with the page's head, or the generic one
 * for an id that names nothing the viewer may see (still 200, like every other deep link: the
 * app shows "not found", and a 404 would tell a stranger nothing the generic head does not).
 */
export function previewPages(app: FastifyInstance, services: Services, indexHtml: string, publicUrl: string | undefined): void {
  for (const page of PAGE_ROUTES) {
    app.get<{ Params: { id: string } }>(page.url, { schema: { hide: true } }, async (req, reply) => {
      // A file name (`/w/x.png`) is no page, as everywhere else outside the app's routes.
      if (/\.\w+$/.test(req.params.id)) return reply.code(404).send(routeNotFound(req.method, req.url));
      // Room codes are typed in any case; the room is the same.
      if (page.kind === 'm') req.params.id = req.params.id.toUpperCase();
      const preview = await previewOf(services, page.kind, req.params.id, req.viewer);
      void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
      if (preview === null) return reply.send(indexHtml);
      const origin = originOf(req, publicUrl);
      const path = page.url.replace(':id', encodeURIComponent(req.params.id));
      return reply.send(headFor(indexHtml, preview, origin + path, origin, page.kind === 'w' || page.kind === 'r'));
    });
  }
}

/**
 * `/cards/:kind/:id/:version.png`: the card of a page anyone may see. Its URL names its content,
 * so it is cached for a year; a stale version redirects to the current one.
 */
export function cardRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { kind: string; id: string; file: string } }>(CARD_ROUTE, { schema: { hide: true } }, async (req, reply: FastifyReply) => {
    const { kind, id, file } = req.params;
    const version = /^([0-9a-f]{16})\.png$/.exec(file)?.[1];
    if (!PREVIEW_KINDS.includes(kind as PreviewKind) || !idSchema.safeParse(id).success || !version) {
      throw badRequest('invalid_card', 'a card URL is /cards/(w|r|s|m)/<id>/<16 hex digits>.png');
    }
    const card = await services.previews.card(kind as PreviewKind, id);
    if (card.version !== version) {
      return reply.header('cache-control', 'no-cache').redirect(cardPathOf(kind as PreviewKind, id, card.version), 302);
    }
    const etag = `"${card.version}"`;
    void reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/png').send(card.png);
  });
}
