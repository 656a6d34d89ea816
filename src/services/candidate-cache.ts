import type { Candidate } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import { presentCandidate } from './present.js';

export interface CandidateSet {
  worldcupId: string;
  title: string;
  /** Every candidate, removed ones too: a game drawn before an edit still shows them. */
  byId: ReadonlyMap<string, Candidate>;
  /** Candidates a new game can draw, in display order. */
  active: readonly Candidate[];
  loadedAt: number;
}

/**
 * Presented candidates per world cup, so answering a pick (which shows the next two candidates)
 * costs no extra queries. Edits on this instance invalidate at once; an edit made on another
 * instance is seen within `ttlMs`.
 */
export class CandidateCache {
  private readonly entries = new Map<string, CandidateSet>();
  /** Loads in flight, shared by every caller: an expiry under load costs one query, not one per request. */
  private readonly loading = new Map<string, Promise<CandidateSet | undefined>>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 2_000,
  ) {}

  /**
   * The world cup's candidates. An expired entry is still returned at once while a refresh runs in
   * the background (the hot path never waits for it); `force` waits for fresh data.
   */
  async load(worldcupId: string, opts: { force?: boolean } = {}): Promise<CandidateSet | undefined> {
    const hit = this.entries.get(worldcupId);
    if (hit && !opts.force) {
      if (Date.now() - hit.loadedAt >= this.ttlMs) this.refresh(worldcupId).catch(() => undefined);
      return hit;
    }
    return this.refresh(worldcupId);
  }

  private refresh(worldcupId: string): Promise<CandidateSet | undefined> {
    let pending = this.loading.get(worldcupId);
    if (!pending) {
      pending = this.fetch(worldcupId).finally(() => this.loading.delete(worldcupId));
      this.loading.set(worldcupId, pending);
    }
    return pending;
  }

  private async fetch(worldcupId: string): Promise<CandidateSet | undefined> {
    const row = await this.store.worldcups.get(worldcupId);
    if (!row) {
      this.entries.delete(worldcupId);
      return undefined;
    }
    const rows = await this.store.worldcups.candidates(worldcupId, { includeRemoved: true });
    const imageIds = rows.flatMap((c) => (c.image_id ? [c.image_id] : []));
    const uploads = new Map((await this.store.uploads.meta(imageIds)).map((u) => [u.id, u]));
    const byId = new Map(rows.map((c) => [c.id, presentCandidate(c, uploads)]));
    const active = rows.filter((c) => c.active === 1).map((c) => byId.get(c.id) as Candidate);
    const set: CandidateSet = { worldcupId, title: row.title, byId, active, loadedAt: Date.now() };
    this.entries.delete(worldcupId); // re-insert at the end: Map order is our LRU order
    this.entries.set(worldcupId, set);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return set;
  }

  invalidate(worldcupId: string): void {
    this.entries.delete(worldcupId);
  }
}
