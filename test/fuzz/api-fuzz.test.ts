/**
 * Fuzzing the whole HTTP surface, on SQLite and PostgreSQL: over 10,000 generated bad requests per
 * dialect (categories and counts in requests-body.ts and requests-raw.ts; FUZZ_SEED replays a run)
 * against `versus serve` as its own process, over real HTTP. Every documented route is reached,
 * including routes added after this file was written (they come from the OpenAPI document).
 *
 * What a user would notice, and what is asserted: no request gets a 5xx or no answer at all; every
 * refusal is a JSON `{"error":{"code","message"}}`; requests whose category fixes the answer get it
 * (a broken schema 400, a body over 1 MB 413, a cross-site request 403, …); no bad request is ever
 * accepted and nothing stored changes (every table compared before and after); no file leaks and
 * no header can be injected; and the server is still up and playable afterwards.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Game, Upload, WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, apiDialects, fileForm, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { type ServerProcess, startServerProcess } from '../helpers/process.js';
import { type RawDb, type TableState, openRawDb, tableStates } from '../helpers/raw-db.js';
import { type Ctx, type FuzzRequest, type OpenApiDoc, type Targets, routesOf, sampleCategory } from './requests.js';
import { BODY_CATEGORIES } from './requests-body.js';
import { RAW_CATEGORIES } from './requests-raw.js';
import { type Outcome, describe as describeRequest, errorShape, sendAll } from './send.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
const CONCURRENCY = 12;
/** Written by the ranking engine whenever a ranking is read: not user data a bad request could touch. */
const DERIVED_TABLES = ['ranking_snapshots'];
const LEAK_MARKERS = ['root:x:0:0', '"devDependencies"', '"allowScripts"', 'DATABASE_URL=', 'BEGIN PRIVATE KEY'];

/** Data the fuzzer aims at: a world cup with candidates, a private one, an image, a game in play and a finished one. */
async function setUp(url: string): Promise<{ targets: Targets; owner: ApiClient }> {
  const owner = new ApiClient(() => url);
  const create = (body: object) => owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: body });
  const wc = await create({ title: 'fuzz target', tags: ['fuzz'], candidates: textCandidates(8) });
  const priv = await create({ title: 'private target', visibility: 'private', candidates: textCandidates(4, 'Private ') });
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
  const image = await owner.ok<Upload>('POST', '/api/v1/uploads', 201, { body: fileForm(png, 'red.png', 'image/png') });
  const start = (size: number) => owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size } });
  const pick = (g: Game) => owner.ok<Game>('POST', `/api/v1/games/${g.id}/picks`, 200, { json: { winner: g.match?.a.id, picks: g.picks } });
  const active = await pick(await pick(await pick(await start(8))));
  let finished = await start(4);
  while (!finished.done) finished = await pick(finished);
  if (!active.match) throw new Error('the active game has no match');
  const targets: Targets = {
    worldcupId: wc.id,
    privateWorldcupId: priv.id,
    candidateIds: wc.candidates.map((c) => c.id),
    foreignCandidateId: priv.candidates[0]?.id ?? priv.id,
    activeGameId: active.id,
    activePicks: active.picks,
    activeMatch: [active.match.a.id, active.match.b.id],
    finishedGameId: finished.id,
    finishedPicks: finished.picks,
    imageId: image.id,
  };
  return { targets, owner };
}

function generate(ctx: Ctx): { requests: FuzzRequest[]; counts: Record<string, number> } {
  const requests: FuzzRequest[] = [];
  const counts: Record<string, number> = {};
  let offset = 0;
  for (const [name, { count, make }] of Object.entries({ ...BODY_CATEGORIES, ...RAW_CATEGORIES })) {
    const batch = sampleCategory(make, ctx, count, SEED + 1_000_003 * offset++);
    counts[name] = batch.length;
    requests.push(...batch);
  }
  // Interleave the categories, deterministically, so that no stretch of the run is one kind of request.
  const order = requests.map((_, i) => i).sort((a, b) => ((a * 2_654_435_761) % 4_294_967_291) - ((b * 2_654_435_761) % 4_294_967_291));
  return { requests: order.map((i) => requests[i] as FuzzRequest), counts };
}

