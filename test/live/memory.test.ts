import { describe, expect, it } from 'vitest';
import { PRESENCE_WINDOW_MS } from '../../src/live/backend.js';
import { memoryBackend } from '../../src/live/memory.js';
import { runLiveConformance } from './conformance.js';

runLiveConformance('memory', () => Promise.resolve(memoryBackend()));

describe('memory live backend on a controlled clock', () => {
  // Half a second into a minute (and into a 5-second bucket), so the sliding picks-per-minute weights are easy to state.
  const start = 1_700_000_040_000 + 500;

  it('forgets players after the presence window, and slides picks out over the next minute', async () => {
    let now = start;
    const { presence } = memoryBackend(() => now);
    await presence.touch('wc', 'p1', true);
    await presence.touch('wc', 'p2', true);
    now += PRESENCE_WINDOW_MS / 2;
    await presence.touch('wc', 'p2', false);
    expect(await presence.counts('wc')).toEqual({ playing: 2, picksPerMinute: 2 });

    now = start + PRESENCE_WINDOW_MS; // p1 last seen a full window ago; p2 half a window ago
    expect(await presence.counts('wc')).toEqual({ playing: 1, picksPerMinute: 2 }); // their 5-second bucket is still 90% in the window
    now = start + PRESENCE_WINDOW_MS + 4_000;
    expect(await presence.counts('wc')).toEqual({ playing: 1, picksPerMinute: 0 }); // 10% of it: the picks have slid out
    expect(await presence.busiest(5)).toEqual([{ worldcupId: 'wc', playing: 1 }]);

    now = start + 2.5 * PRESENCE_WINDOW_MS;
    expect(await presence.counts('wc')).toEqual({ playing: 0, picksPerMinute: 0 });
    expect(await presence.site()).toEqual({ playing: 0, picksPerMinute: 0 });
    expect(await presence.busiest(5)).toEqual([]);
  });

  it('counts picks made just across a minute boundary as the picks they are', async () => {
    let now = start - 1_000; // the last second of a minute
    const { presence } = memoryBackend(() => now);
    await presence.touch('wc', 'p1', true);
    now = start;
    await presence.touch('wc', 'p2', true);
    await presence.touch('wc', 'p3', true);
    expect(await presence.counts('wc')).toEqual({ playing: 3, picksPerMinute: 3 });
    now = start + 30_000;
    expect(await presence.counts('wc')).toEqual({ playing: 3, picksPerMinute: 3 });
  });

  it('expires state, lists and locks on its clock', async () => {
    let now = start;
    const { state, locks } = memoryBackend(() => now);
    await state.set('k', 'v', 1_000);
    await state.push('l', 'a', 5, 1_000);
    expect(await locks.tryLock('lock', 1_000)).toBeDefined();
    now += 999;
    expect([await state.get('k'), await state.list('l'), await locks.tryLock('lock', 1_000)]).toEqual(['v', ['a'], undefined]);
    now += 1;
    expect(await state.get('k')).toBeUndefined();
    expect(await state.list('l')).toEqual([]);
    expect(await locks.tryLock('lock', 1_000)).toBeDefined();
  });
});
