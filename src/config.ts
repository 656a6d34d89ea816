import path from 'node:path';
import { z } from 'zod';

/** Runtime configuration, read once from the environment and validated; see README's table. */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  /** Prefix of every Redis key and channel: instances of one site share it. */
  redisPrefix: z.string().min(1).max(100).default('versus:'),
  /** Milliseconds between SSE keep-alive comments (proxies close idle streams). */
  liveHeartbeatMs: z.coerce.number().int().min(100).max(600_000).default(15_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the starter world cups on start (idempotent). Tests that need an empty site turn it off. */
  seed: z.boolean().default(true),
  /** Where the built web app lives; absent means API only. */
  webDir: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

const emptyToUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse({
    port: emptyToUndefined(env.PORT),
    host: emptyToUndefined(env.HOST),
    dataDir: emptyToUndefined(env.DATA_DIR),
    databaseUrl: emptyToUndefined(env.DATABASE_URL),
    redisUrl: emptyToUndefined(env.REDIS_URL),
    redisPrefix: emptyToUndefined(env.REDIS_PREFIX),
    liveHeartbeatMs: emptyToUndefined(env.LIVE_HEARTBEAT_MS),
    logLevel: emptyToUndefined(env.LOG_LEVEL),
    seed: env.SEED === undefined ? undefined : env.SEED !== '0' && env.SEED !== 'false',
    webDir: emptyToUndefined(env.WEB_DIR),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
