/**
 * The sample-efficiency simulation through the service layer, at small scale (issue 13; the full
 * 40-candidate, 20-seed comparison is `BENCH_ONLY=arena npm run bench`): simulated voters get their
 * battles from BattleService on a real SQLite store, the server's sampler chooses the pairs, and
 * both samplers find the true top 2 of 8 (evenly spaced strengths: no near-tie at the cut, so a
 * run never hinges on luck); every vote of the run is in the store's ledger.
 */
import { afterEach, expect, it } from 'vitest';
import { simulateThroughServices } from '../../src/services/arena-simulation.js';
import type { Store } from '../../src/store/store.js';
import { type TestDatabase, createTestDatabase, openTestStore } from '../helpers/databases.js';

let db: TestDatabase | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  await db?.drop();
});

it('finds the true top 2 of 8 through the battle service, with active and with uniform sampling', async () => {
  db = await createTestDatabase('sqlite');
  store = await openTestStore(db);
  for (const mode of ['active', 'uniform'] as const) {
    const result = await simulateThroughServices(store, { n: 8, seed: 3, mode, topK: 2, strengths: 'even', confirmVotes: 100, maxVotes: 3_000, refitEvery: 25, rounds: 30, tauAt: [300] });
    expect(result.votes, mode).not.toBeNull();
    expect(result.tau[0]?.tau ?? 0).toBeGreaterThan(0.3);
    // Every vote went through the service into the ledger, arena-sourced.
    const cells = await store.kysely.selectFrom('pair_counts').select(['source', 'lo_wins', 'hi_wins', 'ties']).execute();
    const battles = await store.kysely.selectFrom('battles').select('id').where('counted', '=', 1).execute();
    expect(cells.every((c) => c.source === 'arena')).toBe(true);
    expect(battles.length).toBeGreaterThanOrEqual(result.totalVotes);
  }
}, 120_000);
