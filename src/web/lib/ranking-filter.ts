/**
 * The ranking page's filter (issue 13): which votes the table is computed from (`?source=`) and,
 * for a prompted world cup, which prompt category (`?category=`). Kept in the page's query, so a
 * shared link shows the same table; pure, so the tests can run it without a browser.
 */
import type { RankingSource } from '../../shared/arena-settings.js';

export const RANKING_SOURCES = ['all', 'bracket', 'arena', 'blind'] as const satisfies readonly RankingSource[];

export interface RankingFilter {
  source: RankingSource;
  category: string | null;
}

const SOURCES: readonly RankingSource[] = ['all', 'bracket', 'arena', 'blind', 'room'];

const isSource = (value: string | null): value is RankingSource => value !== null && (SOURCES as readonly string[]).includes(value);

/** The filter a query string asks for; anything unknown is the default (all votes, every category). */
export function readFilter(search: string): RankingFilter {
  const params = new URLSearchParams(search);
  const source = params.get('source');
  const category = params.get('category')?.trim() ?? '';
  return { source: isSource(source) ? source : 'all', category: category === '' ? null : category };
}

/** The query string for a filter, '' for the default one (the plain /w/ID/ranking address). */
export function filterSearch(filter: RankingFilter): string {
  const params = new URLSearchParams();
  if (filter.source !== 'all') params.set('source', filter.source);
  if (filter.category !== null) params.set('category', filter.category);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Whether the table is of a part of the votes only: then the live stream's deltas (of all votes) do not apply. */
export function isFiltered(filter: RankingFilter): boolean {
  return filter.source !== 'all' || filter.category !== null;
}

/** The ranking request's query for a filter. */
export function filterQuery(filter: RankingFilter): { source: RankingSource; category?: string } {
  return filter.category === null ? { source: filter.source } : { source: filter.source, category: filter.category };
}

/**
 * Runs `fn` at most once per `ms`: at once when it last ran longer ago, else once at the end of
 * the pause (however many calls came meanwhile).
 */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): { call(): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = last + ms - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
