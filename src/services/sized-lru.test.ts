import { describe, expect, it } from 'vitest';
import { SizedLru } from './sized-lru.js';

describe('SizedLru', () => {
  const lru = () => new SizedLru<string>(100, (v) => v.length);

  it('keeps entries while their total size fits, evicting the least recently used first', () => {
    const cache = lru();
    cache.set('a', 'x'.repeat(40));
    cache.set('b', 'x'.repeat(40));
    expect(cache.get('a')).toHaveLength(40); // a is now the most recent
    cache.set('c', 'x'.repeat(40)); // 120 > 100: b goes, not a
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.bytes).toBe(80);
  });

  it('bounds by size, not count: one big value pushes out many small ones', () => {
    const cache = lru();
    for (let i = 0; i < 10; i++) cache.set(`s${i}`, 'x'.repeat(10));
    expect(cache.size).toBe(10);
    cache.set('big', 'x'.repeat(95));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(95);
  });

  it('does not keep a value bigger than the whole budget, and replacing a key frees its old size', () => {
    const cache = lru();
    cache.set('huge', 'x'.repeat(101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    cache.set('k', 'x'.repeat(60));
    cache.set('k', 'x'.repeat(30));
    expect(cache.bytes).toBe(30);
    cache.delete('k');
    expect(cache.bytes).toBe(0);
  });
});
