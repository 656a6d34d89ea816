import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';

/** Admin connection for creating throw-away databases; .ci/run points it at the machine's PostgreSQL. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's IRC server, which the chat reader's tests start on a free port (`apt-get install ngircd`). */
export const NGIRCD_PATH = '/usr/sbin/ngircd';
export const isCI = process.env.CI === 'true';
/** The machine's Redis; tests use their own key prefix (uniquePrefix) and delete its keys afterwards. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis PING over a plain socket, so the check needs no client library. */
export function canReachRedis(url = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether a dependency-backed suite runs. Locally a missing PostgreSQL, Redis, chromium or ngircd
 * skips those suites with a message; in CI (CI=true) it is an error, so a green CI always means they ran.
 */
export async function requireDependency(name: 'postgres' | 'chromium' | 'redis' | 'ngircd'): Promise<boolean> {
  const available =
    name === 'postgres'
      ? await canReachPostgres()
      : name === 'redis'
        ? await canReachRedis()
        : fs.existsSync(name === 'ngircd' ? NGIRCD_PATH : CHROMIUM_PATH);
  if (available) return true;
  const what = {
    postgres: `PostgreSQL at ${PG_ADMIN_URL}`,
    redis: `Redis at ${REDIS_URL}`,
    chromium: `chromium at ${CHROMIUM_PATH}`,
    ngircd: `ngircd at ${NGIRCD_PATH}`,
  }[name];
  if (isCI) throw new Error(`${what} is required in CI but not reachable`);
  console.warn(`skipping: ${what} is not available`);
  return false;
}
