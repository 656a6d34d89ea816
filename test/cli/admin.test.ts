/**
 * `versus admin create <username>` as its own process, password on standard input: it makes the
 * first admin of a fresh site, or promotes an existing user (setting a new password), on SQLite
 * and PostgreSQL. A server over the same database then treats that user as an admin.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Server, startServer } from '../../src/server.js';
import type { Account } from '../../src/shared/accounts.js';
import { ApiClient, apiDialects, expectError } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';

/** Runs the CLI with `stdin` piped in; resolves with its exit code and output. */
function runCli(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`versus admin create (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let env: Record<string, string> = {};
    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      env = { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' };
      // The first admin is made before the server ever ran: the CLI migrates the database itself.
      const made = await runCli(['admin', 'create', 'Alice'], 'first admin pw\n', env);
      expect(made, made.out).toMatchObject({ code: 0 });
      expect(made.out).toContain('created admin Alice');
      server = await startServer({ ...loadConfig({ ...env, LOG_LEVEL: 'error' }), port: 0, seed: false });
    });
    afterAll(async () => {
      await server?.close();
      await db?.drop();
    });
    const browser = () => new ApiClient(() => server?.url ?? '');
    const logIn = (user: ApiClient, username: string, password: string) => user.post<{ user: Account }>('/api/v1/auth/login', { username, password });

    it('makes an admin who can open the moderation queue', async () => {
      const alice = browser();
      const res = await logIn(alice, 'alice', 'first admin pw');
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'Alice', role: 'admin' });
      await alice.ok('GET', '/api/v1/admin/reports', 200);
    });

    it('promotes an existing user and sets the password it was given', async () => {
      const bob = browser();
      await bob.ok('POST', '/api/v1/auth/signup', 201, { json: { username: 'bob', password: 'bob original pw' } });
      expectError(await bob.get('/api/v1/admin/reports'), 403, 'forbidden');

      const promoted = await runCli(['admin', 'create', 'BOB'], 'bob new password\r\n', env);
      expect(promoted, promoted.out).toMatchObject({ code: 0 });
      expect(promoted.out).toContain('bob is now an admin');

      expectError(await logIn(browser(), 'bob', 'bob original pw'), 401, 'invalid_credentials');
      const again = browser();
      expect((await logIn(again, 'bob', 'bob new password')).body.user.role).toBe('admin');
      await again.ok('GET', '/api/v1/admin/reports', 200);
    });

    it('refuses a short password or a missing username without touching the database', async () => {
      const short = await runCli(['admin', 'create', 'carol'], 'short\n', env);
      expect(short.code).toBe(2);
      expect(short.out).toContain('at least 8');
      expectError(await logIn(browser(), 'carol', 'short'), 401, 'invalid_credentials');
      const usage = await runCli(['admin', 'create'], 'whatever pw\n', env);
      expect(usage.code).toBe(2);
      expect(usage.out).toContain('usage: versus admin create USERNAME');
    });
  });
}