/** Unhandled errors from the server's log (pino JSON lines at level ≥ 50), deduplicated, with their stacks. */
function serverErrors(output: string): string[] {
  const seen = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{') || !/"level":(5|6)0/.test(line)) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } };
      const key = `${entry.msg ?? ''}: ${(entry.err?.stack ?? entry.err?.message ?? '').split('\n').slice(0, 5).join('\n    ')}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } catch {
      seen.set(line.slice(0, 300), (seen.get(line.slice(0, 300)) ?? 0) + 1);
    }
  }
  return [...seen].map(([k, n]) => `${n}× ${k}`);
}

const line = (o: Outcome) => `${describeRequest(o.req)}\n      → ${o.status || o.error} ${o.body.slice(0, 160)}`;

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API fuzz (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: ServerProcess | undefined;
    let raw: RawDb | undefined;
    let ctx: Ctx;
    let targets: Targets;
    /** The session that made the targets (the fuzzer never has it): it plays the game afterwards. */
    let owner: ApiClient;
    let outcomes: Outcome[] = [];
    let before: Record<string, TableState> = {};
    let after: Record<string, TableState> = {};

    beforeAll(async () => {
      const startedAt = Date.now();
      db = await createTestDatabase(dialect);
      server = await startServerProcess({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', SEED: '0' });
      ({ targets, owner } = await setUp(server.url));
      const doc = (await (await fetch(`${server.url}/api/docs/json`)).json()) as OpenApiDoc;
      ctx = { routes: routesOf(doc), targets };
      const { requests, counts } = generate(ctx);
      raw = await openRawDb(db);
      before = await tableStates(raw, DERIVED_TABLES);
      const sendingAt = Date.now();
      outcomes = await sendAll(server.url, requests, CONCURRENCY);
      after = await tableStates(raw, DERIVED_TABLES);
      const statuses: Record<string, number> = {};
      for (const o of outcomes) statuses[o.status || 'none'] = (statuses[o.status || 'none'] ?? 0) + 1;
      const tables = Object.entries(before).map(([t, { rows }]) => `${t} ${rows}`).join(', ');
      console.log(
        `API fuzz (${dialect}): seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${requests.length} requests in ${((Date.now() - sendingAt) / 1000).toFixed(1)} s ` +
          `(${((Date.now() - startedAt) / 1000).toFixed(1)} s with setup), ${CONCURRENCY} at a time\n  per category: ${JSON.stringify(counts)}\n  statuses: ${JSON.stringify(statuses)}\n  rows compared before and after: ${tables}`,
      );
    }, 150_000);

    afterAll(async () => {
      await raw?.close();
      server?.child.kill('SIGKILL');
      await server?.exited;
      await db?.drop();
    });

    it('sends over 10,000 requests and reaches every documented route', () => {
      expect(outcomes.length).toBeGreaterThanOrEqual(10_000);
      const perRoute = new Map(ctx.routes.map((r) => [`${r.method} ${r.template}`, 0]));
      for (const o of outcomes) if (o.req.target) perRoute.set(o.req.target, (perRoute.get(o.req.target) ?? 0) + 1);
      expect([...perRoute].filter(([, n]) => n < 20)).toEqual([]);
      expect(outcomes.filter((o) => o.error?.startsWith('not sendable')).map(line)).toEqual([]);
    });

    it('answers every request, none with a 5xx', () => {
      const offenders = outcomes.filter((o) => o.status === 0 || o.status >= 500);
      const report = offenders.map(line);
      if (offenders.length > 0) {
        console.log(`${offenders.length} requests got a 5xx or no answer (${dialect}):\n  ${report.join('\n  ')}\nserver log:\n  ${serverErrors(server?.output() ?? '').join('\n  ')}`);
      }
      expect(report).toEqual([]);
    });

    it('answers every refusal with {"error":{"code","message"}}', () => {
      const offenders = outcomes.filter((o) => {
        if (o.status < 400 || o.status >= 500 || o.req.method === 'HEAD') return false;
        // The web app's fallback answers non-API paths (index.html, or a plain 404 while dist/web is being rebuilt).
        if (o.status === 404 && !o.req.path.startsWith('/api/') && !o.contentType.includes('application/json')) return false;
        return errorShape(o) === undefined;
      });
      // One line per kind of wrong answer, with how often it came and one request that got it.
      const kinds = new Map<string, { n: number; example: Outcome }>();
      for (const o of offenders) {
        const key = `${o.status} ${o.contentType.split(';')[0]} ${o.body.replace(/'[^']*'/g, "'…'").slice(0, 110)}`;
        const k = kinds.get(key) ?? { n: 0, example: o };
        k.n++;
        kinds.set(key, k);
      }
      expect([...kinds].map(([key, { n, example }]) => `${n}× ${key}\n      e.g. ${describeRequest(example.req)}`)).toEqual([]);
    });

    it('refuses each request the way its category demands', () => {
      const wrong = outcomes.filter((o) => {
        const want = o.req.expect;
        if (want === undefined || o.status === 0 || o.status >= 500) return false; // reported above
        const statusOk = want === '4xx' ? o.status >= 400 && o.status < 500 : want.includes(o.status);
        const codeOk = o.req.expectCode === undefined || errorShape(o)?.code === o.req.expectCode;
        return !statusOk || !codeOk;
      });
      expect(wrong.map((o) => `${line(o)}\n      expected ${JSON.stringify(o.req.expect)} ${o.req.expectCode ?? ''}`).slice(0, 40)).toEqual([]);
      expect(outcomes.filter((o) => o.req.expect !== undefined).length).toBeGreaterThan(4000);
    });

    it('accepts none of them: no success for any method but GET and HEAD', () => {
      const accepted = outcomes.filter((o) => o.req.method !== 'GET' && o.req.method !== 'HEAD' && o.status >= 200 && o.status < 400);
      expect(accepted.map(line)).toEqual([]);
    });

    it('leaks no file and lets no header be injected', () => {
      const leaks = outcomes.filter((o) => LEAK_MARKERS.some((m) => o.body.includes(m)));
      const injected = outcomes.filter((o) => 'x-fuzz-injected' in o.headers || String(o.headers['set-cookie'] ?? '').includes('fuzz_injected'));
      expect([...leaks, ...injected].map(line)).toEqual([]);
      // Streams were opened where they should be, and answered with a stream.
      expect(outcomes.filter((o) => o.stream).length).toBeGreaterThan(10);
    });

    it('changes nothing stored', () => {
      expect(Object.keys(before)).toEqual(expect.arrayContaining(['worldcups', 'candidates', 'games', 'picks', 'pair_counts', 'uploads']));
      expect(before.picks?.rows).toBe(targets.activePicks + targets.finishedPicks);
      expect(after).toEqual(before);
    });

    it('is still up and playable afterwards', async () => {
      const url = server?.url ?? '';
      expect(server?.child.exitCode).toBeNull();
      const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      // Its player can still play the game that was attacked all along, from where it was.
      const player = owner;
      const game = await player.ok<Game>('GET', `/api/v1/games/${targets.activeGameId}`, 200);
      expect(game.picks).toBe(targets.activePicks);
      expect([game.match?.a.id, game.match?.b.id]).toEqual(targets.activeMatch);
      const next = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: targets.activeMatch[1], picks: game.picks } });
      expect(next.picks).toBe(targets.activePicks + 1);
      const wc = await player.ok<WorldCup>('GET', `/api/v1/worldcups/${targets.worldcupId}`, 200);
      expect(wc.title).toBe('fuzz target');
      expect(wc.candidates.map((c) => c.id)).toEqual(targets.candidateIds);
    });
  });
}
