/**
 * `versus import` and `versus export` as their own processes, on SQLite and PostgreSQL, beside a
 * server over the same database: a folder, a ZIP and a CSV become world cups the API serves (owned
 * by the named account), exports say what the API says, and refused sources (a path leaving the
 * ZIP, a zip bomb, a bad CSV line) create nothing and say why.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseCsv } from '../../src/domain/csv.js';
import { type Server, startServer } from '../../src/server.js';
import type { Game, Ranking, WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { ApiClient, apiDialects } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { CLI_TIMEOUT_MS, type Run, runCli } from '../helpers/cli.js';
import { TRUST_AND_SAFETY_OFF } from '../helpers/rules-off.js';
import { makeZip } from '../helpers/zip.js';


const png = (shade: number): Promise<Buffer> =>
  sharp({ create: { width: 32, height: 24, channels: 3, background: { r: shade, g: 80, b: 160 - shade / 2 } } }).png().toBuffer();

/** The id a successful import printed. */
function createdId(run: Run): string {
  expect(run.code, run.err).toBe(0);
  const m = /^created world cup ([A-Za-z0-9_-]+) with \d+ candidates\n(\S+)\/w\/\1\n$/.exec(run.out);
  expect(m, run.out).not.toBeNull();
  return m?.[1] ?? '';
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`versus import / export (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let env: Record<string, string> = {};
    let dir = '';
    const browser = () => new ApiClient(() => server?.url ?? '');
    const alice = browser();
    const worldcupCount = async () => (await browser().ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new&limit=60', 200)).items.length;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = path.join(db.dataDir, 'sources');
      fs.mkdirSync(dir);
      env = { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', PUBLIC_URL: 'https://versus.example/' };
      server = await startServer({ ...loadConfig({ ...env, LOG_LEVEL: 'error' }), ...TRUST_AND_SAFETY_OFF, port: 0, seed: false });
      await alice.ok('POST', '/api/v1/auth/signup', 201, { json: { username: 'alice', password: 'alice password' } });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await db?.drop();
    }, CLI_TIMEOUT_MS);

    it('imports a folder of images for an account: names from file names in natural order, non-images skipped', async () => {
      const folder = path.join(dir, 'Cute_Cats');
      fs.mkdirSync(folder);
      for (const [i, file] of ['cat-10.png', 'cat_2.png', 'cat 1.png', 'Black-Cat.png'].entries()) fs.writeFileSync(path.join(folder, file), await png(i * 60));
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'not an image');
      fs.writeFileSync(path.join(folder, '.DS_Store'), 'junk');
      const run = await runCli(['import', folder, '--owner', 'ALICE', '--visibility', 'unlisted'], env);
      const id = createdId(run);
      expect(run.out).toContain(`https://versus.example/w/${id}`);
      expect(run.err).toContain('skipped notes.txt: not an image');
      const wc = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${id}`, 200);
      expect(wc).toMatchObject({ title: 'Cute Cats', visibility: 'unlisted' });
      expect(wc.candidates.map((c) => c.name)).toEqual(['Black Cat', 'cat 1', 'cat 2', 'cat 10']);
      expect(wc.candidates.every((c) => c.media?.kind === 'image')).toBe(true);
      // Alice owns it: she may edit it, and a stranger may not.
      await alice.ok('PATCH', `/api/v1/worldcups/${id}`, 200, { json: { title: 'Cats of Alice' } });
      expect((await browser().patch(`/api/v1/worldcups/${id}`, { title: 'mine now' })).status).toBe(403);
    }, CLI_TIMEOUT_MS);

    it('imports a ZIP (nested folders, junk left out) and refuses a malicious one without creating anything', async () => {
      const entries = await Promise.all(['Seoul', 'Busan', 'Daegu', 'Incheon'].map(async (n, i) => ({ path: `cities/${n}.png`, data: await png(i * 50) })));
      const good = path.join(dir, 'korean-cities.zip');
      fs.writeFileSync(good, makeZip([...entries, { path: '__MACOSX/cities/._Seoul.png', data: Buffer.from('junk') }, { path: 'cities/', data: Buffer.alloc(0) }]));
      const id = createdId(await runCli(['import', good], env));
      const wc = await browser().ok<WorldCup>('GET', `/api/v1/worldcups/${id}`, 200);
      expect(wc.title).toBe('korean cities');
      expect(wc.candidates.map((c) => c.name)).toEqual(['Busan', 'Daegu', 'Incheon', 'Seoul']);
      // Owned by the site, like the starter world cups: nobody can edit it in the app.
      expect((await alice.patch(`/api/v1/worldcups/${id}`, { title: 'mine' })).status).toBe(403);

      const before = await worldcupCount();
      const refusals: [string, Buffer, RegExp][] = [
        ['traversal.zip', makeZip([...entries, { path: '../evil.png', data: entries[0]?.data ?? Buffer.alloc(0) }]), /\.\.\/evil\.png: the path leaves the archive/],
        ['big.zip', makeZip([...entries, { path: 'huge.png', data: Buffer.alloc(11 * 1024 * 1024) }]), /huge\.png: 11 MB uncompressed, more than the 10 MB/],
        ['bomb.zip', makeZip([...entries, { path: 'bomb.png', data: Buffer.alloc(9 * 1024 * 1024), declaredSize: 1000 }]), /bomb\.png: expands past its declared size/],
        ['not-a.zip', Buffer.from('hello, not a zip'), /not a ZIP archive/],
      ];
      for (const [name, bytes, message] of refusals) {
        fs.writeFileSync(path.join(dir, name), bytes);
        const run = await runCli(['import', path.join(dir, name)], env);
        expect(run.code, run.err).toBe(1);
        expect(run.err).toMatch(message);
        expect(run.out).toBe('');
      }
      expect(await worldcupCount()).toBe(before);
    }, CLI_TIMEOUT_MS);

    let csvId = '';
    it('imports a CSV of text, YouTube and image candidates with groups; a bad line is named', async () => {
      fs.mkdirSync(path.join(dir, 'pics'));
      fs.writeFileSync(path.join(dir, 'pics', 'kimchi.png'), await png(200));
      const csv = [
        'name,image,youtube,text,group',
        'Kimchi,pics/kimchi.png,,,food',
        'Gangnam Style,,9bZkp7q19f0,,music',
        '"Bibimbap, with egg",,,"rice, vegetables and ""gochujang""\nmixed",food',
        '=cmd,,,plain text,',
        'Arirang,,https://www.youtube.com/watch?v=dQw4w9WgXcQ,,music',
      ].join('\r\n');
      fs.writeFileSync(path.join(dir, 'Korea Things.csv'), `\uFEFF${csv}\r\n`);
      csvId = createdId(await runCli(['import', path.join(dir, 'Korea Things.csv'), '--title', 'Korea!'], env));
      const wc = await browser().ok<WorldCup>('GET', `/api/v1/worldcups/${csvId}`, 200);
      expect(wc.title).toBe('Korea!');
      expect(wc.candidates.map((c) => [c.name, c.group, c.media?.kind])).toEqual([
        ['Kimchi', 'food', 'image'],
        ['Gangnam Style', 'music', 'video'],
        ['Bibimbap, with egg', 'food', 'text'],
        ['=cmd', null, 'text'],
        ['Arirang', 'music', 'video'],
      ]);
      expect(wc.candidates[1]?.media).toMatchObject({ kind: 'video', youtubeId: '9bZkp7q19f0' });
      expect(wc.candidates[2]?.media).toEqual({ kind: 'text', text: 'rice, vegetables and "gochujang"\nmixed' });

      const before = await worldcupCount();
      const bad: [string, RegExp][] = [
        ['name,image,youtube,text,group\nA,,,a,\nB,,,b,\n,,,c,\nD,,,d,\n', /line 4: the name is empty/],
        ['name,image,youtube,text,group\nA,,,a,\nB,missing.png,,,\nC,,,c,\nD,,,d,\n', /line 3: no image file at missing\.png/],
        ['name,image,youtube,text,group\nA,,,a,\nB,,,"b,\n', /line 3: a quoted field is never closed/],
        ['name,photo\nA,x\n', /line 1: unknown column "photo"/],
        ['name,text\nA,a\nB,b\nC,c\nD,d\nE,"e,2\n",x\n', /line 6: 3 fields, but the header has 2/],
        ['name,youtube\nA,no-such-video-id\nB,9bZkp7q19f0\nC,dQw4w9WgXcQ\nD,9bZkp7q19f1\n', /line 2: .*YouTube/],
      ];
      for (const [k, [text, message]] of bad.entries()) {
        fs.writeFileSync(path.join(dir, `bad${k}.csv`), text);
        const run = await runCli(['import', path.join(dir, `bad${k}.csv`)], env);
        expect(run.code, run.err).toBe(1);
        expect(run.err).toMatch(message);
      }
      expect(await worldcupCount()).toBe(before);
    }, CLI_TIMEOUT_MS);

    it('exports the ranking as the API serves it, the world cup as JSON, and the counted votes', async () => {
      const player = browser();
      let picks = 0;
      for (let g = 0; g < 2; g++) {
        let game = await player.ok<Game>('POST', `/api/v1/worldcups/${csvId}/games`, 201, { json: { size: 4 } });
        while (game.match) {
          game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
          picks++;
        }
      }
      // Past its 2-second cutoff the ranking answers with the previous fit: wait for the one that counts every pick.
      const fresh = () => player.ok<Ranking>('GET', `/api/v1/worldcups/${csvId}/ranking`, 200);
      await expect.poll(async () => (await fresh()).votes, { timeout: 15_000 }).toBe(picks);
      const ranking = await fresh();

      const csv = await runCli(['export', csvId], env);
      expect(csv.code, csv.err).toBe(0);
      const served = (await player.request('GET', `/api/v1/worldcups/${csvId}/ranking.csv`)).text;
      expect(csv.out).toBe(served);
      expect(parseCsv(csv.out).map((r) => r.fields[2])).toEqual(['candidate_id', ...ranking.items.map((i) => i.candidateId)]);
      expect(csv.out).toContain(",'=cmd,");

      const json = await runCli(['export', csvId, '--format', 'json'], env);
      expect(json.code, json.err).toBe(0);
      const exported = JSON.parse(json.out) as { worldcup: WorldCup; ranking: Ranking };
      expect(exported.worldcup.candidates.map((c) => c.name)).toEqual(['Kimchi', 'Gangnam Style', 'Bibimbap, with egg', '=cmd', 'Arirang']);
      expect(exported.ranking.items.map((i) => [i.candidateId, i.wins, i.losses, i.score])).toEqual(ranking.items.map((i) => [i.candidateId, i.wins, i.losses, i.score]));

      const file = path.join(dir, 'votes.jsonl');
      const votes = await runCli(['export', csvId, '--votes', '--out', file], env);
      expect(votes.code, votes.err).toBe(0);
      expect(votes.err).toContain(`wrote ${picks} votes of ${csvId} to ${file}`);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(picks);
      expect(new Set(lines.map((l) => (JSON.parse(l) as { voter: string }).voter)).size).toBe(1);
      // Never overwrites, and says so.
      const again = await runCli(['export', csvId, '--votes', '--out', file], env);
      expect([again.code, again.err.trim()]).toEqual([1, `${file} exists: export refuses to overwrite a file`]);
      const unknown = await runCli(['export', 'nosuchworldcup'], env);
      expect([unknown.code, unknown.err.trim()]).toEqual([1, 'no world cup nosuchworldcup']);
      const usage = await runCli(['export', csvId, '--format', 'xml'], env);
      expect(usage.code).toBe(2);
      expect(usage.err).toContain('usage: versus export ID');
    }, CLI_TIMEOUT_MS);
  });
}
