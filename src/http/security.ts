/**
 * Browser-facing protections: security headers with a Content-Security-Policy that allows only
 * this origin's scripts (user text is never HTML, and no inline script runs even if some were),
 * and a same-origin check on every state-changing API request (CSRF), on top of SameSite=Lax
 * session cookies.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../services/errors.js';
import { isApiRoute } from './session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** YouTube clips play in privacy-enhanced embeds; their thumbnails come from YouTube's image host. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Svelte sets style attributes (bar widths, transitions): attributes only, never style elements from users.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https://i.ytimg.com'],
  frameSrc: ['https://www.youtube-nocookie.com'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * With KAKAO_JS_KEY, Kakao's SDK (its official CDN) and its share endpoints are allowed too; without
 * it, nothing of Kakao is.
 */
const KAKAO_POLICY = {
  ...CONTENT_SECURITY_POLICY,
  scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, 'https://t1.kakaocdn.net'],
  connectSrc: [...CONTENT_SECURITY_POLICY.connectSrc, 'https://*.kakao.com'],
  frameSrc: [...CONTENT_SECURITY_POLICY.frameSrc, 'https://*.kakao.com'],
};

/**
 * Whether a request that changes state comes from this site. Browsers send Origin on every
 * cross-origin request and on same-origin POSTs, and Sec-Fetch-Site on all requests; a request
 * with neither is not from a browser (curl, scripts), which a forged cross-site form cannot be.
 */
export function isSameOrigin(headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | undefined }): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
}

/**
 * The embed pages (src/http/web.ts), as Fastify's router names the routes it matched. Only these
 * may be framed by other sites; every other page and the API keep frame-ancestors 'none'.
 */
export const EMBED_PAGE_ROUTES: ReadonlySet<string> = new Set(['/embed/w/:id', '/embed/w/:id/ranking']);

/**
 * Helmet's headers, computed once per kind of page: they are the same for every response, and
 * helmet rebuilds them (the policy string included) on every request — a fifth of a pick's server
 * time in the profile. `frameAncestors` undefined: the site's own pages (`'none'`, and
 * X-Frame-Options for old browsers); a list: an embed page, which those sources may frame.
 */
function securityHeaders(policy: typeof CONTENT_SECURITY_POLICY, frameAncestors?: readonly string[]): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: frameAncestors ? { ...policy, frameAncestors: [...frameAncestors] } : policy,
    },
    // X-Frame-Options cannot name other sites; CSP frame-ancestors replaces it where both are known.
    xFrameOptions: frameAncestors ? false : { action: 'sameorigin' },
    // Uploaded images and the starter artwork are shown by this site only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // YouTube embeds do not send the headers COEP would demand.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only makes sense behind TLS, which a reverse proxy terminates and should set.
    strictTransportSecurity: false,
  })(request, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

export interface SecurityOptions {
  /** Who may frame the embed pages (config EMBED_ORIGINS). */
  embedOrigins: readonly string[];
  /** The site shares to KakaoTalk (KAKAO_JS_KEY), so the policy allows Kakao's SDK. */
  kakao?: boolean;
}

export function installSecurity(app: FastifyInstance, opts: SecurityOptions): void {
  const policy = opts.kakao ? KAKAO_POLICY : CONTENT_SECURITY_POLICY;
  const pageHeaders = securityHeaders(policy);
  const embedHeaders = securityHeaders(policy, opts.embedOrigins);
  app.addHook('onRequest', (request, reply, done) => {
    // The route the router matched, never the raw URL: `/embed/../w/x`, `//embed/w/x` or
    // `/w/x?embed=1` are not embed pages and must not be framable.
    const route = request.routeOptions.url;
    reply.headers(route !== undefined && EMBED_PAGE_ROUTES.has(route) ? embedHeaders : pageHeaders);
    done();
  });

  app.addHook('onRequest', (request, _reply, done) => {
    // The routed path, not the raw URL: `/%61pi/…` is routed to `/api/…` and must be checked like it.
    if (SAFE_METHODS.has(request.method) || !isApiRoute(request)) return done();
    const header = (name: string): string | undefined => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    // request.host: the Host header, or X-Forwarded-Host from a trusted proxy (TRUST_PROXY).
    if (!isSameOrigin({ origin: header('origin'), host: request.host, 'sec-fetch-site': header('sec-fetch-site') })) {
      return done(new AppError(403, 'cross_site_request', 'this request came from another site; changes are only accepted from Versus itself'));
    }
    done();
  });
}
