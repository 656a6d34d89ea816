/**
 * Fair play through the HTTP API, on SQLite and PostgreSQL: a game picked faster than a person
 * plays is flagged and its votes leave the counts (also the ones it had already cast), though it
 * plays to the end as usual; picks at a human pace count; undo inside a flagged game changes
 * nothing counted; too many games in an hour are flagged from the start; and the maintained pair
 * counts always equal a recount of the counted, standing picks.
 */
import { describe, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';
import { expectAggregatesMatchRecount } from '../helpers/recount.js';

/** Pace threshold of these tests, and the pause of a "human" player (with room for a slow machine). */
const MIN_PICK_MS = 150;
const HUMAN_PAUSE_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createWorldCup(user: ApiClient, count = 16): Promise<WorldCup> {
  return user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'fair play', candidates: textCandidates(count) } });
}

const startGame = (user: ApiClient, wc: WorldCup, size: number) => user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size } });
const ranking = (user: ApiClient, wc: WorldCup) => user.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);

/** Makes `n` picks (all of them when n is undefined), pausing `pauseMs` before each but the first. */
async function play(user: ApiClient, start: Game, opts: { n?: number; pauseMs?: number } = {}): Promise<Game> {
  let game = start;
  for (let i = 0; (opts.n === undefined || i < opts.n) && game.match; i++) {
    if (opts.pauseMs && i > 0) await sleep(opts.pauseMs);
    game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
  }
  return game;
}

const undo = (user: ApiClient, game: Game) => user.ok<Game>('POST', `/api/v1/games/${game.id}/undo`, 200, { json: { picks: game.picks } });

