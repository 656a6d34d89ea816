import { describe, expect, it } from 'vitest';
import { QueueFullError, Semaphore } from './semaphore.js';

/** A task that runs until `finish()` is called, recording how many tasks ran alongside it. */
function controlledTask(log: { running: number; peak: number; order: number[] }, id: number) {
  let finish: (fail?: Error) => void = () => undefined;
  const task = () =>
    new Promise<number>((resolve, reject) => {
      log.running++;
      log.peak = Math.max(log.peak, log.running);
      log.order.push(id);
      finish = (fail) => {
        log.running--;
        if (fail) reject(fail);
        else resolve(id);
      };
    });
  return { task, finish: (fail?: Error) => finish(fail) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `permits` tasks at once, the others in arrival order', async () => {
    const log = { running: 0, peak: 0, order: [] as number[] };
    const sem = new Semaphore(2);
    const tasks = [1, 2, 3, 4, 5].map((id) => controlledTask(log, id));
    const results = tasks.map((t) => sem.run(t.task));
    await tick();
    expect(log.order).toEqual([1, 2]);
    expect([sem.running, sem.waiting]).toEqual([2, 3]);
    tasks[1]?.finish();
    await tick();
    expect(log.order).toEqual([1, 2, 3]);
    for (const t of [tasks[0], tasks[2], tasks[3], tasks[4]]) {
      t?.finish();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
    expect(log.peak).toBe(2);
    expect(log.order).toEqual([1, 2, 3, 4, 5]);
    expect([sem.running, sem.waiting]).toEqual([0, 0]);
  });

  it('frees the permit when a task fails', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sem.run(() => Promise.resolve('next'))).resolves.toBe('next');
    expect(sem.running).toBe(0);
  });

  it('refuses a task beyond `maxWaiting` waiters without running it, and takes one again once the queue moves', async () => {
    const log = { running: 0, peak: 0, order: [] as number[] };
    const sem = new Semaphore(1, 2);
    const tasks = [1, 2, 3].map((id) => controlledTask(log, id));
    const accepted = tasks.map((t) => sem.run(t.task));
    const acceptedOutcomes = Promise.allSettled(accepted);
    expect(sem.isFull).toBe(true);
    let refusedRan = false;
    await expect(
      sem.run(() => {
        refusedRan = true;
        return Promise.resolve();
      }),
    ).rejects.toBeInstanceOf(QueueFullError);
    expect(refusedRan).toBe(false);
    await tick();
    tasks[0]?.finish();
    await tick();
    expect(sem.isFull).toBe(false);
    const late = controlledTask(log, 4);
    const lateResult = sem.run(late.task);
    tasks[1]?.finish();
    await tick();
    tasks[2]?.finish(new Error('third failed'));
    await tick();
    late.finish();
    expect(await acceptedOutcomes).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('third failed') },
    ]);
    expect(await lateResult).toBe(4);
    expect(log.order).toEqual([1, 2, 3, 4]);
  });

  it('rejects a permit count that would never run anything', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
