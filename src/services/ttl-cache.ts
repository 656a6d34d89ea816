/**
 * A bounded map whose entries expire: a read-through cache for lookups that may be a little stale.
 * Values are promises, so concurrent misses for one key share one load; a failed load is dropped
 * at once and the next caller tries again.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly maxEntries: number) {}

  /**
   * The cached value of `key`, or `load()`'s. `ttlOf` says how long a loaded value may be served
   * (milliseconds from now; 0 or less: do not keep it).
   */
  get(key: string, load: () => Promise<V>, ttlOf: (value: V) => number): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (hit) this.entries.delete(key);
    const value = load();
    // Held until it settles, then kept for as long as the value allows.
    this.set(key, value, now + 60_000);
    value.then(
      (v) => {
        if (this.entries.get(key)?.value !== value) return; // replaced or invalidated meanwhile
        const ttl = ttlOf(v);
        if (ttl > 0) this.entries.set(key, { value, until: Date.now() + ttl });
        else this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Puts a known value (say, one just written) for `ttlMs`. */
  put(key: string, value: V, ttlMs: number): void {
    this.set(key, Promise.resolve(value), Date.now() + ttlMs);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private set(key: string, value: Promise<V>, until: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    // Map order is insertion order: the first key is the oldest entry.
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
