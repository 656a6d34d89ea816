/**
 * `versus serve` as its own process, the way `npm start` runs it: it must start, stay up, answer,
 * and stop cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-serve-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('starts, serves the API and the starter-free empty site, and exits 0 on SIGTERM', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Versus is running at (http:\/\/[^\s"]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child?.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${output}`)));
  });
  // Still up a moment later (an idle worker thread must not let it exit, nor keep it from exiting).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await fetch(`${url}/api/v1/health`);
  expect(await health.json()).toMatchObject({ ok: true, live: { backend: 'memory', viewers: 0 } });
  const list = (await (await fetch(`${url}/api/v1/worldcups`)).json()) as { items: unknown[] };
  expect(list.items).toEqual([]);
  const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'versus.db'))).toBe(true);
});
