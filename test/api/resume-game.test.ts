/**
 * 이어하기 (issue 12): `GET /worldcups/:id/my-game` tells the session that started an unfinished
 * game where it stands, on SQLite and PostgreSQL. The game id is a capability: another session,
 * or a request without one, gets `game: null`; a finished game is not offered; the answer is never
 * cached.
 */
import { describe, expect, it } from 'vitest';
import type { Game, ResumableGame, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

const pick = (user: ApiClient, game: Game) =>
  user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id, picks: game.picks } });

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`resuming a game (${dialect})`, () => {
    const t = useTestServer(dialect);
    const myGame = (user: ApiClient, wc: WorldCup) => user.ok<ResumableGame>('GET', `/api/v1/worldcups/${wc.id}/my-game`, 200);

    it('offers the owner their unfinished game with its progress, privately, and nobody else', async () => {
      const alice = t.user();
      const bob = t.user();
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'resume me', candidates: textCandidates(16) } });
      expect(await myGame(alice, wc)).toEqual({ game: null });

      let game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });
      for (let k = 0; k < 9; k++) game = await pick(alice, game);
      const res = await alice.get<ResumableGame>(`/api/v1/worldcups/${wc.id}/my-game`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      // 9 picks: the 8 matches of 16강 and the first of 8강; now 8강's second of 4.
      expect(res.body.game).toMatchObject({ id: game.id, size: 16, round: 8, index: 1, total: 4, picks: 9, totalPicks: 15 });
      expect(res.body.game?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

      expect(await myGame(bob, wc)).toEqual({ game: null });
      expect(await myGame(t.anonymous(), wc)).toEqual({ game: null });
      expect(JSON.stringify(await bob.ok('GET', `/api/v1/worldcups/${wc.id}`, 200))).not.toContain(game.id);
    });

    it('offers the most recently played one, and no finished game', async () => {
      const alice = t.user();
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'two games', candidates: textCandidates(8) } });
      let first = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      first = await pick(alice, first);
      const second = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
      expect((await myGame(alice, wc)).game).toMatchObject({ id: second.id, round: 8, index: 0, picks: 0 });

      // Playing on in the first makes it the latest again; finishing it leaves the second.
      first = await pick(alice, first);
      expect((await myGame(alice, wc)).game?.id).toBe(first.id);
      first = await pick(alice, first);
      expect(first.done).toBe(true);
      expect((await myGame(alice, wc)).game?.id).toBe(second.id);
    });

    it('is 404 for a world cup the viewer may not see, and for an unknown one', async () => {
      const alice = t.user();
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'private', visibility: 'private', candidates: textCandidates(4) },
      });
      expectError(await t.user().get(`/api/v1/worldcups/${wc.id}/my-game`), 404, 'not_found');
      expectError(await alice.get('/api/v1/worldcups/nope-nope/my-game'), 404, 'not_found');
      expect(await myGame(alice, wc)).toEqual({ game: null });
    });
  });
}
