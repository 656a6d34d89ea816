/**
 * Upload housekeeping: `uploads.bytes` counts what an upload stores (image and thumbnail), for the
 * per-owner quota, and the indexes the quota check and the orphan sweep look things up by.
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

// length() of a blob/bytea is its size in bytes on both dialects, so the dialect is not consulted.
export function uploadHousekeeping(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Until now `bytes` was the image alone; the quota counts the thumbnail too.
      await sql`update uploads set bytes = length(image) + length(thumb)`.execute(db);
      // "Bytes stored by this owner": a SUM read from the index alone, never from the blobs' rows.
      await db.schema.createIndex('uploads_owner_bytes').on('uploads').columns(['owner', 'bytes']).execute();
      // The sweep walks uploads older than the grace period in (created_at, id) pages.
      await db.schema.createIndex('uploads_created').on('uploads').columns(['created_at', 'id']).execute();
      // "Does anything use this upload?", asked by the sweep and by the foreign-key check of every
      // deleted upload (without it, each deletion scans all candidates). Partial: text and video
      // candidates have no image.
      await db.schema
        .createIndex('candidates_image')
        .on('candidates')
        .column('image_id')
        .where('image_id', 'is not', null)
        .execute();
      await db.schema
        .createIndex('worldcups_cover_image')
        .on('worldcups')
        .column('cover_image_id')
        .where('cover_image_id', 'is not', null)
        .execute();
    },
  };
}
