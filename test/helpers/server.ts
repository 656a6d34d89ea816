import path from 'node:path';
import { type Config, loadConfig } from '../../src/config.js';
import { type Server, startServer } from '../../src/server.js';
import type { Dialect } from '../../src/store/db.js';
import { createTestDatabase } from './databases.js';
import { TRUST_AND_SAFETY_OFF } from './rules-off.js';

export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The real app on a random port over a fresh database of the given dialect, serving the built
 * web app (dist/web, built by the global setup). Seeded with the starter world cups unless seed=false.
 * Rate limits and fair play are off unless `config` turns them on.
 */
export async function startTestServer(opts: { dialect?: Dialect; seed?: boolean; config?: Partial<Config> } = {}): Promise<TestServer> {
  const db = await createTestDatabase(opts.dialect ?? 'sqlite');
  const config = loadConfig({ DATA_DIR: db.dataDir, LOG_LEVEL: 'warn' });
  const server = await startServer({
    ...config,
    port: 0,
    databaseUrl: db.databaseUrl,
    seed: opts.seed ?? true,
    webDir: path.resolve('dist/web'),
    ...TRUST_AND_SAFETY_OFF,
    ...opts.config,
  });
  return {
    url: server.url,
    server,
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
