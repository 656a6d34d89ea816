/**
 * The ranking engine's timing contract, on a real SQLite store: while picks flow, a new ranking is
 * published within a second of the last pick, without anyone asking, and never more than a few
 * times a second.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Services, createServices } from '../../src/services/index.js';
import type { RankingResult } from '../../src/services/rating/ranking-engine.js';
import type { Game } from '../../src/shared/schemas.js';
import type { Store } from '../../src/store/store.js';
import { type TestDatabase, createTestDatabase, openTestStore } from '../helpers/databases.js';

let db: TestDatabase;
let store: Store;
let services: Services;
const updates: { at: number; votes: number }[] = [];

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  store = await openTestStore(db);
  services = await createServices(store);
  services.events.on('ranking.computed', ({ result }: { result: RankingResult }) => {
    updates.push({ at: Date.now(), votes: result.votes });
  });
  await services.ranking.engine.warmUp();
});

afterAll(async () => {
  await services.close();
  await store.close();
  await db.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('publishes a ranking within a second of the last pick, at most a few times a second', async () => {
  const wc = await services.worldcups.create(
    { title: 'timing', candidates: Array.from({ length: 64 }, (_, i) => ({ name: `c${i}` })) },
    'owner',
  );
  let game: Game = await services.games.start(wc.id, 64, 'owner');
  const started = Date.now();
  let picks = 0;
  // A steady stream: one pick every 20 ms for 2 seconds.
  while (Date.now() - started < 2000) {
    if (!game.match) game = await services.games.start(wc.id, 64, 'owner');
    const match = game.match as NonNullable<Game['match']>;
    game = await services.games.pick(game.id, 'owner', match.a.id, game.picks);
    picks++;
    await sleep(20);
  }
  const lastPickAt = Date.now();
  await sleep(1000);
  const final = updates.at(-1);
  expect(final?.votes).toBe(picks);
  expect((final?.at ?? Infinity) - lastPickAt).toBeLessThanOrEqual(1000);
  // While picks flowed, updates kept coming (no starvation) but were throttled.
  const during = updates.filter((u) => u.at <= lastPickAt);
  expect(during.length).toBeGreaterThanOrEqual(2);
  const perSecond = updates.length / ((updates.at(-1)?.at ?? started) - started + 1) * 1000;
  expect(perSecond).toBeLessThanOrEqual(6); // computations start ≥ 180 ms apart
});
