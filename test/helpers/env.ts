import fs from 'node:fs';
import pg from 'pg';

/** Admin connection for creating throw-away databases; .ci/run points it at the machine's PostgreSQL. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const isCI = process.env.CI === 'true';

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
 * Whether a dependency-backed suite runs. Locally a missing PostgreSQL or chromium skips those
 * suites with a message; in CI (CI=true) it is an error, so a green CI always means they ran.
 */
export async function requireDependency(name: 'postgres' | 'chromium'): Promise<boolean> {
  const available = name === 'postgres' ? await canReachPostgres() : fs.existsSync(CHROMIUM_PATH);
  if (available) return true;
  const what = name === 'postgres' ? `PostgreSQL at ${PG_ADMIN_URL}` : `chromium at ${CHROMIUM_PATH}`;
  if (isCI) throw new Error(`${what} is required in CI but not reachable`);
  console.warn(`skipping: ${what} is not available`);
  return false;
}
