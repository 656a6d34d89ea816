import type { Locks, Release } from './backend.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the cluster-wide lock on `key` (it expires by itself after `ttlMs`, so a crashed holder
 * only delays). If the lock service itself fails (Redis down), goes ahead unlocked and reports it:
 * duplicate work beats rankings that stop.
 */
export async function waitForLock(locks: Locks, key: string, ttlMs: number, onError: (error: unknown) => void): Promise<Release> {
  for (let wait = 10; ; wait = Math.min(2 * wait, 200)) {
    let release: Release | undefined;
    try {
      release = await locks.tryLock(key, ttlMs);
    } catch (error) {
      onError(error);
      return () => Promise.resolve();
    }
    if (release) return release;
    await sleep(wait);
  }
}