/** The numbers a flagged game must leave alone. */
const counted = (r: Ranking) => ({
  votes: r.votes,
  games: r.games,
  rows: r.items.map((i) => [i.candidateId, i.wins, i.losses, i.appearances, i.championships]).sort(),
});

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API fair play (${dialect})`, () => {
    describe(`the pace rule (FLAG_MIN_PICK_MS = ${MIN_PICK_MS})`, () => {
      const t = useTestServer(dialect, { config: { flagMinPickMs: MIN_PICK_MS } });

      it('flags a game picked at machine speed: it plays to the end as usual, and none of its votes count', async () => {
        const alice = t.user();
        const wc = await createWorldCup(alice, 8);
        const before = await ranking(alice, wc);
        const start = await startGame(alice, wc, 8);
        const done = await play(alice, start);
        expect(done).toMatchObject({ done: true, picks: 7, totalPicks: 7, match: null, canUndo: false });
        expect(done.champion).not.toBeNull();
        // Nothing in the game says it was flagged: the player is not told.
        expect(Object.keys(done).sort()).toEqual(Object.keys(start).sort());
        expect(await alice.ok<Game>('GET', `/api/v1/games/${done.id}`, 200)).toEqual(done);

        const after = await ranking(alice, wc);
        expect(counted(after)).toEqual(counted(before));
        expect(after.votes).toBe(0);
        expect(after.excludedVotes).toBe(7);
        const matrix = await alice.ok<{ cells: unknown[] }>('GET', `/api/v1/worldcups/${wc.id}/matrix`, 200);
        expect(matrix.cells).toEqual([]);
        await expectAggregatesMatchRecount(t, wc.id);
      });

      it(`counts picks made at a human pace (${HUMAN_PAUSE_MS} ms apart)`, async () => {
        const alice = t.user();
        const wc = await createWorldCup(alice, 8);
        await play(alice, await startGame(alice, wc, 8), { pauseMs: HUMAN_PAUSE_MS });
        const r = await ranking(alice, wc);
        expect({ votes: r.votes, games: r.games, excludedVotes: r.excludedVotes }).toEqual({ votes: 7, games: 1, excludedVotes: 0 });
        expect(r.items.reduce((n, i) => n + i.appearances, 0)).toBe(8);
        await expectAggregatesMatchRecount(t, wc.id);
      });

      it('takes back the votes a game already cast once it turns fast, and keeps it flagged', async () => {
        const alice = t.user();
        const wc = await createWorldCup(alice, 16);
        let game = await play(alice, await startGame(alice, wc, 16), { n: 4, pauseMs: HUMAN_PAUSE_MS });
        expect((await ranking(alice, wc)).votes).toBe(4);
        game = await play(alice, game, { n: 6 }); // median gap now below the threshold
        expect(await ranking(alice, wc)).toMatchObject({ votes: 0, excludedVotes: 10 });
        await play(alice, game, { pauseMs: HUMAN_PAUSE_MS }); // slow again: flags are sticky
        expect(await ranking(alice, wc)).toMatchObject({ votes: 0, games: 0, excludedVotes: 15 });
        await expectAggregatesMatchRecount(t, wc.id);
      });

      it('lets undo work inside a flagged game without changing anything counted', async () => {
        const alice = t.user();
        const wc = await createWorldCup(alice, 8);
        // A fair game first, so that there are counts to disturb.
        await play(alice, await startGame(alice, wc, 8), { pauseMs: HUMAN_PAUSE_MS });
        const fair = await ranking(alice, wc);
        let game = await play(alice, await startGame(alice, wc, 8), { n: 5 });
        expect((await ranking(alice, wc)).excludedVotes).toBe(5);
        game = await undo(alice, await undo(alice, game));
        expect(game.picks).toBe(3);
        let r = await ranking(alice, wc);
        expect(counted(r)).toEqual(counted(fair));
        expect(r.excludedVotes).toBe(5);
        // To the end: no finish is counted, and the champion is final like any other.
        game = await play(alice, game);
        expect(game.done).toBe(true);
        const refused = await alice.request('POST', `/api/v1/games/${game.id}/undo`, { json: { picks: game.picks } });
        expect(refused.status).toBe(409);
        r = await ranking(alice, wc);
        expect(counted(r)).toEqual(counted(fair));
        expect(r.excludedVotes).toBe(9);
        await expectAggregatesMatchRecount(t, wc.id);
      });

      it('keeps the pair counts equal to a recount after a mix of fast, slow and undone games', async () => {
        const [alice, bob] = [t.user(), t.user()];
        const wc = await createWorldCup(alice, 8);
        const slow = { pauseMs: HUMAN_PAUSE_MS };
        await Promise.all([
          (async () => {
            await play(alice, await startGame(alice, wc, 8)); // fast
            let g = await play(alice, await startGame(alice, wc, 8), { n: 5, ...slow });
            g = await undo(alice, g);
            await play(alice, g, slow);
            await play(alice, await startGame(alice, wc, 4)); // 3 picks: too few to judge, counts
          })(),
          (async () => {
            let g = await play(bob, await startGame(bob, wc, 8), { n: 3 });
            g = await undo(bob, g);
            await play(bob, g); // fast
            await play(bob, await startGame(bob, wc, 8), slow);
            g = await play(bob, await startGame(bob, wc, 8), { n: 6 }); // fast, abandoned
          })(),
        ]);
        const r = await ranking(alice, wc);
        expect(r.votes).toBe(7 + 3 + 7);
        expect(r.games).toBe(3);
        expect(r.excludedVotes).toBe(7 + 7 + 6);
        await expectAggregatesMatchRecount(t, wc.id);
      });
    });

    describe('the games-per-hour rule (FLAG_GAMES_PER_HOUR = 3)', () => {
      const t = useTestServer(dialect, { config: { flagGamesPerHour: 3 } });

      it('flags the 4th game of a session within the hour from the start, and only on that world cup', async () => {
        const alice = t.user();
        const [wc, other] = [await createWorldCup(alice, 4), await createWorldCup(alice, 4)];
        for (let i = 0; i < 3; i++) await play(alice, await startGame(alice, wc, 4));
        expect(await ranking(alice, wc)).toMatchObject({ votes: 9, games: 3, excludedVotes: 0 });
        const fourth = await play(alice, await startGame(alice, wc, 4));
        expect(fourth.done).toBe(true);
        expect(await ranking(alice, wc)).toMatchObject({ votes: 9, games: 3, excludedVotes: 3 });
        await play(alice, await startGame(alice, other, 4));
        expect(await ranking(alice, other)).toMatchObject({ votes: 3, games: 1, excludedVotes: 0 });
        await expectAggregatesMatchRecount(t, wc.id);
      });

      it('flags the 4th game from one address however many sessions it uses', async () => {
        const wc = await createWorldCup(t.user(), 4);
        for (let i = 0; i < 3; i++) {
          const player = t.user();
          await play(player, await startGame(player, wc, 4));
        }
        // A client that drops its cookie between games is a new session each time.
        const fresh = t.user();
        await play(fresh, await startGame(fresh, wc, 4));
        expect(await ranking(t.user(), wc)).toMatchObject({ votes: 9, games: 3, excludedVotes: 3 });
        await expectAggregatesMatchRecount(t, wc.id);
      });
    });
  });
}
