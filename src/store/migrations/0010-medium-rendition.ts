/**
 * A third rendition of uploaded images: ≤ 720 px wide (README "Page weight"), what a phone's match
 * card needs, where the 1280 px image is two to three times the bytes. Nullable: uploads made
 * before it get theirs on first request (UploadService.file), and images no wider than 720 px have
 * none (their image is already that size).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { columnTypes } from './columns.js';
import type { AnyDb } from './index.js';

export function mediumRendition(dialect: Dialect): Migration {
  const { blob } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('uploads').addColumn('medium', blob).execute();
    },
  };
}
