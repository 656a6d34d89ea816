/**
 * Results (issue 12) through the HTTP API on SQLite and PostgreSQL: a finished game's public page
 * by its read-only id — champion, the path through the bracket and, for each pick, the share of the
 * pair's counted votes that agreed — checked against the picks the test itself made. The pick
 * reply's "others chose" (`agreed`) likewise. No game id in the result; unknown, unfinished and
 * private ones are 404.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/results.js';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

/** Counted votes per unordered pair: wins of each side, as the test made them. */
class Tally {
  private readonly wins = new Map<string, number>();
  add(winner: string, loser: string): void {
    this.wins.set(`${winner}>${loser}`, this.winsOf(winner, loser) + 1);
  }
  winsOf(winner: string, loser: string): number {
    return this.wins.get(`${winner}>${loser}`) ?? 0;
  }
  /** The expected `agreed` for picking `winner` over `loser`: null under 5 votes. */
  agreed(winner: string, loser: string): { share: number; votes: number } | null {
    const won = this.winsOf(winner, loser);
    const votes = won + this.winsOf(loser, winner);
    return votes < 5 ? null : { share: won / votes, votes };
  }
}

interface Played {
  game: Game;
  picks: { round: number; a: string; b: string; winner: string }[];
}

/** Plays a game out at random; checks each pick reply's `agreed` against the tally (this pick included). */
async function playOut(user: ApiClient, wc: WorldCup, size: number, tally: Tally): Promise<Played> {
  let game = await user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size } });
  expect(game.agreed).toBeNull(); // nothing decided yet: nothing to reveal
  const picks: Played['picks'] = [];
  while (game.match) {
    const { a, b, round } = game.match;
    const winner = Math.random() < 0.5 ? a.id : b.id;
    const loser = winner === a.id ? b.id : a.id;
    game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner } });
    tally.add(winner, loser);
    const expected = tally.agreed(winner, loser);
    if (expected === null) expect(game.agreed).toBeNull();
    else {
      expect(game.agreed?.votes).toBe(expected.votes);
      expect(game.agreed?.share).toBeCloseTo(expected.share, 10);
    }
    picks.push({ round, a: a.id, b: b.id, winner });
  }
  return { game, picks };
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`results (${dialect})`, () => {
    const t = useTestServer(dialect);

    it("show a finished game's champion, path and agreed shares by its public id, never its game id", async () => {
      const owner = t.user();
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '결과 테스트', candidates: textCandidates(4) } });
      const tally = new Tally();
      const played: Played[] = [];
      // Twelve 4-candidate games by several players: 36 votes over 6 pairs, so most pairs pass 5.
      for (let i = 0; i < 12; i++) played.push(await playOut(i % 3 === 0 ? owner : t.user(), wc, 4, tally));

      const first = played[0] as Played;
      const stranger = t.anonymous();
      const res = await stranger.request<Result>('GET', `/api/v1/results/${first.game.resultId}`);
      expect(res.status).toBe(200);
      const result = res.body;
      expect(result.id).toBe(first.game.resultId);
      expect(result.worldcup).toEqual({ id: wc.id, title: '결과 테스트' });
      expect(result.size).toBe(4);
      expect(result.champion.id).toBe(first.game.champion?.id);
      expect(Number.isNaN(Date.parse(result.finishedAt))).toBe(false);
      expect(result.rounds.map((m) => m.round)).toEqual([4, 4, 2]);
      expect(result.rounds.length).toBe(first.picks.length);
      let shown = 0;
      result.rounds.forEach((m, i) => {
        const pick = first.picks[i] as Played['picks'][number];
        expect([m.left.id, m.right.id]).toEqual([pick.a, pick.b]);
        expect(m.picked === 'left' ? m.left.id : m.right.id).toBe(pick.winner);
        const loser = pick.winner === pick.a ? pick.b : pick.a;
        const expected = tally.agreed(pick.winner, loser);
        if (expected === null) expect(m.agreed).toBeNull();
        else {
          shown++;
          expect(m.agreed?.votes).toBe(expected.votes);
          expect(m.agreed?.share).toBeCloseTo(expected.share, 10);
        }
      });
      expect(shown).toBeGreaterThan(0);
      // A capability never travels: no game id (nor any session) in the public result.
      const text = JSON.stringify(result);
      for (const p of played) expect(text).not.toContain(p.game.id);
      expect(text).not.toMatch(/owner|session|player/i);
    });

    it('answer 404 for unknown ids, unfinished games and private world cups (but not to their owner)', async () => {
      const owner = t.user();
      const stranger = t.user();
      expectError(await stranger.request('GET', '/api/v1/results/NoSuchResult0000'), 404, 'not_found');
      expectError(await stranger.request('GET', '/api/v1/results/bad%20id!'), 400, ['invalid_request', 'bad_request', 'validation_error']);

      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'open one', candidates: textCandidates(4) } });
      const open = await owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      expectError(await owner.request('GET', `/api/v1/results/${open.resultId}`), 404, 'not_found');

      const hidden = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'private one', visibility: 'private', candidates: textCandidates(4) },
      });
      const { game } = await playOut(owner, hidden, 2, new Tally());
      expectError(await stranger.request('GET', `/api/v1/results/${game.resultId}`), 404, 'not_found');
      expectError(await t.anonymous().request('GET', `/api/v1/results/${game.resultId}`), 404, 'not_found');
      const mine = await owner.ok<Result>('GET', `/api/v1/results/${game.resultId}`, 200);
      expect(mine.champion.id).toBe(game.champion?.id);
    });
  });
}

describe('results are rate limited (sqlite)', () => {
  const t = useTestServer('sqlite', { config: { limitSharesPerMinute: 2, limitIpMultiplier: 0 } });

  it('refuses the third read in a minute with 429 rate_limited', async () => {
    const user = t.user();
    const wc = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'limited', candidates: textCandidates(4) } });
    const { game } = await playOut(user, wc, 2, new Tally());
    await user.ok<Result>('GET', `/api/v1/results/${game.resultId}`, 200);
    await user.ok<Result>('GET', `/api/v1/results/${game.resultId}`, 200);
    expectError(await user.request('GET', `/api/v1/results/${game.resultId}`), 429, 'rate_limited');
  });
});

describe('a game fair play excluded (sqlite)', () => {
  // Every pick of a game played at machine speed is too fast: the game is flagged and stops counting.
  const t = useTestServer('sqlite', { config: { flagMinPickMs: 10_000 } });

  it("still has its result (it is the player's game), with shares from the counted votes only", async () => {
    const user = t.user();
    const wc = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'too fast', candidates: textCandidates(4) } });
    const { game, picks } = await playOut(user, wc, 4, new Tally()); // no counted votes: every reply's agreed is null
    const result = await t.anonymous().ok<Result>('GET', `/api/v1/results/${game.resultId}`, 200);
    expect(result.champion.id).toBe(game.champion?.id);
    expect(result.rounds.map((m) => (m.picked === 'left' ? m.left.id : m.right.id))).toEqual(picks.map((p) => p.winner));
    expect(result.rounds.every((m) => m.agreed === null)).toBe(true);
  });
});
