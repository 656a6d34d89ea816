import type { Kysely, Selectable } from 'kysely';
import type { Database, UploadsTable } from './schema.js';

export type UploadRow = Selectable<UploadsTable>;
export type UploadMeta = Omit<UploadRow, 'image' | 'thumb'>;

export class UploadRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: UploadRow): Promise<void> {
    await this.db.insertInto('uploads').values(row).execute();
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
}
