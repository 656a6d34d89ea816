/**
 * The export files over HTTP, on both dialects: ranking.csv says what the ranking JSON says, for
 * whoever may see the world cup; votes.jsonl lists exactly the counted votes, for the owner only,
 * with voters pseudonymised per world cup and no capability (game id, session) in it.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.js';
import { RANKING_CSV_COLUMNS } from '../../src/services/exports.js';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, useTestServer } from '../helpers/api.js';

const NAMES = ['=SUM(A1)', 'Bravo, the second', 'Charlie "C"', '@Delta', 'Echo', '-Foxtrot', 'Golf', 'Hotel'];

async function create(user: ApiClient, title: string, visibility: 'public' | 'private' = 'public'): Promise<WorldCup> {
  return user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
    json: { title, visibility, candidates: NAMES.map((name, i) => ({ name, ...(i % 2 === 0 ? { group: i < 4 ? '+open' : 'closed' } : {}) })) },
  });
}

/** Plays one 8강 game to its champion (the earlier name in NAMES wins, one pick undone and made again if asked). */
async function play(user: ApiClient, wc: WorldCup, opts: { undoOnce?: boolean } = {}): Promise<{ gameId: string; picks: number }> {
  const rank = (id: string) => NAMES.indexOf(wc.candidates.find((c) => c.id === id)?.name ?? '');
  let game = await user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
  let undone = !opts.undoOnce;
  while (game.match) {
    const { a, b } = game.match;
    game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: rank(a.id) < rank(b.id) ? a.id : b.id, picks: game.picks } });
    if (!undone) {
      game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/undo`, 200, { json: { picks: game.picks } });
      undone = true;
    }
  }
  return { gameId: game.id, picks: game.picks };
}

/** The CSV cell for a number of the JSON (empty for null), as the export writes it. */
const cell = (v: number | null): string => (v === null ? '' : String(v));
const rate = (v: number | null): string => (v === null ? '' : String(Math.round(v * 10_000) / 10_000));

interface Vote {
  time: string;
  source: string;
  a: string;
  b: string;
  winner: string;
  voter: string;
}
const linesOf = (text: string): Vote[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Vote);

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API exports (${dialect})`, () => {
    // Fair play on for one rule: a fourth game of a world cup within the hour from one session or
    // address is excluded (every client here shares 127.0.0.1).
    const t = useTestServer(dialect, { config: { flagGamesPerHour: 3 } });
    let alice: ApiClient;
    let bob: ApiClient;
    let wc: WorldCup;
    const gameIds: string[] = [];

    it('ranking.csv has the ranking JSON, row for row, formula-safe and RFC 4180-quoted, for anyone', async () => {
      alice = t.user();
      bob = t.user();
      wc = await create(alice, 'export me');
      gameIds.push((await play(alice, wc, { undoOnce: true })).gameId, (await play(alice, wc)).gameId);
      gameIds.push((await play(bob, wc)).gameId);
      gameIds.push((await play(alice, wc)).gameId); // the address's fourth: flagged, its votes excluded
      // The ranking answers within its 2-second cutoff, with the previous fit if a loaded machine is
      // slower: wait for the one that counts every vote.
      const fresh = () => alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      await expect.poll(async () => (await fresh()).votes, { timeout: 15_000 }).toBe(21);
      const ranking = await fresh();
      expect(ranking.excludedVotes).toBe(7);

      const res = await t.anonymous().raw('GET', `/api/v1/worldcups/${wc.id}/ranking.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="versus-${wc.id}-ranking.csv"`);
      const text = await res.text();
      expect(text).toContain('"Bravo, the second"');
      expect(text).toContain('"Charlie ""C"""');
      const [header, ...rows] = parseCsv(text).map((r) => r.fields);
      expect(header).toEqual([...RANKING_CSV_COLUMNS]);
      expect(rows.map((r) => r[3])).toEqual(
        ranking.items.map((i) => (/^[=+\-@]/.test(i.name) ? `'${i.name}` : i.name)),
      );
      expect(rows.map((r) => r[3])).toContain("'=SUM(A1)");
      ranking.items.forEach((it, k) => {
        expect(rows[k]).toEqual([
          cell(it.rank),
          cell(it.position),
          it.candidateId,
          rows[k]?.[3],
          cell(it.score),
          cell(it.ci?.[0] ?? null),
          cell(it.ci?.[1] ?? null),
          String(it.wins),
          String(it.losses),
          String(it.ties),
          String(it.matches),
          rate(it.winRate),
          String(it.appearances),
          String(it.championships),
          rate(it.championshipRate),
          it.provisional ? '1' : '0',
          it.group === null ? '' : it.group.startsWith('+') ? `'${it.group}` : it.group,
        ]);
      });
    });

    it('votes.jsonl lists exactly the counted votes, to the owner only, with no capability in it', async () => {
      expectError(await bob.get(`/api/v1/worldcups/${wc.id}/votes.jsonl`), 403, 'forbidden');
      expectError(await t.anonymous().get(`/api/v1/worldcups/${wc.id}/votes.jsonl`), 403, 'forbidden');
      expectError(await alice.get('/api/v1/worldcups/nosuchworldcup/votes.jsonl'), 404, 'not_found');
      expectError(await alice.get('/api/v1/worldcups/bad!id/votes.jsonl'), 400, 'invalid_request');

      const res = await alice.raw('GET', `/api/v1/worldcups/${wc.id}/votes.jsonl`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="versus-${wc.id}-votes.jsonl"`);
      const text = await res.text();
      const votes = linesOf(text);
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(votes).toHaveLength(ranking.votes);
      for (const id of gameIds) expect(text).not.toContain(id);
      for (const session of [alice.session, bob.session]) expect(text).not.toContain(session);

      const ids = new Set(wc.candidates.map((c) => c.id));
      for (const v of votes) {
        expect(Object.keys(v).sort()).toEqual(['a', 'b', 'source', 'time', 'voter', 'winner']);
        expect(v.source).toBe('bracket');
        expect(v.a < v.b && ids.has(v.a) && ids.has(v.b)).toBe(true);
        expect([v.a, v.b]).toContain(v.winner);
        expect(v.voter).toMatch(/^[0-9a-f]{16}$/);
        expect(Number.isNaN(Date.parse(v.time))).toBe(false);
      }
      // Wins per candidate add up to the ranking's.
      const wins = new Map<string, number>();
      for (const v of votes) wins.set(v.winner, (wins.get(v.winner) ?? 0) + 1);
      for (const it of ranking.items) expect(wins.get(it.candidateId) ?? 0, it.name).toBe(it.wins);
      // Two voters: alice's two counted games (the undone pick made again: 7 + 7) and bob's one.
      const byVoter = new Map<string, number>();
      for (const v of votes) byVoter.set(v.voter, (byVoter.get(v.voter) ?? 0) + 1);
      expect([...byVoter.values()].sort((x, y) => x - y)).toEqual([7, 14]);
    });

    it('pseudonyms are stable within a world cup and differ across world cups', async () => {
      const again = linesOf(await alice.request('GET', `/api/v1/worldcups/${wc.id}/votes.jsonl`).then((r) => r.text));
      const first = linesOf(await alice.request('GET', `/api/v1/worldcups/${wc.id}/votes.jsonl`).then((r) => r.text));
      expect(again).toEqual(first);
      const aliceHash = [...new Set(first.map((v) => v.voter))];

      const other = await create(alice, 'another one');
      await play(alice, other);
      const there = linesOf(await alice.request('GET', `/api/v1/worldcups/${other.id}/votes.jsonl`).then((r) => r.text));
      expect(there).toHaveLength(7);
      expect(new Set(there.map((v) => v.voter)).size).toBe(1);
      for (const h of aliceHash) expect(there[0]?.voter).not.toBe(h);

      // A world cup without votes is an empty file, not an error.
      const empty = await create(alice, 'nobody played');
      const res = await alice.request('GET', `/api/v1/worldcups/${empty.id}/votes.jsonl`);
      expect([res.status, res.text]).toEqual([200, '']);
    });

    it('a private world cup: 404 to everyone but its owner, for both files', async () => {
      const secret = await create(alice, 'private one', 'private');
      await play(alice, secret);
      for (const path of ['ranking.csv', 'votes.jsonl']) {
        expectError(await bob.get(`/api/v1/worldcups/${secret.id}/${path}`), 404, 'not_found');
        expectError(await t.anonymous().get(`/api/v1/worldcups/${secret.id}/${path}`), 404, 'not_found');
        expect((await alice.request('GET', `/api/v1/worldcups/${secret.id}/${path}`)).status).toBe(200);
      }
      const csv = parseCsv((await alice.request('GET', `/api/v1/worldcups/${secret.id}/ranking.csv`)).text);
      expect(csv).toHaveLength(1 + NAMES.length);
    });
  });
}

describe('API exports are rate limited (sqlite)', () => {
  const t = useTestServer('sqlite', { config: { limitExportsPerMinute: 2, limitIpMultiplier: 10 } });

  it('refuses the third download of a minute with 429 and Retry-After', async () => {
    const alice = t.user();
    const wc = await create(alice, 'limited');
    await alice.ok('GET', `/api/v1/worldcups/${wc.id}/ranking.csv`, 200);
    await alice.ok('GET', `/api/v1/worldcups/${wc.id}/votes.jsonl`, 200);
    const refused = await alice.get(`/api/v1/worldcups/${wc.id}/ranking.csv`);
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
