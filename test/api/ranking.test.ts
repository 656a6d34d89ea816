/**
 * The ranking engine through the HTTP API, on both dialects: Bradley–Terry scores, intervals and
 * ranks in the ranking payload agree with an independent fit of the head-to-head counts, and the
 * matrix, history and camp views are consistent with them.
 */
import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, toScore } from '../../src/domain/rating/bradley-terry.js';
import { packComparisons } from '../../src/domain/rating/comparisons.js';
import { PROVISIONAL_CI_WIDTH, PROVISIONAL_MATCHES, predictedWinProbability } from '../../src/shared/rating.js';
import type { Camps, Game, History, Matrix, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, useTestServer } from '../helpers/api.js';

const MODELS = [
  ['Alpha', 'open'],
  ['Bravo', 'open'],
  ['Charlie', 'open'],
  ['Delta', 'open'],
  ['Echo', 'closed'],
  ['Foxtrot', 'closed'],
  ['Golf', 'closed'],
  ['Hotel', 'closed'],
] as const;

/** Plays `games` full 8강 games; the candidate earlier in MODELS wins every match (a clear order). */
async function playGames(user: ApiClient, wc: WorldCup, games: number): Promise<number> {
  const order = new Map(MODELS.map(([name], i) => [name, i]));
  const strength = (id: string) => order.get(wc.candidates.find((c) => c.id === id)?.name as (typeof MODELS)[number][0]) ?? 99;
  let picks = 0;
  for (let g = 0; g < games; g++) {
    let game = await user.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 8 } });
    while (game.match) {
      const { a, b } = game.match;
      const winner = strength(a.id) < strength(b.id) ? a.id : b.id;
      game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner, picks: game.picks } });
      picks++;
    }
  }
  return picks;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API ranking engine (${dialect})`, () => {
    const t = useTestServer(dialect);
    let alice: ApiClient;
    let wc: WorldCup;
    let picks = 0;

    it('fills score, interval and rank, ordered by score, agreeing with a direct fit of the counts', async () => {
      alice = t.user();
      wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'open vs closed', candidates: MODELS.map(([name, group]) => ({ name, group })) },
      });
      const empty = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(empty.items.every((i) => i.score === null && i.ci === null && i.rank === null && i.provisional)).toBe(true);

      picks = await playGames(alice, wc, 6);
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(ranking.votes).toBe(picks);
      const scores = ranking.items.map((i) => i.score as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(ranking.items[0]?.name).toBe('Alpha'); // undefeated in every game
      expect(ranking.items[0]?.rank).toBe(1);
      for (const item of ranking.items) {
        const [lo, hi] = item.ci as [number, number];
        expect(lo).toBeLessThanOrEqual((item.score as number) + 0.1);
        expect(hi).toBeGreaterThanOrEqual((item.score as number) - 0.1);
        expect(item.provisional).toBe(item.matches < PROVISIONAL_MATCHES || hi - lo > PROVISIONAL_CI_WIDTH);
        // A place only for those with enough data, and the range it sits in always holds it.
        if (item.provisional) expect([item.position, item.rankRange]).toEqual([null, null]);
        else expect(item.rankRange?.[0]).toBeLessThanOrEqual(item.position ?? 0);
        if (!item.provisional) expect(item.position).toBeLessThanOrEqual(item.rankRange?.[1] ?? 0);
        expect(item.trend.at(-1)).toBe(item.rank);
        // rank = 1 + candidates whose lower bound lies above this one's upper bound
        const above = ranking.items.filter((o) => (o.ci as [number, number])[0] > (item.ci as [number, number])[1]).length;
        expect(item.rank).toBe(1 + above);
      }
      expect(scores.reduce((s, x) => s + x, 0) / scores.length).toBeCloseTo(1000, 0);
      // Positions run 1, 2, 3, … down the table among the ranked: they never contradict the order.
      const positions = ranking.items.filter((i) => !i.provisional).map((i) => i.position);
      expect(positions).toEqual(positions.map((_, k) => k + 1));

      // An independent fit of the matrix counts gives the same scores.
      const matrix = await alice.ok<Matrix>('GET', `/api/v1/worldcups/${wc.id}/matrix`, 200);
      const index = new Map(matrix.candidates.map((c, k) => [c.id, k]));
      const fit = fitBradleyTerry(
        packComparisons(
          matrix.candidates.length,
          matrix.cells.map((c) => ({ i: index.get(c.a) as number, j: index.get(c.b) as number, winsI: c.wins, winsJ: c.losses, ties: c.ties })),
        ),
      );
      for (const item of ranking.items) {
        expect(item.score).toBeCloseTo(toScore(fit.theta[index.get(item.candidateId) as number] as number), 0);
      }
    });

    it('serves the head-to-head matrix: counts add up and predictions follow the scores', async () => {
      const matrix = await alice.ok<Matrix>('GET', `/api/v1/worldcups/${wc.id}/matrix`, 200);
      expect(matrix.cells.reduce((s, c) => s + c.wins + c.losses + c.ties, 0)).toBe(picks);
      const score = new Map(matrix.candidates.map((c) => [c.id, c.score as number]));
      for (const cell of matrix.cells) {
        expect(cell.a).not.toBe(cell.b);
        expect(cell.predicted).toBeCloseTo(predictedWinProbability(score.get(cell.a) as number, score.get(cell.b) as number), 2);
      }
      const names = matrix.candidates.map((c) => c.name);
      expect(names[0]).toBe('Alpha');
    });

    it('keeps snapshots for the history, per candidate or all', async () => {
      const all = await alice.ok<History>('GET', `/api/v1/worldcups/${wc.id}/history`, 200);
      expect(all.points.length).toBeGreaterThanOrEqual(MODELS.length);
      const alpha = wc.candidates.find((c) => c.name === 'Alpha')?.id as string;
      const one = await alice.ok<History>('GET', `/api/v1/worldcups/${wc.id}/history?candidate=${alpha}`, 200);
      expect(one.points.length).toBeGreaterThanOrEqual(1);
      expect(one.points.every((p) => p.candidateId === alpha && p.ci[0] <= p.score && p.score <= p.ci[1])).toBe(true);
      expectError(await alice.request('GET', `/api/v1/worldcups/${wc.id}/history?candidate=ZZZZZZZZZZZZ`), 404, 'not_found');
      expectError(await alice.request('GET', `/api/v1/worldcups/${wc.id}/history?candidate=${'%25'.repeat(3)}`), 400, 'invalid_request');
    });

    it('answers which camp is winning, and only claims a lead when the intervals separate', async () => {
      const camps = await alice.ok<Camps>('GET', `/api/v1/worldcups/${wc.id}/groups`, 200);
      expect(camps.camps.map((c) => c.name)).toEqual(['open', 'closed']); // open holds Alpha, the strongest
      const [open, closed] = camps.camps;
      expect(open?.candidates).toBe(4);
      // Cross-camp records mirror each other.
      expect(open?.crossCamp.wins).toBe(closed?.crossCamp.losses);
      expect(open?.crossCamp.losses).toBe(closed?.crossCamp.wins);
      expect(open?.crossCamp.matches).toBeGreaterThan(0);
      const lead = camps.lead;
      expect(lead?.leader).toBe('open');
      expect(lead?.gap).toBeCloseTo((open?.best?.score ?? 0) - (closed?.best?.score ?? 0), 0);
      expect(lead?.isSeparated).toBe((open?.best?.ci[0] ?? 0) > (closed?.best?.ci[1] ?? 0));
      expect(camps.history.at(-1)?.best.open).toBeDefined();
    });

    it('does not score or rank a candidate that has never been compared', async () => {
      const cup = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'five', candidates: ['p', 'q', 'r', 's', 't'].map((name) => ({ name })) },
      });
      let game = await alice.ok<Game>('POST', `/api/v1/worldcups/${cup.id}/games`, 201, { json: { size: 4 } });
      while (game.match) {
        game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match.a.id, picks: game.picks } });
      }
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${cup.id}/ranking`, 200);
      const unseen = ranking.items.filter((i) => i.matches === 0);
      expect(unseen).toHaveLength(1);
      expect(unseen.map((i) => [i.score, i.ci, i.rank])).toEqual([[null, null, null]]);
      expect(ranking.items.filter((i) => i.matches > 0).every((i) => i.score !== null && i.rank !== null)).toBe(true);
      expect(ranking.items.at(-1)?.matches).toBe(0); // unscored candidates sort last
    });

    it('hides the views of a private world cup from other sessions', async () => {
      const priv = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'secret', visibility: 'private', candidates: MODELS.map(([name]) => ({ name })) },
      });
      const bob = t.user();
      for (const view of ['ranking', 'matrix', 'history', 'groups']) {
        expectError(await bob.request('GET', `/api/v1/worldcups/${priv.id}/${view}`), 404, 'not_found');
        await alice.ok('GET', `/api/v1/worldcups/${priv.id}/${view}`, 200);
      }
    });
  });
}
