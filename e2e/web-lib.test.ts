/**
 * Unit tests for the web app's pure helpers (vitest's config leaves src/web out, so they live here
 * beside the browser tests): routes, formatting, YouTube links, the i18n tables and the API client's URLs.
 */
import { describe, expect, test, vi } from 'vitest';
import { baseName, ordinal, percent, roughly, signedPoints, youtubeEmbedUrl, youtubeId } from '../src/web/lib/format.js';
import { interpolate, isMessageKey, messages } from '../src/web/lib/i18n.js';
import { parseRoute, rankingPath } from '../src/web/lib/routes.js';
import { endsWithBatchim, particle } from '../src/web/lib/josa.js';
import { filterQuery, filterSearch, isFiltered, readFilter, throttle } from '../src/web/lib/ranking-filter.js';
import { placeRange, scoreDomain, sortItems, splitByPlace } from '../src/web/lib/ranking-order.js';
import { fitLabel, fractionColour, inTableOrder, mapNumber, sideRecords, winFraction } from '../src/web/lib/head-to-head.js';
import { campVerdict, gapCurve, niceTicks } from '../src/web/lib/camp-verdict.js';
import type { CampComparison, Camps, Matrix } from '../src/shared/schemas.js';
import { routes, urlOf } from '../src/shared/api/index.js';
import { rankingItem } from '../test/helpers/rows.js';

