import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { LiveHub } from '../live/hub.js';
import type { Services } from '../services/index.js';
import { API_PREFIX, systemRoutes } from '../shared/api/index.js';
import { clientError, frameworkError, installErrorHandling } from './errors.js';
import { type RateLimitSettings, installRateLimits } from './rate-limit.js';
import { route } from './route-table.js';
import { arenaRoutes } from './routes/arena.js';
import { roomRoutes } from './routes/rooms.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { commentRoutes } from './routes/comments.js';
import { embedRoutes } from './routes/embeds.js';
import { type StreamLimits, eventRoutes } from './routes/events.js';
import { exportRoutes } from './routes/exports.js';
import { gameRoutes } from './routes/games.js';
import { rankingRoutes } from './routes/ranking.js';
import { reportRoutes } from './routes/reports.js';
import { resultRoutes } from './routes/results.js';
import { mediaRoutes, uploadRoutes } from './routes/uploads.js';
import { worldcupRoutes } from './routes/worldcups.js';
import { installSecurity } from './security.js';
import { installSessions } from './session.js';
import { requestTimeouts } from './timeouts.js';
import { cardRoutes, previewPages } from './previews.js';
import { playHints } from './play-hints.js';
import { installWeb } from './web.js';

export interface AppOptions {
  services: Services;
  logLevel?: string;
  webDir?: string | undefined;
  liveHeartbeatMs?: number;
  /** Limits per session and address (config LIMIT_*); none when absent. */
  rateLimits?: RateLimitSettings;
  /** Fastify's `trustProxy` (config TRUST_PROXY): whose address is the client's behind a proxy. */
  trustProxy?: boolean | string;
  /** A request's headers and body must have arrived within this (config REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Open event streams per session and per address (config LIMIT_STREAMS_*); 0 off. */
  streamLimits?: StreamLimits;
  /** Who may frame the embed pages (config EMBED_ORIGINS); `*` when absent. */
  embedOrigins?: readonly string[];
  /** The site's public origin for link previews' absolute URLs (config PUBLIC_URL); else from the request. */
  publicUrl?: string | undefined;
  /** KakaoTalk sharing's JavaScript key (config KAKAO_JS_KEY): given to the web app, and Kakao's SDK allowed. */
  kakaoJsKey?: string | undefined;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info' },
    // Enough for a 1024-candidate world cup; uploads have their own 10 MB limit.
    bodyLimit: 1024 * 1024,
    // Reject `__proto__` / `constructor.prototype` keys outright instead of stripping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Per-request access logs cost more than a pick at full load; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    ...(opts.requestTimeoutMs ? requestTimeouts(opts.requestTimeoutMs) : {}),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built by our services from typed shapes; the zod schemas document them (OpenAPI)
  // but are not re-validated on every reply, which would cost more than the pick itself.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);

  installSecurity(app, { embedOrigins: opts.embedOrigins ?? ['*'], kakao: opts.kakaoJsKey !== undefined });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Versus API', version: '1.0.0', description: 'World cups, games, picks and rankings.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  installSessions(app, opts.services.accounts);
  if (opts.rateLimits) await installRateLimits(app, opts.rateLimits, opts.services.live.backend.redis);
  const hub = new LiveHub(opts.services.live.backend.bus, {
    heartbeatMs: opts.liveHeartbeatMs,
    // Open streams are counted in the backend, so the caps hold across instances sharing Redis.
    leases: opts.services.live.backend.leases,
    onError: (error) => app.log.warn({ err: error }, 'live stream failed'),
  });
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', (done) => {
    hub.close();
    done();
  });

  await app.register(
    (api, _opts, done) => {
      worldcupRoutes(api, opts.services);
      gameRoutes(api, opts.services);
      arenaRoutes(api, opts.services);
      rankingRoutes(api, opts.services);
      exportRoutes(api, opts.services);
      uploadRoutes(api, opts.services);
      eventRoutes(api, opts.services, hub, opts.streamLimits);
      roomRoutes(api, opts.services, hub, opts.streamLimits);
      authRoutes(api, opts.services);
      reportRoutes(api, opts.services);
      resultRoutes(api, opts.services);
      adminRoutes(api, opts.services);
      commentRoutes(api, opts.services);
      embedRoutes(api, opts.services);
      route(api, systemRoutes.health, () => ({ ok: true, live: { backend: opts.services.live.backend.kind, ...hub.stats() } }));
      done();
    },
    { prefix: API_PREFIX },
  );
  mediaRoutes(app, opts.services);
  cardRoutes(app, opts.services);
  await installWeb(app, opts.webDir, {
    kakaoJsKey: opts.kakaoJsKey,
    playHints: playHints(opts.services),
    pages: (indexHtml) => previewPages(app, opts.services, indexHtml, opts.publicUrl),
  });
  return app;
}
