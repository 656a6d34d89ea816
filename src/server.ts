import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { AppError } from './services/errors.js';
import type { LiveBackend } from './live/backend.js';
import { memoryBackend } from './live/memory.js';
import { redisBackend } from './live/redis.js';
import { type Services, createServices } from './services/index.js';
import { seedStarters } from './services/seed.js';
import { type Store, openStore } from './store/store.js';

export interface Server {
  app: FastifyInstance;
  store: Store;
  /** The use cases the app serves (tests and maintenance reach live state through them). */
  services: Services;
  url: string;
  close(): Promise<void>;
}

/** Opens the store (migrating it), seeds it, and starts listening. */
export async function startServer(config: Config): Promise<Server> {
  const store = await openStore(
    { databaseUrl: config.databaseUrl, sqlitePath: path.join(config.dataDir, 'versus.db') },
    (e) => e instanceof AppError,
  );
  // Background failures go to the app's log, which exists only once the app does.
  let logError = (error: unknown) => console.error(error);
  let live: LiveBackend;
  try {
    live = config.redisUrl
      ? await redisBackend({ url: config.redisUrl, prefix: config.redisPrefix, onError: (error) => logError(error) })
      : memoryBackend();
  } catch (error) {
    await store.close();
    throw new Error(`cannot connect to Redis at ${config.redisUrl ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const services = await createServices(store, {
    live,
    onError: (error) => logError(error),
    adminUsername: config.adminUsername,
    fairPlay: {
      minPickMs: config.flagMinPickMs,
      gamesPerHour: config.flagGamesPerHour,
      votesPerMinute: config.flagVotesPerMinute,
      votesPerMinuteByAddress: config.flagVotesPerMinute * config.limitIpMultiplier,
    },
    uploads: {
      concurrency: config.uploadConcurrency,
      quotaBytes: config.uploadQuotaMb * 1024 * 1024,
      orphanAfterMs: config.uploadOrphanHours * 3_600_000,
    },
    cacheBytes: config.cacheMb * 1024 * 1024,
    engine: config.ratingWorkers > 0 ? { workers: config.ratingWorkers } : {},
  });
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
    },
  });
  // Live updates, ranking snapshots, the upload sweep: work no request waits for.
  logError = (error) => app.log.warn({ err: error }, 'background work failed');
  try {
    await services.ranking.engine.warmUp();
    if (config.seed) await seedStarters(store, services.worldcups, services.uploads);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await services.close();
    await live.close();
    await store.close();
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
      await services.close();
      await live.close();
      await store.close();
    },
  };
}
