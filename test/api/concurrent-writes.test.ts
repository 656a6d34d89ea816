/**
 * Writes that race each other on one world cup, on SQLite and PostgreSQL: a DELETE while the final
 * picks of several games are in flight, and two PATCHes while games finish. On PostgreSQL these
 * lock the same rows (games, pair cells, candidates, the world cup) in different orders, and used to
 * end in 500 `deadlock detected`. Whatever interleaving happens, no client sees a 5xx and the stored
 * counts stay equal to a recount of the picks and games.
 */
import { describe, expect, it } from 'vitest';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import { expectAggregatesMatchRecount } from '../helpers/recount.js';
import { type ApiClient, type ApiResponse, type ServerFixture, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

const ROUNDS = 12;
/** Games per round, each played to just before its final pick. */
const GAMES = 6;
const SIZE = 16;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pick = (user: ApiClient, game: Game): Promise<ApiResponse<Game>> => {
  if (!game.match) throw new Error(`game ${game.id} has no open match`);
  return user.request<Game>('POST', `/api/v1/games/${game.id}/picks`, { json: { winner: game.match.a.id, picks: game.picks } });
};

/** Starts a game and plays it until one pick (the final) is left. */
async function nearlyFinishedGame(user: ApiClient, wc: WorldCup): Promise<Game> {
  let game = await user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: SIZE } });
  while (game.picks < game.totalPicks - 1) {
    const res = await pick(user, game);
    expect(res.status, res.text).toBe(200);
    game = res.body;
  }
  return game;
}

async function setUp(t: ServerFixture, round: number): Promise<{ owner: ApiClient; wc: WorldCup; players: ApiClient[]; games: Game[] }> {
  const owner = t.user();
  const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: `race ${round}`, candidates: textCandidates(SIZE) } });
  const players = Array.from({ length: GAMES }, () => t.user());
  const games = await Promise.all(players.map((p) => nearlyFinishedGame(p, wc)));
  return { owner, wc, players, games };
}

/** Rows of a table that belong to a world cup. */
async function rowsOf(t: ServerFixture, table: 'candidates' | 'games' | 'picks' | 'pair_counts', worldcupId: string): Promise<number> {
  const rows = await t.server.server.store.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('worldcup_id', '=', worldcupId)
    .executeTakeFirst();
  return Number(rows?.n ?? 0);
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API concurrent writes (${dialect})`, () => {
    const t = useTestServer(dialect);

    it(`deletes a world cup while the final picks of ${GAMES} games are in flight (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { owner, wc, players, games } = await setUp(t, round);
        const deleted = owner.delete(`/api/v1/worldcups/${wc.id}`);
        // Some at once with the delete, the others a few milliseconds later: some commit before it, some lose to it.
        const finals = players.slice(1).map(async (p, i) => {
          await sleep(Math.max(0, i - 2) * 4);
          return pick(p, games[i + 1] as Game);
        });
        const [del, ...picks] = await Promise.all([deleted, ...finals]);
        expect(del?.status, del?.text).toBe(204);
        // One that certainly comes after it.
        picks.push(await pick(players[0] as ApiClient, games[0] as Game));
        for (const res of picks) {
          // A pick that committed first finished its game; one that lost to the delete finds no game.
          if (res.status === 200) expect(res.body.done).toBe(true);
          else expectError(res, 404, 'not_found');
        }
        expectError(await owner.get(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');
        for (const table of ['candidates', 'games', 'picks', 'pair_counts'] as const) {
          expect({ table, rows: await rowsOf(t, table, wc.id) }).toEqual({ table, rows: 0 });
        }
      }
    });

    it(`applies two PATCHes while ${GAMES} games finish, and keeps the counts equal to a recount (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { owner, wc, players, games } = await setUp(t, round);
        // The two edits list the candidates in opposite orders, so they update the rows in opposite orders.
        const edited = wc.candidates.map((c, i) => ({ id: c.id, name: c.name, text: `edited ${round} ${i}` }));
        const patches = [edited, [...edited].reverse()].map((candidates, i) =>
          owner.patch<WorldCup>(`/api/v1/worldcups/${wc.id}`, { title: `race ${round} edit ${i}`, candidates }),
        );
        const finals = players.map((p, i) => pick(p, games[i] as Game));
        const results = await Promise.all([...patches, ...finals]);
        for (const res of results) expect(res.status, res.text).toBe(200);
        await expectAggregatesMatchRecount(t, wc.id);
        // One edit won whole: its title with its order of the candidates, never a mix of the two.
        const after = await owner.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
        const order = after.title.endsWith('edit 0') ? edited : [...edited].reverse();
        expect(after.candidates.map((c) => c.id)).toEqual(order.map((c) => c.id));
      }
    });
  });
}
