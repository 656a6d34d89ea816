/**
 * Which world cup's ranking the next free worker computes. Each world cup is in the queue at most
 * once, so none ever waits behind another's backlog; among those waiting, the one that used the
 * least computing time recently goes first (usage decays by half every `halfLifeMs`). A world cup
 * that keeps the workers busy (a thousand candidates, edited in a loop) thus yields to every small
 * one, whose rankings stay fresh however much the big one asks for.
 */
export class FairQueue {
  private readonly waiting = new Map<string, number>();
  private readonly usage = new Map<string, { ms: number; at: number }>();

  constructor(
    private readonly halfLifeMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  has(id: string): boolean {
    return this.waiting.has(id);
  }

  /** Queues `id` (a no-op when it is queued already: it keeps its place). */
  add(id: string): void {
    if (!this.waiting.has(id)) this.waiting.set(id, this.now());
  }

  delete(id: string): void {
    this.waiting.delete(id);
    this.usage.delete(id);
  }

  /** Takes the waiting world cup with the least recent usage (the longest waiting among equals), or undefined. */
  next(): string | undefined {
    let best: string | undefined;
    let bestUsage = Infinity;
    let bestSince = Infinity;
    for (const [id, since] of this.waiting) {
      const used = this.recentUsage(id);
      if (used < bestUsage || (used === bestUsage && since < bestSince)) {
        best = id;
        bestUsage = used;
        bestSince = since;
      }
    }
    if (best !== undefined) this.waiting.delete(best);
    return best;
  }

  /** Records `ms` of computing for `id`. */
  charge(id: string, ms: number): void {
    this.usage.set(id, { ms: this.recentUsage(id) + ms, at: this.now() });
    // Forget world cups whose usage has decayed to nothing: the map stays as small as the busy set.
    if (this.usage.size > 10_000) {
      for (const [key] of this.usage) if (this.recentUsage(key) < 1) this.usage.delete(key);
    }
  }

  private recentUsage(id: string): number {
    const u = this.usage.get(id);
    if (!u) return 0;
    return u.ms * 0.5 ** ((this.now() - u.at) / this.halfLifeMs);
  }
}
