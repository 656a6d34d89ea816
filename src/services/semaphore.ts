/** Thrown by `Semaphore.run` when as many callers as allowed are already waiting. */
export class QueueFullError extends Error {
  constructor(readonly maxWaiting: number) {
    super(`${maxWaiting} callers are already waiting`);
  }
}

/**
 * At most `permits` tasks run at once; up to `maxWaiting` more wait in arrival order, and any
 * beyond are refused at once (a waiting task may hold memory, e.g. an upload's body).
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly permits: number,
    readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError(`permits must be a positive integer, not ${permits}`);
    if (!(maxWaiting >= 0)) throw new RangeError(`maxWaiting must be 0 or more, not ${maxWaiting}`);
  }

  /** Tasks holding a permit now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a permit now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Whether `run` would refuse a task now. */
  get isFull(): boolean {
    return this.active >= this.permits && this.waiters.length >= this.maxWaiting;
  }

  /**
   * Runs `task` once a permit is free and releases the permit when it settles, whichever way.
   * Rejects with QueueFullError, without running `task`, when the queue is full.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.permits) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiters.length >= this.maxWaiting) return Promise.reject(new QueueFullError(this.maxWaiting));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    // Hand the permit straight to the longest waiter (the count stays): a task arriving meanwhile
    // cannot overtake the queue.
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}
