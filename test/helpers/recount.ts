import { expect } from 'vitest';
import type { ServerFixture } from './api.js';

/** Checks the stored aggregates of a world cup (pair cells, excluded votes, appearances, championships, plays, finishes) against a recount of its picks and games. */
export async function expectAggregatesMatchRecount(t: ServerFixture, worldcupId: string): Promise<void> {
  const { store } = t.server.server;
  const picks = await store.kysely.selectFrom('picks').select(['winner_id', 'loser_id', 'counted', 'undone_at']).where('worldcup_id', '=', worldcupId).execute();
  const cells = new Map<string, [number, number]>();
  for (const p of picks.filter((p) => Number(p.counted) === 1 && p.undone_at === null)) {
    const [lo, hi] = p.winner_id < p.loser_id ? [p.winner_id, p.loser_id] : [p.loser_id, p.winner_id];
    const cell = cells.get(`${lo} ${hi}`) ?? [0, 0];
    cell[p.winner_id === lo ? 0 : 1]++;
    cells.set(`${lo} ${hi}`, cell);
  }
  const stored = (await store.votes.pairCounts(worldcupId))
    .filter((c) => c.lo_wins !== 0 || c.hi_wins !== 0)
    .map((c) => [`${c.lo_id} ${c.hi_id}`, [c.lo_wins, c.hi_wins]]);
  expect(new Map(stored as [string, [number, number]][])).toEqual(cells);
  const wc = await store.worldcups.get(worldcupId);
  expect(wc?.excluded_votes).toBe(picks.filter((p) => Number(p.counted) === 0).length);

  // Appearances and championships: finished games that count (removed candidates too); plays: every
  // game started; finishes: the finished games that count.
  const games = await store.kysely
    .selectFrom('games')
    .innerJoin('game_entrants', 'game_entrants.game_id', 'games.id')
    .select(['games.champion_id', 'games.finished_at', 'games.flagged', 'game_entrants.entrants'])
    .where('games.worldcup_id', '=', worldcupId)
    .execute();
  const finished = games.filter((g) => g.finished_at !== null && g.flagged === null);
  const candidates = await store.worldcups.candidates(worldcupId, { includeRemoved: true });
  for (const c of candidates) {
    const appearances = finished.filter((g) => (JSON.parse(g.entrants) as string[]).includes(c.id)).length;
    const championships = finished.filter((g) => g.champion_id === c.id).length;
    expect({ id: c.id, appearances: c.appearances, championships: c.championships }).toEqual({ id: c.id, appearances, championships });
  }
  expect({ plays: wc?.plays, finishes: wc?.finishes }).toEqual({ plays: games.length, finishes: finished.length });
}
