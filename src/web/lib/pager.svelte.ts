/**
 * A list loaded page by page through an API cursor (home, my world cups, the report queue): the
 * first page afresh on every reload, later pages appended without duplicates. An answer that
 * arrives after a newer reload started is dropped, so a slow answer to an old query never
 * replaces the current one. Failures reject for the page to report in its own way; a superseded
 * request's failure is dropped like its answer.
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor: string | null) => Promise<CursorPage<T>>;

export class CursorPager<T extends { id: string }> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(true);
  loadingMore = $state(false);
  private seq = 0;

  constructor(private fetchPage: FetchPage<T>) {}

  /** Loads the first page; `fetchPage` replaces the query from now on; `clear` empties the list meanwhile. */
  async reload(opts: { fetchPage?: FetchPage<T>; clear?: boolean } = {}): Promise<void> {
    if (opts.fetchPage) this.fetchPage = opts.fetchPage;
    const mine = ++this.seq;
    const fetchPage = this.fetchPage;
    this.loading = true;
    if (opts.clear) {
      this.items = [];
      this.nextCursor = null;
    }
    try {
      const page = await fetchPage(null);
      if (mine !== this.seq) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (mine === this.seq) throw error;
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }

  /** Appends the next page, if there is one and none is on its way. */
  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const mine = this.seq;
    const fetchPage = this.fetchPage;
    this.loadingMore = true;
    try {
      const page = await fetchPage(this.nextCursor);
      if (mine !== this.seq) return;
      // A plain lookup, not a Set: it lives for this one append and nothing renders it.
      const seen: Record<string, true> = Object.fromEntries(this.items.map((i) => [i.id, true]));
      this.items = [...this.items, ...page.items.filter((i) => !Object.hasOwn(seen, i.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (mine === this.seq) throw error;
    } finally {
      this.loadingMore = false;
    }
  }
}
