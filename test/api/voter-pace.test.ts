/**
 * Fair play judges the voter, not only each game (issue 9, item 10), on SQLite and PostgreSQL. The
 * attack: one address ran 25 games side by side, each at a pace just above the per-game rule. Now
 * the votes of a session over all its games, and of an address over all its sessions, are counted
 * per minute (FLAG_VOTES_PER_MINUTE; × LIMIT_IP_MULTIPLIER for an address): beyond that, the games
 * voting are flagged and their votes leave the counts. One person playing one game is not judged.
 */
import { describe, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';
import { expectAggregatesMatchRecount } from '../helpers/recount.js';

const VOTES_PER_MINUTE = 12;

const pick = (user: ApiClient, game: Game) =>
  user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id, picks: game.picks } });

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`fair play across a voter's games (${dialect})`, () => {
    // The per-game pace rule is off, so only the voter's total can flag anything here.
    const t = useTestServer(dialect, { config: { flagVotesPerMinute: VOTES_PER_MINUTE, limitIpMultiplier: 2 } });
    const createWorldCup = (user: ApiClient) => user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'voter pace', candidates: textCandidates(16) } });
    const start = (user: ApiClient, wc: WorldCup) => user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });
    const ranking = (wc: WorldCup) => t.user().ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);

    it(`counts a voter who stays within ${VOTES_PER_MINUTE} votes a minute`, async () => {
      const wc = await createWorldCup(t.user());
      const alice = t.user();
      let game = await start(alice, wc);
      for (let i = 0; i < VOTES_PER_MINUTE; i++) game = await pick(alice, game);
      expect(await ranking(wc)).toMatchObject({ votes: VOTES_PER_MINUTE, excludedVotes: 0 });
      await expectAggregatesMatchRecount(t, wc.id);
    });

    it('flags the games of a session voting in five games at once beyond the limit; they play on, their votes do not count', async () => {
      const wc = await createWorldCup(t.user());
      const bot = t.user();
      await bot.ok('GET', '/api/v1/auth/me', 200); // one session for all five games (parallel first requests would mint five)
      let games = await Promise.all([1, 2, 3, 4, 5].map(() => start(bot, wc)));
      // Five rounds of one pick in each game: 25 votes, each game at only 5 picks.
      for (let round = 0; round < 5; round++) games = await Promise.all(games.map((g) => pick(bot, g)));
      const r = await ranking(wc);
      // Each game was flagged by its first vote past the limit, which takes its earlier votes back too.
      expect(r.votes).toBeLessThanOrEqual(VOTES_PER_MINUTE);
      expect(r.excludedVotes).toBeGreaterThanOrEqual(25 - VOTES_PER_MINUTE);
      expect(r.votes + r.excludedVotes).toBe(25);
      const flagged = await t.server.server.store.kysely.selectFrom('games').select('flagged').where('worldcup_id', '=', wc.id).execute();
      expect(flagged.filter((g) => g.flagged === 'voter_too_fast').length).toBeGreaterThanOrEqual(1);
      // The bot is not told: its games go on as usual.
      for (const g of games) expect((await pick(bot, g)).picks).toBe(6);
      await expectAggregatesMatchRecount(t, wc.id);
    });

    it(`catches rotating sessions by their address (${2 * VOTES_PER_MINUTE} a minute)`, async () => {
      const wc = await createWorldCup(t.user());
      // Fresh sessions from one address, each well within its own limit.
      const sessions = Array.from({ length: 8 }, () => t.user());
      for (const s of sessions) {
        let game = await start(s, wc);
        for (let i = 0; i < 5; i++) game = await pick(s, game);
      }
      const r = await ranking(wc);
      expect(r.votes + r.excludedVotes).toBe(40);
      expect(r.excludedVotes).toBeGreaterThanOrEqual(40 - 2 * VOTES_PER_MINUTE);
      await expectAggregatesMatchRecount(t, wc.id);
    });
  });
}
