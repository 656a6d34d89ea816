/**
 * Unit tests for the web app's pure helpers (vitest's config leaves src/web out, so they live here
 * beside the browser tests): routes, formatting, YouTube links and the i18n tables.
 */
import { describe, expect, test } from 'vitest';
import { baseName, percent, youtubeEmbedUrl, youtubeId } from '../src/web/lib/format.js';
import { interpolate, isMessageKey, messages } from '../src/web/lib/i18n.js';
import { parseRoute } from '../src/web/lib/routes.js';

describe('parseRoute', () => {
  test.each([
    ['/', { name: 'home' }],
    ['/w/abc123', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/ranking', { name: 'ranking', id: 'abc123' }],
    ['/play/g_1-2', { name: 'play', gameId: 'g_1-2' }],
    ['/create', { name: 'create' }],
    ['/edit/xyz', { name: 'edit', id: 'xyz' }],
    ['/mine', { name: 'mine' }],
    ['/w', { name: 'notfound' }],
    ['/w/a/b/c', { name: 'notfound' }],
    ['/nope', { name: 'notfound' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });
});

describe('format', () => {
  test('percent has one decimal and a dash for no data', () => {
    expect(percent(1)).toBe('100.0%');
    expect(percent(0.4567)).toBe('45.7%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
  });

  test('baseName drops only the last extension', () => {
    expect(baseName('red.png')).toBe('red');
    expect(baseName('my cat.final.jpeg')).toBe('my cat.final');
    expect(baseName('.hidden')).toBe('.hidden');
    expect(baseName('noext')).toBe('noext');
  });

  test('youtubeId reads the usual link shapes and refuses others', () => {
    const id = 'dQw4w9WgXcQ';
    for (const url of [
      `https://www.youtube.com/watch?v=${id}`,
      `https://youtube.com/watch?v=${id}&t=42`,
      `https://m.youtube.com/watch?v=${id}`,
      `https://youtu.be/${id}?t=3`,
      `https://www.youtube.com/shorts/${id}`,
      `https://www.youtube.com/embed/${id}`,
      id,
    ]) {
      expect(youtubeId(url)).toBe(id);
    }
    expect(youtubeId('https://vimeo.com/123')).toBeNull();
    expect(youtubeId('https://www.youtube.com/watch?v=short')).toBeNull();
    expect(youtubeId('not a url')).toBeNull();
  });

  test('youtubeEmbedUrl uses the privacy-enhanced host with start and end', () => {
    const url = new URL(youtubeEmbedUrl('dQw4w9WgXcQ', 10, 40));
    expect(url.origin).toBe('https://www.youtube-nocookie.com');
    expect(url.pathname).toBe('/embed/dQw4w9WgXcQ');
    expect(url.searchParams.get('start')).toBe('10');
    expect(url.searchParams.get('end')).toBe('40');
    expect(new URL(youtubeEmbedUrl('dQw4w9WgXcQ', null, null)).searchParams.has('start')).toBe(false);
  });
});

describe('i18n', () => {
  test('both languages have the same keys and no empty message', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.ko).sort());
    for (const table of [messages.ko, messages.en]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  test('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.ko)) {
      if (!isMessageKey(key)) throw new Error(key);
      expect(names(messages.en[key]), key).toEqual(names(messages.ko[key]));
    }
  });

  test('interpolate fills known placeholders and keeps unknown ones', () => {
    expect(interpolate('{n}강', { n: 16 })).toBe('16강');
    expect(interpolate('Round of {n} · {x}', { n: 8 })).toBe('Round of 8 · {x}');
  });
});