describe('parseRoute', () => {
  test.each([
    ['/', { name: 'home' }],
    ['/w/abc123', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/', { name: 'worldcup', id: 'abc123' }],
    ['/w/abc123/ranking', { name: 'ranking', id: 'abc123', tab: 'table' }],
    ['/w/abc123/matrix', { name: 'ranking', id: 'abc123', tab: 'matrix' }],
    ['/w/abc123/camps', { name: 'ranking', id: 'abc123', tab: 'camps' }],
    ['/w/abc123/arena', { name: 'arena', id: 'abc123' }],
    ['/w/abc123/arena/x', { name: 'notfound' }],
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
    ['/embed/w/abc123', { name: 'embedPlay', id: 'abc123' }],
    ['/embed/w/abc123/ranking', { name: 'embedRanking', id: 'abc123' }],
    ['/embed/w/abc123/matrix', { name: 'notfound' }],
    ['/embed/w', { name: 'notfound' }],
    ['/embed', { name: 'notfound' }],
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

  test('places, gaps and rough counts read the way people write them', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
    expect([52.4, -20.2, 0.3, -0.4].map(signedPoints)).toEqual(['+52', '−20', '0', '0']);
    expect([7, 99.6, 610, 1299, 161_657].map(roughly)).toEqual([7, 100, 610, 1300, 160_000]);
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

  test('English counts take the singular for 1 and the plural otherwise', () => {
    expect(interpolate(messages.en['card.candidates'], { n: 1 })).toBe('1 candidate');
    expect(interpolate(messages.en['card.candidates'], { n: 2 })).toBe('2 candidates');
    expect(interpolate(messages.en['card.candidates'], { n: 0 })).toBe('0 candidates');
    expect(interpolate(messages.en['ranking.stats'], { games: 1, votes: 15 })).toBe('1 finished game · 15 votes');
    expect(interpolate(messages.en['live.picksPerMinute'], { n: 1 })).toBe('1 pick/min');
    expect(interpolate(messages.ko['card.candidates'], { n: 1 })).toBe('후보 1');
    expect(interpolate('{n|one|other}', {})).toBe('{n|one|other}'); // unknown name: left as it is
  });

  test('interpolate fills known placeholders and keeps unknown ones', () => {
    expect(interpolate('{n}강', { n: 16 })).toBe('16강');
    expect(interpolate('Round of {n} · {x}', { n: 8 })).toBe('Round of 8 · {x}');
  });

  test('a Korean particle after a placeholder fits the value', () => {
    const lead = messages.ko['camp.leads'];
    expect(interpolate(lead, { leader: '폐쇄형' })).toBe('폐쇄형이 앞서요');
    expect(interpolate(lead, { leader: '오픈소스' })).toBe('오픈소스가 앞서요');
    expect(interpolate(lead, { leader: 'Korea' })).toBe('Korea가 앞서요');
    expect(interpolate(lead, { leader: 'Open' })).toBe('Open이 앞서요');
    expect(interpolate(messages.en['camp.leads'], { leader: 'Closed' })).toBe('Closed leads');
    expect(interpolate(messages.ko['camp.trend.narrowing'], { a: '폐쇄형', b: '오픈소스' })).toBe('표가 절반이었을 때보다 폐쇄형과 오픈소스의 격차가 줄고 있어요');
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
    // Latin names as Koreans read them (issue 12): words by their borrowed ending, capitals letter by letter.
    const cases: [string, string][] = [
      ['Cybertruck', '을'],
      ['Civic Type R', '을'],
      ['Ioniq 5 N', '을'],
      ['Model S', '를'],
      ['BMW', '를'],
      ['ASML', '을'],
      ['Mustang', '을'],
      ['Apple', '을'],
      ['Cup', '을'],
      ['Jeep', '를'],
      ['Porsche', '를'],
      ['GPT-4o', '를'],
      ['Llama 3.1 405B', '를'],
      ['EXAONE 3.0', '을'],
      ['Porsche 911', '을'],
    ];
    for (const [name, expected] of cases) expect({ name, particle: particle(name, '을(를)') }).toEqual({ name, particle: expected });
  });
});


describe('ranking table helpers', () => {
  const items = [
    rankingItem('b', { score: 1100, ci: [1050, 1150], position: 2, rankRange: [1, 2], provisional: false, winRate: 0.5 }),
    rankingItem('a', { score: 1200, ci: [1150, 1250], position: 1, rankRange: [1, 1], provisional: false, winRate: 0.4 }),
    rankingItem('c', { score: 900, ci: [800, 1000], winRate: null }),
  ];

  test('sorts by score by default order, any column either way, nulls last', () => {
    expect(sortItems(items, 'score', true).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(sortItems(items, 'score', false).map((i) => i.candidateId)).toEqual(['c', 'b', 'a']);
    expect(sortItems(items, 'winRate', true).map((i) => i.candidateId)).toEqual(['b', 'a', 'c']);
    expect(sortItems(items, 'winRate', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(sortItems(items, 'position', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(sortItems(items, 'name', false).map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
  });

  test('two sections: placed rows, then provisional ones; a range only when wider than one place', () => {
    const { ranked, provisional } = splitByPlace(sortItems(items, 'score', true));
    expect(ranked.map((i) => i.position)).toEqual([1, 2]);
    expect(provisional.map((i) => i.candidateId)).toEqual(['c']);
    // A provisional row has no place even if a stale position came with it.
    expect(splitByPlace([rankingItem('x', { position: 3, provisional: true })]).ranked).toEqual([]);
    expect(placeRange(items[0] ?? rankingItem('?'))).toEqual([1, 2]);
    expect(placeRange(items[1] ?? rankingItem('?'))).toBeNull();
    expect(placeRange(items[2] ?? rankingItem('?'))).toBeNull();
  });

  test('one interval scale for all rows', () => {
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
      { id: 'a', name: 'A', group: null, score: 1100, position: 1 },
      { id: 'b', name: 'B', group: null, score: 1000, position: 2 },
      { id: 'c', name: 'C', group: null, score: 900, position: 3 },
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

  test('the map follows the table: placed candidates by position, then provisional ones unnumbered', () => {
    const m: Matrix = {
      ...matrix,
      candidates: [
        { id: 'p', name: 'P', group: null, score: 1300, position: null },
        { id: 'b', name: 'B', group: null, score: 1000, position: 2 },
        { id: 'a', name: 'A', group: null, score: 1100, position: 1 },
        { id: 'q', name: 'Q', group: null, score: null, position: null },
      ],
    };
    const ordered = inTableOrder(m).candidates;
    expect(ordered.map((c) => c.id)).toEqual(['a', 'b', 'p', 'q']);
    expect(ordered.map((c) => mapNumber(c, '–'))).toEqual(['1', '2', '–', '–']);
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

describe('camp verdict helpers', () => {
  const comparison = (over: Partial<CampComparison>): CampComparison => ({
    group: 'closed',
    against: 'open',
    leader: null,
    meanGap: { value: 52, ci: [18, 86] },
    crossWinRate: { value: 0.7, ci: [0.63, 0.76], wins: 161, losses: 70, ties: 0 },
    trend: null,
    votesToSettle: null,
    ...over,
  });
  const camps = (over: Partial<Camps>): Camps => ({
    worldcupId: 'w',
    updatedAt: '',
    votes: 480,
    camps: [],
    comparison: null,
    versusRest: [],
    gapHistory: [],
    lead: null,
    history: [],
    ...over,
  });

  test('"leads" only when the server names a leader; otherwise too close, with the votes to settle or level', () => {
    expect(campVerdict(camps({ comparison: comparison({ leader: 'closed' }) }))).toEqual({
      kind: 'leads',
      leader: 'closed',
      trailer: 'open',
      gap: { value: 52, ci: [18, 86] },
    });
    const close = campVerdict(camps({ comparison: comparison({ meanGap: { value: 12, ci: [-20, 44] }, votesToSettle: 2300 }) }));
    expect(close).toMatchObject({ kind: 'close', votesToSettle: 2300 });
    expect(campVerdict(camps({ comparison: comparison({ meanGap: { value: 0.4, ci: [-30, 31] } }) }))).toMatchObject({ kind: 'close', votesToSettle: null });
    expect(campVerdict(camps({ comparison: comparison({ meanGap: null }) }))).toEqual({ kind: 'none' });
    expect(campVerdict(camps({}))).toEqual({ kind: 'none' });
  });

  test('three camps: the highest-mean camp that leads the rest, else the highest-mean camp', () => {
    const rest = (group: string, leader: string | null) => comparison({ group, against: 'rest', leader });
    expect(campVerdict(camps({ versusRest: [rest('x', null), rest('y', 'y'), rest('z', null)] }))).toMatchObject({ kind: 'leads', leader: 'y', trailer: 'rest' });
    expect(campVerdict(camps({ versusRest: [rest('x', null), rest('y', null)] }))).toMatchObject({ kind: 'close', group: 'x', against: 'rest' });
  });

  test('the gap curve ends at the gap now when that is newer than the last stored point', () => {
    const gapHistory = [5, 35, 106].map((votes, i) => ({ votes, at: '', gap: 40 + i, ci: [0, 80] as [number, number] }));
    const curve = gapCurve(camps({ comparison: comparison({ leader: 'closed' }), gapHistory }));
    expect(curve?.camp).toBe('closed');
    expect(curve?.points.map((p) => p.votes)).toEqual([5, 35, 106, 480]);
    expect(curve?.points.at(-1)).toEqual({ votes: 480, gap: 52, ci: [18, 86] });
    expect(gapCurve(camps({ votes: 106, comparison: comparison({}), gapHistory }))?.points).toHaveLength(3);
    expect(gapCurve(camps({}))).toBeNull();
  });

  test('round axis ticks that cover the data', () => {
    expect(niceTicks(0, 480, 5)).toEqual({ ticks: [0, 100, 200, 300, 400, 500], domain: [0, 500] });
    const { ticks, domain } = niceTicks(-23, 96, 4);
    expect(ticks).toEqual([-50, 0, 50, 100]);
    expect(domain).toEqual([-50, 100]);
  });
});

describe('API client URLs (from the route tables)', () => {
  test('path parameters are filled in and percent-encoded', () => {
    expect(urlOf(routes.worldcups.get, { id: 'abc123' })).toBe('/api/v1/worldcups/abc123');
    expect(urlOf(routes.games.pick, { id: 'a/b?c#d 한' })).toBe('/api/v1/games/a%2Fb%3Fc%23d%20%ED%95%9C/picks');
    expect(() => urlOf(routes.worldcups.get)).toThrow(/missing path parameter id/);
  });

  test('query values are encoded; undefined, null and empty ones are left out', () => {
    expect(urlOf(routes.worldcups.list, {}, { q: '치킨 & 피자', tag: '', sort: 'new', cursor: undefined, limit: 24 })).toBe(
      '/api/v1/worldcups?q=%EC%B9%98%ED%82%A8+%26+%ED%94%BC%EC%9E%90&sort=new&limit=24',
    );
    expect(urlOf(routes.moderation.reports, {}, { status: 'open', cursor: null })).toBe('/api/v1/admin/reports?status=open');
    expect(urlOf(routes.worldcups.tags, {}, {})).toBe('/api/v1/tags');
  });
});

describe('ranking filter (?source=, ?category=)', () => {
  test('the query string round-trips; unknown sources and empty categories are the default', () => {
    expect(readFilter('')).toEqual({ source: 'all', category: null });
    expect(readFilter('?source=blind&category=%EC%BD%94%EB%94%A9')).toEqual({ source: 'blind', category: '코딩' });
    expect(readFilter('?source=everything&category=%20')).toEqual({ source: 'all', category: null });
    expect(filterSearch({ source: 'all', category: null })).toBe('');
    const filter = { source: 'arena', category: '글쓰기 & 요약' } as const;
    expect(readFilter(filterSearch(filter))).toEqual(filter);
    expect(isFiltered({ source: 'all', category: null })).toBe(false);
    expect(isFiltered({ source: 'all', category: '코딩' })).toBe(true);
    expect(filterQuery({ source: 'bracket', category: null })).toEqual({ source: 'bracket' });
    expect(urlOf(routes.ranking.ranking, { id: 'w1' }, filterQuery(filter))).toBe('/api/v1/worldcups/w1/ranking?source=arena&category=%EA%B8%80%EC%93%B0%EA%B8%B0+%26+%EC%9A%94%EC%95%BD');
  });

  test('throttle: the first call runs at once, a burst within the pause runs once at its end', () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const t = throttle(() => (runs += 1), 2_000);
      t.call();
      expect(runs).toBe(1);
      for (let i = 0; i < 10; i++) t.call();
      expect(runs).toBe(1);
      vi.advanceTimersByTime(1_999);
      expect(runs).toBe(1);
      vi.advanceTimersByTime(1);
      expect(runs).toBe(2);
      t.call();
      t.cancel();
      vi.advanceTimersByTime(5_000);
      expect(runs).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
