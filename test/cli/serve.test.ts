/**
 * `versus serve` as its own process, the way `npm start` runs it: it must start, stay up, answer,
 * and stop cleanly on SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-serve-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('starts, serves the API and the starter-free empty site, and exits 0 on SIGTERM', async () => {
  const server = await startServerProcess({ DATA_DIR: dataDir, SEED: '0' });
  child = server.child;
  const url = server.url;
  // Still up a moment later (an idle worker thread must not let it exit, nor keep it from exiting).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await fetch(`${url}/api/v1/health`);
  expect(await health.json()).toMatchObject({ ok: true, live: { backend: 'memory', viewers: 0 } });
  const list = (await (await fetch(`${url}/api/v1/worldcups`)).json()) as { items: unknown[] };
  expect(list.items).toEqual([]);
  child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'versus.db'))).toBe(true);
});

it('takes a relative WEB_DIR from where it was started, and serves the web app from it', async () => {
  // dist/web is built by the global setup; the process starts in the repository's root.
  const server = await startServerProcess({ DATA_DIR: dataDir, SEED: '0', WEB_DIR: 'dist/web' });
  child = server.child;
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
});
