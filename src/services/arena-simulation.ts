/**
 * The sample-efficiency simulation (domain/arena/simulate.ts) driven through the service layer
 * (issue 13): each simulated vote draws a battle with BattleService.start — the server's sampler
 * on the engine's ranking as last computed, the sides at random — and answers it with
 * BattleService.vote, whose answer carries the next battle, as a voter's browser uses it. Used by bench/arena-sampling.ts and its test.
 */
import { type SimulationOptions, type SimulationResult, simulate } from '../domain/arena/simulate.js';
import { seededRandom } from '../domain/rating/random.js';
import type { Battle } from '../shared/arena.js';
import { DEFAULT_BATTLE_OPTIONS } from './battles.js';
import type { Store } from '../store/store.js';
import { createServices } from './index.js';

/**
 * One run on a fresh world cup of `opts.n` text candidates in `store` (with the world cup's
 * sampling set to `opts.mode`). Every `refitEvery` votes the step waits for the engine's ranking
 * to take in the votes so far, as a busy arena's ranking lags its votes by a fraction of a second.
 */
export async function simulateThroughServices(store: Store, opts: SimulationOptions): Promise<SimulationResult> {
  // The server's draws are seeded per run too, so a run can be repeated and both modes compared on equal terms.
  const random = seededRandom(opts.seed * 7 + (opts.mode === 'active' ? 3 : 5));
  const services = await createServices(store, { engine: { rounds: opts.rounds ?? 50, workers: 1, minIntervalMs: 0, settleMs: 0 }, battles: { ...DEFAULT_BATTLE_OPTIONS, random } });
  try {
    const owner = `sim-owner-${opts.seed}-${opts.mode}`;
    const wc = await services.worldcups.create(
      { title: `simulation ${opts.seed} ${opts.mode}`, candidates: Array.from({ length: opts.n }, (_, k) => ({ name: `c${String(k).padStart(4, '0')}` })) },
      owner,
    );
    await services.worldcups.patch(wc.id, { arena: { sampling: opts.mode, topK: opts.topK } }, owner);
    const indexOf = new Map(wc.candidates.map((c, k) => [c.id, k]));
    const voter = `sim-voter-${opts.seed}-${opts.mode}`;
    const refitEvery = opts.refitEvery ?? 25;
    let votes = 0;
    let next: Battle | null = null;
    return await simulate(opts, async (_proposed, decide) => {
      // A vote answers with the next battle, as the page uses it; after a refresh of the ranking a
      // new one is drawn from it instead (the one offered is left to expire).
      if (votes % refitEvery === 0) {
        await services.ranking.engine.current(wc.id);
        next = null;
      }
      const battle = next ?? (await services.battles.start(wc.id, voter, { blind: false }));
      const indexOfSide = (side: (typeof battle)['left']): number => ('id' in side && typeof side.id === 'string' ? (indexOf.get(side.id) ?? -1) : -1);
      const [left, right] = [indexOfSide(battle.left), indexOfSide(battle.right)];
      if (left < 0 || right < 0) throw new Error('a battle named no candidate');
      const outcome = decide(left, right);
      ({ next } = await services.battles.vote(battle.id, voter, outcome === 'i' ? 'left' : outcome === 'j' ? 'right' : 'tie'));
      votes++;
      return { i: left, j: right, outcome };
    });
  } finally {
    await services.close();
  }
}
