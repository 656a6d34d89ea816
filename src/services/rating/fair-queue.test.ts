import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';

describe('FairQueue', () => {
  it('holds each world cup once and serves the least busy first, the longest waiting among equals', () => {
    let now = 0;
    const q = new FairQueue(10_000, () => now);
    q.charge('big', 5_000);
    q.add('big');
    now = 1;
    q.add('small');
    q.add('big'); // already queued: keeps its place, no second entry
    now = 2;
    q.add('other');
    expect(q.size).toBe(3);
    expect([q.next(), q.next(), q.next(), q.next()]).toEqual(['small', 'other', 'big', undefined]);
  });

  it('lets usage decay, so a world cup that was busy long ago is not held back for ever', () => {
    let now = 0;
    const q = new FairQueue(1_000, () => now);
    q.charge('a', 1_000);
    q.charge('b', 10);
    now = 10_000; // ten half-lives: a's 1,000 ms weigh less than 1 ms now, b's nothing
    q.add('b');
    q.add('a');
    expect(q.next()).toBe('b');
    q.charge('b', 500);
    q.add('b');
    expect(q.next()).toBe('a');
  });
});
