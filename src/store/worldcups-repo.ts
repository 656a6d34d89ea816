import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { Dialect } from './db.js';
import type { CandidatesTable, Database, WorldcupsTable } from './schema.js';

export type WorldcupRow = Selectable<WorldcupsTable>;
/** A world cup as created: never hidden yet, no votes excluded yet. */
export type NewWorldcupRow = Omit<WorldcupRow, 'hidden_at' | 'excluded_votes' | 'arena'>;
export type CandidateRow = Selectable<CandidatesTable>;
/** A row of a listing; a random-order listing also carries each row's key, for the next page's cursor. */
export type ListedWorldcup = WorldcupRow & { random_key?: number };
export type NewCandidateRow = Omit<CandidateRow, 'appearances' | 'championships'>;

export interface ListFilter {
  sort: 'popular' | 'new' | 'random';
  /** The shuffle of `random`: the same seed gives the same order, so its pages never overlap. */
  seed?: number | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  /** Keyset cursor: the sort value and id of the last row of the previous page. */
  after?: { value: number; id: string } | undefined;
  limit: number;
  /** Owner listing ("my world cups") includes every visibility and hidden ones; otherwise public, not hidden, only. */
  owner?: string | undefined;
}

/** A prime just below 2^31: random-order keys lie in [0, RANDOM_MODULUS), an int4 and a safe cursor value. */
export const RANDOM_MODULUS = 2_147_483_647;
/** Characters of the id that the random order hashes (world cup ids are 12 base62 characters). */
const HASHED_CHARS = 12;

/**
 * The weights of the random order's hash for a seed: Σ weight_k · code(id[k]) mod p is a universal
 * hash of the id (a random linear function modulo a prime), so each seed shuffles the world cups
 * differently while every page of one seed follows the same order. mulberry32 spreads the seed.
 */
function randomWeights(seed: number): number[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: HASHED_CHARS }, () => 1 + Math.floor(next() * (RANDOM_MODULUS - 1)));
}

