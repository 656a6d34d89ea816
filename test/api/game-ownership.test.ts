/**
 * A game belongs to the session that started it (issue 9, item 1), on SQLite and PostgreSQL. The
 * attack that was reproduced: read game ids off the public champion feed, undo every pick of other
 * people's finished games and replay them for the last-placed candidate. Now the feeds carry only a
 * read-only result id, another session's requests on a game are 404 as if it did not exist, a
 * finished game cannot be undone by anyone, and nothing stored changes under the attack.
 */
import { describe, expect, it } from 'vitest';
import type { ChampionNotice, SiteEvents, WorldcupEvents } from '../../src/shared/events.js';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient, type SseEvent } from '../helpers/sse.js';

const pick = (user: ApiClient, game: Game, side: 'a' | 'b' = 'a') =>
  user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.[side].id, picks: game.picks } });

async function playOut(user: ApiClient, start: Game, side: 'a' | 'b' = 'a'): Promise<Game> {
  let game = start;
  while (!game.done) game = await pick(user, game, side);
  return game;
}

const championEvents = (events: readonly SseEvent[]) => events.filter((e) => e.event === 'champion').map((e) => JSON.parse(e.data) as ChampionNotice);

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`games belong to their player (${dialect})`, () => {
    const t = useTestServer(dialect);
    const createWorldCup = (user: ApiClient) =>
      user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'owned games', candidates: textCandidates(16) } });
    const start = (user: ApiClient, wc: WorldCup) => user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });
    const storedPicks = async (gameId: string) =>
      (await t.server.server.store.kysely.selectFrom('picks').select(['version', 'winner_id', 'undone_at', 'counted']).where('game_id', '=', gameId).orderBy('version').execute()).map(
        (p) => ({ ...p, version: Number(p.version), undone_at: p.undone_at === null ? null : Number(p.undone_at), counted: Number(p.counted) }),
      );

    it("refuses another session's view, pick and undo with 404, and stores nothing; the player goes on", async () => {
      const alice = t.user();
      const mallory = t.user();
      const wc = await createWorldCup(alice);
      let game = await start(alice, wc);
      for (let k = 0; k < 5; k++) game = await pick(alice, game);
      const before = await storedPicks(game.id);

      expectError(await mallory.get(`/api/v1/games/${game.id}`), 404, 'not_found');
      expectError(await mallory.post(`/api/v1/games/${game.id}/picks`, { winner: game.match?.b.id, picks: game.picks }), 404, 'not_found');
      expectError(await mallory.post(`/api/v1/games/${game.id}/picks`, { winner: game.match?.b.id }), 404, 'not_found');
      expectError(await mallory.post(`/api/v1/games/${game.id}/undo`, { picks: game.picks }), 404, 'not_found');
      expectError(await mallory.post(`/api/v1/games/${game.id}/undo`), 404, 'not_found');
      expectError(await t.anonymous().post(`/api/v1/games/${game.id}/undo`), 404, 'not_found');
      // Exactly what an unknown id gets: nothing tells the game exists.
      const unknown = await mallory.get('/api/v1/games/AAAAAAAAAAAAAAAAAAAAAA');
      expect((await mallory.get(`/api/v1/games/${game.id}`)).body).toEqual(unknown.body);

      expect(await storedPicks(game.id)).toEqual(before);
      // Resuming from the URL in the same browser still works, and so does playing on.
      expect(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);
      game = await pick(alice, game);
      expect(game.picks).toBe(6);
    });

    it('the feeds carry a read-only result id, never the game id; replaying finished games from the feed changes nothing', async () => {
      const wc = await createWorldCup(t.user());
      const site = await SseClient.connect(`${t.url}/api/v1/events`);
      const stream = await SseClient.connect(`${t.url}/api/v1/worldcups/${wc.id}/events`);
      // Six honest 16-candidate games, each crowning candidate `a`'s side of the bracket.
      const honest: { player: ApiClient; game: Game }[] = [];
      for (let k = 0; k < 6; k++) {
        const player = t.user();
        honest.push({ player, game: await playOut(player, await start(player, wc)) });
      }
      const before = await t.user().ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      const last = before.items.at(-1);
      if (!last) throw new Error('the ranking has rows');

      for (const { game } of honest) {
        await site.waitFor((e) => e.event === 'champion' && (JSON.parse(e.data) as ChampionNotice).resultId === game.resultId);
        await stream.waitFor((e) => e.event === 'champion' && (JSON.parse(e.data) as ChampionNotice).resultId === game.resultId);
      }
      const later = await SseClient.connect(`${t.url}/api/v1/worldcups/${wc.id}/events`);
      const snapshot = JSON.parse((await later.waitFor((e) => e.event === 'snapshot')).data) as WorldcupEvents['snapshot'];
      const siteSnapshot = JSON.parse((await site.waitFor((e) => e.event === 'snapshot')).data) as SiteEvents['snapshot'];
      const everything = [...site.events, ...stream.events, ...later.events].map((e) => e.data).join('\n');
      for (const { game } of honest) {
        expect(everything).not.toContain(game.id);
        expect(game.resultId).not.toBe(game.id);
      }
      expect(snapshot.champions.map((c) => c.resultId).sort()).toEqual(honest.map((h) => h.game.resultId).sort());
      expect(siteSnapshot.champions.every((c) => !('gameId' in c))).toBe(true);

      // The attacker has only what the feeds show: result ids. They open nothing.
      const mallory = t.user();
      for (const notice of championEvents(stream.events)) {
        expectError(await mallory.post(`/api/v1/games/${notice.resultId}/undo`), 404, 'not_found');
        expectError(await mallory.get(`/api/v1/games/${notice.resultId}`), 404, 'not_found');
      }
      // Even holding the game ids, a stranger gets 404 and the player's own undo of a champion is refused.
      for (const { player, game } of honest) {
        expectError(await mallory.post(`/api/v1/games/${game.id}/undo`, { picks: 15 }), 404, 'not_found');
        expectError(await player.post(`/api/v1/games/${game.id}/undo`, { picks: 15 }), 409, 'game_finished');
      }
      const after = await t.user().ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(after.items).toEqual(before.items);
      expect(after.items.at(-1)?.candidateId).toBe(last.candidateId);
      for (const s of [site, stream, later]) s.close();
    });

    it('a game started anonymously stays playable after its player signs up (the account owns it now)', async () => {
      const browser = t.user();
      const wc = await createWorldCup(t.user());
      let game = await start(browser, wc);
      game = await pick(browser, game);
      await browser.ok('POST', '/api/v1/auth/signup', 201, { json: { username: `owner${Date.now().toString(36)}`, password: 'correct horse battery' } });
      game = await pick(browser, game);
      expect(game.picks).toBe(2);
      expect(await browser.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);
      expectError(await t.user().get(`/api/v1/games/${game.id}`), 404, 'not_found');
    });
  });
}
