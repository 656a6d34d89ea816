import { API_PREFIX } from './define.js';

/**
 * The URL of a route of the tables, as a client requests it: each `:name` of its path replaced by
 * its percent-encoded param (a `/` or `?` in an id stays inside its segment), and the query's values
 * that say something (not undefined, null or '') appended. Kept apart from the web client (which
 * needs the DOM) so it is tested without a browser.
 */
export function urlOf(route: { path: string }, params: Record<string, string | number> = {}, query: object = {}): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if ((typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean') search.set(key, String(value));
  }
  const qs = search.toString();
  return `${API_PREFIX}${path}${qs ? `?${qs}` : ''}`;
}