/** LIKE pattern for a literal substring (our own escape character, so `%` and `_` match themselves). */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class WorldcupRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async insert(row: NewWorldcupRow, tags: readonly string[], candidates: readonly NewCandidateRow[]): Promise<void> {
    await this.db.insertInto('worldcups').values(row).execute();
    await this.replaceTags(row.id, tags);
    await this.insertCandidates(candidates);
    await this.indexSearch(row.id, row.search_text);
  }

  private async insertCandidates(candidates: readonly NewCandidateRow[]): Promise<void> {
    // Chunked: SQLite caps bound parameters per statement (32766) and a 1024-candidate insert has ~13k.
    for (let i = 0; i < candidates.length; i += 200) {
      await this.db.insertInto('candidates').values(candidates.slice(i, i + 200)).execute();
    }
  }

  private async replaceTags(id: string, tags: readonly string[]): Promise<void> {
    await this.db.deleteFrom('worldcup_tags').where('worldcup_id', '=', id).execute();
    const unique = [...new Set(tags)];
    if (unique.length > 0) {
      await this.db.insertInto('worldcup_tags').values(unique.map((tag) => ({ worldcup_id: id, tag }))).execute();
    }
  }

  private async indexSearch(id: string, text: string): Promise<void> {
    // PostgreSQL indexes worldcups.search_text directly (pg_trgm); SQLite keeps an FTS5 trigram copy.
    if (this.dialect !== 'sqlite') return;
    await this.db.deleteFrom('worldcup_search').where('worldcup_id', '=', id).execute();
    await this.db.insertInto('worldcup_search').values({ worldcup_id: id, body: text }).execute();
  }

  get(id: string): Promise<WorldcupRow | undefined> {
    return this.db.selectFrom('worldcups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getMany(ids: readonly string[]): Promise<WorldcupRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('worldcups').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  }

  getBySlug(slug: string): Promise<WorldcupRow | undefined> {
    return this.db.selectFrom('worldcups').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** Candidates in display order; removed ones only when asked (games in flight still show them). */
  candidates(worldcupId: string, opts: { includeRemoved?: boolean } = {}): Promise<CandidateRow[]> {
    let q = this.db.selectFrom('candidates').selectAll().where('worldcup_id', '=', worldcupId);
    if (!opts.includeRemoved) q = q.where('active', '=', 1);
    return q.orderBy('position').execute();
  }

  candidatesByIds(ids: readonly string[]): Promise<CandidateRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('candidates').selectAll().where('id', 'in', ids).execute();
  }

  /**
   * The random order's key of each row for `seed`, in SQL both dialects run: character codes times
   * the seed's weights, in 64-bit integers (each product < 2^38, so the sum never overflows).
   * SQLite's unicode() is PostgreSQL's ascii() (our ids are ASCII); past the id's end both are 0.
   */
  private randomKey(seed: number): RawBuilder<number> {
    const code = this.dialect === 'postgres' ? 'ascii' : 'unicode';
    const terms = randomWeights(seed).map(
      (w, k) => sql`CAST(coalesce(${sql.raw(code)}(substr(worldcups.id, ${sql.lit(k + 1)}, 1)), 0) AS BIGINT) * CAST(${sql.lit(w)} AS BIGINT)`,
    );
    return sql<number>`((${sql.join(terms, sql` + `)}) % ${sql.lit(RANDOM_MODULUS)})`;
  }

  /** The world cups a listing may show: public and not hidden (or the owner's), matching tag and search. */
  private filtered(filter: ListFilter) {
    let q = this.db.selectFrom('worldcups').selectAll('worldcups');
    q =
      filter.owner === undefined
        ? q.where('visibility', '=', 'public').where('hidden_at', 'is', null)
        : q.where('owner', '=', filter.owner);
    if (filter.tag) {
      const tag = filter.tag.toLowerCase();
      q = q.where('id', 'in', (eb) => eb.selectFrom('worldcup_tags').select('worldcup_id').where('tag', '=', tag));
    }
    const needle = filter.q?.toLowerCase();
    if (needle) {
      const pattern = likePattern(needle);
      if (this.dialect === 'postgres') {
        // pg_trgm's GIN index serves ILIKE for needles of 3+ characters; shorter ones scan.
        q = q.where(sql<boolean>`search_text ILIKE ${pattern} ESCAPE '\\'`);
      } else if ([...needle].length >= 3) {
        // FTS5 trigram: MATCH with a quoted phrase is an indexed substring search.
        const phrase = `"${needle.replace(/"/g, '""')}"`;
        q = q.where('id', 'in', (eb) =>
          eb.selectFrom('worldcup_search').select('worldcup_id').where(sql<boolean>`worldcup_search MATCH ${phrase}`),
        );
      } else {
        // Trigrams cannot index 1–2 character needles ("드림"); a LIKE scan over search_text is still fast.
        q = q.where(sql<boolean>`search_text LIKE ${pattern} ESCAPE '\\'`);
      }
    }
    return q;
  }

  /** A shuffled listing (`seed`), paged by its key like the other sorts by their column. */
  private async listRandom(filter: ListFilter): Promise<(WorldcupRow & { random_key: number })[]> {
    const key = this.randomKey(filter.seed ?? 0);
    let q = this.filtered(filter).select(key.as('random_key'));
    if (filter.after) {
      const { value, id } = filter.after;
      q = q.where((eb) => eb.or([eb(key, '>', value), eb.and([eb(key, '=', value), eb('worldcups.id', '>', id)])]));
    }
    const rows = await q.orderBy(key).orderBy('worldcups.id').limit(filter.limit).execute();
    // PostgreSQL returns the bigint key as a string.
    return rows.map((r) => ({ ...r, random_key: Number(r.random_key) }));
  }

  async list(filter: ListFilter): Promise<ListedWorldcup[]> {
    if (filter.sort === 'random') return this.listRandom(filter);
    const sortColumn = filter.sort === 'new' ? 'created_at' : 'plays';
    let q = this.filtered(filter);
    if (filter.after) {
      const { value, id } = filter.after;
      q = q.where((eb) =>
        eb.or([eb(sortColumn, '<', value), eb.and([eb(sortColumn, '=', value), eb('id', '<', id)])]),
      );
    }
    return q.orderBy(sortColumn, 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  }

  /** Tags of public (not hidden) world cups by how many use them. */
  popularTags(limit: number): Promise<{ tag: string; count: number }[]> {
    return this.db
      .selectFrom('worldcup_tags')
      .innerJoin('worldcups', 'worldcups.id', 'worldcup_tags.worldcup_id')
      .where('worldcups.visibility', '=', 'public')
      .where('worldcups.hidden_at', 'is', null)
      .select(['worldcup_tags.tag as tag', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('worldcup_tags.tag')
      .orderBy('count', 'desc')
      .orderBy('tag')
      .limit(limit)
      .execute();
  }

  async update(
    id: string,
    fields: Partial<Pick<WorldcupRow, 'title' | 'description' | 'visibility' | 'tags' | 'search_text' | 'candidate_count' | 'cover_image_id' | 'updated_at'>>,
    tags?: readonly string[],
  ): Promise<void> {
    await this.db.updateTable('worldcups').set(fields).where('id', '=', id).execute();
    if (tags) await this.replaceTags(id, tags);
    if (fields.search_text !== undefined) await this.indexSearch(id, fields.search_text);
  }

  /** Hides (a time) or unhides (null) a world cup; false when there is no such world cup. */
  async setHidden(id: string, hiddenAt: number | null): Promise<boolean> {
    const result = await this.db.updateTable('worldcups').set({ hidden_at: hiddenAt }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Applies an edited candidate list: updates kept ones, inserts new ones, deactivates dropped ones. */
  async replaceCandidates(
    worldcupId: string,
    kept: readonly NewCandidateRow[],
    added: readonly NewCandidateRow[],
    removedIds: readonly string[],
  ): Promise<void> {
    // PostgreSQL: the rows in id order first, as a delete does, so that two edits (which list them
    // in any order) or an edit and a deletion wait for each other rather than deadlock.
    if (this.dialect === 'postgres') await this.lockRowsOf('candidates', worldcupId);
    for (const c of kept) {
      const { id, worldcup_id: _wc, ...fields } = c;
      await this.db.updateTable('candidates').set(fields).where('id', '=', id).where('worldcup_id', '=', worldcupId).execute();
    }
    await this.insertCandidates(added);
    if (removedIds.length > 0) {
      await this.db
        .updateTable('candidates')
        .set({ active: 0 })
        .where('worldcup_id', '=', worldcupId)
        .where('id', 'in', removedIds)
        .execute();
    }
  }

  /**
   * Deletes the world cup's removed candidates that nothing needs: no counted vote (no pair cell
   * names them) and not in `keep` (the entrants of games that may still be played). Without this,
   * every edit that replaces candidates would leave its old rows behind for good. Returns how many.
   */
  async purgeRemovedCandidates(worldcupId: string, keep: ReadonlySet<string>): Promise<number> {
    const removed = await this.db
      .selectFrom('candidates')
      .select('id')
      .where('worldcup_id', '=', worldcupId)
      .where('active', '=', 0)
      .where((eb) =>
        eb.and([
          eb.not(eb.exists(eb.selectFrom('pair_counts').select('lo_id').where('pair_counts.worldcup_id', '=', worldcupId).whereRef('pair_counts.lo_id', '=', 'candidates.id'))),
          eb.not(eb.exists(eb.selectFrom('pair_counts').select('hi_id').where('pair_counts.worldcup_id', '=', worldcupId).whereRef('pair_counts.hi_id', '=', 'candidates.id'))),
        ]),
      )
      .execute();
    const doomed = removed.map((r) => r.id).filter((id) => !keep.has(id));
    // Chunked like inserts: SQLite caps bound parameters per statement.
    for (let i = 0; i < doomed.length; i += 500) {
      await this.db.deleteFrom('candidates').where('worldcup_id', '=', worldcupId).where('id', 'in', doomed.slice(i, i + 500)).execute();
    }
    return doomed.length;
  }

  async delete(id: string): Promise<void> {
    if (this.dialect === 'sqlite') {
      await this.db.deleteFrom('worldcup_search').where('worldcup_id', '=', id).execute();
    } else {
      // PostgreSQL row locks: a pick locks its game first, then pair cells, candidates and the world
      // cup; an edit locks candidates, then the world cup. The cascade below locks the world cup
      // first and its children after, the opposite order, and so deadlocked with both. Taking the
      // games, then the candidates (each in id order) first makes this delete wait for those writes
      // instead. (SQLite has no row locks: one writer at a time, and no FOR UPDATE.)
      await this.lockRowsOf('games', id);
      await this.lockRowsOf('candidates', id);
    }
    // Foreign keys cascade to tags, candidates, games, picks and pair counts.
    await this.db.deleteFrom('worldcups').where('id', '=', id).execute();
  }

  /** PostgreSQL: locks a world cup's rows of `table` for the rest of the transaction, in id order. */
  private async lockRowsOf(table: 'games' | 'candidates', worldcupId: string): Promise<void> {
    // Counted, not returned: a world cup may have many thousands of games, and only the locks matter.
    await this.db
      .selectFrom((eb) => eb.selectFrom(table).select('id').where('worldcup_id', '=', worldcupId).orderBy('id').forUpdate().as('locked'))
      .select((eb) => eb.fn.countAll().as('n'))
      .execute();
  }
}
