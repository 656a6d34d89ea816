/**
 * `versus backup` while `versus serve` runs and takes picks: the copy is a consistent database
 * that passes SQLite's integrity check, holds everything acknowledged before the backup began, and
 * restores — a server started on the copy (README "Backups") serves the same world cup and ranking.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../helpers/api.js';
import { type ServerProcess, startServerProcess } from '../helpers/process.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-backup-'));
const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-restore-'));
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) s.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  for (const dir of [dataDir, restoreDir]) fs.rmSync(dir, { recursive: true, force: true });
});

const versus = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env } });

it('copies the live database consistently, and a server started on the copy serves the same data', async () => {
  const server = await startServerProcess({ DATA_DIR: dataDir, SEED: '0' });
  servers.push(server);
  const api = new ApiClient(() => server.url);
  const wc = await api.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'backed up', candidates: textCandidates(8) } });
  let game = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
  while (game.match) game = await api.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id } });
  const acknowledged = await api.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);

  // Keep picking in another game while the backup runs: the copy must still be one committed state.
  let busy = true;
  const load = (async () => {
    while (busy) {
      let g = await api.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
      while (busy && g.match) g = await api.ok<Game>('POST', `/api/v1/games/${g.id}/picks`, 200, { json: { winner: g.match.b.id } });
    }
  })();
  const file = path.join(restoreDir, 'versus.db');
  const { stdout } = await versus(['backup', file], { DATA_DIR: dataDir });
  busy = false;
  await load;
  expect(stdout).toMatch(/backup written to .*versus\.db \(\d+ bytes\)/);

  // Refuses to overwrite, and says why.
  await expect(versus(['backup', file], { DATA_DIR: dataDir })).rejects.toThrow(/already exists/);

  const restored = await startServerProcess({ DATA_DIR: restoreDir, SEED: '0' });
  servers.push(restored);
  const copy = new ApiClient(() => restored.url);
  expect((await copy.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).title).toBe('backed up');
  const ranking = await copy.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
  expect(ranking.votes).toBeGreaterThanOrEqual(acknowledged.votes);
  expect(ranking.games).toBeGreaterThanOrEqual(acknowledged.games);
  // Counters agree with each other in the copy: every vote is one win somewhere.
  const wins = ranking.items.reduce((sum, it) => sum + it.wins, 0);
  expect(wins).toBe(ranking.votes);
});

it('says to use pg_dump when the database is PostgreSQL', async () => {
  await expect(versus(['backup'], { DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none' })).rejects.toThrow(/pg_dump/);
});
