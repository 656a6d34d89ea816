/** The home page's filters, mirrored in the address bar (?q=&tag=&sort=&seed=) so back/forward keep them. */
export type Sort = 'popular' | 'new' | 'random';

export interface HomeQuery {
  q: string;
  tag: string;
  sort: Sort;
  /** The shuffle of `random`, kept in the address so paging, back and a shared link show one order. */
  seed?: number | undefined;
}

const SEED_MAX = 2 ** 31 - 1;

/** A new shuffle: each visit to 랜덤 (and each click on it) draws one. */
export const newSeed = (): number => Math.floor(Math.random() * SEED_MAX);

function readSeed(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= SEED_MAX ? n : undefined;
}

export function readHomeQuery(search: string): HomeQuery {
  const params = new URLSearchParams(search);
  const raw = params.get('sort');
  const sort: Sort = raw === 'new' || raw === 'random' ? raw : 'popular';
  return { q: params.get('q')?.trim() ?? '', tag: params.get('tag') ?? '', sort, seed: sort === 'random' ? (readSeed(params.get('seed')) ?? newSeed()) : undefined };
}

export function writeHomeQuery(query: HomeQuery): void {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.tag) params.set('tag', query.tag);
  if (query.sort !== 'popular') params.set('sort', query.sort);
  if (query.sort === 'random' && query.seed !== undefined) params.set('seed', String(query.seed));
  const s = params.toString();
  history.replaceState(history.state, '', s ? `/?${s}` : '/');
}
