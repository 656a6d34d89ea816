import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, UploadsTable } from './schema.js';

export type UploadRow = Selectable<UploadsTable>;
export type UploadMeta = Omit<UploadRow, 'image' | 'thumb' | 'medium'>;

/** Where a walk over uploads in (created_at, id) order stopped. */
export interface UploadCursor {
  created_at: number;
  id: string;
}

export class UploadRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: UploadRow): Promise<void> {
    await this.db.insertInto('uploads').values(row).execute();
  }

  /**
   * Inserts `row` only if its owner's stored bytes stay ≤ `quotaBytes` with it; false when they
   * would not. One statement, so on SQLite (one writer at a time) the check and the insert are
   * atomic. On PostgreSQL two uploads of one owner committing at the same moment on different
   * connections may both pass: the overshoot is bounded by the uploads in flight at once.
   */
  async insertWithinQuota(row: UploadRow, quotaBytes: number): Promise<boolean> {
    const stored = this.db
      .selectFrom('uploads')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('bytes'), sql.lit(0)).as('stored'))
      .where('owner', '=', row.owner);
    const result = await this.db
      .insertInto('uploads')
      .columns(['id', 'owner', 'width', 'height', 'bytes', 'image', 'thumb', 'medium', 'created_at'])
      .expression(
        this.db
          .selectNoFrom((eb) => [
            eb.val(row.id).as('id'),
            eb.val(row.owner).as('owner'),
            eb.val(row.width).as('width'),
            eb.val(row.height).as('height'),
            eb.val(row.bytes).as('bytes'),
            eb.val(row.image).as('image'),
            eb.val(row.thumb).as('thumb'),
            eb.val(row.medium).as('medium'),
            eb.val(row.created_at).as('created_at'),
          ])
          .where(sql<number>`(${stored}) + ${row.bytes}`, '<=', quotaBytes),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Bytes (every rendition) stored by `owner`: read from the (owner, bytes) index alone. */
  async storedBytes(owner: string): Promise<number> {
    const row = await this.db
      .selectFrom('uploads')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('bytes'), sql.lit(0)).as('stored'))
      .where('owner', '=', owner)
      .executeTakeFirstOrThrow();
    return Number(row.stored);
  }

  /** Metadata of the given uploads (the bytes stay in the database). */
  meta(ids: readonly string[]): Promise<UploadMeta[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('uploads')
      .select(['id', 'owner', 'width', 'height', 'bytes', 'created_at'])
      .where('id', 'in', [...ids])
      .execute();
  }

  async bytes(id: string, variant: 'image' | 'thumb'): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('uploads').select(variant).where('id', '=', id).executeTakeFirst();
    return row ? Buffer.from(row[variant]) : undefined;
  }

  /** The 720 px rendition (null when there is none yet) and the image's width; undefined: no such upload. */
  async medium(id: string): Promise<{ medium: Buffer | null; width: number } | undefined> {
    const row = await this.db.selectFrom('uploads').select(['medium', 'width']).where('id', '=', id).executeTakeFirst();
    return row ? { medium: row.medium ? Buffer.from(row.medium) : null, width: row.width } : undefined;
  }

  /**
   * Stores a medium rendition made after the upload (uploads from before migration 0010), counted
   * in the owner's stored bytes. Only if it has none yet: of two instances making it at once, the
   * first one's is kept and counted once.
   */
  async setMedium(id: string, medium: Buffer): Promise<void> {
    await this.db
      .updateTable('uploads')
      .set((eb) => ({ medium, bytes: eb('bytes', '+', medium.length) }))
      .where('id', '=', id)
      .where('medium', 'is', null)
      .execute();
  }

  /** Up to `limit` uploads made before `createdBefore`, in (created_at, id) order after `after`. */
  createdBefore(createdBefore: number, after: UploadCursor | undefined, limit: number): Promise<UploadCursor[]> {
    let query = this.db
      .selectFrom('uploads')
      .select(['created_at', 'id'])
      .where('created_at', '<', createdBefore)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit);
    if (after) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.created_at, after.id)));
    return query.execute();
  }

  /**
   * Deletes those of `ids` that no candidate shows and no world cup has as its cover; returns how
   * many. A candidate committed meanwhile makes the foreign key refuse the deletion (an error),
   * never leaves a candidate without its image.
   */
  async deleteUnused(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .deleteFrom('uploads')
      .where('id', 'in', [...ids])
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('candidates').select(sql.lit(1).as('used')).whereRef('candidates.image_id', '=', 'uploads.id'))),
      )
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('worldcups').select(sql.lit(1).as('used')).whereRef('worldcups.cover_image_id', '=', 'uploads.id'))),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
