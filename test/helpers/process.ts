/** `versus serve` as its own process (the way `npm start` runs it), for tests that need real processes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { TRUST_AND_SAFETY_OFF_ENV } from './rules-off.js';
import { Redis } from 'ioredis';
import { REDIS_URL } from './env.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code once it exited. */
  exited: Promise<number | null>;
}

/**
 * Starts `versus serve` from the sources with `env` on top of this process's environment (rate
 * limits and fair play off unless `env` turns them on); resolves once it listens.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...TRUST_AND_SAFETY_OFF_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Versus is running at (http:\/\/[^\s"]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${code}:\n${output}`));
    });
  });
  return { url, child, output: () => output, exited };
}

/** Ends a test's server processes, then drops its database and deletes its Redis keys (those under `prefix`). */
export async function tearDownCluster(started: readonly ServerProcess[], db: { drop(): Promise<void> } | undefined, prefix: string): Promise<void> {
  for (const p of started) p.child.kill('SIGKILL');
  await Promise.all(started.map((p) => p.exited));
  await db?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
