/** The app's URL shapes (pure: no browser state), parsed into a typed route. */

/** The ranking page's views: the table, the head-to-head map, the camps. Each has its own URL. */
export type RankingTab = 'table' | 'matrix' | 'camps';

const TAB_SEGMENT = new Map<string, RankingTab>([
  ['ranking', 'table'],
  ['matrix', 'matrix'],
  ['camps', 'camps'],
]);

/** The path of a ranking view: /w/ID/ranking, /w/ID/matrix, /w/ID/camps. */
export function rankingPath(id: string, tab: RankingTab): string {
  const segment = tab === 'table' ? 'ranking' : tab;
  return `/w/${encodeURIComponent(id)}/${segment}`;
}

export type Route =
  | { name: 'home' }
  | { name: 'worldcup'; id: string }
  | { name: 'ranking'; id: string; tab: RankingTab }
  | { name: 'aboutRanking' }
  | { name: 'play'; gameId: string }
  | { name: 'create' }
  | { name: 'edit'; id: string }
  | { name: 'mine' }
  | { name: 'notfound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'w' && b && parts.length === 2) return { name: 'worldcup', id: b };
  const tab = c === undefined ? undefined : TAB_SEGMENT.get(c);
  if (a === 'w' && b && tab && parts.length === 3) return { name: 'ranking', id: b, tab };
  if (a === 'about' && b === 'ranking' && parts.length === 2) return { name: 'aboutRanking' };
  if (a === 'play' && b && parts.length === 2) return { name: 'play', gameId: b };
  if (a === 'create' && parts.length === 1) return { name: 'create' };
  if (a === 'edit' && b && parts.length === 2) return { name: 'edit', id: b };
  if (a === 'mine' && parts.length === 1) return { name: 'mine' };
  return { name: 'notfound' };
}
