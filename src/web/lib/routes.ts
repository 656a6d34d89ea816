/** The app's URL shapes (pure: no browser state), parsed into a typed route. */

export type Route =
  | { name: 'home' }
  | { name: 'worldcup'; id: string }
  | { name: 'ranking'; id: string }
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
  if (a === 'w' && b && c === 'ranking' && parts.length === 3) return { name: 'ranking', id: b };
  if (a === 'play' && b && parts.length === 2) return { name: 'play', gameId: b };
  if (a === 'create' && parts.length === 1) return { name: 'create' };
  if (a === 'edit' && b && parts.length === 2) return { name: 'edit', id: b };
  if (a === 'mine' && parts.length === 1) return { name: 'mine' };
  return { name: 'notfound' };
}
