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

/** The arena of a world cup (issue 13). The battle's id never goes in the URL: it is a capability. */
export function arenaPath(id: string): string {
  return `/w/${encodeURIComponent(id)}/arena`;
}

/** A live room's pages (issue 14): the host console or the join page, the OBS overlay, the results. */
export type RoomView = 'room' | 'overlay' | 'results';

/** /r/CODE, /r/CODE/overlay, /r/CODE/results. The code is public: it is what the audience scans or types. */
export function roomPath(code: string, view: RoomView = 'room'): string {
  const base = `/r/${encodeURIComponent(code)}`;
  return view === 'room' ? base : `${base}/${view}`;
}

/** The log-in page's two tabs, each with its own URL: /login and /signup. */
export type AuthMode = 'login' | 'signup';

/** The admin page's tabs: /admin (open reports), /admin/resolved, /admin/dismissed. */
export type ReportStatus = 'open' | 'resolved' | 'dismissed';

export function adminPath(status: ReportStatus): string {
  return status === 'open' ? '/admin' : `/admin/${status}`;
}

/** /login or /signup, coming back to `next` afterwards (left out when it is the home page). */
export function authPath(mode: AuthMode, next?: string): string {
  const back = next === undefined ? null : safeNext(next);
  return back && back !== '/' ? `/${mode}?next=${encodeURIComponent(back)}` : `/${mode}`;
}

/**
 * Where to go after logging in: a path of this site only (never `//evil.example` or a full URL),
 * and never back to the log-in pages themselves. Anything else is the home page.
 */
export function safeNext(next: string | null | undefined): string {
  // Backslashes count as slashes to browsers (`/\evil.example`); control characters are dropped by them.
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\p{Cc}\\]/u.test(next)) return '/';
  const path = next.split(/[?#]/)[0] ?? '';
  if (path === '/login' || path === '/signup') return '/';
  return next;
}

export type Route =
  | { name: 'home' }
  | { name: 'worldcup'; id: string }
  | { name: 'ranking'; id: string; tab: RankingTab }
  | { name: 'arena'; id: string }
  | { name: 'aboutRanking' }
  | { name: 'play'; gameId: string }
  | { name: 'result'; id: string }
  | { name: 'create' }
  | { name: 'edit'; id: string }
  | { name: 'mine' }
  | { name: 'auth'; mode: AuthMode }
  | { name: 'admin'; status: ReportStatus }
  | { name: 'room'; code: string }
  | { name: 'roomOverlay'; code: string }
  | { name: 'roomResults'; code: string }
  | { name: 'embedPlay'; id: string }
  | { name: 'embedRanking'; id: string }
  | { name: 'notfound' };

/** The embed pages (/embed/w/ID, /embed/w/ID/ranking): shown inside other sites, without the site's header. */
export const isEmbed = (route: Route): route is Extract<Route, { name: 'embedPlay' | 'embedRanking' }> =>
  route.name === 'embedPlay' || route.name === 'embedRanking';

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'w' && b && parts.length === 2) return { name: 'worldcup', id: b };
  // Before the ranking views: every other /w/ID/<segment> is a ranking tab or nothing.
  if (a === 'w' && b && c === 'arena' && parts.length === 3) return { name: 'arena', id: b };
  const tab = c === undefined ? undefined : TAB_SEGMENT.get(c);
  if (a === 'w' && b && tab && parts.length === 3) return { name: 'ranking', id: b, tab };
  if (a === 'embed' && b === 'w' && c && parts.length === 3) return { name: 'embedPlay', id: c };
  if (a === 'embed' && b === 'w' && c && d === 'ranking' && parts.length === 4) return { name: 'embedRanking', id: c };
  if (a === 'about' && b === 'ranking' && parts.length === 2) return { name: 'aboutRanking' };
  if (a === 'play' && b && parts.length === 2) return { name: 'play', gameId: b };
  if (a === 's' && b && parts.length === 2) return { name: 'result', id: b };
  // Room codes are case-insensitive (the server upper-cases them): one spelling on the page.
  if (a === 'r' && b && parts.length === 2) return { name: 'room', code: b.toUpperCase() };
  if (a === 'r' && b && c === 'overlay' && parts.length === 3) return { name: 'roomOverlay', code: b.toUpperCase() };
  if (a === 'r' && b && c === 'results' && parts.length === 3) return { name: 'roomResults', code: b.toUpperCase() };
  if (a === 'create' && parts.length === 1) return { name: 'create' };
  if (a === 'edit' && b && parts.length === 2) return { name: 'edit', id: b };
  if (a === 'mine' && parts.length === 1) return { name: 'mine' };
  if ((a === 'login' || a === 'signup') && parts.length === 1) return { name: 'auth', mode: a };
  if (a === 'admin' && parts.length === 1) return { name: 'admin', status: 'open' };
  if (a === 'admin' && (b === 'resolved' || b === 'dismissed') && parts.length === 2) return { name: 'admin', status: b };
  return { name: 'notfound' };
}
