/** The home page's filters, mirrored in the address bar (?q=&tag=&sort=) so back/forward keep them. */
export type Sort = 'popular' | 'new';

export interface HomeQuery {
  q: string;
  tag: string;
  sort: Sort;
}

export function readHomeQuery(search: string): HomeQuery {
  const params = new URLSearchParams(search);
  return { q: params.get('q')?.trim() ?? '', tag: params.get('tag') ?? '', sort: params.get('sort') === 'new' ? 'new' : 'popular' };
}

export function writeHomeQuery(query: HomeQuery): void {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.tag) params.set('tag', query.tag);
  if (query.sort !== 'popular') params.set('sort', query.sort);
  const s = params.toString();
  history.replaceState(history.state, '', s ? `/?${s}` : '/');
}
