import type { Candidate } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { CandidateRow } from '../store/worldcups-repo.js';
import { presentCandidate } from './present.js';
import { SizedLru } from './sized-lru.js';

export interface CandidateSet {
  worldcupId: string;
  title: string;
  /** The starter world cup's key, or null: what localize.ts finds its translations by. */
  slug: string | null;
  /**
   * The active candidates, plus removed ones that games drawn before an edit still show, loaded
   * when such a game asks for them (`include`): reads never load a world cup's removed rows.
   */
  byId: ReadonlyMap<string, Candidate>;
  /** Candidates a new game can draw, in display order. */
  active: readonly Candidate[];
  loadedAt: number;
  /** About what the set takes in memory (the cache's budget counts it). */
  bytes: number;
}

/** Memory of presented candidates: their JSON size twice over (UTF-16 strings) plus object overhead each. */
function approxBytes(candidates: readonly Candidate[]): number {
  let bytes = 400;
  for (const c of candidates) bytes += 2 * JSON.stringify(c).length + 300;
  return bytes;
}

/**
 * Presented candidates per world cup, so answering a pick (which shows the next two candidates)
 * costs no extra queries. Edits on this instance invalidate at once; an edit made on another
 * instance is seen within `ttlMs`.
 */
export class CandidateCache {
  private readonly entries: SizedLru<CandidateSet>;
  /** Loads in flight, shared by every caller: an expiry under load costs one query, not one per request. */
  private readonly loading = new Map<string, Promise<CandidateSet | undefined>>();

  constructor(
    private readonly store: Store,
    maxBytes = 64 * 1024 * 1024,
    private readonly ttlMs = 5_000,
  ) {
    this.entries = new SizedLru(maxBytes, (set) => set.bytes);
  }

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
    const active = await this.present(await this.store.worldcups.candidates(worldcupId));
    const set: CandidateSet = {
      worldcupId,
      title: row.title,
      slug: row.slug,
      byId: new Map(active.map((c) => [c.id, c])),
      active,
      loadedAt: Date.now(),
      bytes: approxBytes(active),
    };
    this.entries.set(worldcupId, set);
    return set;
  }

  /**
   * `set` with these candidates of its world cup in `byId`, removed ones included (a game drawn
   * before an edit shows them). They join the cached set, so the game's next pick finds them.
   */
  async include(set: CandidateSet, ids: readonly string[]): Promise<CandidateSet> {
    const missing = ids.filter((id) => !set.byId.has(id));
    if (missing.length === 0) return set;
    const rows = (await this.store.worldcups.candidatesByIds(missing)).filter((c) => c.worldcup_id === set.worldcupId);
    const byId = new Map(set.byId);
    for (const c of await this.present(rows)) byId.set(c.id, c);
    const widened = { ...set, byId, bytes: set.bytes + approxBytes([...byId.values()].slice(set.byId.size)) };
    if (this.entries.get(set.worldcupId) === set) this.entries.set(set.worldcupId, widened);
    return widened;
  }

  private async present(rows: readonly CandidateRow[]): Promise<Candidate[]> {
    const imageIds = rows.flatMap((c) => (c.image_id ? [c.image_id] : []));
    const uploads = new Map((await this.store.uploads.meta(imageIds)).map((u) => [u.id, u]));
    return rows.map((c) => presentCandidate(c, uploads));
  }

  invalidate(worldcupId: string): void {
    this.entries.delete(worldcupId);
  }
}
