import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openCore } from './core.js';
import { buildApp } from './http/app.js';
import type { Services } from './services/index.js';
import { seedStarters } from './services/seed.js';
import type { Store } from './store/store.js';

export interface Server {
  app: FastifyInstance;
  store: Store;
  /** The use cases the app serves (tests and maintenance reach live state through them). */
  services: Services;
  url: string;
  close(): Promise<void>;
}

/** Opens the core (store, live backend, services: src/core.ts), seeds it, and starts listening. */
export async function startServer(config: Config): Promise<Server> {
  // Background failures go to the app's log, which exists only once the app does.
  let logError = (error: unknown) => console.error(error);
  const core = await openCore(config, { onError: (error) => logError(error) });
  const { store, services } = core;
  const app = await buildApp({
    services,
    logLevel: config.logLevel,
    webDir: config.webDir,
    liveHeartbeatMs: config.liveHeartbeatMs,
    trustProxy: config.trustProxy,
    requestTimeoutMs: config.requestTimeoutMs,
    streamLimits: { perSession: config.limitStreamsPerSession, perAddress: config.limitStreamsPerAddress },
    rateLimits: {
      windowMs: config.limitWindowMs,
      ipMultiplier: config.limitIpMultiplier,
      gamesPerMinute: config.limitGamesPerMinute,
      picksPerMinute: config.limitPicksPerMinute,
      uploadsPerMinute: config.limitUploadsPerMinute,
      signupsPerHour: config.limitSignupsPerHour,
      loginsPerMinute: config.limitLoginsPerMinute,
      createsPerHour: config.limitCreatesPerHour,
      editsPerMinute: config.limitEditsPerMinute,
      reportsPerHour: config.limitReportsPerHour,
      commentsPerMinute: config.limitCommentsPerMinute,
      commentLikesPerMinute: config.limitCommentLikesPerMinute,
      commentReadsPerMinute: config.limitCommentReadsPerMinute,
      exportsPerMinute: config.limitExportsPerMinute,
      oembedPerMinute: config.limitOembedPerMinute,
      sharesPerMinute: config.limitSharesPerMinute,
      battlesPerMinute: config.limitBattlesPerMinute,
      roomVotesPerMinute: config.limitRoomVotesPerMinute,
      roomsPerMinute: config.limitRoomsPerMinute,
    },
    embedOrigins: config.embedOrigins,
    publicUrl: config.publicUrl,
    kakaoJsKey: config.kakaoJsKey,
  });
  // Live updates, ranking snapshots, the upload sweep: work no request waits for.
  logError = (error) => app.log.warn({ err: error }, 'background work failed');
  try {
    await services.ranking.engine.warmUp();
    if (config.seed) await seedStarters(store, services.worldcups, services.uploads, services.prompts);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await core.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    store,
    services,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    async close() {
      await app.close();
      await core.close();
    },
  };
}
