/**
 * The composition root: the one place that turns a configuration into a running Versus core — the
 * store (migrated), the live backend (in process, or Redis), and the services over them. `versus
 * serve` puts HTTP on top of it; every CLI command and the benchmarks open the same core, so there
 * is one way to build the application and one place that knows where the database lives.
 */
import path from 'node:path';
import type { Config } from './config.js';
import type { LiveBackend } from './live/backend.js';
import { memoryBackend } from './live/memory.js';
import { redisBackend } from './live/redis.js';
import { AppError } from './services/errors.js';
import { type Services, createServices } from './services/index.js';
import type { EngineOptions } from './services/rating/ranking-engine.js';
import { type Store, openStore } from './store/store.js';

export interface Core {
  config: Config;
  store: Store;
  live: LiveBackend;
  services: Services;
  /** Stops background work and closes the connections, in dependency order. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Where failures of background work go (the app's log once there is one); they never fail a request. */
  onError?: (error: unknown) => void;
  /** Ranking engine settings over the configuration's (`versus export` waits for a complete ranking). */
  engine?: EngineOptions;
}

/** The SQLite database file of a data directory (when no DATABASE_URL is set). */
export const sqlitePathOf = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'versus.db');

/** Opens the store (migrating it), the live backend and the services described by `config`. */
export async function openCore(config: Config, opts: CoreOptions = {}): Promise<Core> {
  const onError = opts.onError ?? ((error: unknown) => console.error(error));
  const store = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathOf(config) }, (e) => e instanceof AppError);
  let live: LiveBackend;
  try {
    live = config.redisUrl ? await redisBackend({ url: config.redisUrl, prefix: config.redisPrefix, onError }) : memoryBackend();
  } catch (error) {
    await store.close();
    throw new Error(`cannot connect to Redis at ${config.redisUrl ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let services: Services;
  try {
    services = await createServices(store, {
      live,
      onError,
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
      battles: { lifetimeMs: config.arenaBattleMinutes * 60_000, dailyVotes: config.arenaDailyVotes },
      rooms: { chatServer: config.chatIrcHost === 'off' ? undefined : { host: config.chatIrcHost, port: config.chatIrcPort, tls: config.chatIrcTls } },
      engine: { ...(config.ratingWorkers > 0 ? { workers: config.ratingWorkers } : {}), ...opts.engine },
    });
  } catch (error) {
    await live.close();
    await store.close();
    throw error;
  }
  return {
    config,
    store,
    live,
    services,
    async close() {
      await services.close();
      await live.close();
      await store.close();
    },
  };
}
