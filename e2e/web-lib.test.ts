/**
 * Unit tests for the web app's pure helpers (vitest's config leaves src/web out, so they live here
 * beside the browser tests): routes, formatting, YouTube links and the i18n tables.
 */
import { describe, expect, test } from 'vitest';
import { baseName, percent, youtubeEmbedUrl, youtubeId } from '../src/web/lib/format.js';
import { interpolate, isMessageKey, messages } from '../src/web/lib/i18n.js';
import { parseRoute, rankingPath } from '../src/web/lib/routes.js';
import { endsWithBatchim, particle } from '../src/web/lib/josa.js';
import { scoreDomain, sharedRanks, sortItems } from '../src/web/lib/ranking-order.js';
import { fitLabel, fractionColour, sideRecords, winFraction } from '../src/web/lib/head-to-head.js';
import type { Matrix } from '../src/shared/schemas.js';
import { rankingItem } from '../test/helpers/rows.js';

describe('parseRoute', () => {
  test.each([
    ['/', { name: 'home' }],
    ['/w/abc123', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/ranking', { name: 'ranking', id: 'abc123', tab: 'table' }],
    ['/w/abc123/matrix', { name: 'ranking', id: 'abc123', tab: 'matrix' }],
    ['/w/abc123/camps', { name: 'ranking', id: 'abc123', tab: 'camps' }],
    ['/w/abc123/constructor', { name: 'notfound' }],
    ['/about/ranking', { name: 'aboutRanking' }],
    ['/about', { name: 'notfound' }],
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

  test('a Korean particle after a placeholder fits the value', () => {
    const lead = messages.ko['camp.leads'];
    expect(interpolate(lead, { leader: '폐쇄형', gap: 34 })).toBe('폐쇄형이 34점 앞서는 중');
    expect(interpolate(lead, { leader: '오픈소스', gap: 12 })).toBe('오픈소스가 12점 앞서는 중');
    expect(interpolate(lead, { leader: 'Korea', gap: 5 })).toBe('Korea가 5점 앞서는 중');
    expect(interpolate(lead, { leader: 'Open', gap: 5 })).toBe('Open이 5점 앞서는 중');
    expect(interpolate(messages.en['camp.leads'], { leader: 'Closed', gap: 34 })).toBe('Closed leads by 34 points');
    expect(interpolate('{x}이(가)', { y: 1 })).toBe('{x}이(가)');
  });

  test('particles: 받침 from Hangul, digits and a guess for Latin; the pair when unknown', () => {
    expect(endsWithBatchim('형')).toBe(true);
    expect(endsWithBatchim('스')).toBe(false);
    expect(endsWithBatchim('2024')).toBe(false);
    expect(endsWithBatchim('팀 3')).toBe(true);
    expect(endsWithBatchim('(오픈소스)')).toBe(false);
    expect(endsWithBatchim('(오픈)')).toBe(true);
    expect(particle('폐쇄형', '을(를)')).toBe('을');
    expect(particle('오픈소스', '은(는)')).toBe('는');
    expect(particle('★', '이(가)')).toBe('이(가)');
  });
});


describe('ranking table helpers', () => {
  const items = [
    rankingItem('b', { score: 1100, ci: [1050, 1150], rank: 1, winRate: 0.5 }),
    rankingItem('a', { score: 1200, ci: [1150, 1250], rank: 1, winRate: 0.4 }),
    rankingItem('c', { score: 900, ci: [800, 1000], rank: 3, winRate: null }),
  ];

  test('sorts by score by default order, any column either way, nulls last', () => {
    expect(sortItems(items, 'score', true).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(sortItems(items, 'score', false).map((i) => i.candidateId)).toEqual(['c', 'b', 'a']);
    expect(sortItems(items, 'winRate', true).map((i) => i.candidateId)).toEqual(['b', 'a', 'c']);
    expect(sortItems(items, 'winRate', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    // Equal ranks keep score order.
    expect(sortItems(items, 'rank', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(sortItems(items, 'name', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
  });

  test('shared ranks and one interval scale for all rows', () => {
    expect([...sharedRanks(items)]).toEqual([1]);
    const [lo, hi] = scoreDomain(items);
    expect(lo).toBeLessThan(800);
    expect(hi).toBeGreaterThan(1250);
    expect(scoreDomain([rankingItem('x')])).toEqual([900, 1100]);
  });
});

describe('head-to-head helpers', () => {
  const matrix: Matrix = {
    worldcupId: 'w',
    updatedAt: '',
    candidates: [
      { id: 'a', name: 'A', group: null, score: 1100 },
      { id: 'b', name: 'B', group: null, score: 1000 },
      { id: 'c', name: 'C', group: null, score: 900 },
    ],
    cells: [{ a: 'b', b: 'a', wins: 3, losses: 7, ties: 1, predicted: 0.36 }],
  };

  test('records from the row side, both ways; null for pairs that never met', () => {
    const r = sideRecords(matrix, 3);
    expect(r[0 * 3 + 1]).toEqual({ wins: 7, losses: 3, ties: 1, predicted: 0.64 });
    expect(r[1 * 3 + 0]).toEqual({ wins: 3, losses: 7, ties: 1, predicted: 0.36 });
    expect(r[0 * 3 + 2]).toBeNull();
    expect(winFraction(r[0 * 3 + 1] ?? null)).toBeCloseTo(7.5 / 11);
    expect(winFraction(null)).toBeNull();
  });

  test('diverging colours: orange for losses, near white for even, purple for wins', () => {
    expect(fractionColour(0)).toBe('rgb(179, 88, 6)');
    expect(fractionColour(0.5)).toBe('rgb(247, 247, 247)');
    expect(fractionColour(1)).toBe('rgb(84, 39, 136)');
  });

  test('labels are cut to fit with an ellipsis', () => {
    expect(fitLabel('GPT-4o', 120)).toBe('GPT-4o');
    const cut = fitLabel('Mercedes-AMG G 63 Professional Edition', 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(12);
  });

  test('ranking paths', () => {
    expect(rankingPath('abc123', 'table')).toBe('/w/abc123/ranking');
    expect(rankingPath('abc123', 'camps')).toBe('/w/abc123/camps');
  });
});
