/**
 * `versus import FILE.jsonl --into ID` as its own process, on SQLite and PostgreSQL, beside a
 * server over the same database: the prompts go into the owner's world cup and the API lists their
 * categories; lines left out are named by their line in the file, also past the first chunk of 100
 * lines and when a whole chunk is bad; `--replace` empties the world cup's prompts first; usage
 * errors and an unknown world cup import nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Server, startServer } from '../../src/server.js';
import type { PromptList } from '../../src/shared/arena.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, apiDialects, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { CLI_TIMEOUT_MS, runCli } from '../helpers/cli.js';
import { TRUST_AND_SAFETY_OFF } from '../helpers/rules-off.js';


/** A good line: a prompt answered by the first two candidates. */
const good = (n: number, category?: string) =>
  JSON.stringify({ prompt: `질문 ${n}`, ...(category ? { category } : {}), responses: { 'Candidate 01': `답 ${n}가`, 'Candidate 02': `답 ${n}나` } });

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`versus import FILE.jsonl --into (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let env: Record<string, string> = {};
    let dir = '';
    let id = '';
    const owner = new ApiClient(() => server?.url ?? '');
    const prompts = () => owner.ok<PromptList>('GET', `/api/v1/worldcups/${id}/prompts`, 200);

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = path.join(db.dataDir, 'sources');
      fs.mkdirSync(dir);
      env = { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', PUBLIC_URL: 'https://versus.example/' };
      server = await startServer({ ...loadConfig({ ...env, LOG_LEVEL: 'error' }), ...TRUST_AND_SAFETY_OFF, port: 0, seed: false });
      id = (await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'Prompted', candidates: textCandidates(4) } })).id;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await db?.drop();
    }, CLI_TIMEOUT_MS);

    it('imports the good lines, names the bad ones by line, and the API lists the categories', async () => {
      const file = path.join(dir, 'prompts.jsonl');
      const lines = [good(1, '코딩'), '{not json', good(3, '글쓰기'), '', JSON.stringify({ prompt: 'x', responses: { Carol: 'a', 'Candidate 01': 'b' } }), good(6, '코딩'), good(7)];
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const run = await runCli(['import', file, '--into', id], env);
      expect(run.code, run.err).toBe(1);
      expect(run.out).toBe(`imported 4 prompts into ${id} (it now has 4)\nhttps://versus.example/w/${id}\n`);
      expect(run.err).toContain('2 lines left out:');
      expect(run.err).toContain('line 2: not valid JSON');
      expect(run.err).toContain('line 5: no candidate is named "Carol"');
      expect(run.err).not.toMatch(/line [1367]:/);
      const list = await prompts();
      expect(list.prompts).toBe(4);
      expect(new Map(list.categories.map((c) => [c.name, c.prompts]))).toEqual(new Map([['코딩', 2], ['글쓰기', 1]]));

      // A second import adds to them; every line good: exit code 0.
      const more = path.join(dir, 'more.jsonl');
      fs.writeFileSync(more, `${good(8, '한국어')}\n`);
      const again = await runCli(['import', more, '--into', id], env);
      expect([again.code, again.err]).toEqual([0, '']);
      expect(again.out).toContain(`imported 1 prompt into ${id} (it now has 5)`);
      expect((await prompts()).categories.map((c) => c.name).sort()).toEqual(['글쓰기', '코딩', '한국어'].sort());
    }, CLI_TIMEOUT_MS);

    it('replaces the prompts with a big file; line numbers past the first chunk and of a wholly bad chunk are the file\'s', async () => {
      const lines: string[] = [];
      for (let n = 1; n <= 100; n++) lines.push(n === 57 ? JSON.stringify({ prompt: 'lonely', responses: { 'Candidate 01': 'only one' } }) : good(n, '코딩'));
      for (let n = 101; n <= 200; n++) lines.push(`garbage ${n}`);
      for (let n = 201; n <= 210; n++) lines.push(good(n, '한국어'));
      const file = path.join(dir, 'big.jsonl');
      fs.writeFileSync(file, lines.join('\n'));
      const run = await runCli(['import', file, '--into', id, '--replace'], env);
      expect(run.code, run.err).toBe(1);
      expect(run.out).toContain(`imported 109 prompts into ${id} (it now has 109)`);
      // 1 + 100 left out; the first 50 by line are printed.
      expect(run.err).toContain('101 lines left out:');
      expect(run.err).toContain('line 57: a prompt needs responses from at least two candidates');
      expect(run.err).toContain('line 101: not valid JSON');
      expect(run.err).toContain('line 149: not valid JSON');
      expect(run.err).not.toContain('line 150:');
      expect(run.err).toContain('… and 51 more');
      const list = await prompts();
      expect(list.prompts).toBe(109);
      // Replaced: the 글쓰기 prompts of the first import are gone.
      expect(new Map(list.categories.map((c) => [c.name, c.prompts]))).toEqual(new Map([['코딩', 99], ['한국어', 10]]));
    }, CLI_TIMEOUT_MS);

    it('refuses usage errors and an unknown world cup without importing anything', async () => {
      const file = path.join(dir, 'one.jsonl');
      fs.writeFileSync(file, good(1));
      const noInto = await runCli(['import', file], env);
      expect(noInto.code).toBe(2);
      expect(noInto.err).toContain('add --into');
      const mixed = await runCli(['import', file, '--into', id, '--title', 'New'], env);
      expect(mixed.code).toBe(2);
      const unknown = await runCli(['import', file, '--into', 'nosuchworldcup'], env);
      expect([unknown.code, unknown.err]).toEqual([1, 'import refused: no world cup nosuchworldcup\n']);
      expect((await prompts()).prompts).toBe(109);
    }, CLI_TIMEOUT_MS);
  });
}
